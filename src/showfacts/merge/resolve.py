"""Entity resolution: which entity each name in an article refers to, and why.

- A name whose key (merge/names.py) an entity of the same kind already has is that entity
  ("Defenders" and "Marvel's The Defenders" are "The Defenders").
- A one-word person name is the person with that surname (or first name) already linked to a
  work this article also names ("Rosenberg" is Melissa Rosenberg where both name Jessica Jones).
- A title released ten or more years apart from the stored work of that title is another work
  (a remake), kept apart.
- The series Jessica Jones and the character Jessica Jones are different kinds: two entities.

Every link is written as an alias with its reason, shown by ``showfacts why``.

This module decides and never touches the database. The store loads what it knows about a
batch's names into a :class:`NameTable` (one indexed query per few hundred names), a
:class:`Resolver` per article resolves against it in memory, and the table records what was
decided (new entities, new aliases, and the release years and works that later articles of
the batch resolve against); the store then writes those decisions in bulk.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from showfacts.facts import Fact
from showfacts.merge.fuse import release_event
from showfacts.merge.names import entity_key, fold, name_words, strip_owner

REMAKE_GAP = 10
"""Years between two releases of one title beyond which they are different works."""

NAME_FIELDS = {
    "work": "work",
    "related": "work",
    "person": "person",
    "speaker": "person",
    "character": "character",
    "network": "network",
}
"""The fields of a fact that name an entity, and the kind of entity each names."""


@dataclass
class Entity:
    id: int
    kind: str
    name: str  # the display name (a work without its owner: "The Defenders")
    key: str


@dataclass
class NewAlias:
    entity_id: int
    alias: str
    key: str
    reason: str


@dataclass
class NameTable:
    """What is known about the names of one batch: the stored entities whose aliases have the
    batch's keys, the people a one-word name could be, the release years of candidate works and
    the works of candidate people (counted, so that a replaced article's facts can be taken back),
    kept up to date in memory as the batch is resolved article by article."""

    new_id: Callable[[], int]  # the id of the next new entity (the store allocates them)
    by_key: dict[tuple[str, str], list[Entity]] = field(default_factory=lambda: defaultdict(list))
    aliases: set[tuple[int, str]] = field(default_factory=set)
    people_by_word: dict[str, dict[int, Entity]] = field(default_factory=lambda: defaultdict(dict))  # word → id → person
    release_years: dict[int, Counter[int]] = field(default_factory=dict)  # work → release year → facts
    works_of: dict[int, Counter[int]] = field(default_factory=dict)  # person → work → facts naming both
    new_entities: list[Entity] = field(default_factory=list)
    new_aliases: list[NewAlias] = field(default_factory=list)

    def add_known(self, entity: Entity, alias: str, alias_key: str) -> None:
        """A stored alias (the store calls this while loading)."""
        found = self.by_key[(entity.kind, alias_key)]
        if all(e.id != entity.id for e in found):
            found.append(entity)
            found.sort(key=lambda e: e.id)
        self.aliases.add((entity.id, alias))
        if entity.kind == "work":
            self.release_years.setdefault(entity.id, Counter())

    def add_person(self, entity: Entity) -> None:
        """A stored or new person with a full name, findable by its first and last word (the store
        loads the works of the stored ones)."""
        self.works_of.setdefault(entity.id, Counter())
        for word in set(name_words("person", entity.name)) - {None}:
            self.people_by_word[str(word)].setdefault(entity.id, entity)

    def create(self, kind: str, name: str, key: str, reason: str) -> Entity:
        entity = Entity(self.new_id(), kind, strip_owner(name)[0] if kind == "work" else name, key)
        self.new_entities.append(entity)
        self.by_key[(kind, key)].append(entity)
        if kind == "person":
            self.add_person(entity)
        elif kind == "work":
            self.release_years[entity.id] = Counter()
        self.alias(entity, name, reason)
        return entity

    def alias(self, entity: Entity, name: str, reason: str) -> None:
        if (entity.id, name) in self.aliases:
            return
        self.aliases.add((entity.id, name))
        key = entity_key(entity.kind, name)
        self.new_aliases.append(NewAlias(entity.id, name, key, reason))
        found = self.by_key[(entity.kind, key)]
        if all(e.id != entity.id for e in found):
            found.append(entity)
            found.sort(key=lambda e: e.id)

    def note_fact(self, ftype: str, value: dict[str, Any], links: dict[str, int], sign: int = 1) -> None:
        """Count what a fact tells later articles of the batch (a work's release year, a person's work);
        ``sign=-1`` takes back a fact of an article being replaced. Only the works and people whose
        counts were loaded whole (or that are new) are counted: the others are never consulted."""
        work = links.get("work")
        if work is None:
            return
        if ftype == "release" and work in self.release_years:
            year = _year(value.get("date"))
            if year is not None:
                self.release_years[work][year] += sign
        for name, entity_id in links.items():
            if name != "work" and entity_id in self.works_of:
                self.works_of[entity_id][work] += sign


def names_in(facts: Iterable[tuple[Fact, dict[str, Any]]]) -> Iterator[tuple[str, str]]:
    """Every (kind, name) the resolver may look up for these facts (with their :func:`fact_value`): what the store loads."""
    for fact, value in facts:
        for name, kind in NAME_FIELDS.items():
            if value.get(name):
                yield kind, str(value[name])
        if fact.type == "release_order":
            for side in ("before", "after"):
                if isinstance(value.get(side), dict) and value[side].get("work"):
                    yield "work", str(value[side]["work"])


def fact_value(fact: Fact, text: str | None = None) -> dict[str, Any]:
    """A fact's SCHEMA.md values as stored (no evidence, no confidence: those are per source). Given
    the article's ``text``, a release that dates another event than the premiere or release itself
    (a finale, a later part, a festival screening: :func:`showfacts.merge.fuse.release_event`, read
    from its evidence sentence) also gets ``event``, which makes it another claim."""
    value: dict[str, Any] = {"type": fact.type}
    for name, frozen in fact.values:
        value[name] = fact.get(name) if isinstance(frozen, tuple) else frozen  # nested values (release order) thawed
    if text is not None and fact.type == "release":
        event = release_event(text[fact.evidence.start : fact.evidence.end], value.get("date"))
        if event:
            value["event"] = event
    return value


def mergeable(fact: Fact, value: dict[str, Any]) -> bool:
    """A fact without its subject's name cannot be merged with anything, and is not stored."""
    required = [value.get(n) for n in ("work", "person", "speaker", "related") if n in value]
    if fact.type == "release_order":
        required += [side.get("work") if isinstance(side, dict) else None for side in (value.get("before"), value.get("after"))]
    return all(str(v or "").strip() for v in required)


@dataclass
class Resolved:
    index: int  # the fact's place among the article's facts
    fact: Fact
    value: dict[str, Any]
    links: dict[str, int]  # field → entity id


class Resolver:
    """Resolves the names of one article (a name maps to one entity per article)."""

    def __init__(self, table: NameTable, article_label: str) -> None:
        self.table = table
        self.article_label = article_label
        self.cache: dict[tuple[str, str], Entity] = {}
        self.work_ids: set[int] = set()

    def resolve(self, facts: Iterable[tuple[Fact, dict[str, Any]]]) -> list[Resolved]:
        """Link every mergeable fact's names to entities (each fact given with its :func:`fact_value`):
        the works first, since a one-word person name is resolved through the works the article names."""
        facts = list(facts)
        for fact, value in facts:
            if fact.type != "quote":
                for name in ("work", "related"):
                    if value.get(name):
                        self.entity("work", str(value[name]), fact)
        out = []
        for index, (fact, value) in enumerate(facts):
            if not mergeable(fact, value):
                continue
            links: dict[str, int] = {}
            for name, kind in NAME_FIELDS.items():
                if value.get(name):
                    links[name] = self.entity(kind, str(value[name]), fact).id
            if fact.type == "release_order":
                for side in ("before", "after"):
                    links[side] = self.entity("work", str(value[side]["work"]), fact).id
            self.table.note_fact(fact.type, value, links)
            out.append(Resolved(index, fact, value, links))
        return out

    def entity(self, kind: str, name: str, fact: Fact | None = None) -> Entity:
        key = entity_key(kind, name)
        cached = self.cache.get((kind, key))
        if cached is not None:
            self.table.alias(cached, name, "same name in the same article")
            return cached
        entity, reason = self._find(kind, name, key, fact)
        if entity is None:
            if reason == "first seen here":
                reason = f"first seen in article {self.article_label!r}"
            entity = self.table.create(kind, name, key, reason)
        else:
            self.table.alias(entity, name, reason)
        self.cache[(kind, key)] = entity
        if kind == "work":
            self.work_ids.add(entity.id)
        return entity

    def _find(self, kind: str, name: str, key: str, fact: Fact | None) -> tuple[Entity | None, str]:
        candidates = list(self.table.by_key.get((kind, key), ()))
        if kind == "work" and candidates:
            year = _year(fact.get("date")) if fact is not None and fact.type == "release" else None
            if year is not None:
                fitting = [c for c in candidates if self._compatible_year(c, year)]
                if not fitting:
                    return (
                        None,
                        f"same title as {candidates[0].name!r} but released {year}, {REMAKE_GAP}+ years apart: another work (a remake)",
                    )
                candidates = fitting
        if candidates:
            entity = candidates[0]
            _, owner = strip_owner(name)
            if owner:
                return entity, f"{name!r} is {entity.name!r} with its owner {owner!r} in front"
            if fold(name) != fold(entity.name):
                return entity, f"{name!r} and {entity.name!r} share the key {key!r} (case, accents, punctuation and a leading 'the' folded)"
            return entity, f"same name as {entity.name!r}"
        if kind == "person" and len(name.split()) == 1:
            return self._by_surname(name, key)
        return None, "first seen here"

    def _by_surname(self, name: str, key: str) -> tuple[Entity | None, str]:
        """A one-word name is a known person's surname or first name when they share a work."""
        matches = list(self.table.people_by_word.get(key, {}).values())
        if not matches or not self.work_ids:
            return None, "first seen here"
        shared = [person for person in matches if any(self.table.works_of.get(person.id, {}).get(w, 0) > 0 for w in self.work_ids)]
        if len(shared) == 1:
            return shared[0], f"{name!r} is the surname of {shared[0].name!r}; both are named with the same work"
        return None, "first seen here" if not shared else f"{name!r} could be any of {len(shared)} people: kept apart"

    def _compatible_year(self, entity: Entity, year: int) -> bool:
        years = [y for y, n in self.table.release_years.get(entity.id, {}).items() if n > 0]
        return not years or any(abs(y - year) < REMAKE_GAP for y in years)


def _year(date: Any) -> int | None:
    text = str(date or "")
    return int(text[:4]) if text[:4].isdigit() else None
