"""The shipped extraction models: their plain-JSON format, loading errors, scoring arithmetic,
deterministic retraining, and the training-set loader without fetched texts or ../shared."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from showfacts.extract.linear import FORMAT, FORMAT_VERSION, LinearModel, ModelError, load_model, model_file
from showfacts.extract.relations import TYPES
from showfacts.train.corpus import load_set


def _model(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "name": "toy",
        "classes": ["work", "person"],
        "bias": [0.5, -0.5],
        "meta": {},
        "weights": {"w=the": [1.0, -1.0], "shape=Xx": [0.0, 2.0]},
    }
    data.update(changes)
    return data


def test_every_shipped_model_loads_with_a_threshold():
    typer = load_model("mention_types")
    assert {"work", "person", "network", "other"} <= set(typer.classes)
    for t in TYPES:
        model = load_model(f"relation_{t}")
        assert model.binary
        assert 0.0 < float(model.meta["threshold"]) < 1.0
        assert model.weights, f"relation_{t} has no weights"


def test_shipped_models_are_plain_json_of_the_declared_format():
    files = sorted(p for p in model_file("").iterdir() if p.name.endswith(".json"))
    assert files
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        if path.name.startswith(("mention_types", "relation_")):
            assert data["format"] == FORMAT and data["format_version"] == FORMAT_VERSION, path.name


def test_scores_are_sums_of_weights_and_softmax_or_logistic():
    model = LinearModel.from_json(_model())
    assert model.scores(["w=the", "unknown"]) == [1.5, -1.5]
    probs = model.probs(["shape=Xx"])
    assert probs["person"] == pytest.approx(math.exp(1.5) / (math.exp(1.5) + math.exp(0.5)))
    binary = LinearModel.from_json(_model(classes=["yes"], bias=[-1.0], weights={"a": [3.0]}))
    assert binary.prob(["a"]) == pytest.approx(1 / (1 + math.exp(-2.0)))
    assert binary.prob([]) == pytest.approx(1 / (1 + math.exp(1.0)))


def test_round_trip_keeps_the_model():
    model = LinearModel.from_json(_model())
    again = LinearModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.scores(["w=the", "shape=Xx"]) == model.scores(["w=the", "shape=Xx"])


@pytest.mark.parametrize(
    "changes",
    [{"format": "pickle"}, {"format_version": FORMAT_VERSION + 1}, {"bias": [0.0]}, {"weights": {"x": [1.0]}}],
)
def test_a_model_of_another_format_or_shape_is_refused(changes: dict[str, object]):
    with pytest.raises(ModelError):
        LinearModel.from_json(_model(**changes), origin="toy.json")


def test_a_missing_model_names_the_retraining_command():
    with pytest.raises(ModelError, match=r"showfacts\.train"):
        load_model("relation_no_such_type")


def test_real_sets_without_fetched_texts_are_skipped_with_reasons(tmp_path: Path):
    found, problems = load_set("b1", texts=tmp_path)
    assert found == []
    assert problems and all("not fetched" in p for p in problems)


def test_a_changed_page_is_left_out(tmp_path: Path):
    manifest = Path(__file__).resolve().parents[2] / "eval" / "real" / "b1" / "manifest.jsonl"
    first = json.loads(manifest.read_text(encoding="utf-8").splitlines()[0])
    (tmp_path / f"{first['id']}.txt").write_text("a different page", encoding="utf-8")
    found, problems = load_set("b1", texts=tmp_path)
    assert found == []
    assert any(first["id"] in p and "hash" in p for p in problems)


def test_the_fixture_set_is_always_there():
    found, problems = load_set("fixtures")
    assert len(found) >= 10 and not problems


def test_retraining_is_deterministic(tmp_path: Path):
    pytest.importorskip("sklearn")
    from showfacts.train.corpus import load_set as load
    from showfacts.train.fit import Settings, Trainer, write_model

    docs, _ = load("fixtures")
    written = []
    for run in ("a", "b"):
        trainer = Trainer(docs, Settings(folds=2, mil_rounds=0), log=lambda s: None)
        typer, _context, typed = trainer.fit_types()
        models, _ = trainer.fit_relations(typed)
        out = tmp_path / run
        paths = [write_model(typer, "mention_types", {}, out)] + [write_model(m, f"relation_{t}", {}, out) for t, m in models.items()]
        written.append({p.name: p.read_bytes() for p in paths})
    assert written[0] == written[1]
    assert len(written[0]) == 1 + len(TYPES)


def test_training_folds_keep_a_batch_together_and_rare_features_out():
    pytest.importorskip("sklearn")
    from types import SimpleNamespace

    from showfacts.train.fit import Settings, _fit, _folds

    docs = [SimpleNamespace(set=f"b{n % 6}", article=SimpleNamespace(id=f"p{n}")) for n in range(30)]
    folds = _folds(docs, 5, 13, "batch")  # type: ignore[arg-type]
    for name in {d.set for d in docs}:
        assert len({folds[f"{d.set}/{d.article.id}"] for d in docs if d.set == name}) == 1
    assert len(set(folds.values())) == 5
    few = _folds(docs[:10], 5, 13, "batch")  # type: ignore[arg-type]  # six sets, five folds
    assert len(set(few.values())) == 5
    one_set = [SimpleNamespace(set="fixtures", article=SimpleNamespace(id=f"p{n}")) for n in range(10)]
    assert len(set(_folds(one_set, 2, 13, "batch").values())) == 2  # type: ignore[arg-type]  # pages, not one empty fold

    # "rare" is seen in one article only: dropped at min_docs=2 unless that article is curated
    rows = [["common", "rare"], ["common"], ["common", "other"], ["other"]]
    labels = [True, False, True, False]
    settings = Settings(min_docs=2)
    assert "rare" not in _fit(rows, labels, 1.0, None, settings, [0, 1, 2, 3]).weights
    assert "rare" in _fit(rows, labels, 1.0, None, settings, [0, 1, 2, 3], frozenset({0})).weights
    assert "rare" in _fit(rows, labels, 1.0, None, Settings(min_docs=1), [0, 1, 2, 3]).weights
