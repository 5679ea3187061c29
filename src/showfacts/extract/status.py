"""Production-status facts: renewed, ordered, cancelled, ending, in development, in
production, wrapped, delayed, from the phrases in lang/en/status.yaml."""

from __future__ import annotations

import re
from functools import cache

from showfacts.extract.context import work_for
from showfacts.extract.doc import Doc
from showfacts.extract.mentions import NETWORK, UNKNOWN, WORK, Mention, season_near
from showfacts.lang import lexicon

_ORD = (
    r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|2nd|3rd|4th|5th|6th|7th|8th|9th|10th|\d{1,2}|two|three|four|five|six)"
)
_UNIT = r"(?:season|series|run)"
_NEGATED = re.compile(r"\b(?:not|never|no plans|denied|denies|deny|rumou?rs?|whether|if)\b[^.]{0,30}$", re.I)
_BY_NETWORK = re.compile(r"\b(?:by|at|on|for|from)\s+(?:the\s+)?$", re.I)


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for status, sources in lexicon().status_patterns.items():
        for source in sources:
            regex = source.replace("{ORD}", _ORD).replace("{UNIT}", _UNIT)
            out.append((status, re.compile(regex, re.IGNORECASE)))
    return out


class StatusStage:
    name = "status"

    def __call__(self, doc: Doc) -> Doc:
        for sent in doc.sentences:
            if sent.para == 0:
                continue
            text = doc.text[sent.start : sent.end]
            hits: list[tuple[int, int, str]] = []
            for status, pattern in _patterns():
                for m in pattern.finditer(text):
                    hits.append((m.start(), m.end(), status))
            # a longer phrase wins over one inside it ("not be renewed" over "renewed")
            hits = [h for h in hits if not any(o != h and o[0] <= h[0] and h[1] <= o[1] and (o[1] - o[0]) > (h[1] - h[0]) for o in hits)]
            for start, end, status in hits:
                if status not in ("cancelled",) and _NEGATED.search(text[:start]):
                    continue
                work = None
                if (status in ("in_development", "in_production") and re.search(r"(?:to|ing)$", text[start:end])) or text[
                    start:end
                ].endswith(
                    (
                        "write",
                        "direct",
                        "produce",
                        "helm",
                        "adapt",
                        "make",
                        "develop",
                        "create",
                        "filming",
                        "shooting",
                        "directing",
                        "making",
                    )
                ):
                    # "signed up to direct X", "currently filming X": the work is the object
                    work = next((m for m in sent.mentions if m.kind in (WORK, UNKNOWN) and m.start >= sent.start + end), None)
                if work is None:
                    work = _subject(doc, sent) or work_for(
                        doc, sent, near=sent.start + start, allow_topic=status in ("renewed", "cancelled", "ending")
                    )
                if work is None:
                    continue
                season = season_near(doc, sent, sent.start, sent.end) if status in ("renewed", "ending", "cancelled", "ordered") else None
                if work.season is not None and status in ("renewed", "ending", "cancelled"):
                    season = season or work.season
                network = _network(doc, sent, start, end)
                doc.add("status", sent.start, sent.end, work=work.name, season=season, status=status, network=network)
                if network:  # the network that decides on a show is where it airs
                    doc.add("network", sent.start, sent.end, work=work.name, network=network)
        return doc


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


def _network(doc: Doc, sent: object, start: int, end: int) -> str | None:
    """The network that made the decision: "picked up by Netflix", "Netflix has renewed"."""
    from showfacts.extract.doc import Sentence

    assert isinstance(sent, Sentence)
    for m in sent.mentions:
        if m.kind != NETWORK:
            continue
        rel_start, rel_end = m.start - sent.start, m.end - sent.start
        before = doc.text[sent.start + max(0, rel_start - 12) : m.start]
        if rel_start >= end and rel_start - end < 25 and _BY_NETWORK.search(before):
            return m.name
        if rel_end <= start and start - rel_end < 30:
            return m.name
        wide = doc.text[sent.start + max(0, rel_start - 40) : m.start]
        if rel_start >= end and rel_start - end < 60 and re.search(r"\bby\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", wide):
            return m.name
    return None
