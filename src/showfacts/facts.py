"""Fact records in the shape of the SCHEMA.md contract, and their JSON form.

A :class:`Fact` is one claim an article makes (``type`` plus its fields) with the
``evidence`` span of the text that states it. An :class:`ArticleRecord` is what
``showfacts extract`` writes for one article: metadata plus facts. Field names and
vocabularies here are a contract shared with the evaluation; do not rename them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FACT_FIELDS: dict[str, tuple[str, ...]] = {
    "status": ("work", "season", "status", "network"),
    "release": ("work", "season", "date", "network"),
    "release_order": ("before", "after"),
    "network": ("work", "network"),
    "cast": ("person", "character", "work"),
    "crew": ("person", "role", "work"),
    "related": ("work", "related", "relation"),
    "quote": ("speaker", "text"),
}
FACT_TYPES = tuple(FACT_FIELDS)
STATUSES = ("renewed", "ordered", "cancelled", "ending", "in_development", "in_production", "wrapped", "delayed")
ROLES = (
    "showrunner",
    "creator",
    "executive producer",
    "producer",
    "director",
    "writer",
    "composer",
    "cinematographer",
    "editor",
)
RELATIONS = ("spinoff", "crossover", "sequel", "prequel", "remake", "revival", "adaptation", "shared_universe")
_VOCAB = {("status", "status"): STATUSES, ("crew", "role"): ROLES, ("related", "relation"): RELATIONS}


@dataclass(frozen=True)
class Evidence:
    """Character offsets into the article text: ``text[start:end]`` states the fact."""

    start: int
    end: int

    def to_json(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True)
class Fact:
    """One sourced claim. ``values`` holds the type's fields (see FACT_FIELDS)."""

    type: str
    values: tuple[tuple[str, Any], ...]
    evidence: Evidence
    confidence: float | None = None  # how sure extraction is, in [0, 1] (optional in the contract)

    @classmethod
    def make(cls, type: str, evidence: Evidence, confidence: float | None = None, **values: Any) -> Fact:
        """Build a fact, checking its type, fields and vocabularies."""
        if type not in FACT_FIELDS:
            raise ValueError(f"unknown fact type {type!r}")
        expected = FACT_FIELDS[type]
        if set(values) != set(expected):
            raise ValueError(f"{type} fact needs fields {expected}, got {tuple(values)}")
        for (ftype, fname), vocab in _VOCAB.items():
            if ftype == type and values[fname] not in vocab:
                raise ValueError(f"{fname} {values[fname]!r} is not one of {vocab}")
        frozen = tuple((name, _freeze(values[name])) for name in expected)
        if confidence is not None:
            confidence = round(min(1.0, max(0.0, float(confidence))), 3)
        return cls(type, frozen, evidence, confidence)

    def get(self, name: str) -> Any:
        for key, value in self.values:
            if key == name:
                return _thaw(value)
        raise KeyError(name)

    @property
    def key(self) -> tuple[Any, ...]:
        """What makes two facts the same claim (type and values, evidence aside)."""
        return (self.type, self.values)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type}
        out.update((k, _thaw(v)) for k, v in self.values)
        out["evidence"] = self.evidence.to_json()
        if self.confidence is not None:
            out["confidence"] = self.confidence
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Fact:
        ev = data.get("evidence") or {"start": 0, "end": 0}
        ftype = data["type"]
        values = {name: data.get(name) for name in FACT_FIELDS.get(ftype, ())}
        confidence = data.get("confidence")
        confidence = float(confidence) if isinstance(confidence, int | float) else None
        return cls.make(ftype, Evidence(int(ev["start"]), int(ev["end"])), confidence, **values)


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, tuple) and value and all(isinstance(v, tuple) and len(v) == 2 for v in value):
        return {k: _thaw(v) for k, v in value}
    return value


@dataclass
class ArticleRecord:
    """The output record for one article (SCHEMA.md "Output / gold record")."""

    id: str
    title: str | None
    authors: list[str]
    published: str | None
    cited_sources: list[str]
    facts: list[Fact] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published,
            "cited_sources": list(self.cited_sources),
            "facts": [f.to_json() for f in self.facts],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ArticleRecord:
        return cls(
            id=str(data["id"]),
            title=data.get("title"),
            authors=list(data.get("authors") or []),
            published=data.get("published"),
            cited_sources=list(data.get("cited_sources") or []),
            facts=[Fact.from_json(f) for f in data.get("facts") or []],
        )
