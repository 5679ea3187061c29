"""`showfacts eval` and the matching rules of SCHEMA.md in showfacts.eval."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from showfacts.eval import fact_matches, fold_name, score

GOLD = {
    "id": "g1",
    "title": "A headline",
    "authors": ["Jane Doe"],
    "cited_sources": ["Variety"],
    "facts": [
        {"type": "status", "work": ["Jessica Jones", "Marvel's Jessica Jones"], "season": 2, "status": "renewed", "network": None},
        {"type": "release", "work": "The Defenders", "season": None, "date": "2017", "network": None},
        {"type": "quote", "speaker": "Melissa Rosenberg", "text": "We are really trying to find a way to respond to them"},
    ],
}


def test_fold_name_ignores_case_accents_the_and_possessive():
    assert fold_name("The Défenders’s") == fold_name("defenders")
    assert fold_name("Marvel's Jessica Jones") != fold_name("Jessica Jones")


def test_alternatives_optional_network_and_date_prefix():
    status = GOLD["facts"][0]
    pred = {"type": "status", "work": "Marvel’s Jessica Jones", "season": 2, "status": "renewed", "network": "Netflix"}
    assert fact_matches(status, pred)  # alternative title; network not scored where gold has none
    assert not fact_matches(status, {**pred, "season": 3})
    release = GOLD["facts"][1]
    assert fact_matches(release, {**release, "date": "2017-08"})
    assert not fact_matches(release, {**release, "date": "201"})


def test_quote_matches_on_half_the_words():
    quote = GOLD["facts"][2]
    assert fact_matches(quote, {**quote, "text": "really trying to find a way to respond"})
    assert not fact_matches(quote, {**quote, "text": "an entirely different sentence about other things"})
    assert not fact_matches(quote, {**quote, "speaker": "Someone Else"})


def test_score_counts_and_overall():
    result = score(
        {"g1": GOLD}, {"g1": {**GOLD, "facts": [*GOLD["facts"][:2], {"type": "cast", "person": "X", "character": None, "work": "Y"}]}}
    )
    overall = result.overall
    assert (overall.tp, overall.fp, overall.fn) == (2, 1, 1)
    assert result.by_type["meta:authors"].f1 == 1.0


def test_eval_command_scores_files(tmp_path: Path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(GOLD) + "\n", encoding="utf-8")
    same = subprocess.run([sys.executable, "-m", "showfacts", "eval", str(gold), str(gold), "--json"], capture_output=True, text=True)
    assert json.loads(same.stdout)["overall"]["f1"] == 1.0
    worse = tmp_path / "pred.jsonl"
    worse.write_text(json.dumps({**GOLD, "facts": GOLD["facts"][:1]}) + "\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "showfacts", "eval", str(gold), str(worse), "--show-errors"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert "missed" in out.stdout and out.stdout.strip().splitlines()[-1].startswith("overall P=1.000 R=0.333")
