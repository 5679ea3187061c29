"""Fusion: the same fact from many articles becomes one fact with all its sources; facts that
cannot both be true become conflicts, unless the later report is news of a change."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import String, cast, delete, func, select
from sqlalchemy.orm import Session

from showfacts.store.models import ArticleRow, ConflictRow, EntityRow, FactEntityRow, FactRow

DECISIONS = ("status", "release")  # the fact types whose disagreements are conflicts

# statuses that cannot both hold for one work and season
INCOMPATIBLE = [{"renewed", "cancelled"}, {"ordered", "cancelled"}, {"ending", "renewed"}]


def fuse(rows: list[tuple[FactRow, ArticleRow]], text_of: bool = True) -> list[dict[str, Any]]:
    """Group article facts by their fact key; each group is one fused fact with its sources."""
    groups: dict[str, list[tuple[FactRow, ArticleRow]]] = defaultdict(list)
    for fact, article in rows:
        groups[fact.fact_key].append((fact, article))
    fused = []
    for key, members in groups.items():
        fact0 = members[0][0]
        sources = [_source(f, a, text_of) for f, a in sorted(members, key=lambda m: (m[1].published or "", m[1].id))]
        originals = {a.duplicate_of or a.id for _, a in members}
        dates = [s["reported"] for s in sources if s["reported"]]
        fused.append(
            {
                **{k: v for k, v in fact0.value.items()},
                "key": key,
                "sources": sources,
                "source_count": len(sources),
                "independent_sources": len(originals),
                "first_reported": min(dates) if dates else None,
                "last_reported": max(dates) if dates else None,
                "conflict": False,
            }
        )
    fused.sort(key=lambda f: (f.get("first_reported") or "", f["key"]))
    return fused


def _source(fact: FactRow, article: ArticleRow, text_of: bool) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published,
        "url": article.url,
        "duplicate_of": article.duplicate_of,
        "reported": article.published or article.ingested_at.date().isoformat(),
        "evidence": {
            "start": fact.evidence_start,
            "end": fact.evidence_end,
            "text": article.text[fact.evidence_start : fact.evidence_end] if text_of else None,
        },
    }


def conflicts(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mark conflicting fused facts of one work in place and return the conflicts found.

    Two release dates for one season (neither a refinement of the other), two networks for one
    decision, or incompatible statuses for one season are conflicts; where the statuses were
    reported on different dates the later one supersedes the earlier (news of a change) instead.
    """
    found: list[dict[str, Any]] = []
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in facts:
        by_type[f["type"]].append(f)
    releases = by_type.get("release", [])
    for i, a in enumerate(releases):
        for b in releases[i + 1 :]:
            if a.get("season") == b.get("season") and not _refines(str(a["date"]), str(b["date"])):
                found.append(_conflict("release date", a, b))
    statuses = by_type.get("status", [])
    for i, a in enumerate(statuses):
        for b in statuses[i + 1 :]:
            if a.get("season") != b.get("season"):
                continue
            if {a["status"], b["status"]} in INCOMPATIBLE:
                earlier, later = sorted((a, b), key=lambda f: f.get("last_reported") or "")
                if (earlier.get("last_reported") or "") < (later.get("first_reported") or ""):
                    earlier["superseded_by"] = later["status"]
                else:
                    found.append(_conflict("status", a, b))
            elif a["status"] == b["status"] and a.get("network") and b.get("network") and a["network"] != b["network"]:
                found.append(_conflict("network of the decision", a, b))
    return found


def _refines(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _conflict(what: str, a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    a["conflict"] = b["conflict"] = True
    return {"about": what, "sides": [a, b]}


def decision_summaries(session: Session, work_id: int) -> list[dict[str, Any]]:
    """A work's status and release facts fused in the database: one row per fact key with its
    first and last reported dates. What :func:`conflicts` needs, at the cost of one grouped
    query however many articles report the work (ingest runs this for every article)."""
    reported = func.coalesce(ArticleRow.published, func.substr(cast(ArticleRow.ingested_at, String), 1, 10))
    groups = session.execute(
        select(FactRow.fact_key, func.min(FactRow.id), func.min(reported), func.max(reported))
        .join(FactEntityRow, FactEntityRow.fact_id == FactRow.id)
        .join(ArticleRow, ArticleRow.id == FactRow.article_id)
        .where(FactEntityRow.entity_id == work_id, FactEntityRow.field == "work", FactRow.type.in_(DECISIONS))
        .group_by(FactRow.fact_key)
    ).all()
    values = dict(session.execute(select(FactRow.id, FactRow.value).where(FactRow.id.in_([g[1] for g in groups]))).tuples().all())
    return [
        {**values[first_id], "key": key, "first_reported": first, "last_reported": last, "conflict": False}
        for key, first_id, first, last in groups
    ]


def refresh_conflicts(session: Session, work_ids: Iterable[int]) -> None:
    """Recompute the stored conflicts of these works from their current facts (inside the caller's
    transaction). Each work's row is locked first, so that concurrent ingests on PostgreSQL
    recompute one after another and the later one sees the earlier one's facts."""
    for work_id in sorted(set(work_ids)):
        session.execute(select(EntityRow.id).where(EntityRow.id == work_id).with_for_update())
        session.execute(delete(ConflictRow).where(ConflictRow.work_id == work_id))
        for found in conflicts(decision_summaries(session, work_id)):
            a, b = sorted(side["key"] for side in found["sides"])
            session.add(ConflictRow(work_id=work_id, about=found["about"], key_a=a, key_b=b))


def refresh_all_conflicts(session: Session) -> None:
    """Recompute every work's conflicts (a migration fills the table this way once)."""
    work_ids = session.scalars(
        select(FactEntityRow.entity_id)
        .join(FactRow, FactRow.id == FactEntityRow.fact_id)
        .where(FactEntityRow.field == "work", FactRow.type.in_(DECISIONS))
        .group_by(FactEntityRow.entity_id)
    ).all()
    refresh_conflicts(session, work_ids)
    session.flush()
