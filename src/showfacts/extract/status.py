"""Production-status facts: renewed, ordered, cancelled, ending, in development, in
production, wrapped, delayed, from the phrases in lang/en/status.yaml."""

from __future__ import annotations

import re
from functools import cache

from showfacts.extract.context import dominant_work, final_season, work_for
from showfacts.extract.doc import Doc, Sentence
from showfacts.extract.masked import mask
from showfacts.extract.mentions import NETWORK, UNKNOWN, WORK, Mention, season_phrases
from showfacts.lang import lexicon

_ORD = (
    r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|2nd|3rd|4th|5th|6th|7th|8th|9th|10th|\d{1,2}|two|three|four|five|six)"
)
_UNIT = r"(?:season|series|run)"
_PERSON_SUBJECT = re.compile(r"P\d+\b(?:,[^,]{1,100},)? (?:is|are|was|has|have|will)\b")
# a sentence whose subject is the story's own work, unnamed: "The third and final season was filmed in Spain …"
_THE_SERIES = re.compile(
    r"(?:The|This|Its) (?!next\b|new\b|upcoming\b|planned\b|proposed\b)(?:[\w-]+ ){0,3}?(?:season|series|show|film|movie|drama|comedy|sequel)\b"
)
_UNMADE_SEASON = re.compile(r"\b(?:a|another) (?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|new) (?:season|series)\b", re.I)
_NEGATED = re.compile(r"\b(?:not|never|no plans|denied|denies|deny|rumou?rs?|whether|if)\b[^.]{0,30}$", re.I)
_BY_NETWORK = re.compile(r"\b(?:by|at|on|for|from)\s+(?:the\s+)?$", re.I)


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for status, sources in lexicon().status_patterns.items():
        if status == "prefilter":
            continue
        # one alternation per status: a single scan of the sentence for each status
        # every phrase starts at a word: "(?<!\w)" lets the scan skip the inside of words cheaply
        regex = "(?<!\\w)(?:" + "|".join(f"(?:{source})" for source in sources).replace("{ORD}", _ORD).replace("{UNIT}", _UNIT) + ")"
        out.append((status, re.compile(regex, re.IGNORECASE)))
    return out


@cache
def _prefilter() -> re.Pattern[str]:
    stems = sorted((str(stem) for stem in lexicon().status_patterns.get("prefilter", [])), key=len, reverse=True)
    return re.compile("|".join(re.escape(stem) for stem in stems), re.IGNORECASE)


class StatusStage:
    name = "status"

    def __call__(self, doc: Doc) -> Doc:
        for sent in doc.sentences:
            if sent.para == 0:
                continue
            text = doc.text[sent.start : sent.end]
            if not _prefilter().search(text):
                continue  # most sentences state no status: a cheap word check rules them out
            hits: list[tuple[int, int, str]] = []
            for status, pattern in _patterns():
                for m in pattern.finditer(text):
                    hits.append((m.start(), m.end(), status))
            # a longer phrase wins over one inside it ("not be renewed" over "renewed")
            hits = [h for h in hits if not any(o != h and o[0] <= h[0] and h[1] <= o[1] and (o[1] - o[0]) > (h[1] - h[0]) for o in hits)]
            for start, end, status in hits:
                if status not in ("cancelled",) and _NEGATED.search(text[:start]):
                    continue
                inside = [m for m in sent.mentions if m.kind == WORK and sent.start + start <= m.start and m.end <= sent.start + end]
                work = inside[-1] if inside else _object(doc, sent, end, status)  # "picked up X for Season 4"
                if work is None:
                    has_names = any(m.kind == WORK or (m.kind == UNKNOWN and len(m.words) >= 2) for m in sent.mentions)
                    work = _subject(doc, sent) or work_for(
                        doc,
                        sent,
                        near=sent.start + start,
                        allow_topic=status in ("renewed", "cancelled", "ending")
                        or (not has_names and bool(re.match(r"(?:production|filming|shooting|principal|cameras)", text[start:end], re.I)))
                        # "The third and final season … wrapped production": the series the story is about
                        or (not has_names and bool(_THE_SERIES.match(text))),
                    )
                if work is None and status == "in_development" and _PERSON_SUBJECT.match(mask(doc, sent).text):
                    work = dominant_work(doc)  # "Sofia Lind, who directed X, is in negotiations to direct": the story's film
                if work is None:
                    continue
                season = (
                    _season_at(doc, sent, start, end, work)
                    if status in ("renewed", "ending", "cancelled", "ordered")
                    or re.match(r"(?:The|This|Its) [\w\s-]{0,30}\bseason\b", text)
                    else None
                )
                if status == "cancelled" and _UNMADE_SEASON.search(doc.text[sent.start : sent.end]):
                    season = None  # "not to move forward with a second season": the show is cancelled, no season 2 exists
                if work.season is not None and status in ("renewed", "ending", "cancelled"):
                    season = season or work.season
                if season is None and status != "ending" and re.search(r"\b(?:final|last) season\b", text, re.I):
                    season = final_season(doc, work.name or work.text)  # "production on the final season wrapped"
                network = _network(doc, sent, start, end)
                if network is None and work.owner and work.owner in lexicon().networks:
                    network = work.owner  # "HBO Max's The Ember Throne is returning for Season 3"
                if _UNNAMED_OBJECT.search(text[end : max(end, work.start - sent.start)]):
                    continue  # "to direct a new instalment in the X franchise": not X itself
                if work.end <= sent.start + start and _UNNAMED_SUBJECT.search(text[work.end - sent.start : start]):
                    continue  # "X ..., and a sequel series starring Y is in development": not X
                for each in _listed_with(doc, sent, work):  # "Nightwatch and The Regulars have been canceled"
                    doc.add("status", sent.start, sent.end, work=each.name or each.text, season=season, status=status, network=network)
                    if network:  # the network that decides on a show is where it airs
                        doc.add("network", sent.start, sent.end, work=each.name or each.text, network=network)
        _prefer_specific(doc)
        return doc


_UNNAMED_OBJECT = re.compile(r"\b(?:new|another|next|third|fourth|fifth) (?:instal?lment|film|movie|sequel|chapter|series)\b", re.I)
_UNNAMED_SUBJECT = re.compile(
    r"\b(?:a|an|another) (?:new |\w+ )?(?:sequel|spin-?off|prequel|series|film|movie|show|project|reboot|revival)\b", re.I
)
_ACTIVE_OBJECT = ("scrap", "axe", "renew", "cancel", "order", "commission", "pick up", "greenlight", "revive")


def _object(doc: Doc, sent: Sentence, end: int, status: str) -> Mention | None:
    """The work a status phrase acts on when it follows it: "to scrap X", "currently filming X",
    "working on a drama project ..., called X"."""
    phrase_end = sent.start + end
    after = [m for m in sent.mentions if m.kind in (WORK, UNKNOWN) and m.start >= phrase_end]
    if not after:
        return None
    first = after[0]
    gap = doc.text[phrase_end : first.start]
    phrase_text = doc.text[sent.start : phrase_end]
    takes_object = re.search(
        r"(?:\bto|ing|project|drama|film|movie|series|comedy|adaptation|sequel|pilot|script|version|write|direct|produce|helm|adapt|make|develop|create)$",
        phrase_text,
    )
    near = len(gap) <= 80 and not re.search(r"[.;]", gap)
    if status in ("in_development", "in_production", "wrapped") and takes_object and near and (first.kind == WORK or len(first.words) >= 2):
        return first
    phrase = doc.text[sent.start + max(0, end - 14) : phrase_end].lower()
    if any(v in phrase for v in _ACTIVE_OBJECT) and re.fullmatch(r"\s*(?:(?:the|its|their|hit|drama|series|show|comedy|sitcom)\s+)*", gap):
        return first
    return None


def _prefer_specific(doc: Doc) -> None:
    """Drop a status fact that says less than another one about the same decision."""
    status = [f for f in doc.facts if f.type == "status"]
    keep = []
    for f in status:
        fuller = any(
            g is not f
            and g.get("work") == f.get("work")
            and g.get("status") == f.get("status")
            and ((f.get("network") is None and g.get("network")) or (f.get("season") is None and g.get("season")))
            for g in status
        )
        if not fuller:
            keep.append(f)
    doc.facts[:] = [f for f in doc.facts if f.type != "status" or f in keep]


def _subject(doc: Doc, sent: object) -> Mention | None:
    """A work that opens the sentence: "X, the show about ..., has been renewed"."""
    from showfacts.extract.doc import Sentence

    assert isinstance(sent, Sentence)
    for m in sent.mentions:
        if m.kind == WORK and m.first_tok <= 2:
            return m
        if m.first_tok > 2:
            break
    return None


def _season_at(doc: Doc, sent: Sentence, start: int, end: int, work: Mention) -> int | None:
    """The season number stated nearest the status phrase (and its work), not one that describes
    another season ("renewed …, days after the Season 2 finale aired")."""
    text = doc.text[sent.start : sent.end]
    anchor = (start + end) // 2
    best: tuple[int, int] | None = None
    for at, phrase_end, value in season_phrases(text):
        if re.match(r"\s+(?:finale|premiere|opener|episode|trailer|run)\b", text[phrase_end:], re.I):
            continue
        distance = min(abs(at - anchor), abs(at - (work.start - sent.start)))
        if best is None or distance < best[0]:
            best = (distance, value)
    return best[1] if best else (work.season if work.season is not None else None)


def _listed_with(doc: Doc, sent: Sentence, work: Mention) -> list[Mention]:
    """The work and any titles listed with it ("A, B and C have been canceled")."""
    masked = mask(doc, sent)
    slot = next((k for k, v in masked.slots.items() if v is work), None)
    if slot is None:
        return [work]
    for hit in re.finditer(r"[WU]\d+(?:(?:,\s+|,?\s+and\s+)[WU]\d+)+", masked.text):
        slots = re.findall(r"[WU]\d+", hit.group(0))
        if slot in slots:
            listed = [masked.slots[s] for s in slots if s in masked.slots]
            return [m for m in listed if m.kind == WORK or (m.kind == UNKNOWN and len(m.words) >= 2)] or [work]
    return [work]


def _network(doc: Doc, sent: object, start: int, end: int) -> str | None:
    """The network that made the decision: "picked up by Netflix", "Netflix has renewed"."""
    from showfacts.extract.doc import Sentence

    assert isinstance(sent, Sentence)
    for m in sent.mentions:
        if m.kind != NETWORK:
            continue
        rel_start, rel_end = m.start - sent.start, m.end - sent.start
        before = doc.text[sent.start + max(0, rel_start - 12) : m.start]
        if rel_start >= end and rel_start - end < 50 and _BY_NETWORK.search(before):
            return m.name
        if rel_end <= start and start - rel_end < 30:
            return m.name
        wide = doc.text[sent.start + max(0, rel_start - 40) : m.start]
        if rel_start >= end and rel_start - end < 60 and re.search(r"\bby\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", wide):
            return m.name
    # "CBS has renewed A …, while B and C have been canceled": the network the sentence opens with decides
    networks = [m for m in sent.mentions if m.kind == NETWORK]
    if (
        len(networks) == 1
        and networks[0].first_tok <= 1
        and re.match(r"\s+(?:has|have|is|will|also)\b", doc.text[networks[0].end : networks[0].end + 8])
    ):
        return networks[0].name
    return None
