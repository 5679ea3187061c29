"""Extraction accuracy may not drop below the pinned floors (see tests/eval_gate.py)."""

from __future__ import annotations

import json

import pytest

from eval_gate import BASELINE, corpus_sets, digest, evaluate, scores

BASE = json.loads(BASELINE.read_text())


@pytest.mark.parametrize("name", ["fixtures", "seed", "dev", "real"])
def test_eval_gate_floors_hold(name: str):
    sets = corpus_sets()
    if name not in sets:
        pytest.skip(f"the {name} set is not on this machine (../shared/eval, or the fetched real pages)")
    corpus, gold = sets[name]
    pinned = BASE[name]
    assert digest(corpus + gold) == pinned["sha256"], f"{name} corpus or gold changed: re-pin with `python tests/eval_gate.py --update`"
    current = scores(evaluate(corpus, gold))
    below = {k: (current.get(k, 0.0), floor) for k, floor in pinned["floors"].items() if current.get(k, 0.0) + 1e-9 < floor}
    assert not below, f"F1 below its floor (current, floor): {below}"
