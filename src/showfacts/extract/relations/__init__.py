"""Relations between names: cast, crew, network, status, release and related facts, each
decided by a trained linear model over candidate pairs within a sentence.

``candidates.py`` proposes (with features), the models in ``extract/models/relation_*.json``
score, ``decode.py`` keeps the claims that pass each type's threshold.
"""

from __future__ import annotations

from showfacts.extract.doc import Doc
from showfacts.extract.linear import LinearModel, load_model
from showfacts.extract.relations.candidates import TYPES, Candidate, generate
from showfacts.extract.relations.decode import decode

__all__ = ["TYPES", "Candidate", "RelationStage", "generate"]


class RelationStage:
    name = "relations"

    def __init__(self, models: dict[str, LinearModel] | None = None) -> None:
        self.models = models or {t: load_model(f"relation_{t}") for t in TYPES}
        self.thresholds = {t: float(m.meta.get("threshold", 0.5)) for t, m in self.models.items()}

    def score(self, doc: Doc) -> list[Candidate]:
        cands = generate(doc)
        for c in cands:
            c.prob = self.models[c.type].prob(c.features)
        return cands

    def __call__(self, doc: Doc) -> Doc:
        decode(doc, self.score(doc), self.thresholds)
        return doc
