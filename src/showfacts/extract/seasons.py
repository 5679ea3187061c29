"""Season phrases: "Season 2", "series two", "second season", "13th season", "third and final season",
"second seasons" (of each show in a list), "a sophomore run"."""

from __future__ import annotations

import re

from showfacts.extract.candidates import ORDINALS
from showfacts.extract.doc import Doc, Sentence

_NUMBERED_SEASON = re.compile(r"\b(?:season|series)\s+(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\b", re.I)
_ORDINAL_SEASON = re.compile(
    r"\b("
    + "|".join(
        k for k in ORDINALS if not k.isdigit() and k not in {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
    )
    + r")\s+(?:and (?:final|last)\s+)?(?:seasons?|series)\b",
    re.I,
)
_NUMERIC_ORDINAL_SEASON = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\s+(?:and (?:final|last)\s+)?(?:seasons?|series)\b", re.I)
_SOPHOMORE = re.compile(r"\bsophomore\s+(?:season|series|run|outing|installment|instalment|year)\b", re.I)


def season_phrases(text: str) -> list[tuple[int, int, int]]:
    """(start, end, number) of every season phrase in ``text``: 'Season 2' and 'series two' first,
    then 'second season' and 'third and final season'."""
    found = []
    for m in _NUMBERED_SEASON.finditer(text):
        v = m.group(1).lower()
        number = int(v) if v.isdigit() else ORDINALS.get(v)
        if number is not None:
            found.append((m.start(), m.end(), number))
    found += [(m.start(), m.end(), ORDINALS[m.group(1).lower()]) for m in _ORDINAL_SEASON.finditer(text)]
    known = {(start, end) for start, end, _ in found}
    found += [(m.start(), m.end(), int(m.group(1))) for m in _NUMERIC_ORDINAL_SEASON.finditer(text) if (m.start(), m.end()) not in known]
    found += [(m.start(), m.end(), 2) for m in _SOPHOMORE.finditer(text)]
    return found


def season_near(doc: Doc, sent: Sentence, start: int, end: int) -> int | None:
    """A season number stated in a sentence span: 'Season 2', 'second season', 'series two'."""
    phrases = season_phrases(doc.text[start:end])
    return phrases[0][2] if phrases else None
