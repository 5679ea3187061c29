"""Fitting the extraction models: the mention typer, then one model per relation type.

1. Every training article is read up to the mention typer; each candidate name gets the
   features the typer reads and a label from the gold names.
2. The typer is fitted with K-fold cross-fitting: the relation models must learn from typer
   probabilities as uncertain as those of unseen text, so each article's names are typed
   by a typer that never saw it. The shipped typer is then fitted on everything.
3. The articles are read on (names, reference) and every candidate fact gets its features
   and a label from the gold facts. Each relation model is cross-validated the same way;
   the out-of-fold probabilities, decoded into facts and scored with the contract's rules,
   choose each type's threshold (the one with the best F1). Then it is fitted on everything.

Logistic regression (scikit-learn, L2) over binary string features; deterministic for a
given seed and data. The weights are written as plain JSON (``extract/linear.py``).
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from showfacts.eval import calibration, judged, score
from showfacts.extract.calibration import Calibration
from showfacts.extract.doc import KINDS, Doc
from showfacts.extract.linear import FORMAT, FORMAT_VERSION, LinearModel
from showfacts.extract.mention_types import MentionTyper, context_features, pool
from showfacts.extract.relations import TYPES, Candidate, generate
from showfacts.extract.relations.decode import decode
from showfacts.lang import given_names
from showfacts.train.corpus import Annotated
from showfacts.train.labels import gold_names, known_names, matched_fact, mention_label, training_label, typer_label

MODELS_DIR = Path(__file__).resolve().parents[1] / "extract" / "models"
CURATED = ("fixtures", "dev")  # sets whose every feature is kept (see _fit)
THRESHOLDS = [round(0.1 + 0.05 * k, 2) for k in range(17)]  # 0.10 … 0.90


@dataclass
class Settings:
    folds: int = 5
    seed: int = 13
    c_types: float = 1.0
    c_relations: float = 0.5
    min_count: int = 1  # features seen fewer times are dropped
    min_docs: int = 1  # features seen in fewer articles are dropped (measured at 3: see docs/accuracy.md, not kept)
    group: str = "batch"  # cross-validation folds of whole pages ("page") or of whole sets/batches ("batch")
    prune: float = 1e-3  # weights smaller than this are not written
    mil_rounds: int = 2  # multiple-instance relabelling rounds (see Trainer._at_least_one)


def _fit(
    rows: list[list[str]],
    labels: list[Any],
    c: float,
    weights: list[float] | None,
    settings: Settings,
    docs: list[int],
    curated: frozenset[int] = frozenset(),
) -> LinearModel:
    """One logistic regression; multi-class when labels are strings, binary when booleans.
    ``docs`` gives each row's article, for ``settings.min_docs``: a feature seen in fewer articles
    is dropped, unless one of them is ``curated`` (our own fixtures and the BBC development set,
    each written or chosen to show a phrasing that must keep working)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for row in rows for f in set(row))
    per_doc: dict[int, set[str]] = defaultdict(set)
    for row, d in zip(rows, docs, strict=True):
        per_doc[d].update(row)
    spread = Counter(f for features in per_doc.values() for f in features)
    for d in curated & per_doc.keys():
        spread.update(dict.fromkeys(per_doc[d], settings.min_docs))
    keep = [[f for f in row if counts[f] >= settings.min_count and spread[f] >= settings.min_docs] for row in rows]
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(row, 1) for row in keep])
    binary = all(isinstance(y, bool) for y in labels)
    clf = LogisticRegression(C=c, max_iter=5000, random_state=settings.seed)
    if binary and len(set(labels)) < 2:
        return LinearModel("binary", ["true"], [-5.0 if not labels or not labels[0] else 5.0], {})
    clf.fit(x, labels, sample_weight=weights)
    names = vec.get_feature_names_out()
    if binary:
        coef = clf.coef_[0]
        w = {str(n): [float(v)] for n, v in zip(names, coef, strict=True) if abs(v) >= settings.prune}
        return LinearModel("binary", ["true"], [float(clf.intercept_[0])], w)
    classes = [str(k) for k in clf.classes_]
    w = {}
    for j, n in enumerate(names):
        row = [float(clf.coef_[k][j]) for k in range(len(classes))]
        if max(abs(v) for v in row) >= settings.prune:
            w[str(n)] = row
    return LinearModel("multi", classes, [float(b) for b in clf.intercept_], w)


def _folds(docs: list[Annotated], k: int, seed: int, group: str = "page") -> dict[str, int]:
    """Each article's fold. With ``group="batch"`` a whole set (a batch of pages found together,
    often several reports of one story) falls in one fold, as a new batch is unseen text (with
    fewer sets than folds, pages are the groups)."""
    sets = sorted({d.set for d in docs})
    if group == "batch" and len(sets) >= k:
        random.Random(seed).shuffle(sets)
        fold_of = {name: n % k for n, name in enumerate(sets)}
        return {_key(d): fold_of[d.set] for d in docs}
    ids = sorted(f"{d.set}/{d.article.id}" for d in docs)
    random.Random(seed).shuffle(ids)
    return {i: n % k for n, i in enumerate(ids)}


def _key(d: Annotated) -> str:
    return f"{d.set}/{d.article.id}"


class Trainer:
    def __init__(self, docs: list[Annotated], settings: Settings, weight_of: Callable[[Annotated], float] = lambda d: 1.0,
                 log: Callable[[str], None] = print) -> None:  # fmt: skip
        self.docs, self.settings, self.weight_of, self.log = docs, settings, weight_of, log
        from showfacts.extract.candidates import CandidateStage
        from showfacts.extract.metadata import MetadataStage
        from showfacts.extract.names import NameStage
        from showfacts.extract.order import OrderStage
        from showfacts.extract.quotes import QuoteStage
        from showfacts.extract.reference import ReferenceStage
        from showfacts.extract.related import RelatedStage
        from showfacts.lang import lexicon

        lex = lexicon()
        self.lex = lex
        self.front = [MetadataStage(lex), CandidateStage(lex)]
        self.names = NameStage(lex)
        self.reference = ReferenceStage()
        self.rules = [RelatedStage(), OrderStage(), QuoteStage()]  # as in the pipeline, after the relation models
        self.folds = _folds(docs, settings.folds, settings.seed, settings.group)
        self.curated = frozenset(i for i, d in enumerate(docs) if d.set in CURATED)

    # ---- mention typer -----------------------------------------------------------------
    def _front(self, d: Annotated) -> Doc:
        from showfacts.extract.doc import make_doc

        doc = make_doc(d.article)
        for stage in self.front:
            doc = stage(doc)
        return doc

    def fit_types(self) -> tuple[LinearModel, LinearModel, list[Doc]]:
        """The two typer passes (alone, then in context), each cross-fitted; returns the
        models fitted on everything and the articles typed out of fold."""
        typer = MentionTyper.__new__(MentionTyper)
        typer.lex = self.lex
        docs = [self._front(d) for d in self.docs]
        feats = [typer.features(doc) for doc in docs]
        given = given_names()
        known = known_names([d.gold for d in self.docs])
        truth = [[mention_label(m, gold_names(d.gold)) for m in doc.mentions] for d, doc in zip(self.docs, docs, strict=True)]
        labels = [
            [typer_label(m, f, gold_names(d.gold), given, known) for m, f in zip(doc.mentions, fs, strict=True)]
            for d, doc, fs in zip(self.docs, docs, feats, strict=True)
        ]
        weights = [[self.weight_of(d)] * len(doc.mentions) for d, doc in zip(self.docs, docs, strict=True)]
        self._cross_fit_types(docs, feats, labels, weights)
        context = [context_features(doc, f) for doc, f in zip(docs, feats, strict=True)]
        self._cross_fit_types(docs, context, labels, weights)
        correct, total = Counter(), Counter()
        for doc, labs in zip(docs, truth, strict=True):
            pool(doc)
            for m, y in zip(doc.mentions, labs, strict=True):
                total[y] += 1
                correct[y] += m.kind == y
        self.log("mention types, cross-fitted accuracy per gold kind: " + ", ".join(f"{k} {correct[k]}/{total[k]}" for k in KINDS if total[k]))
        keep = [(i, k) for i, ys in enumerate(labels) for k, y in enumerate(ys) if y is not None]
        flat = [labels[i][k] for i, k in keep]
        flat_w = [weights[i][k] for i, k in keep]
        where = [i for i, _ in keep]
        first = _fit([feats[i][k] for i, k in keep], flat, self.settings.c_types, flat_w, self.settings, where, self.curated)
        second = _fit([context[i][k] for i, k in keep], flat, self.settings.c_types, flat_w, self.settings, where, self.curated)
        return first, second, docs

    def _cross_fit_types(self, docs: list[Doc], feats: list[list[list[str]]], labels: list[list[str | None]], weights: list[list[float]]) -> None:
        for fold in range(self.settings.folds):
            train = [(i, k) for i, d in enumerate(self.docs) if self.folds[_key(d)] != fold for k, y in enumerate(labels[i]) if y is not None]
            model = _fit([feats[i][k] for i, k in train], [labels[i][k] for i, k in train], self.settings.c_types,
                         [weights[i][k] for i, k in train], self.settings, [i for i, _ in train], self.curated)  # fmt: skip
            for i, d in enumerate(self.docs):
                if self.folds[_key(d)] == fold:
                    for m, f in zip(docs[i].mentions, feats[i], strict=True):
                        m.probs = model.probs(f)

    # ---- relations ---------------------------------------------------------------------
    def fit_relations(self, docs: list[Doc]) -> tuple[dict[str, LinearModel], dict[str, Any]]:
        cands: list[list[Candidate]] = []
        for doc in docs:
            doc = self.reference(self.names(doc))
            cands.append(generate(doc))
        labels = [[training_label(c, d.gold["facts"]) for c in cs] for d, cs in zip(self.docs, cands, strict=True)]
        groups = [[matched_fact(c, d.gold["facts"]) for c in cs] for d, cs in zip(self.docs, cands, strict=True)]
        models: dict[str, LinearModel] = {}
        report: dict[str, Any] = {}
        for t in TYPES:
            every = [(i, j) for i, cs in enumerate(cands) for j, c in enumerate(cs) if c.type == t]
            learn = {(i, j): labels[i][j] for i, j in every}
            for round_ in range(1 + self.settings.mil_rounds):
                rows = [(i, j) for i, j in every if learn[(i, j)] is not None]  # the ambiguous are scored, not learnt from
                self._cross_fit_relation(t, rows, every, cands, learn)
                if round_ < self.settings.mil_rounds:
                    learn = self._at_least_one(every, cands, labels, groups)
            pos = sum(bool(learn[r]) for r in rows)
            self.log(f"{t}: {len(every)} candidates, {len(rows)} learnt from, {pos} positive")
            report[t] = {"candidates": len(every), "learnt_from": len(rows), "positive": pos}
            models[t] = _fit([cands[i][j].features for i, j in rows], [learn[(i, j)] for i, j in rows], self.settings.c_relations,
                             [self.weight_of(self.docs[i]) for i, _ in rows], self.settings, [i for i, _ in rows], self.curated)  # fmt: skip
        thresholds, scores = self.tune(docs, cands)
        for t, model in models.items():
            model.meta["threshold"] = thresholds[t]
        report["thresholds"] = thresholds
        report["cross_validated"] = scores
        return models, report

    def _cross_fit_relation(self, t: str, rows: list[tuple[int, int]], every: list[tuple[int, int]], cands: list[list[Candidate]],
                            learn: dict[tuple[int, int], bool | None]) -> None:  # fmt: skip
        for fold in range(self.settings.folds):
            train = [(i, j) for i, j in rows if self.folds[_key(self.docs[i])] != fold]
            model = _fit([cands[i][j].features for i, j in train], [learn[(i, j)] for i, j in train], self.settings.c_relations,
                         [self.weight_of(self.docs[i]) for i, _ in train], self.settings, [i for i, _ in train], self.curated)  # fmt: skip
            for i, j in every:
                if self.folds[_key(self.docs[i])] == fold:
                    cands[i][j].prob = model.prob(cands[i][j].features)

    @staticmethod
    def _at_least_one(every: list[tuple[int, int]], cands: list[list[Candidate]], labels: list[list[bool | None]],
                      groups: list[list[int | None]]) -> dict[tuple[int, int], bool | None]:  # fmt: skip
        """Multiple-instance relabelling: a gold fact named in several sentences is stated by at
        least one of them, not by all. Its candidates the current model scores well below its
        best one are left out of the next round (neither positive nor negative)."""
        best: dict[tuple[int, int], float] = {}
        for i, j in every:
            g = groups[i][j]
            if g is not None and labels[i][j]:
                best[(i, g)] = max(best.get((i, g), 0.0), cands[i][j].prob)
        out: dict[tuple[int, int], bool | None] = {}
        for i, j in every:
            g = groups[i][j]
            if g is not None and labels[i][j]:
                out[(i, j)] = True if cands[i][j].prob >= 0.5 * best[(i, g)] else None
            else:
                out[(i, j)] = labels[i][j]
        return out

    def tune(self, docs: list[Doc], cands: list[list[Candidate]]) -> tuple[dict[str, float], dict[str, Any]]:
        """Each type's threshold: the one whose out-of-fold facts score best (F1)."""
        by_threshold: dict[float, Any] = {}
        gold = {d.article.id + "@" + d.set: d.gold for d in self.docs}
        for th in THRESHOLDS:
            predicted = {}
            for d, doc, cs in zip(self.docs, docs, cands, strict=True):
                doc.facts, doc._seen = [], set()
                decode(doc, cs, dict.fromkeys(TYPES, th))
                predicted[d.article.id + "@" + d.set] = {"id": d.article.id, "facts": [f.to_json() for f in doc.facts]}
            by_threshold[th] = score(gold, predicted)
        thresholds = {}
        for t in TYPES:
            scored = "cast" if t == "character" else t
            thresholds[t] = max(THRESHOLDS, key=lambda th: (round(by_threshold[th].by_type.get(scored).f1, 4) if scored in by_threshold[th].by_type else 0, -abs(th - 0.5)))
        # the whole system at the chosen thresholds, the rule stages after the models
        predicted = {}
        by_set: dict[str, dict[str, Any]] = defaultdict(dict)
        for d, doc, cs in zip(self.docs, docs, cands, strict=True):
            doc.facts, doc._seen = [], set()
            decode(doc, cs, thresholds)
            for stage in self.rules:
                doc = stage(doc)
            rec = {"id": d.article.id, "facts": [f.to_json() for f in doc.facts]}
            predicted[d.article.id + "@" + d.set] = rec
            by_set[d.set][d.article.id] = rec
        self.predicted = predicted  # out-of-fold records, for error analysis
        overall = score(gold, predicted)
        scores: dict[str, Any] = {"all": _summary(overall)}
        for name, recs in by_set.items():
            scores[name] = _summary(score({d.article.id: d.gold for d in self.docs if d.set == name}, recs))
        facts = judged(gold, predicted)
        made, right = Counter(), Counter()
        for fact, correct in facts:
            if "confidence" not in fact:  # a rule's fact
                made[fact["type"]] += 1
                right[fact["type"]] += correct
        rule_precision = {t: round((right[t] + 1) / (made[t] + 2), 3) for t in sorted(made)}  # Laplace-smoothed
        self.calibration = _fit_calibration([(f, ok) for f, ok in facts if "confidence" in f], rule_precision)
        scores["calibration_raw"] = calibration((f.get("confidence", rule_precision.get(f["type"], 0.5)), ok) for f, ok in facts)
        scores["calibration_fitted"] = calibration((self.calibration(f["type"], f.get("confidence")), ok) for f, ok in facts)
        return thresholds, scores


def _fit_calibration(facts: list[tuple[dict[str, Any], bool]], rule_precision: dict[str, float]) -> Calibration:
    """Per fact type, an isotonic map from out-of-fold score to the share of such facts that were right."""
    from sklearn.isotonic import IsotonicRegression

    points = {}
    for t in sorted({f["type"] for f, _ in facts}):
        pairs = sorted((float(f["confidence"]), float(ok)) for f, ok in facts if f["type"] == t)
        if len(pairs) < 30:  # too few to fit a curve: the scores stay as they are
            continue
        iso = IsotonicRegression(y_min=0.02, y_max=0.98, out_of_bounds="clip")
        iso.fit([x for x, _ in pairs], [y for _, y in pairs])
        points[t] = ([round(float(x), 4) for x in iso.X_thresholds_], [round(float(y), 4) for y in iso.y_thresholds_])
    return Calibration(points, rule_precision)


def _summary(result: Any) -> dict[str, Any]:
    out = {t: round(c.f1, 3) for t, c in result.by_type.items() if not t.startswith("meta:")}
    out["overall"] = round(result.overall.f1, 3)
    out["P"] = round(result.overall.precision, 3)
    out["R"] = round(result.overall.recall, 3)
    return out


def write_model(model: LinearModel, name: str, meta: dict[str, Any], out_dir: Path = MODELS_DIR) -> Path:
    model.name = name
    model.meta = {**meta, **model.meta}
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.json"
    data = model.to_json()
    assert data["format"] == FORMAT and data["format_version"] == FORMAT_VERSION
    path.write_text(json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":")) + "\n", encoding="utf-8")
    return path


def data_digest(docs: list[Annotated]) -> str:
    h = hashlib.sha256()
    for d in sorted(docs, key=_key):
        h.update(_key(d).encode())
        h.update(d.article.text.encode())
        h.update(json.dumps(d.gold, sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()[:16]
