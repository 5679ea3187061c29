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

    @property
    def binary(self) -> bool:
        return len(self.classes) == 1

    def scores(self, features: Iterable[str]) -> list[float]:
        out = list(self.bias)
        weights = self.weights
        for name in features:
            row = weights.get(name)
            if row is not None:
                for k, w in enumerate(row):
                    out[k] += w
        return out

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


@cache
def load_model(name: str) -> LinearModel:
    """The shipped model ``extract/models/<name>.json`` (loaded once per process)."""
    path = resources.files("showfacts.extract").joinpath("models", f"{name}.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelError(f"model {name!r} is not installed ({path}); run `python -m showfacts.train`") from exc
    return LinearModel.from_json(data, origin=str(path))
