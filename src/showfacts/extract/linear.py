"""Linear models over sparse string features, stored as plain JSON (no pickle).

A model file (``extract/models/<name>.json``) holds ``classes``, one ``bias`` per class and,
per feature, one weight per class (a binary model has one class, the positive one, and is
read through a logistic function). Scoring is a sum of the weights of the features present:
no numerical library is needed at run time. ``showfacts.train`` writes these files.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

FORMAT = "showfacts-linear"
FORMAT_VERSION = 1


class ModelError(RuntimeError):
    """A model file is missing, of another format, or inconsistent."""


@dataclass
class LinearModel:
    name: str
    classes: list[str]
    bias: list[float]
    weights: dict[str, list[float]]
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # a binary model scores as a C-level sum of lookups in one flat table; a multi-class
        # model looks each feature up once and sums its weight rows column by column
        self._table = {k: row[0] for k, row in self.weights.items() if row[0]} if self.binary else {}
        self._rows = {k: tuple(row) for k, row in self.weights.items() if any(row)} if not self.binary else {}

    @property
    def binary(self) -> bool:
        return len(self.classes) == 1

    def scores(self, features: Iterable[str]) -> list[float]:
        if self.binary:
            return [self.bias[0] + sum(filter(None, map(self._table.get, features)))]
        rows = [row for row in map(self._rows.get, features) if row]
        if not rows:
            return list(self.bias)
        return [b + sum(column) for b, column in zip(self.bias, zip(*rows, strict=True), strict=True)]

    def prob(self, features: Iterable[str]) -> float:
        """A binary model's probability of its positive class."""
        z = self.scores(features)[0]
        return 1.0 / (1.0 + math.exp(-z)) if z > -35 else 0.0

    def probs(self, features: Iterable[str]) -> dict[str, float]:
        """A multi-class model's probability of each class (softmax)."""
        z = self.scores(features)
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return {c: v / total for c, v in zip(self.classes, e, strict=True)}

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "name": self.name,
            "classes": self.classes,
            "bias": [round(b, 6) for b in self.bias],
            "meta": self.meta,
            "weights": {k: [round(w, 6) for w in row] for k, row in sorted(self.weights.items())},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], origin: str = "model") -> LinearModel:
        if data.get("format") != FORMAT or data.get("format_version") != FORMAT_VERSION:
            raise ModelError(f"{origin}: not a {FORMAT} v{FORMAT_VERSION} file")
        classes = list(data["classes"])
        weights = {str(k): [float(w) for w in row] for k, row in data["weights"].items()}
        if any(len(row) != len(classes) for row in weights.values()) or len(data["bias"]) != len(classes):
            raise ModelError(f"{origin}: weight rows do not match the {len(classes)} classes")
        return cls(str(data["name"]), classes, [float(b) for b in data["bias"]], weights, dict(data.get("meta") or {}))


def model_file(name: str) -> Any:
    """The shipped data file ``extract/models/<name>`` (a Traversable)."""
    return resources.files("showfacts.extract").joinpath("models", name)


@cache
def load_model(name: str) -> LinearModel:
    """The shipped model ``extract/models/<name>.json`` (loaded once per process)."""
    path = model_file(f"{name}.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelError(f"model {name!r} is not installed ({path}); run `python -m showfacts.train`") from exc
    return LinearModel.from_json(data, origin=str(path))
