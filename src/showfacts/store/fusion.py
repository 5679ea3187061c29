"""The stored side of fusion: the ``fused_facts`` and ``conflicts`` tables, kept up to date for
the keys and scopes a batch touches.

- New facts add to their fused fact's counts, dates and belief (:func:`showfacts.merge.fuse.add_sources`):
  the only stored facts read are those of the near-duplicate clusters the batch's copies
  belong to, to tell whether a copy brings a new independent source (or a more confident one).
- Removed facts (an article replaced by new text, or re-extracted) make their keys be recounted
  from the facts that remain (:func:`recount`).
- A conflict row is one pair of disagreeing answers to one question of one (work, season), stated
  by independent articles (:func:`showfacts.merge.fuse.dispute`): one row per pair of *answers*
  (two premiere dates), however many facts and sources give each. A side is named by
  :func:`showfacts.merge.fuse.side_key`. Rows are recomputed only for the answers a batch changed
  (:func:`refresh_conflicts`): an answer that is new, gone, recounted, or whose stories went from
  one to several; for statuses, also one whose reported dates moved. An answer already given by
  several independent stories that gets one more changes no conflict, and costs nothing here.

:func:`rebuild` recomputes both tables from the facts (migrations use it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from showfacts.merge.fuse import (
    DECISIONS,
    Answer,
    Source,
    Summary,
    about,
    add_sources,
    claims,
    confidence,
    disputes,
    reported,
    season_of,
    side_key,
    summarize,
)
from showfacts.store.bulk import Bulk

Scope = tuple[int, int | None]  # (work id, season): where status and release facts can conflict

Touched = dict[Scope, set[tuple[str, str]]]
"""The answers, (question, answer) by scope, whose conflicts must be recomputed."""

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
    "belief",
    "origin",
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
    value: dict[str, Any]
    summary: Summary

    @property
    def scope(self) -> Scope | None:
        return (self.work_id, self.season) if self.type in DECISIONS and self.work_id is not None else None


def add_facts(bulk: Bulk, facts: list[NewFact], fresh_origins: set[int]) -> Touched:
    """Count these facts into their fused facts (call before inserting them). ``fresh_origins`` are
    the articles first stored in this batch: no stored fact can share their origin. Returns the
    answers whose conflicts may have changed."""
    by_key: dict[str, list[NewFact]] = defaultdict(list)
    for fact in facts:
        by_key[fact.key].append(fact)
    stored = _load(bulk, by_key)
    check = {f.source.origin for f in facts} - fresh_origins
    known: dict[str, dict[int, float]] = defaultdict(dict)  # key → origins already among its stored sources → best confidence
    for column in ("a.id", "a.duplicate_of"):
        for key, article_id, duplicate_of, value in bulk.select_in(
            "SELECT f.fact_key, a.id, a.duplicate_of, f.confidence FROM facts f JOIN articles a ON a.id = f.article_id "
            f"WHERE {column} IN ({{in}})",
            sorted(check),
        ):
            if key in by_key:
                origin, c = duplicate_of or article_id, confidence(value)
                if c > known[key].get(origin, -1.0):
                    known[key][origin] = c
    inserts, updates, touched = [], [], {}
    new_ids = iter(bulk.ids("fused_facts", sum(1 for key in by_key if key not in stored)))
    for key, group in by_key.items():
        old = stored.get(key)
        summary = add_sources(old.summary if old else None, [f.source for f in group], known[key])
        assert summary is not None
        said = claims(group[0].type, group[0].value, key)
        if old is not None:
            updates.append((*_counts(summary), old.id))
            if old.scope is not None:
                _touch(touched, old.scope, _changed(said, old.summary, summary))
        else:
            first = group[0]
            row = _Fused(next(new_ids), first.type, first.work_id, season_of(first.value), first.value, summary)
            inserts.append((row.id, key, row.type, row.work_id, row.season, first.value_json, *_counts(summary)))
            if row.scope is not None:
                _touch(touched, row.scope, said)
    _write(bulk, inserts, updates, [])
    return touched


def _changed(said: list[tuple[str, str]], old: Summary, new: Summary) -> list[tuple[str, str]]:
    """The answers of a fused fact whose conflicts a new source may change: all of them when its
    stories went from one to several (or to another one), its status when its reported dates moved."""
    if old.independent_sources < 2 and (new.independent_sources, new.origin) != (old.independent_sources, old.origin):
        return said
    if (new.first_reported, new.last_reported) != (old.first_reported, old.last_reported):
        return [(q, a) for q, a in said if q == "status"]
    return []


def recount(bulk: Bulk, keys: Iterable[str]) -> Touched:
    """Recompute these fused facts from the stored facts (after some were removed); returns their
    answers (all their conflicts may have changed)."""
    keys = sorted(set(keys))
    stored = _load(bulk, keys)
    sources: dict[str, list[Source]] = defaultdict(list)
    first_fact: dict[str, int] = {}
    for key, fact_id, article_id, duplicate_of, published, value in bulk.select_in(
        "SELECT f.fact_key, f.id, a.id, a.duplicate_of, a.published, f.confidence FROM facts f "
        "JOIN articles a ON a.id = f.article_id WHERE f.fact_key IN ({in})",
        keys,
    ):
        sources[key].append(Source(article_id, duplicate_of, reported(published), value))
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
            _touch(touched, old.scope, claims(old.type, old.value, key))
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
        row = _Fused(next(new_ids), ftype, work_id, season_of(value), value, summary)
        inserts.append((row.id, key, ftype, work_id, row.season, bulk.json(value), *_counts(summary)))
        if row.scope is not None:
            _touch(touched, row.scope, claims(ftype, value, key))
    _write(bulk, inserts, updates, deletes)
    bulk.execute_many("UPDATE fused_facts SET value = ? WHERE id = ?", revalued)
    return touched


def refresh_conflicts(bulk: Bulk, touched: Touched) -> None:
    """Bring the stored conflicts of these answers up to date: each is compared with the other
    answers to its question in its scope; conflicts that still hold keep their rows (and their
    place in the list)."""
    touched = {scope: said for scope, said in touched.items() if said}
    if not touched:
        return
    answers: dict[Scope, dict[str, dict[str, Answer]]] = defaultdict(lambda: defaultdict(dict))
    for key, ftype, value, first, last, work, season, independent, origin in bulk.select_in(
        "SELECT fact_key, type, value, first_reported, last_reported, work_id, season, independent_sources, origin FROM fused_facts "
        f"WHERE type IN {DECISIONS!r} AND work_id IN ({{in}})",
        sorted({work for work, _ in touched}),
    ):
        if (work, season) in touched:
            for question, answer in claims(ftype, bulk.loads(value), key):
                group = answers[(work, season)][question].setdefault(answer, Answer(question, answer))
                group.add(key, independent, origin, first, last)
    sides = sorted({side_key(scope, q, a) for scope, said in touched.items() for q, a in said})
    stored: dict[tuple[int, int | None, str, str, str], int] = {}  # the rows this refresh recomputes
    for column in ("side_a", "side_b"):
        for conflict_id, work, season, what, side_a, side_b in bulk.select_in(
            f"SELECT id, work_id, season, about, side_a, side_b FROM conflicts WHERE {column} IN ({{in}})", sides
        ):
            stored[(work, season, what, side_a, side_b)] = conflict_id
    found: set[tuple[int, int | None, str, str, str]] = set()
    for scope, said in touched.items():
        by_question: dict[str, set[str]] = defaultdict(set)
        for question, answer in said:
            by_question[question].add(answer)
        for question, wanted in by_question.items():
            for kind, a, b in disputes(answers[scope][question], question, wanted):
                if kind == "conflict":
                    side_a, side_b = sorted((side_key(scope, question, a.answer), side_key(scope, question, b.answer)))
                    found.add((scope[0], scope[1], about(question), side_a, side_b))
    bulk.delete_in("conflicts", "id", sorted(cid for ident, cid in stored.items() if ident not in found))
    new = sorted((ident for ident in found if ident not in stored), key=lambda i: (i[0], -1 if i[1] is None else i[1], i[2:]))
    bulk.insert("conflicts", ("work_id", "season", "about", "side_a", "side_b"), new)


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
    for scope, said in more.items():
        _touch(touched, scope, said)


def _touch(touched: Touched, scope: Scope, said: Iterable[tuple[str, str]]) -> None:
    said = list(said)
    if said:
        touched.setdefault(scope, set()).update(said)


def _load(bulk: Bulk, keys: Iterable[str]) -> dict[str, _Fused]:
    out = {}
    for fused_id, key, ftype, work_id, season, value, count, independent, first, last, belief, origin in bulk.select_in(
        "SELECT id, fact_key, type, work_id, season, value, source_count, independent_sources, first_reported, last_reported, belief, origin "
        "FROM fused_facts WHERE fact_key IN ({in})",
        list(keys),
    ):
        summary = Summary(count, independent, first, last, belief or 0.0, origin)
        out[key] = _Fused(fused_id, ftype, work_id, season, bulk.loads(value), summary)
    return out


def _counts(summary: Summary) -> tuple[Any, ...]:
    return summary.source_count, summary.independent_sources, summary.first_reported, summary.last_reported, summary.belief, summary.origin


def _write(bulk: Bulk, inserts: list[tuple[Any, ...]], updates: list[tuple[Any, ...]], deletes: list[int]) -> None:
    bulk.insert("fused_facts", _FUSED_COLUMNS, sorted(inserts, key=lambda row: row[1]))  # in key order (see ingest)
    bulk.execute_many(
        "UPDATE fused_facts SET source_count = ?, independent_sources = ?, first_reported = ?, last_reported = ?, belief = ?, origin = ? "
        "WHERE id = ?",
        updates,
    )
    bulk.delete_in("fused_facts", "id", deletes)
