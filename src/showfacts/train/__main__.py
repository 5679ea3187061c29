"""python -m showfacts.train — rebuild the shipped extraction models, or export a set.

    python -m showfacts.train fit                # retrain from every training set found
    python -m showfacts.train fit --sets fixtures dev real b1 b2
    python -m showfacts.train corpus b5 --out /tmp/b5   # corpus.jsonl + gold.jsonl of a set, to score

Training needs the ``train`` extra (scikit-learn). The real pages' texts must be fetched
first (eval/real/ANNOTATION.md); sets whose texts are missing are skipped and named.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from showfacts.train.corpus import Annotated, load_set, own_batches, training_sets
from showfacts.train.fit import Settings


def _load(names: list[str]) -> list[Annotated]:
    docs: list[Annotated] = []
    for name in names:
        found, problems = load_set(name)
        for p in problems:
            print(f"  skipped {p}", file=sys.stderr)
        print(f"  {name}: {len(found)} articles", file=sys.stderr)
        docs += found
    return docs


def cmd_fit(args: argparse.Namespace) -> int:
    from showfacts.train.fit import MODELS_DIR, Trainer, data_digest, write_model

    names = args.sets or training_sets()
    print(f"training sets: {' '.join(names)}", file=sys.stderr)
    docs = _load(names)
    if not docs:
        print("no annotated articles found", file=sys.stderr)
        return 1
    settings = Settings(folds=args.folds, seed=args.seed, c_types=args.c_types, c_relations=args.c_relations, min_docs=args.min_docs,
                        group=args.group)
    real = {"real", *own_batches()}
    trainer = Trainer(docs, settings, weight_of=lambda d: args.real_weight if d.set in real else 1.0,
                      log=lambda s: print(s, file=sys.stderr))  # fmt: skip
    t0 = time.time()
    typer, context_typer, typed = trainer.fit_types()
    models, report = trainer.fit_relations(typed)
    meta = {
        "trained_on": {name: sum(1 for d in docs if d.set == name) for name in names},
        "data_digest": data_digest(docs),
        "seed": settings.seed,
        "retrain": "python -m showfacts.train fit",
    }
    out = Path(args.out) if args.out else MODELS_DIR
    write_model(typer, "mention_types", meta, out)
    write_model(context_typer, "mention_types_context", meta, out)
    for t, model in models.items():
        write_model(model, f"relation_{t}", meta, out)
    (out / "calibration.json").write_text(json.dumps(trainer.calibration.to_json(meta), indent=1) + "\n", encoding="utf-8")
    report["seconds"] = round(time.time() - t0, 1)
    print(json.dumps(report, indent=1), file=sys.stderr)
    (out / "report.json").write_text(json.dumps({"meta": meta, **report}, indent=1) + "\n", encoding="utf-8")
    if args.oof:
        with open(args.oof, "w", encoding="utf-8") as oof:
            for key, rec in sorted(trainer.predicted.items()):
                oof.write(json.dumps({**rec, "set": key.rsplit("@", 1)[1]}, ensure_ascii=False) + "\n")
    return 0


def cmd_corpus(args: argparse.Namespace) -> int:
    docs = _load([args.set])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "corpus.jsonl", "w", encoding="utf-8") as c, open(out / "gold.jsonl", "w", encoding="utf-8") as g:
        for d in docs:
            a = d.article
            rec = {"id": a.id, "text": a.text, "title": a.title, "published": a.published, "url": a.url, "outlet": a.outlet}
            c.write(json.dumps(rec, ensure_ascii=False) + "\n")
            g.write(json.dumps(d.gold, ensure_ascii=False) + "\n")
    print(f"{len(docs)} articles -> {out}/corpus.jsonl, {out}/gold.jsonl", file=sys.stderr)
    return 0 if docs else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m showfacts.train", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    fit = sub.add_parser("fit", help="retrain the models in showfacts/extract/models")
    fit.add_argument("--sets", nargs="*", help="annotated sets to learn from (default: all but test batches)")
    fit.add_argument("--folds", type=int, default=5)
    fit.add_argument("--seed", type=int, default=13)
    fit.add_argument("--real-weight", type=float, default=0.5, help="weight of real pages against our own fixture and BBC articles")
    fit.add_argument("--c-types", type=float, default=Settings.c_types, help="inverse regularisation of the mention typer")
    fit.add_argument("--c-relations", type=float, default=Settings.c_relations, help="inverse regularisation of the relation models")
    fit.add_argument("--min-docs", type=int, default=Settings.min_docs, help="drop features seen in fewer training articles")
    fit.add_argument("--group", choices=["page", "batch"], default=Settings.group,
                     help="cross-validation folds of whole pages or of whole sets (a batch is unseen text, as the test split is)")
    fit.add_argument("--out", help="write the models here instead of the package")
    fit.add_argument("--oof", help="also write the out-of-fold records (JSONL, for error analysis with showfacts eval)")
    fit.set_defaults(func=cmd_fit)
    corpus = sub.add_parser("corpus", help="write a set as corpus.jsonl + gold.jsonl for scoring")
    corpus.add_argument("set")
    corpus.add_argument("--out", required=True)
    corpus.set_defaults(func=cmd_corpus)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
