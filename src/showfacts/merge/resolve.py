"""Entity resolution: which stored entity a name in a new article refers to, and why.

- A name whose key (merge/names.py) an entity of the same kind already has is that entity
  ("Defenders" and "Marvel's The Defenders" are "The Defenders").
- A one-word person name is the person with that surname (or first name) already linked to a
  work this article also names ("Rosenberg" is Melissa Rosenberg where both name Jessica Jones).
- A title released ten or more years apart from the stored work of that title is another work
  (a remake), kept apart.
- The series Jessica Jones and the character Jessica Jones are different kinds: two entities.

Every link is written as an alias with its reason, shown by ``showfacts why``.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from showfacts.facts import Fact
from showfacts.merge.names import entity_key, fold, slugify, strip_owner
from showfacts.store.models import AliasRow, ArticleRow, EntityRow, FactEntityRow, FactRow

REMAKE_GAP = 10
"""Years between two releases of one title beyond which they are different works."""


class Resolver:
    """Resolves the names of one article (cached, so a name maps to one entity per article)."""

    def __init__(self, session: Session, article: ArticleRow) -> None:
        self.session = session
        self.article = article
        self.cache: dict[tuple[str, str], EntityRow] = {}
        self.work_ids: set[int] = set()

    def entity(self, kind: str, name: str, fact: Fact | None = None) -> EntityRow:
        key = entity_key(kind, name)
        cached = self.cache.get((kind, key))
        if cached is not None:
            self._alias(cached, name, "same name in the same article")
            return cached
        entity, reason = self._find(kind, name, key, fact)
        if entity is None:
            entity = self._create(kind, name, key, reason)
        else:
            self._alias(entity, name, reason)
        self.cache[(kind, key)] = entity
        if kind == "work":
            self.work_ids.add(entity.id)
        return entity

    def _find(self, kind: str, name: str, key: str, fact: Fact | None) -> tuple[EntityRow | None, str]:
        candidates = list(
            self.session.scalars(
                select(EntityRow).join(AliasRow).where(EntityRow.kind == kind, AliasRow.key == key).order_by(EntityRow.id).distinct()
            )
        )
        if kind == "work" and candidates:
            year = _release_year(fact)
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

    def _by_surname(self, name: str, key: str) -> tuple[EntityRow | None, str]:
        """A one-word name is a known person's surname or first name when they share a work."""
        people = self.session.scalars(select(EntityRow).where(EntityRow.kind == "person")).all()
        matches = [p for p in people if key in (fold(p.name).split()[-1], fold(p.name).split()[0]) and len(p.name.split()) > 1]
        if not matches or not self.work_ids:
            return None, "first seen here"
        shared = []
        for person in matches:
            works = set(
                self.session.scalars(
                    select(FactEntityRow.entity_id)
                    .join(FactRow, FactRow.id == FactEntityRow.fact_id)
                    .where(
                        FactEntityRow.field == "work",
                        FactRow.id.in_(select(FactEntityRow.fact_id).where(FactEntityRow.entity_id == person.id)),
                    )
                )
            )
            if works & self.work_ids:
                shared.append(person)
        if len(shared) == 1:
            return shared[0], f"{name!r} is the surname of {shared[0].name!r}; both are named with the same work"
        return None, "first seen here" if not shared else f"{name!r} could be any of {len(shared)} people: kept apart"

    def _compatible_year(self, entity: EntityRow, year: int) -> bool:
        years = []
        facts = self.session.scalars(
            select(FactRow)
            .join(FactEntityRow)
            .where(FactEntityRow.entity_id == entity.id, FactEntityRow.field == "work", FactRow.type == "release")
        )
        for f in facts:
            date = str(f.value.get("date") or "")
            if date[:4].isdigit():
                years.append(int(date[:4]))
        return not years or any(abs(y - year) < REMAKE_GAP for y in years)

    def _create(self, kind: str, name: str, key: str, reason: str) -> EntityRow:
        display = strip_owner(name)[0] if kind == "work" else name
        base = slugify(display) if kind == "work" else f"{kind}-{slugify(display)}"
        slug, n = base, 1
        while self.session.scalar(select(EntityRow.id).where(EntityRow.slug == slug)) is not None:
            n += 1
            slug = f"{base}-{n}"
        entity = EntityRow(kind=kind, name=display, key=key, slug=slug, created_at=datetime.now(UTC).replace(tzinfo=None))
        self.session.add(entity)
        self.session.flush()
        self._alias(entity, name, reason if reason != "first seen here" else f"first seen in article {self.article.source_id!r}")
        return entity

    def _alias(self, entity: EntityRow, name: str, reason: str) -> None:
        exists = self.session.scalar(select(AliasRow.id).where(AliasRow.entity_id == entity.id, AliasRow.alias == name))
        if exists is None:
            self.session.add(AliasRow(entity_id=entity.id, alias=name, key=entity_key(entity.kind, name), reason=reason))
            self.session.flush()


def _release_year(fact: Fact | None) -> int | None:
    if fact is None or fact.type != "release":
        return None
    date = str(fact.get("date") or "")
    return int(date[:4]) if date[:4].isdigit() else None
