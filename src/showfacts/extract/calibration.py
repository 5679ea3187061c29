"""From a model's score to a calibrated confidence: per fact type, a monotone step map fitted
(isotonic regression) on out-of-fold facts of the training sets, stored as plain JSON
(``models/calibration.json``) and read by linear interpolation between its points.

A fact of confidence 0.8 is then right about 80% of the time on text like the training
pages; ``docs/accuracy.md`` records how well that holds on unseen batches.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass, field

from showfacts.extract.linear import ModelError, model_file

FORMAT = "showfacts-calibration"
FORMAT_VERSION = 1


@dataclass
class Calibration:
    points: dict[str, tuple[list[float], list[float]]] = field(default_factory=dict)  # type → (scores, confidences)
    rule_precision: dict[str, float] = field(default_factory=dict)  # type → precision of the rule stages' facts

    def __call__(self, fact_type: str, score: float | None, default: float = 0.5) -> float:
        """The calibrated confidence of a fact (a rule's fact, without a score, gets its rule's precision)."""
        if score is None:
            return self.rule_precision.get(fact_type, default)
        curve = self.points.get(fact_type)
        if curve is None:
            return score
        xs, ys = curve
        k = bisect_right(xs, score)
        if k == 0:
            return ys[0]
        if k == len(xs):
            return ys[-1]
        x0, x1, y0, y1 = xs[k - 1], xs[k], ys[k - 1], ys[k]
        return y0 + (y1 - y0) * (score - x0) / (x1 - x0) if x1 > x0 else y1

    def to_json(self, meta: dict[str, object] | None = None) -> dict[str, object]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "meta": meta or {},
            "rule_precision": self.rule_precision,
            "curves": {t: {"score": xs, "confidence": ys} for t, (xs, ys) in sorted(self.points.items())},
        }

    @classmethod
    def from_json(cls, data: dict[str, object], origin: str = "calibration") -> Calibration:
        if data.get("format") != FORMAT or data.get("format_version") != FORMAT_VERSION:
            raise ModelError(f"{origin}: not a {FORMAT} v{FORMAT_VERSION} file")
        points = {}
        for t, curve in dict(data.get("curves") or {}).items():  # type: ignore[call-overload]
            xs, ys = [float(x) for x in curve["score"]], [float(y) for y in curve["confidence"]]
            if len(xs) != len(ys) or not xs or xs != sorted(xs):
                raise ModelError(f"{origin}: the {t} curve is not an increasing list of points")
            points[str(t)] = (xs, ys)
        rules = {str(t): float(p) for t, p in dict(data.get("rule_precision") or {}).items()}  # type: ignore[call-overload]
        return cls(points, rules)


def load_calibration() -> Calibration:
    """The shipped calibration; an identity map when the models predate it."""
    path = model_file("calibration.json")
    if not path.is_file():
        return Calibration()
    return Calibration.from_json(json.loads(path.read_text(encoding="utf-8")), origin=str(path))
