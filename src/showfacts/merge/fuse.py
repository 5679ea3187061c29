"""Fusion: the same fact from many articles becomes one fact with all its sources and a belief;
answers from independent articles that cannot both be true become conflicts, unless the later
report is news of a change.

The rules only, over plain values: what makes two facts one claim (:func:`fact_key`), what a
source's report date is (:func:`reported`: its publication date, or none), how sure the sources
together make a claim (:func:`belief`), how a fused fact's counts, dates and belief grow when
sources are added (:func:`add_sources`, so the store updates the fused facts a batch touches
instead of recounting them), what question a status or release fact answers (:func:`claims`;
a premiere date and a finale date answer different ones: :func:`release_event`), when two
answers are a conflict (:func:`dispute`), and which of one article's own contradicting facts
it keeps (:func:`within_article`). The store reads and writes; nothing here touches the database.

Belief
    Each source's confidence is the extractor's (``Fact.confidence``), or
    :data:`DEFAULT_CONFIDENCE` where the record has none (older records). Sources of one story
    (an article and its near-duplicates) count once, with the highest confidence among them; the
    independent stories combine by noisy-OR: ``belief = 1 - prod(1 - c_i)``. One story at 0.8
    gives 0.8; two at 0.8 give 0.96; a syndicated copy adds nothing.

Conflicts
    A conflict is two answers to one question about one work and season (its release date, its
    finale date, its status, the network of a decision) that cannot both be true, stated by two
    independent articles: some source of one side and some source of the other are different
    stories. Release dates disagree unless one refines the other (2025 and 2025-06-12 agree);
    statuses disagree when incompatible (renewed and cancelled) unless both sides are dated and
    one was reported entirely before the other: that is news of a change, and the later
    supersedes the earlier (an undated side never supersedes and is never superseded). One
    article contradicting itself is no conflict: it keeps its higher-confidence side.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from showfacts.merge.names import fold

DECISIONS = ("status", "release")  # the fact types whose disagreements are conflicts

# statuses that cannot both hold for one work and season
INCOMPATIBLE = [{"renewed", "cancelled"}, {"ordered", "cancelled"}, {"ending", "renewed"}]

DEFAULT_CONFIDENCE = 0.5
"""The confidence of a source whose record gives none (records written before the extractor gave
one): a story of unknown reliability, as likely right as wrong."""


# ---- belief -------------------------------------------------------------------------------------


def confidence(value: float | None) -> float:
    """A source's confidence in [0, 1]: the extractor's, or :data:`DEFAULT_CONFIDENCE` when it gave none."""
    if value is None:
        return DEFAULT_CONFIDENCE
    return min(1.0, max(0.0, float(value)))


def belief(sources: Iterable[tuple[int, float | None]]) -> float:
    """How sure the sources together make a claim, from (origin, confidence) pairs: each story (an
    origin: an article and its near-duplicates) counts once, at its highest confidence, and the
    stories combine by noisy-OR, ``1 - prod(1 - c)``."""
    return noisy_or(best_by_origin(sources).values())


def best_by_origin(sources: Iterable[tuple[int, float | None]]) -> dict[int, float]:
    best: dict[int, float] = {}
    for origin, value in sources:
        c = confidence(value)
        if c > best.get(origin, -1.0):
            best[origin] = c
    return best


def noisy_or(confidences: Iterable[float]) -> float:
    doubt = 1.0
    for c in confidences:
        doubt *= 1.0 - c
    return 1.0 - doubt


# ---- the read side's fusion ---------------------------------------------------------------------


def fuse(rows: list[tuple[Any, Any]], text_of: bool = True, group: Any = None) -> list[dict[str, Any]]:
    """Group article facts (stored fact and article rows) by their fact key (or by ``group(fact)``);
    each group is one fused fact with its sources, counts and belief (the read side's view)."""
    groups: dict[str, list[tuple[Any, Any]]] = defaultdict(list)
    for fact, article in rows:
        groups[group(fact) if group else fact.fact_key].append((fact, article))
    fused = []
    for key, members in groups.items():
        fact0 = members[0][0]
        sources = [_source(f, a, text_of) for f, a in sorted(members, key=lambda m: (m[1].published or "", m[1].id, m[0].id))]
        originals = {a.duplicate_of or a.id for _, a in members}
        dates = [s["reported"] for s in sources if s["reported"]]
        fused.append(
            {
                **{k: v for k, v in fact0.value.items()},
                "key": key,
                "sources": sources,
                "source_count": len(sources),
                "independent_sources": len(originals),
                "belief": round(belief((a.duplicate_of or a.id, f.confidence) for f, a in members), 4),
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
        "reported": reported(article.published),
        "confidence": fact.confidence,
        "evidence": {
            "start": fact.evidence_start,
            "end": fact.evidence_end,
            "text": article.text[fact.evidence_start : fact.evidence_end] if text_of else None,
        },
    }


# ---- what a decision answers, and when two answers are a conflict -------------------------------

RELEASE_EVENTS = {"finale": "finale date", "part": "later-part date", "festival": "festival date"}
"""Release events other than the (default) premiere or release, each a question of its own, with
how a conflict about it is named. A premiere date and a finale date are two facts, never a conflict."""

_EVENT_CUES = [
    (
        "finale",
        r"finale|final episodes?|last episodes?|series ender|conclud\w*|(?:will |to )?end(?:s|ed)? (?:its|their|the series|on|in)|"
        r"wrap(?:s|ped)? (?:up )?(?:its|their) run|signs? off|sign(?:ed)? off|came to an end|comes to an end",
    ),
    (
        "part",
        r"part (?:two|2|ii|three|3)|second part|volume (?:two|2|ii)|vol\. ?2|second half|back half|back nine|mid-?season|"
        r"remaining episodes",
    ),
    ("festival", r"festival|sundance|cannes|venice|tiff|sxsw|berlinale|tribeca|telluride"),
    (
        "release",
        r"premier\w*|debut\w*|launch\w*|return\w*|arriv\w*|releas\w*|bows?\b|open\w*|hits?\b|in theaters|in cinemas|"
        r"streaming|first episode|begins?\b|starts?\b",
    ),
]
_CUES = [(event, re.compile(rf"\b(?:{pattern})", re.IGNORECASE)) for event, pattern in _EVENT_CUES]
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]


def release_event(sentence: str, date: str | None) -> str | None:
    """The event a release fact dates, read from its evidence sentence: ``finale``, ``part`` (a later
    part of a season), ``festival``, or None for the premiere or release itself (the default, and
    what a sentence without a cue means). The cues of the date's own clause decide (the date found
    by its month name, else its year): those before the date first, a specific event over a plain
    "premieres"; so "premiered in 2011 and its finale aired in 2018" dates a premiere and a finale.
    A stopgap until the record contract carries the event: the extractor does not say it."""
    if not sentence:
        return None
    found = [(m.start(), m.end(), event) for event, pattern in _CUES for m in pattern.finditer(sentence)]
    if not found:
        return None
    anchors = _anchors(sentence, date)
    if not anchors:  # a relative date ("next year"): the one event the sentence names, if only one
        kinds = {event for _, _, event in found}
        return _event(kinds.pop()) if len(kinds) == 1 else None
    start, end = anchors[0]
    low = max((m.end() for m in _BOUNDARY.finditer(sentence, 0, start)), default=0)
    high = next((m.start() for m in _BOUNDARY.finditer(sentence, end)), len(sentence))
    before = [cue for cue in found if low <= cue[0] and cue[1] <= start]
    if before:
        specific = [cue for cue in before if cue[2] != "release"]
        return _event(max(specific or before)[2])
    after = sorted(cue for cue in found if end <= cue[0] and cue[1] <= high)
    return _event(after[0][2]) if after else None


def _event(event: str) -> str | None:
    return None if event == "release" else event


_BOUNDARY = re.compile(r"[;:()]|,(?!\s*\d{4})|\b(?:and|but|before|after|while|then|whereas|until)\b", re.IGNORECASE)
"""Where a clause ends: a date's event is named in its own clause ("June 12, 2025" is one date)."""


def _anchors(sentence: str, date: str | None) -> list[tuple[int, int]]:
    """Where the date is written in the sentence: its month's name, else its year."""
    text = str(date or "")
    if len(text) >= 7 and text[5:7].isdigit() and 1 <= int(text[5:7]) <= 12:
        month = _MONTHS[int(text[5:7]) - 1]
        found = [m.span() for m in re.finditer(rf"\b{month[:3]}\w*\.?", sentence, re.IGNORECASE)]
        if found:
            return found
    return [m.span() for m in re.finditer(re.escape(text[:4]), sentence)] if text[:4].isdigit() else []


def claims(ftype: str, value: dict[str, Any], key: str) -> list[tuple[str, str]]:
    """The questions a status or release fact answers, each with its answer: ``("release", date)``
    (or ``"release:finale"`` and the other :data:`RELEASE_EVENTS`), ``("status", status)`` and,
    when it names one, ``("network:<status>", network)`` (the network by its entity, from the key)."""
    if ftype == "release":
        date = value.get("date")
        if not date:
            return []
        event = value.get("event")
        return [(f"release:{event}" if event in RELEASE_EVENTS else "release", str(date))]
    if ftype != "status" or not value.get("status"):
        return []
    status = str(value["status"])
    out = [("status", status)]
    network = _linked(key, "network") or (fold(str(value["network"])) if value.get("network") else None)
    if network:
        out.append((f"network:{status}", network))
    return out


def _linked(key: str, name: str) -> str | None:
    prefix = f"{name}=#"
    for part in key.split("|"):
        if part.startswith(prefix):
            return part[len(name) + 1 :]
    return None


def about(question: str) -> str:
    """What a conflict over ``question`` is about, as people read it."""
    if question == "release":
        return "release date"
    if question.startswith("release:"):
        return RELEASE_EVENTS.get(question[8:], "release date")
    if question.startswith("network:"):
        return "network of the decision"
    return question


def disagree(question: str, a: str, b: str) -> bool:
    """Whether two answers to one question cannot both be true (dates aside)."""
    if a == b:
        return False
    if question.startswith("release"):
        return not _refines(a, b)
    if question == "status":
        return {a, b} in INCOMPATIBLE
    return True  # two networks for one decision


def _refines(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


@dataclass
class Answer:
    """One answer to one question in one (work, season): the fused facts that give it, the stories
    (origins) behind them, and when it was first and last reported."""

    question: str
    answer: str
    keys: list[str] = field(default_factory=list)
    origins: set[int] = field(default_factory=set)
    many: bool = False  # two or more independent stories
    first: str | None = None
    last: str | None = None

    def add(self, key: str, independent: int, origin: int | None, first: str | None, last: str | None) -> None:
        """A fused fact giving this answer, with its number of independent sources and (one of) their origins."""
        self.keys.append(key)
        if origin is not None:
            self.origins.add(origin)
        self.many = self.many or independent >= 2 or len(self.origins) >= 2
        if first and (self.first is None or first < self.first):
            self.first = first
        if last and (self.last is None or last > self.last):
            self.last = last

    def independent_of(self, other: Answer) -> bool:
        """Some source of this answer and some source of the other are different stories."""
        return self.many or other.many or self.origins != other.origins


def dispute(question: str, a: Answer, b: Answer) -> tuple[str, Answer, Answer] | None:
    """``("conflict", a, b)``, ``("change", earlier, later)`` (incompatible statuses, both dated, one
    reported wholly before the other), or None (they agree, or only one story says both)."""
    if not disagree(question, a.answer, b.answer):
        return None
    if question == "status":
        earlier, later = sorted((a, b), key=lambda x: x.last or "")
        if earlier.last and later.first and earlier.last < later.first:
            return "change", earlier, later
    return ("conflict", a, b) if a.independent_of(b) else None


Scope = tuple[int, "int | None"]


def side_key(scope: tuple[Any, int | None], question: str, answer: str) -> str:
    """How the store names one side of a conflict: the answer in its scope (work, season) and question."""
    work, season = scope
    return f"{work}/{'' if season is None else season}|{question}|{answer}"[:1000]


def parse_side(key: str) -> tuple[str, int | None, str, str]:
    """(work, season, question, answer) of a :func:`side_key`."""
    where, question, answer = key.split("|", 2)
    work, _, season = where.partition("/")
    return work, int(season) if season else None, question, answer


def answers_of(facts: Iterable[dict[str, Any]]) -> dict[tuple[int | None, str], dict[str, Answer]]:
    """The read side's answers for one work's fused status and release facts: (season, question) →
    answer → :class:`Answer` (each fused fact with its sources, as :func:`fuse` gives them)."""
    out: dict[tuple[int | None, str], dict[str, Answer]] = defaultdict(dict)
    for f in facts:
        source = f["sources"][0] if f.get("sources") else None
        origin = (source.get("duplicate_of") or source["article_id"]) if source else None
        for question, answer in claims(f["type"], f, f["key"]):
            group = out[(season_of(f), question)].setdefault(answer, Answer(question, answer))
            group.add(f["key"], f["independent_sources"], origin, f.get("first_reported"), f.get("last_reported"))
    return out


def disputes(answers: dict[str, Answer], question: str, only: Iterable[str] | None = None) -> Iterator[tuple[str, Answer, Answer]]:
    """Every dispute among the answers to one question (or those involving the answers in ``only``),
    each pair once."""
    ordered = sorted(answers.values(), key=lambda a: a.answer)
    wanted = set(answers) if only is None else set(only) & set(answers)
    for a in ordered:
        if a.answer not in wanted:
            continue
        for b in ordered:
            if b.answer == a.answer or (b.answer in wanted and b.answer < a.answer):
                continue  # itself, or a pair found from the other side
            found = dispute(question, a, b)
            if found is not None:
                yield found


def conflicts(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mark the conflicting fused status and release facts of one work in place (``conflict``,
    and ``superseded_by`` on a status a later report changed) and return the conflicts found, each
    ``{"about", "season", "question", "answers": [a, b], "keys": [keys of a, keys of b]}``."""
    by_key = {f["key"]: f for f in facts}
    found: list[dict[str, Any]] = []
    for (season, question), answers in sorted(answers_of(facts).items(), key=lambda kv: (kv[0][0] or 0, kv[0][1])):
        for kind, a, b in disputes(answers, question):
            if kind == "change":
                for key in a.keys:
                    by_key[key]["superseded_by"] = b.answer
                continue
            for key in a.keys + b.keys:
                by_key[key]["conflict"] = True
            found.append({"about": about(question), "season": season, "question": question, "answers": [a.answer, b.answer],
                          "keys": [list(a.keys), list(b.keys)]})  # fmt: skip
    return found


def within_article(facts: Sequence[tuple[tuple[int, int | None] | None, str, dict[str, Any], str, float | None]]) -> tuple[list[int], int]:
    """One article's facts as (scope, type, value, key, confidence): which it keeps (their indexes, in
    order) and how many it drops. Where the article contradicts itself (two answers to one question
    of one work and season that disagree), the higher-confidence fact stands and the other goes."""
    order = sorted(range(len(facts)), key=lambda i: -confidence(facts[i][4]))
    kept: dict[tuple[Any, str], list[str]] = defaultdict(list)
    keep: list[int] = []
    dropped = 0
    for i in order:
        scope, ftype, value, key, _ = facts[i]
        said = claims(ftype, value, key) if scope is not None else []
        if any(disagree(q, answer, other) for q, answer in said for other in kept[(scope, q)]):
            dropped += 1
            continue
        keep.append(i)
        for q, answer in said:
            kept[(scope, q)].append(answer)
    return sorted(keep), dropped


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


def reported(published: str | None) -> str | None:
    """The date a source reported its facts: its publication date, or None for an undated article
    (never the day it was ingested: that says when we read it, not when it was said)."""
    return published or None


@dataclass(frozen=True)
class Source:
    """One article stating a fact: what fusion counts."""

    article_id: int
    duplicate_of: int | None
    reported: str | None
    confidence: float | None = None  # the extractor's, for this article's statement of the fact

    @property
    def origin(self) -> int:
        """The original story: a near-duplicate counts as its original (one independent source)."""
        return self.duplicate_of or self.article_id


@dataclass(frozen=True)
class Summary:
    """A fused fact's counts, dates and belief, and one of its origins (the smallest: the only one when
    it has one independent source)."""

    source_count: int
    independent_sources: int
    first_reported: str | None
    last_reported: str | None
    belief: float = 0.0
    origin: int | None = None


def summarize(sources: Iterable[Source]) -> Summary | None:
    """The summary of a fused fact from all its sources (None when it has none left)."""
    return add_sources(None, list(sources), {})


def add_sources(summary: Summary | None, sources: list[Source], known_origins: dict[int, float]) -> Summary | None:
    """The summary after ``sources`` are added to a fused fact that had ``summary``. ``known_origins``
    are the origins (see :attr:`Source.origin`) among its sources before, each with the highest
    confidence it had: such an origin adds no independent source, and raises the belief only when a
    new copy of it is more confident."""
    if not sources:
        return summary
    dates = [s.reported for s in sources if s.reported]
    new = best_by_origin((s.origin, s.confidence) for s in sources)
    new_origins = set(new) - set(known_origins)
    doubt = 1.0 - (summary.belief if summary else 0.0)
    for origin, c in new.items():
        before = known_origins.get(origin)
        if before is None:
            doubt *= 1.0 - c
        elif c > before:
            doubt = 0.0 if before >= 1.0 else doubt / (1.0 - before) * (1.0 - c)
    origins = [o for o in (summary.origin if summary else None, *new) if o is not None]
    if summary is not None:
        dates += [d for d in (summary.first_reported, summary.last_reported) if d]
    return Summary(
        source_count=(summary.source_count if summary else 0) + len(sources),
        independent_sources=(summary.independent_sources if summary else 0) + len(new_origins),
        first_reported=min(dates) if dates else None,
        last_reported=max(dates) if dates else None,
        belief=min(1.0, max(0.0, 1.0 - doubt)),
        origin=min(origins) if origins else None,
    )
