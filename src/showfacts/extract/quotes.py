"""Direct quotations and who said them.

A quotation is a stretch between quote marks that stands as an utterance: it opens a
sentence or paragraph, follows a colon or a speech verb, or is followed by an attribution
(", she said"). The speaker is named beside it, or referred to by a pronoun, or named in
the paragraph before a paragraph that is all quotation. A quotation may run over several
paragraphs (each opening with a quote mark, only the last closing it). Editorial brackets
inside are not the speaker's words and are removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from showfacts.extract.doc import OTHER, PERSON, UNKNOWN, Doc, Mention, Sentence
from showfacts.lang import lexicon

OPEN = {"“": "”", '"': '"', "«": "»"}
_BRACKETS = re.compile(r"\s*\[[^\]]{0,300}\]")
# a speaker referred back to: "she said", "said the actress", "the 43-year-old added", "said the New Zealander"
_PRONOUN_SPEECH = (
    r"(?:he|she|the (?:[\w-]+ )?(?:actor|actress|star|director|producer|showrunner|creator|writer|comedian|singer|presenter|host|"
    r"film-maker|filmmaker|novelist|author|\d+-year-old|veteran|executive|comic)|the U\d+)"
)


# what may stand between a speech verb and the speaker it names: "said BBC One controller P3",
# "said Hollywood heavy-hitter and TWC Co-Chairman, P5" (not a preposition: "said in an interview with P2")
_DESCRIBED = (
    r"(?!(?:to|with|in|on|about|of|for|at|by|from|that|when|after|before|while|as|during|into|than|this|last)\b)"
    r"(?:[NOWX]\d+(?:'s)?|[A-Za-z][\w.'-]*),?\s+"
)
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+$")


@dataclass
class QuoteSpan:
    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark (or paragraph end)
    text: str
    para: int
    closed: bool


def find_quote_spans(doc: Doc) -> list[QuoteSpan]:
    """Double-quoted stretches, paragraph by paragraph, joined across paragraphs where a quote runs on."""
    spans: list[QuoteSpan] = []
    for para in doc.paragraphs:
        if para.start >= doc.body_end or para.index == 0:
            continue
        text = doc.text[para.start : para.end]
        i = 0
        while i < len(text):
            ch = text[i]
            if ch in OPEN and (i == 0 or not text[i - 1].isalnum()):
                close = OPEN[ch]
                depth, j = 1, i + 1
                while j < len(text):
                    c = text[j]
                    if ch == "“" and c == "“":
                        depth += 1
                    elif c == close and (ch != '"' or j + 1 == len(text) or not text[j + 1].isalnum()):
                        depth -= 1
                        if depth == 0:
                            break
                    j += 1
                closed = j < len(text)
                end = j + 1 if closed else len(text)
                spans.append(QuoteSpan(para.start + i, para.start + end, text[i + 1 : j], para.index, closed))
                i = end
            else:
                i += 1
    # a quote left open at a paragraph's end runs on when the next paragraph opens one
    merged: list[QuoteSpan] = []
    for span in spans:
        prev = merged[-1] if merged else None
        if prev is not None and not prev.closed and span.para == prev.para + 1 and span.start == doc.paragraphs[span.para].start:
            prev.text = prev.text + " " + span.text
            prev.end, prev.para, prev.closed = span.end, span.para, span.closed
            continue
        if prev is not None and prev.closed and span.para == prev.para and not doc.text[prev.end : span.start].strip():
            prev.text = prev.text + " " + span.text  # '"A." "B."': consecutive stretches, no narration between, are one quote
            prev.end, prev.closed = span.end, span.closed
            continue
        merged.append(span)
    return merged


class QuoteStage:
    name = "quote"

    def __init__(self) -> None:
        verbs = sorted(lexicon().speech_verbs, key=len, reverse=True)
        self.verbs = "|".join(re.escape(v) for v in verbs)
        self.after = re.compile(
            rf"^[\s,.!?–—-]*(?:(?P<pron>{_PRONOUN_SPEECH})\s+(?:{self.verbs})\b|(?:{self.verbs})\s+(?P<pron2>{_PRONOUN_SPEECH})\b|(?:{self.verbs})\s+(?P<slot_a>[PUX]\d+)"
            rf"|(?:(?:[PUXNO]\d+(?:'s)?\s+)?(?:[a-z][\w-]*\s+){{0,3}}?)?(?P<slot_b>[PUX]\d+)\s+(?:has |had |also |later |then )?(?:{self.verbs})\b"
            rf"|according to (?P<slot_c>[PUX]\d+)"
            rf"|(?:{self.verbs})\s+(?:{_DESCRIBED}){{1,6}}?(?P<slot_d>[PU]\d+)\b)",
            re.I,
        )
        self.before = re.compile(
            rf"(?P<slot>[PUX]\d+)(?:,[^,]{{0,80}},)?\s+(?:has |had |also |later |then |once |previously |recently )?(?:{self.verbs})\b(?:[^\"“]{{0,80}}[:,]|)\s*$"
            rf"|(?P<pron>\b{_PRONOUN_SPEECH})\s+(?:{self.verbs})\b(?:[^\"“]{{0,60}}[:,]|)\s*$"
            rf"|(?P<colon>[PUX]\d+)\s*:\s*$"
            rf"|(?:^|[.!?]\s+)(?:{self.verbs})\s+(?P<inverted>[PU]\d+)\s*[:,]?\s*$",
            re.I,
        )
        unnamed = r"\b(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:spokes(?:wo)?man|spokesperson|representative|statement|source|insider|advert|advertisement|release|letter|report)s?\b"
        self.unnamed = re.compile(rf"{unnamed}[^.]{{0,40}}?\b(?:{self.verbs})\b|\b(?:{self.verbs})\s+(?:in\s+)?{unnamed}", re.I)
        self.spoke = re.compile(
            rf"(?P<slot>P\d+)\b(?:(?![PUWNOX]\d)[^.]){{0,40}}?\b(?:{self.verbs}|spoke|gave|talked|opened up|discussed|weighed in|reflected|described|explained|detailed|previewed|teased|addressed)\b",
            re.I,
        )

    def __call__(self, doc: Doc) -> Doc:
        from showfacts.extract.masked import mask

        last_speaker: Mention | None = None
        last_para_speaker: dict[int, Mention] = {}
        for span in find_quote_spans(doc):
            body = _BRACKETS.sub("", span.text).strip()
            words = body.split()
            if len(words) < 4:
                continue
            sent = doc.sentence_at(span.start)
            end_sent = doc.sentence_at(max(span.start, span.end - 1))
            if sent is None:
                continue
            lead = doc.text[sent.start : span.start]
            if _SENTENCE_END.search(lead):
                lead = ""  # the quote opens a new sentence the sentencizer ran on from the last: '..." Lucas said. "The film …'
            masked_lead = mask(doc, sent).text if sent else ""
            standalone = not lead.strip() or lead.rstrip().endswith((":", ",")) or span.start == doc.paragraphs[span.para].start
            speaker: Mention | None = None
            pronoun = False
            # attribution after the quote, in the sentence where the quote ends
            tail_sent = end_sent or sent
            m_tail = mask(doc, tail_sent)
            tail_text = _masked_after(doc, m_tail, span.end)
            if self.unnamed.match(tail_text.lstrip(" ,.!?–—-")):
                continue  # '"…!" the advert said': attributed, to no one named
            hit = self.after.match(tail_text)
            if hit:
                slot = hit.group("slot_a") or hit.group("slot_b") or hit.group("slot_c") or hit.group("slot_d")
                if slot:
                    speaker = m_tail.slots.get(slot)
                elif hit.group("pron") or hit.group("pron2"):
                    pronoun = True
                standalone = True
            if speaker is None and not pronoun and lead.strip():
                lead_masked = _masked_before(doc, mask(doc, sent), span.start)
                bhit = self.before.search(lead_masked)
                if bhit:
                    standalone = True
                    slot = bhit.group("slot") or bhit.group("colon") or bhit.group("inverted")
                    if slot:
                        speaker = mask(doc, sent).slots.get(slot)
                    else:
                        pronoun = True
                elif lead.rstrip().endswith(":"):
                    # 'Osbourne was at a loss to explain it: "…"', 'X praised it, saying: "…"': the sentence's subject
                    subject = re.search(r"\bP\d+\b", lead_masked)
                    if subject:
                        speaker = mask(doc, sent).slots.get(subject.group(0))
                else:
                    standalone = False
            if not standalone:
                continue
            if speaker is None and (pronoun or not lead.strip()):
                speaker = self._previous_speaker(doc, span, sent, last_speaker, last_para_speaker)
            if speaker is None or speaker.kind not in (PERSON, UNKNOWN, OTHER):
                continue
            if speaker.kind != PERSON and len(speaker.words) < 2:
                continue
            del masked_lead
            last_speaker = speaker
            last_para_speaker[span.para] = speaker
            doc.add("quote", span.start, span.end, speaker=speaker.name or speaker.text, text=body)
        return doc

    def _previous_speaker(
        self, doc: Doc, span: QuoteSpan, sent: Sentence, last: Mention | None, by_para: dict[int, Mention]
    ) -> Mention | None:
        from showfacts.extract.masked import mask

        first_para = span.para
        while first_para > 0 and doc.paragraphs[first_para].start > span.start:
            first_para -= 1
        # the paragraph before: a quote's speaker there, or a person who "spoke about" it
        if span.para in by_para:  # a quote running on after one attributed in the same paragraph
            return by_para[span.para]
        # an unnamed speaker since ("A BBC spokeswoman said …"): the quote is theirs, not the last named speaker's
        since = doc.text[doc.paragraphs[max(first_para - 1, 1)].start : span.start]
        last_quote = max(since.rfind("”"), since.rfind('"'))
        if self.unnamed.search(since[last_quote + 1 :]):
            return None
        prev_para = first_para - 1
        if prev_para in by_para:
            return by_para[prev_para]
        people: list[Mention] = []
        for s in doc.sentences[: sent.index + 1][::-1]:
            if s.para < prev_para or s.para == 0:
                break
            if s.start >= span.start:
                continue
            masked = mask(doc, s)
            hits = list(self.spoke.finditer(masked.text))
            hit = hits[-1] if hits else None
            if hit:
                m = masked.slots.get(hit.group("slot"))
                if m is not None:
                    return m
            people.extend(m for m in reversed(s.mentions) if m.kind == PERSON)
        if last is not None and (span.para - 2) <= max(by_para, default=-9):
            return last
        return people[0] if people else last


def _masked_after(doc: Doc, masked: object, offset: int) -> str:
    """The masked text of a sentence from an absolute offset on (approximate: by slot positions)."""
    from showfacts.extract.masked import Masked

    assert isinstance(masked, Masked)
    raw = doc.text[offset : masked.sent.end]
    for slot, m in sorted(masked.slots.items(), key=lambda kv: -kv[1].start):
        if m.start >= offset:
            rel = m.start - offset
            raw = raw[:rel] + slot + raw[rel + (m.end - m.start) :]
    return raw.replace("’", "'").replace("”", '"')


def _masked_before(doc: Doc, masked: object, offset: int) -> str:
    from showfacts.extract.masked import Masked

    assert isinstance(masked, Masked)
    start = masked.sent.start
    raw = doc.text[start:offset]
    for slot, m in sorted(masked.slots.items(), key=lambda kv: -kv[1].start):
        if m.end <= offset:
            rel = m.start - start
            raw = raw[:rel] + slot + raw[rel + (m.end - m.start) :]
    return raw.replace("’", "'").replace("”", '"')
