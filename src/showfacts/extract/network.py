"""Network facts: where a work airs, streams or is released ("NBC's Scrubs", "W on HBO",
"Netflix has renewed W"), including studios that release films."""

from __future__ import annotations

import re

from showfacts.extract.context import placed, work_before
from showfacts.extract.doc import Doc, Sentence
from showfacts.extract.masked import Masked, mask
from showfacts.extract.mentions import NETWORK, UNKNOWN, WORK, Mention
from showfacts.extract.patterns import find


class NetworkStage:
    name = "network"

    @staticmethod
    def _schedule(doc: Doc, sent: Sentence, masked: Masked) -> None:
        for hit in find("schedule", masked):
            net = masked.mention(hit.group("network"))
            if net is None or net.kind != NETWORK:
                continue
            for w in _schedule_works(masked, hit.match.end()):
                doc.add("network", sent.start, sent.end, work=w.name or w.text, network=net.name)

    @staticmethod
    def _owner_named_before(doc: Doc, sent: Sentence) -> None:
        """ "the streamer's limited series Unbroken Ground": the network last named before."""
        masked = mask(doc, sent)
        for hit in _OWNER_ANAPHOR.finditer(masked.text):
            work = masked.mention(hit.group("work") or hit.group("work2"))
            earlier = [
                m for m in doc.mentions if m.kind == NETWORK and m.start < sent.start + hit.start() and doc.sentences[m.sent].para > 0
            ]
            if work is not None and work.kind == WORK and earlier:
                doc.add("network", sent.start, sent.end, work=work.name or work.text, network=earlier[-1].name)

    def __call__(self, doc: Doc) -> Doc:
        for sent in doc.sentences:
            if sent.para == 0 or not any(m.kind == NETWORK for m in sent.mentions):
                continue
            masked = mask(doc, sent)
            for hit in find("network", masked):
                net = masked.mention(hit.group("network"))
                if net is None or net.kind != NETWORK:
                    continue
                # "Netflix has renewed A, B and C": every listed work
                works = masked.all_in(hit.group("works")) or [masked.mention(hit.group("work"))]
                works = [w for w in works if w is not None and (w.kind == WORK or (w.kind == UNKNOWN and not placed(doc, w)))]
                if not works:
                    # "the series", "the film": the work it points back to
                    fallback = work_before(doc, sent, masked, hit.match.start())
                    works = [fallback] if fallback is not None else []
                for also in [net, *_listed_after(masked, hit.match.end())]:
                    for w in works:
                        doc.add("network", sent.start, sent.end, work=w.name or w.text, network=also.name)
            self._schedule(doc, sent, masked)
        for sent in doc.sentences:
            if sent.para > 0:
                self._owner_named_before(doc, sent)
        _one_per_network(doc)
        for m in doc.mentions:
            if m.kind == WORK and m.owner and m.owner in _networks():
                sent = doc.sentences[m.sent]
                doc.add("network", sent.start, sent.end, work=m.name, network=m.owner)
        return doc


_OWNER_ANAPHOR = re.compile(
    r"\b(?:the|its) (?:streamer|network|cabler|channel|broadcaster|studio|service|platform)(?:'s|') (?:[\w-]+ ){0,3}?"
    r"(?:series|show|drama|comedy|film|movie|thriller|sitcom|docuseries|miniseries|original)? ?(?P<work>[WU]\d+)"
    # "The studio is moving its horror film Quiet Hours into …"
    r"|\b(?:the|The) (?:studio|network|streamer|cabler|channel|broadcaster) (?:is |has |will |also )*(?:moving|moved|releasing|"
    r"dating|dated|pushing|pushed|shifting|premiering|launching|debuting|bringing|renewing|renewed|ordering|ordered) (?:its |the )?"
    r"(?:[\w-]+ ){0,2}?(?P<work2>[WU]\d+)",
)


def _one_per_network(doc: Doc) -> None:
    """ "Columbia/Sony Pictures" names one studio twice: keep one network fact per work and network."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for fact in doc.facts:
        if fact.type == "network":
            key = (str(fact.get("work")), _networks().get(str(fact.get("network")), str(fact.get("network"))))
            if key in seen:
                continue
            seen.add(key)
        kept.append(fact)
    doc.facts[:] = kept


def _listed_after(masked: Masked, end: int) -> list[Mention]:
    """Networks listed right after the matched one: "on HBO and Max", "on Hulu, Disney+ and ESPN+"."""
    found = re.match(r"(?:(?:,\s*|\s+and\s+|\s*&\s*|\s*/\s*)N\d+)+", masked.text[end:])
    if not found:
        return []
    return [m for slot in re.findall(r"N\d+", found.group(0)) if (m := masked.slots.get(slot)) is not None and m.kind == NETWORK]


def _schedule_works(masked: Masked, after: int) -> list[Mention]:
    """Every title listed after a schedule phrase: "ITV1's Christmas films include A, B and C"."""
    slots = re.findall(r"\b[WU]\d+\b", masked.text[after:])
    works = [masked.slots[s] for s in slots if s in masked.slots]
    return [w for w in works if w.kind == WORK or len(w.words) >= 2]


def _networks() -> dict[str, str]:
    from showfacts.lang import lexicon

    return lexicon().networks
