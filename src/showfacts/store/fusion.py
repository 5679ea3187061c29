"""The stored side of fusion: the ``fused_facts`` and ``conflicts`` tables, kept up to date for
the keys and scopes a batch touches.

- New facts add to their fused fact's counts and dates (:func:`showfacts.merge.fuse.add_sources`):
  the only stored facts read are those of the near-duplicate clusters the batch's copies
  belong to, to tell whether a copy brings a new independent source.
- Removed facts (an article replaced by new text, or re-extracted) make their keys be recounted
  from the facts that remain (:func:`recount`).
- Conflicts are recomputed only for the fused facts that changed, against the few facts of their
  (work, season) scope they could conflict with (:func:`refresh_conflicts`): a new release date
  against the scope's release dates, a status whose reported dates moved against the statuses
  incompatible with it. The cost follows what changed, not the size of the scope or of the base.

:func:`rebuild` recomputes both tables from the facts (migrations use it once).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from showfacts.merge.fuse import (
    DATED_CONFLICTS,
    DECISIONS,
    Source,
    Summary,
    add_sources,
    conflict_between,
    reported,
    rivals,
    season_of,
    summarize,
)
from showfacts.store.bulk import Bulk

Scope = tuple[int, int | None]  # (work id, season): where status and release facts can conflict

Touched = dict[Scope, dict[str, int]]
"""The fused facts whose conflicts must be recomputed, by scope, each with how (below)."""

DATED = 1
"""A new source moved the fact's first or last reported date: its conflicts that depend on dates may change."""
NEW = 2
"""The fact is new: all its conflicts are new (none is stored yet)."""
ALL = 3
"""The fact was recounted (some sources gone) or is gone: every conflict of it may change."""

_FUSED_COLUMNS = (
    "id",
    "fact_key",
    "type",
    "work_id",
    "season",
    "value",
    "source_count",
    "independent_sources",
    "first_reported",
    "last_reported",
)


@dataclass
class NewFact:
    """A fact about to be stored, as fusion sees it."""

    key: str
    type: str
    value: dict[str, Any]
    value_json: str
    work_id: int | None
    source: Source


@dataclass
class _Fused:
    id: int
    type: str
    work_id: int | None
    season: int | None
    summary: Summary

    @property
    def scope(self) -> Scope | None:
        return (self.work_id, self.season) if self.type in DECISIONS and self.work_id is not None else None


def add_facts(bulk: Bulk, facts: list[NewFact], fresh_origins: set[int]) -> Touched:
    """Count these facts into their fused facts (call before inserting them). ``fresh_origins`` are
    the articles first stored in this batch: no stored fact can share their origin. Returns the
    fused facts whose conflicts may have changed."""
    by_key: dict[str, list[NewFact]] = defaultdict(list)
    for fact in facts:
        by_key[fact.key].append(fact)
    stored = _load(bulk, by_key)
    check = {f.source.origin for f in facts} - fresh_origins
    known: dict[str, set[int]] = defaultdict(set)  # key → origins already among its stored sources
    for column in ("a.id", "a.duplicate_of"):
        for key, article_id, duplicate_of in bulk.select_in(
            f"SELECT f.fact_key, a.id, a.duplicate_of FROM facts f JOIN articles a ON a.id = f.article_id WHERE {column} IN ({{in}})",
            sorted(check),
        ):
            if key in by_key:
                known[key].add(duplicate_of or article_id)
    inserts, updates, touched = [], [], {}
    new_ids = iter(bulk.ids("fused_facts", sum(1 for key in by_key if key not in stored)))
    for key, group in by_key.items():
        old = stored.get(key)
        summary = add_sources(old.summary if old else None, [f.source for f in group], known[key])
        assert summary is not None
        if old is not None:
            updates.append((*_counts(summary), old.id))
            moved = (summary.first_reported, summary.last_reported) != (old.summary.first_reported, old.summary.last_reported)
            if old.scope is not None and moved:
                _touch(touched, old.scope, key, DATED)
        else:
            first = group[0]
            row = _Fused(next(new_ids), first.type, first.work_id, season_of(first.value), summary)
            inserts.append((row.id, key, row.type, row.work_id, row.season, first.value_json, *_counts(summary)))
            if row.scope is not None:
                _touch(touched, row.scope, key, NEW)
    _write(bulk, inserts, updates, [])
    return touched


def recount(bulk: Bulk, keys: Iterable[str]) -> Touched:
    """Recompute these fused facts from the stored facts (after some were removed); returns them
    (all their conflicts may have changed)."""
    keys = sorted(set(keys))
    stored = _load(bulk, keys)
    sources: dict[str, list[Source]] = defaultdict(list)
    first_fact: dict[str, int] = {}
    for key, fact_id, article_id, duplicate_of, published, ingested_at in bulk.select_in(
        "SELECT f.fact_key, f.id, a.id, a.duplicate_of, a.published, a.ingested_at FROM facts f "
        "JOIN articles a ON a.id = f.article_id WHERE f.fact_key IN ({in})",
        keys,
    ):
        sources[key].append(Source(article_id, duplicate_of, reported(published, bulk.to_datetime(ingested_at))))
        first_fact[key] = min(fact_id, first_fact.get(key, fact_id))
    firsts: dict[int, tuple[str, Any, int | None]] = {}
    for fact_id, ftype, value, work_id in bulk.select_in(
        "SELECT f.id, f.type, f.value, fe.entity_id FROM facts f "
        "LEFT JOIN fact_entities fe ON fe.fact_id = f.id AND fe.field = 'work' WHERE f.id IN ({in})",
        sorted(first_fact.values()),
    ):
        firsts[fact_id] = (ftype, bulk.loads(value), work_id)
    inserts, updates, revalued, deletes, touched = [], [], [], [], {}
    new_ids = iter(bulk.ids("fused_facts", sum(1 for key in sources if key not in stored)))
    for key in keys:
        old = stored.get(key)
        if old is not None and old.scope is not None:
            _touch(touched, old.scope, key, ALL)
        summary = summarize(sources.get(key, []))
        if summary is None:
            if old is not None:
                deletes.append(old.id)
            continue
        ftype, value, work_id = firsts[first_fact[key]]
        if old is not None:  # the first source may be gone: its successor's values stand for the fact
            revalued.append((bulk.json(value), old.id))
            updates.append((*_counts(summary), old.id))
            continue
        row = _Fused(next(new_ids), ftype, work_id, season_of(value), summary)
        inserts.append((row.id, key, ftype, work_id, row.season, bulk.json(value), *_counts(summary)))
        if row.scope is not None:
            _touch(touched, row.scope, key, ALL)
    _write(bulk, inserts, updates, deletes)
    bulk.execute_many("UPDATE fused_facts SET value = ? WHERE id = ?", revalued)
    return touched


def refresh_conflicts(bulk: Bulk, touched: Touched) -> None:
    """Bring the stored conflicts of these fused facts up to date; conflicts that still hold keep their
    rows (and their place in the list)."""
    if not touched:
        return
    scope_facts: dict[Scope, dict[str, dict[str, Any]]] = defaultdict(dict)
    for key, value, first, last, work, season in bulk.select_in(
        "SELECT fact_key, value, first_reported, last_reported, work_id, season FROM fused_facts "
        f"WHERE type IN {DECISIONS!r} AND work_id IN ({{in}})",
        sorted({work for work, _ in touched}),
    ):
        if (work, season) in touched:
            scope_facts[(work, season)][key] = {**bulk.loads(value), "key": key, "first_reported": first, "last_reported": last}
    stored: dict[tuple[int, int | None, str, str, str], int] = {}  # the conflicts this refresh recomputes
    looked_up = {key: how for keys in touched.values() for key, how in keys.items() if how != NEW}  # a new fact has none yet
    for column in ("key_a", "key_b"):
        for conflict_id, work, season, about, key_a, key_b in bulk.select_in(
            f"SELECT id, work_id, season, about, key_a, key_b FROM conflicts WHERE {column} IN ({{in}})", sorted(looked_up)
        ):
            keys = touched.get((work, season), {})
            if keys.get(key_a, 0) >= NEW or keys.get(key_b, 0) >= NEW or (about in DATED_CONFLICTS and (key_a in keys or key_b in keys)):
                stored[(work, season, about, key_a, key_b)] = conflict_id
    found: set[tuple[int, int | None, str, str, str]] = set()
    for (work, season), keys in touched.items():
        facts = scope_facts.get((work, season), {})
        by_kind: dict[tuple[str, str | None], list[dict[str, Any]]] = defaultdict(list)
        for fact in facts.values():
            by_kind[(fact["type"], fact.get("status") if fact["type"] == "status" else None)].append(fact)
        for key, how in keys.items():
            fact = facts.get(key)
            if fact is None:
                continue  # gone: its conflicts go
            ftype, statuses = rivals(fact)
            partners = by_kind[(ftype, None)] if statuses is None else [f for s in sorted(statuses) for f in by_kind[(ftype, s)]]
            for other in partners:
                if other["key"] == key or (keys.get(other["key"], 0) >= NEW and other["key"] < key):
                    continue  # itself, or a pair the other side's turn computes
                about = conflict_between(fact, other)
                if about is not None and (how >= NEW or keys.get(other["key"], 0) >= NEW or about in DATED_CONFLICTS):
                    key_a, key_b = sorted((key, other["key"]))
                    found.add((work, season, about, key_a, key_b))
    bulk.delete_in("conflicts", "id", sorted(cid for ident, cid in stored.items() if ident not in found))
    new = sorted((ident for ident in found if ident not in stored), key=lambda i: (i[0], -1 if i[1] is None else i[1], i[2:]))
    bulk.insert("conflicts", ("work_id", "season", "about", "key_a", "key_b"), new)


def rebuild(bulk: Bulk) -> None:
    """Recompute every fused fact and conflict from the stored facts."""
    bulk.run("DELETE FROM conflicts")
    bulk.run("DELETE FROM fused_facts")
    keys = [row[0] for row in bulk.run("SELECT DISTINCT fact_key FROM facts")]
    touched: Touched = {}
    for start in range(0, len(keys), 5000):
        merge(touched, recount(bulk, keys[start : start + 5000]))
    scopes = sorted(touched, key=lambda s: (s[0], -1 if s[1] is None else s[1]))
    for start in range(0, len(scopes), 2000):
        refresh_conflicts(bulk, {scope: touched[scope] for scope in scopes[start : start + 2000]})


def merge(touched: Touched, more: Touched) -> None:
    """Add ``more`` to ``touched``."""
    for scope, keys in more.items():
        for key, how in keys.items():
            _touch(touched, scope, key, how)


def _touch(touched: Touched, scope: Scope, key: str, how: int) -> None:
    keys = touched.setdefault(scope, {})
    keys[key] = max(keys.get(key, 0), how)


def _load(bulk: Bulk, keys: Iterable[str]) -> dict[str, _Fused]:
    out = {}
    for fused_id, key, ftype, work_id, season, count, independent, first, last in bulk.select_in(
        "SELECT id, fact_key, type, work_id, season, source_count, independent_sources, first_reported, last_reported "
        "FROM fused_facts WHERE fact_key IN ({in})",
        list(keys),
    ):
        out[key] = _Fused(fused_id, ftype, work_id, season, Summary(count, independent, first, last))
    return out


def _counts(summary: Summary) -> tuple[int, int, str | None, str | None]:
    return summary.source_count, summary.independent_sources, summary.first_reported, summary.last_reported


def _write(bulk: Bulk, inserts: list[tuple[Any, ...]], updates: list[tuple[Any, ...]], deletes: list[int]) -> None:
    bulk.insert("fused_facts", _FUSED_COLUMNS, inserts)
    bulk.execute_many(
        "UPDATE fused_facts SET source_count = ?, independent_sources = ?, first_reported = ?, last_reported = ? WHERE id = ?", updates
    )
    bulk.delete_in("fused_facts", "id", deletes)
