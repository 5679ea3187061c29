"""Titles the user already knows: a catalogue file (``--gazetteer``) or the knowledge base.

A gazetteer is CSV (a header with ``title`` and optionally ``kind``, ``network``, ``year``) or
JSONL (one object a line with the same fields). A name in an article that equals a known title
(case, accents and a leading "The" aside) is read as a work whatever its shape suggests: "Dock
Street" or "Lost" stay works, not places or words. Nothing else about the catalogue is asserted
as a fact: the articles remain the only evidence.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from showfacts.errors import InputError
from showfacts.eval import fold_name

KINDS = ("series", "film", "work")
MAX_ENTRIES = 1_000_000


@dataclass(frozen=True)
class Entry:
    title: str
    kind: str = "work"
    network: str | None = None
    year: int | None = None


def read_gazetteer(path: Path) -> list[Entry]:
    """Read a CSV or JSONL catalogue; a bad row raises InputError naming ``path:LINE``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the gazetteer: {exc}") from None
    rows = _jsonl(path, text) if path.suffix.lower() in (".jsonl", ".ndjson") else _csv(path, text)
    entries = [_entry(f"{path}:{line}", row) for line, row in rows]
    if len(entries) > MAX_ENTRIES:
        raise InputError(str(path), f"more than {MAX_ENTRIES:,} titles")
    return entries


def titles(entries: list[Entry] | list[str]) -> frozenset[str]:
    """The folded forms the extractor compares names with."""
    out = set()
    for e in entries:
        key = fold_name(e.title if isinstance(e, Entry) else e)
        if key:
            out.add(key)
    return frozenset(out)


def _csv(path: Path, text: str) -> list[tuple[int, dict[str, object]]]:
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or "title" not in [f.strip().lower() for f in reader.fieldnames]:
        raise InputError(str(path), "a CSV gazetteer needs a header row with a 'title' column")
    return [(n + 2, {(k or "").strip().lower(): v for k, v in row.items()}) for n, row in enumerate(reader)]


def _jsonl(path: Path, text: str) -> list[tuple[int, dict[str, object]]]:
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{n}", f"invalid JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise InputError(f"{path}:{n}", "a gazetteer line must be a JSON object")
        out.append((n, row))
    return out


def _entry(where: str, row: dict[str, object]) -> Entry:
    title = str(row.get("title") or "").strip()
    if not title:
        raise InputError(where, "no title")
    kind = str(row.get("kind") or "work").strip().lower()
    if kind not in KINDS:
        raise InputError(where, f"kind {kind!r} is not one of {', '.join(KINDS)}")
    network = str(row.get("network") or "").strip() or None
    year_value = str(row.get("year") or "").strip()
    if year_value and not (year_value.isdigit() and len(year_value) == 4):
        raise InputError(where, f"year {year_value!r} is not a four-digit year")
    return Entry(title, kind, network, int(year_value) if year_value else None)
