"""Accuracy gate: extraction F1 on our fixture corpus (and on the development set where it
is present) must not fall below the floors in eval_baseline.json.

Floors only ratchet up: ``python tests/eval_gate.py --update`` raises each floor to the
current score (rounded down to 0.01) and records the corpus digest; lowering a floor
needs ``--allow-regression``. In the manner of trafilatura's tests/eval_gate.py.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
from pathlib import Path

from showfacts.eval import Score, load_records, score
from showfacts.extract import extract
from showfacts.sources import read_paths

HERE = Path(__file__).parent
BASELINE = HERE / "eval_baseline.json"
FIXTURES = HERE / "extract"
DEV = HERE.parent.parent / "shared" / "eval" / "dev"
REAL = Path.home() / ".cache" / "showfacts-real"  # ../shared/eval/real's pages, fetched and built (its README)


def corpus_sets() -> dict[str, tuple[list[Path], list[Path]]]:
    """Named evaluation sets: (corpus files, gold files). The dev set only where shared/ exists,
    the real-text set only where its pages were fetched."""
    sets = {"fixtures": ([FIXTURES / "corpus.jsonl"], [FIXTURES / "gold.jsonl"])}
    if (DEV / "corpus.jsonl").exists():
        sets["seed"] = ([DEV / "seed.corpus.jsonl"], [DEV / "seed.gold.jsonl"])
        sets["dev"] = ([DEV / "seed.corpus.jsonl", DEV / "corpus.jsonl"], [DEV / "seed.gold.jsonl", DEV / "gold.jsonl"])
    if (REAL / "corpus.jsonl").exists() and (REAL / "gold.jsonl").exists():
        sets["real"] = ([REAL / "corpus.jsonl"], [REAL / "gold.jsonl"])
    return sets


def digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.read_bytes())
    return h.hexdigest()


def evaluate(corpus: list[Path], gold: list[Path]) -> Score:
    predicted = {}
    for article in read_paths(corpus):
        if not isinstance(article, Exception):
            predicted[article.id] = extract(article).to_json()
    expected = {}
    for path in gold:
        expected.update(load_records(path))
    return score(expected, predicted)


def scores(result: Score) -> dict[str, float]:
    out = {name: round(c.f1, 4) for name, c in result.by_type.items() if not name.startswith("meta:")}
    out["overall"] = round(result.overall.f1, 4)
    return out


def update(allow_regression: bool = False) -> dict:
    baseline = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    for name, (corpus, gold) in corpus_sets().items():
        current = scores(evaluate(corpus, gold))
        old = baseline.get(name, {}).get("floors", {})
        floors = {}
        for key, value in current.items():
            floor = math.floor(value * 100) / 100
            floors[key] = floor if allow_regression else max(floor, old.get(key, 0.0))
        baseline[name] = {"sha256": digest(corpus + gold), "floors": floors}
    BASELINE.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n")
    return baseline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--update", action="store_true", help="raise the floors to the current scores")
    parser.add_argument("--allow-regression", action="store_true", help="let --update lower floors")
    args = parser.parse_args()
    if args.update:
        print(json.dumps(update(args.allow_regression), indent=2))
    else:
        for name, (corpus, gold) in corpus_sets().items():
            print(name, json.dumps(scores(evaluate(corpus, gold))))


if __name__ == "__main__":
    main()
