"""Fusion: the same fact from many articles becomes one fact with all its sources; facts that
cannot both be true become conflicts, unless the later report is news of a change.

The rules only, over plain values: what makes two facts one claim (:func:`fact_key`), what a
source's report date is, how a fused fact's counts and dates grow when sources are added
(:func:`add_sources`, so the store updates the fused facts a batch touches instead of
recounting them), which facts may conflict (:func:`decision_scope`) and what a conflict is
(:func:`conflicts`). The store reads and writes; nothing here touches the database.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from showfacts.merge.names import fold

DECISIONS = ("status", "release")  # the fact types whose disagreements are conflicts

# statuses that cannot both hold for one work and season
INCOMPATIBLE = [{"renewed", "cancelled"}, {"ordered", "cancelled"}, {"ending", "renewed"}]


def fuse(rows: list[tuple[Any, Any]], text_of: bool = True) -> list[dict[str, Any]]:
    """Group article facts (stored fact and article rows) by their fact key; each group is one
    fused fact with its sources (the read side's view)."""
    groups: dict[str, list[tuple[Any, Any]]] = defaultdict(list)
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


def _source(fact: Any, article: Any, text_of: bool) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published,
        "url": article.url,
        "duplicate_of": article.duplicate_of,
        "reported": reported(article.published, article.ingested_at),
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
    for group in (by_type.get("release", []), by_type.get("status", [])):
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                about = conflict_between(a, b)
                if about is not None:
                    found.append(_conflict(about, a, b))
                elif (change := _change(a, b)) is not None:
                    earlier, later = change
                    earlier["superseded_by"] = later["status"]
    return found


def conflict_between(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    """What two fused facts of one work disagree on ("release date", "status", "network of the
    decision"), or None. Only incompatible statuses depend on when they were reported."""
    if a["type"] != b["type"] or a.get("season") != b.get("season"):
        return None
    if a["type"] == "release":
        return None if _refines(str(a["date"]), str(b["date"])) else "release date"
    if a["type"] != "status":
        return None
    if {a["status"], b["status"]} in INCOMPATIBLE:
        return None if _change(a, b) else "status"
    if a["status"] == b["status"] and a.get("network") and b.get("network") and a["network"] != b["network"]:
        return "network of the decision"
    return None


def _change(a: dict[str, Any], b: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(earlier, later) when two incompatible statuses were reported on different dates: news of a change."""
    if a["type"] != "status" or a.get("season") != b.get("season") or {a["status"], b["status"]} not in INCOMPATIBLE:
        return None
    earlier, later = sorted((a, b), key=lambda f: f.get("last_reported") or "")
    return (earlier, later) if (earlier.get("last_reported") or "") < (later.get("first_reported") or "") else None


DATED_CONFLICTS = ("status",)
"""What conflicts depend on when their sides were reported: a new source of either side can make
or unmake them (the others depend on the facts' values only)."""


def rivals(fact: dict[str, Any]) -> tuple[str, set[str] | None]:
    """Which fused facts of its scope can conflict with ``fact``: (their type, their statuses or None
    for any). Lets a store compare a new fact with a few of its scope's facts, not all."""
    if fact["type"] != "status":
        return fact["type"], None
    status = fact["status"]
    return "status", {status} | {other for pair in INCOMPATIBLE if status in pair for other in pair}


def _refines(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _conflict(what: str, a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    a["conflict"] = b["conflict"] = True
    return {"about": what, "sides": [a, b]}


# ---- what makes facts one claim -----------------------------------------------------------------


def fact_key(ftype: str, value: dict[str, Any], links: dict[str, int]) -> str:
    """What makes two articles' facts the same claim: entity ids for names, the other values as given."""
    parts: list[str] = [ftype]
    for name in sorted(value):
        if name == "type":
            continue
        if name in links:
            parts.append(f"{name}=#{links[name]}")
        elif name in ("before", "after"):
            parts.append(f"{name}=#{links[name]}/{value[name].get('season')}")
        elif name == "text":
            parts.append("text=" + hashlib.blake2b(fold(str(value[name])).encode(), digest_size=8).hexdigest())
        else:
            parts.append(f"{name}={value[name]}")
    return "|".join(parts)[:1000]


def decision_scope(ftype: str, value: dict[str, Any], links: dict[str, int]) -> tuple[int, int | None] | None:
    """The (work, season) within which a fact can conflict with another, or None for facts that never conflict.
    :func:`conflicts` only ever pairs facts of one scope, so a batch recomputes the scopes it touched."""
    if ftype not in DECISIONS or "work" not in links:
        return None
    return links["work"], season_of(value)


def season_of(value: dict[str, Any]) -> int | None:
    season = value.get("season")
    return season if isinstance(season, int) and not isinstance(season, bool) else None


# ---- sources, counted as they arrive ------------------------------------------------------------


def reported(published: str | None, ingested_at: datetime) -> str:
    """The date a source reported its facts: its publication date, else the day it was ingested."""
    return published or ingested_at.date().isoformat()


@dataclass(frozen=True)
class Source:
    """One article stating a fact: what fusion counts."""

    article_id: int
    duplicate_of: int | None
    reported: str | None

    @property
    def origin(self) -> int:
        """The original story: a near-duplicate counts as its original (one independent source)."""
        return self.duplicate_of or self.article_id


@dataclass(frozen=True)
class Summary:
    """A fused fact's counts and dates."""

    source_count: int
    independent_sources: int
    first_reported: str | None
    last_reported: str | None


def summarize(sources: Iterable[Source]) -> Summary | None:
    """The summary of a fused fact from all its sources (None when it has none left)."""
    return add_sources(None, list(sources), set())


def add_sources(summary: Summary | None, sources: list[Source], known_origins: set[int]) -> Summary | None:
    """The summary after ``sources`` are added to a fused fact that had ``summary``; ``known_origins`` are
    the origins (see :attr:`Source.origin`) among its sources before, which add no independent source."""
    if not sources:
        return summary
    dates = [s.reported for s in sources if s.reported]
    new_origins = {s.origin for s in sources} - known_origins
    if summary is not None:
        dates += [d for d in (summary.first_reported, summary.last_reported) if d]
    return Summary(
        source_count=(summary.source_count if summary else 0) + len(sources),
        independent_sources=(summary.independent_sources if summary else 0) + len(new_origins),
        first_reported=min(dates) if dates else None,
        last_reported=max(dates) if dates else None,
    )
