"""Article text cut into plain and highlighted segments, one mark per evidence span.

Segments are rendered by Jinja with autoescaping, so the article text, untrusted, is never
markup: the page shows ``<script>`` in a headline as the characters it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Segment:
    text: str
    mark: str | None = None  # the id of the <mark>, "ev-START-END" of the merged span
    facts: int = 0
    anchors: tuple[str, ...] = ()  # ids of every evidence span that starts inside it, for links to the sentence


def segments(text: str, facts: list[dict[str, Any]]) -> list[Segment]:
    """Split ``text`` at evidence boundaries; overlapping spans merge into one mark."""
    spans = sorted(
        {(f["evidence"]["start"], f["evidence"]["end"]) for f in facts if 0 <= f["evidence"]["start"] < f["evidence"]["end"] <= len(text)}
    )
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out: list[Segment] = []
    pos = 0
    for start, end in merged:
        if start > pos:
            out.append(Segment(text[pos:start]))
        inside = [f["evidence"] for f in facts if start <= f["evidence"]["start"] < end]
        anchors = tuple(sorted({f"ev-{e['start']}-{e['end']}" for e in inside} - {f"ev-{start}-{end}"}))
        out.append(Segment(text[start:end], mark=f"ev-{start}-{end}", facts=len(inside), anchors=anchors))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out
