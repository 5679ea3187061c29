"""Masked sentences: each name replaced by a typed placeholder (W0 a work, P1 a person,
N2 a network, O3 an outlet, U4 an unknown name), so that relation patterns are short
regular expressions over the shape of a sentence rather than over its words.

"Goldeneye director Martin Campbell" becomes "W0 director P1"; the pattern
``(?P<work>W\\d+) (?P<role>director) (?P<person>P\\d+)`` then reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from showfacts.extract.doc import CHARACTER, NETWORK, OTHER, OUTLET, PERSON, UNKNOWN, WORK, Doc, Mention, Sentence

PREFIX = {WORK: "W", PERSON: "P", NETWORK: "N", OUTLET: "O", UNKNOWN: "U", OTHER: "X", CHARACTER: "U"}
SLOT = re.compile(r"\b([WPNOUX])(\d+)\b")


@dataclass
class Masked:
    """A sentence with its names replaced by placeholders, and the way back."""

    sent: Sentence
    text: str
    slots: dict[str, Mention]
    _positions: dict[str, int] | None = None

    def mention(self, slot: str | None) -> Mention | None:
        return self.slots.get(slot) if slot else None

    def position(self, slot: str) -> int:
        """Where a placeholder stands in the masked text (-1 when absent)."""
        if self._positions is None:
            self._positions = {m.group(0): m.start() for m in SLOT.finditer(self.text)}
        return self._positions.get(slot, -1)

    def all_in(self, group: str | None) -> list[Mention]:
        """Every mention named in a matched group ("P1, P2 and P3" → three people)."""
        if not group:
            return []
        return [self.slots[f"{k}{n}"] for k, n in SLOT.findall(group) if f"{k}{n}" in self.slots]


def mask(doc: Doc, sent: Sentence) -> Masked:
    """The masked form of a sentence, built once (names do not change after the mention stage)."""
    cached = doc.masks.get(sent.index)
    if cached is not None and cached[0] == (len(sent.mentions), len(sent.pronouns)):
        return cached[1]
    masked = _mask(doc, sent)
    doc.masks[sent.index] = ((len(sent.mentions), len(sent.pronouns)), masked)
    return masked


def _mask(doc: Doc, sent: Sentence) -> Masked:
    parts: list[str] = []
    slots: dict[str, Mention] = {}
    pos = sent.start
    for n, m in enumerate(sorted(sent.mentions + sent.pronouns, key=lambda x: x.start)):
        if m.start < pos:
            continue
        parts.append(doc.text[pos : m.start])
        slot = f"{PREFIX[m.kind]}{n}"
        slots[slot] = m
        parts.append(slot)
        pos = max(m.end, m.outer_end)
    parts.append(doc.text[pos : sent.end])
    text = "".join(parts).replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"\s+", " ", text)
    # quote marks around a title carry no relation: "HBO's \"W1,\" the" reads as "HBO's W1, the"
    text = re.sub(r"[\"']\b(?=[WPNOUX]\d+\b)", "", text)
    text = re.sub(r"(\b[WPNOUX]\d+)([,.!?]?)[\"'](?!s\b)", r"\1\2", text)
    return Masked(sent, text, slots)
