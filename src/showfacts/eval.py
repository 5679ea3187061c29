"""Scoring extracted records against gold annotations (the matching rules of SCHEMA.md).

Names match after folding case, accents, punctuation, quote marks, a leading "the" and a
trailing possessive; a gold value may be a list of accepted alternatives. Seasons must be
equal; a gold date matches a prediction it is a prefix of; network inside status and
release facts is scored only where gold gives one; quotes match on same speaker and half
the words of either side. Each gold fact matches at most one prediction.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from showfacts.errors import InputError
from showfacts.facts import FACT_FIELDS

Record = dict[str, Any]
NAME_FIELDS = frozenset({"work", "person", "character", "network", "speaker", "related"})
OPTIONAL_IN_GOLD = frozenset({("status", "network"), ("release", "network")})
META_FIELDS = ("authors", "cited_sources")


def fold_name(value: object) -> str | None:
    """The comparison form of a name: accents, case, punctuation, 'the' and possessive 's folded away."""
    return None if value is None else _fold(str(value))


@lru_cache(maxsize=65536)
def _fold(value: str) -> str:
    text = unicodedata.normalize("NFKD", value)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"^\s*the\s+", "", text)
    return " ".join(text.split())


def _choices(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]


def _word_set(text: object) -> set[str]:
    folded = fold_name(text) if text else None
    return set(folded.split()) if folded else set()


def same_name(gold: object, pred: object) -> bool:
    if isinstance(pred, list):
        pred = pred[0] if pred else None
    target = fold_name(pred)
    return any(fold_name(choice) == target for choice in _choices(gold))


def _field_matches(ftype: str, name: str, gold: Any, pred: Any) -> bool:
    if gold is None and (ftype, name) in OPTIONAL_IN_GOLD:
        return True
    if name in ("before", "after"):
        return isinstance(pred, dict) and same_name(gold.get("work"), pred.get("work")) and gold.get("season") == pred.get("season")
    if name == "season":
        return bool(gold == pred)
    if name == "date":
        if gold is None or pred is None:
            return gold is pred
        return any(str(pred).startswith(str(choice)) for choice in _choices(gold))
    if name == "text":
        g, p = _word_set(gold), _word_set(pred)
        shared = len(g & p)
        return bool(g and p) and (shared >= 0.5 * len(g) or shared >= 0.5 * len(p))
    if name in NAME_FIELDS:
        return pred is None if gold is None else same_name(gold, pred)
    return pred is None if gold is None else fold_name(gold) == fold_name(pred)


def fact_matches(gold: Record, pred: Record) -> bool:
    ftype = gold.get("type")
    if ftype not in FACT_FIELDS or pred.get("type") != ftype:
        return False
    return all(_field_matches(ftype, name, gold.get(name), pred.get(name)) for name in FACT_FIELDS[ftype])


def match(gold: list[Any], pred: list[Any], equal: Callable[[Any, Any], bool]) -> tuple[int, list[Any], list[Any]]:
    """Greedy one-to-one matching: (true positives, missed gold, spurious predictions)."""
    taken: set[int] = set()
    missed = []
    for g in gold:
        hit = next((i for i, p in enumerate(pred) if i not in taken and equal(g, p)), None)
        if hit is None:
            missed.append(g)
        else:
            taken.add(hit)
    spurious = [p for i, p in enumerate(pred) if i not in taken]
    return len(taken), missed, spurious


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if self.fn == 0 else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "p": self.precision, "r": self.recall, "f1": self.f1}


@dataclass
class Score:
    by_type: dict[str, Counts] = field(default_factory=dict)
    errors: list[tuple[str, str, Record]] = field(default_factory=list)

    @property
    def overall(self) -> Counts:
        total = Counts()
        for name in FACT_FIELDS:
            c = self.by_type.get(name, Counts())
            total.add(c.tp, c.fp, c.fn)
        return total

    def to_json(self) -> dict[str, Any]:
        return {"by_type": {k: v.to_json() for k, v in sorted(self.by_type.items())}, "overall": self.overall.to_json()}

    def table(self) -> str:
        lines = [f"{'type':22} {'tp':>4} {'fp':>4} {'fn':>4}  {'P':>5} {'R':>5} {'F1':>5}"]
        for name, c in sorted(self.by_type.items()):
            lines.append(f"{name:22} {c.tp:4} {c.fp:4} {c.fn:4}  {c.precision:5.2f} {c.recall:5.2f} {c.f1:5.2f}")
        o = self.overall
        lines.append(f"overall P={o.precision:.3f} R={o.recall:.3f} F1={o.f1:.3f}")
        return "\n".join(lines)


def score(gold: dict[str, Record], pred: dict[str, Record]) -> Score:
    """Score every gold article against the prediction with the same id (a missing one scores empty)."""
    result = Score()
    counts = result.by_type
    for article_id, g in gold.items():
        p = pred.get(article_id, {})
        gold_facts, pred_facts = g.get("facts") or [], p.get("facts") or []
        for ftype in FACT_FIELDS:
            tp, missed, spurious = match(
                [f for f in gold_facts if f.get("type") == ftype],
                [f for f in pred_facts if f.get("type") == ftype],
                fact_matches,
            )
            counts.setdefault(ftype, Counts()).add(tp, len(spurious), len(missed))
            result.errors += [(article_id, "missed", _plain(f)) for f in missed]
            result.errors += [(article_id, "spurious", _plain(f)) for f in spurious]
        for name in META_FIELDS:
            tp, missed, spurious = match(g.get(name) or [], p.get(name) or [], same_name)
            counts.setdefault("meta:" + name, Counts()).add(tp, len(spurious), len(missed))
        if g.get("title"):
            ok = _word_set(g["title"]) == _word_set(p.get("title"))
            counts.setdefault("meta:title", Counts()).add(int(ok), int(not ok and bool(p.get("title"))), int(not ok))
    return result


def _plain(fact: Record) -> Record:
    return {k: v for k, v in fact.items() if k != "evidence"}


def load_records(path: Path | str) -> dict[str, Record]:
    """Read a JSONL file of records keyed by id (raises InputError naming the bad line)."""
    out: dict[str, Record] = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}", f"invalid JSON ({exc.msg})") from None
            if not isinstance(record, dict):
                raise InputError(f"{path}:{number}", "record is not a JSON object")
            out[str(record.get("id"))] = record
    return out


def records_from(lines: Iterable[Record]) -> dict[str, Record]:
    return {str(r.get("id")): r for r in lines}


def judged(gold: dict[str, Record], pred: dict[str, Record]) -> list[tuple[Record, bool]]:
    """Every predicted fact of the gold articles with whether it matches a gold fact."""
    out: list[tuple[Record, bool]] = []
    for article_id, g in gold.items():
        gold_facts, pred_facts = g.get("facts") or [], (pred.get(article_id) or {}).get("facts") or []
        for ftype in FACT_FIELDS:
            mine = [f for f in pred_facts if f.get("type") == ftype]
            _, _, spurious = match([f for f in gold_facts if f.get("type") == ftype], mine, fact_matches)
            wrong = {id(f) for f in spurious}
            out += [(f, id(f) not in wrong) for f in mine]
    return out


def calibration(pairs: Iterable[tuple[float, bool]], bins: int = 10) -> dict[str, Any]:
    """Reliability of confidences: per equal-width bin the mean confidence and the share correct,
    and the expected calibration error (the count-weighted mean gap between the two)."""
    rows = [[0, 0.0, 0] for _ in range(bins)]  # facts, sum of confidence, correct
    for confidence, correct in pairs:
        row = rows[min(bins - 1, int(confidence * bins))]
        row[0] += 1
        row[1] += confidence
        row[2] += int(correct)
    total = sum(r[0] for r in rows)
    table = [
        {"bin": f"{k / bins:.1f}-{(k + 1) / bins:.1f}", "facts": n, "confidence": round(s / n, 3), "correct": round(c / n, 3)}
        for k, (n, s, c) in enumerate(rows)
        if n
    ]
    ece = sum(r["facts"] * abs(r["confidence"] - r["correct"]) for r in table) / total if total else 0.0
    return {"facts": total, "ece": round(ece, 3), "bins": table}
