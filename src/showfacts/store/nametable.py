"""The stored side of entity resolution: what a batch's names are loaded from, and how the
resolver's decisions are written back.

:func:`load` reads, for all the names of a batch at once, the entities whose aliases share
their keys (the ``aliases.key`` index), the people a one-word name could be (the
``entities.first_word`` / ``last_word`` indexes), the works those people are named with, and
the release years of the candidate works (from the fused facts): a handful of indexed queries
per batch instead of several per fact. :func:`save` writes the new entities (with unique
slugs) and aliases the resolver decided on.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from showfacts.merge.names import entity_key, name_words, slugify
from showfacts.merge.resolve import Entity, NameTable
from showfacts.store.bulk import Bulk


def load(bulk: Bulk, names: Iterable[tuple[str, str]]) -> NameTable:
    """The name table for these (kind, name) pairs; new entities get ids from the entities sequence."""
    table = NameTable(new_id=bulk.id_source("entities"))
    keys: set[tuple[str, str]] = set()
    one_word_people: set[str] = set()
    for kind, name in names:
        key = entity_key(kind, name)
        keys.add((kind, key))
        if kind == "person" and len(name.split()) == 1:
            one_word_people.add(key)
    works: set[int] = set()
    rows = bulk.select_in(
        "SELECT e.id, e.kind, e.name, e.key, a.alias, a.key FROM aliases a JOIN entities e ON e.id = a.entity_id WHERE a.key IN ({in})",
        sorted({key for _, key in keys}),
    )
    for entity_id, kind, name, key, alias, alias_key in rows:
        if (kind, alias_key) in keys:
            table.add_known(Entity(entity_id, kind, name, key), alias, alias_key)
            if kind == "work":
                works.add(entity_id)
    people: set[int] = set()
    for column in ("first_word", "last_word"):
        for entity_id, kind, name, key in bulk.select_in(
            f"SELECT id, kind, name, key FROM entities WHERE kind = 'person' AND {column} IN ({{in}})", sorted(one_word_people)
        ):
            table.add_person(Entity(entity_id, kind, name, key))
            people.add(entity_id)
    for person, work, count in bulk.select_in(
        "SELECT p.entity_id, w.entity_id, count(*) FROM fact_entities p JOIN fact_entities w "
        "ON w.fact_id = p.fact_id AND w.field = 'work' AND p.field <> 'work' WHERE p.entity_id IN ({in}) GROUP BY p.entity_id, w.entity_id",
        sorted(people),
    ):
        table.works_of[person][work] += count
    for work, value, count in bulk.select_in(
        "SELECT work_id, value, source_count FROM fused_facts WHERE type = 'release' AND work_id IN ({in})", sorted(works)
    ):
        date = str(bulk.loads(value).get("date") or "")
        if date[:4].isdigit():
            table.release_years[work][int(date[:4])] += count
    return table


def save(bulk: Bulk, table: NameTable, now: datetime) -> None:
    """Write the entities and aliases the batch created."""
    if table.new_entities:
        slugs = _slugs(bulk, table.new_entities)
        rows = []
        for entity in table.new_entities:
            first, last = name_words(entity.kind, entity.name)
            rows.append((entity.id, entity.kind, entity.name, entity.key, slugs[entity.id], bulk.timestamp(now), first, last))
        bulk.insert("entities", ("id", "kind", "name", "key", "slug", "created_at", "first_word", "last_word"), rows)
    bulk.insert(
        "aliases",
        ("entity_id", "alias", "key", "reason"),
        [(a.entity_id, a.alias, a.key, a.reason) for a in table.new_aliases],
        ignore_conflicts=True,  # an alias stored under an older lexicon's key is not in the table: keep the stored one
    )


def _slugs(bulk: Bulk, entities: list[Entity]) -> dict[int, str]:
    """A unique slug for each new entity: its name's, else the first free ``-2``, ``-3``, …"""
    bases = {e.id: slugify(e.name) if e.kind == "work" else f"{e.kind}-{slugify(e.name)}" for e in entities}
    taken = {row[0] for row in bulk.select_in("SELECT slug FROM entities WHERE slug IN ({in})", sorted(set(bases.values())))}
    searched: set[str] = set()
    out: dict[int, str] = {}
    for entity in entities:
        base = slug = bases[entity.id]
        if slug in taken and base not in searched:  # rare (remakes): load the numbered ones once
            taken.update(row[0] for row in bulk.run("SELECT slug FROM entities WHERE slug LIKE ?", [base + "-%"]))
            searched.add(base)
        n = 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        out[entity.id] = slug
    return out
