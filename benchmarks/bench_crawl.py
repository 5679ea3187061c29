"""Crawl-scale throughput: a WARC of synthetic news pages through `extract --jobs 1/2` and the Spark job.

Prints articles per second and peak memory (largest resident set of any process of the run),
the memory of a small and a large WARC (it should stay flat), and where a serial run spends its
time (WARC reading, HTML extraction, fact extraction).

    .venv/bin/python benchmarks/bench_crawl.py                 # 20,000 pages (and 2,000 for memory)
    .venv/bin/python benchmarks/bench_crawl.py --pages 3000 --small 1000 --no-spark   # quick
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUN_EXTRACT = """
import resource, sys, time
from showfacts.scale.parallel import extract_stream
from showfacts.errors import InputError
start = time.perf_counter(); n = bad = 0
for r in extract_stream([sys.argv[1]], jobs=int(sys.argv[2])):
    n += 1; bad += isinstance(r, InputError)
took = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{n} {bad} {took:.3f} {max(own, kids)} {own}")
"""

RUN_SPARK = """
import resource, sys, time
from showfacts.scale.spark_job import JobOptions, run, session
opts = JobOptions([sys.argv[1]], sys.argv[2], master="local[2]", shuffle_partitions=4)
spark = session(opts); spark.range(1).count()
start = time.perf_counter(); result = run(opts, spark); took = time.perf_counter() - start
print(f"{result.articles} {result.rejects} {took:.3f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss} {result.duplicates}")
"""


def build(path: Path, pages: int) -> float:
    from showfacts.scale.warcgen import sample_warc

    start = time.perf_counter()
    sample_warc(path, pages, seed=2024, syndicated_every=25)
    return time.perf_counter() - start


def run_extract(path: Path, jobs: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", RUN_EXTRACT, str(path), str(jobs)], capture_output=True, text=True, check=True
    ).stdout.split()
    n, bad, took, peak, main = int(out[0]), int(out[1]), float(out[2]), int(out[3]), int(out[4])
    return {"articles": n - bad, "seconds": took, "per_second": (n - bad) / took, "peak_mb": peak / 1024, "main_mb": main / 1024}


def run_spark(paths: list[Path], workdir: Path) -> dict[str, float]:
    listing = workdir / "inputs.txt"
    listing.write_text("\n".join(str(p) for p in paths) + "\n")
    proc = subprocess.run([sys.executable, "-c", RUN_SPARK, str(listing), str(workdir / "spark-out")], capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(proc.stderr[-2000:])
    n, _bad, took, peak, dups = proc.stdout.split()[-5:]
    return {
        "articles": int(n),
        "seconds": float(took),
        "per_second": int(n) / float(took),
        "peak_mb": int(peak) / 1024,
        "duplicates": int(dups),
    }


def stage_shares(path: Path, limit: int) -> dict[str, float]:
    """Serial, in this process: time each stage over the first ``limit`` pages."""
    from showfacts.extract import extract, get_pipeline
    from showfacts.sources.warc import read_pages

    get_pipeline()
    import trafilatura  # noqa: F401

    start = time.perf_counter()
    pages = []
    for page in read_pages(path):
        pages.append(page)
        if len(pages) >= limit:
            break
    reading = time.perf_counter() - start
    start = time.perf_counter()
    articles = [p.load() for p in pages if not isinstance(p, Exception)]
    html = time.perf_counter() - start
    start = time.perf_counter()
    for a in articles:
        extract(a)
    facts = time.perf_counter() - start
    total = reading + html + facts
    return {
        "pages": len(articles),
        "warc_reading": reading / total,
        "html_extraction": html / total,
        "fact_extraction": facts / total,
        "ms_per_page": 1000 * total / max(1, len(articles)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=20_000, help="pages in the large WARC (default 20,000)")
    parser.add_argument("--small", type=int, default=2_000, help="pages in the small WARC, for the memory comparison")
    parser.add_argument("--no-spark", action="store_true", help="skip the Spark job")
    parser.add_argument("--spark-files", type=int, default=4, help="split the Spark input into this many WARC files (tasks)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-crawl-") as tmp:
        work = Path(tmp)
        small, large = work / "small.warc.gz", work / "large.warc.gz"
        figures: dict[str, object] = {"pages": args.pages, "small": args.small}
        figures["build_s"] = round(build(small, args.small) + build(large, args.pages), 1)
        figures["warc_mb"] = round(large.stat().st_size / 1e6, 1)
        print(f"built {args.small:,} and {args.pages:,} page WARCs in {figures['build_s']} s ({figures['warc_mb']} MB gzip)")

        shares = stage_shares(small, min(args.small, 1000))
        figures["stages"] = shares
        print(
            f"serial stages over {shares['pages']} pages, {shares['ms_per_page']:.1f} ms/page: WARC reading {shares['warc_reading']:.1%}, "
            f"HTML extraction {shares['html_extraction']:.1%}, fact extraction {shares['fact_extraction']:.1%}"
        )

        for jobs in (1, 2):
            for label, path in (("small", small), ("large", large)):
                r = run_extract(path, jobs)
                figures[f"jobs{jobs}_{label}"] = r
                print(
                    f"extract --jobs {jobs} {label:5} {r['articles']:>6,} articles {r['seconds']:7.1f} s {r['per_second']:7.1f}/s "
                    f"peak {r['peak_mb']:.0f} MB (main process {r['main_mb']:.0f} MB)"
                )
        speedup = figures["jobs2_large"]["per_second"] / figures["jobs1_large"]["per_second"]  # type: ignore[index]
        growth = figures["jobs2_large"]["peak_mb"] / figures["jobs2_small"]["peak_mb"]  # type: ignore[index]
        print(f"--jobs 2 / --jobs 1: {speedup:.2f}x (goal ≥ 1.8); peak memory large/small WARC: {growth:.2f}x (goal: flat)")

        if not args.no_spark:
            from showfacts.scale.warcgen import sample_warc

            per = args.pages // args.spark_files
            parts = [work / f"spark-{i}.warc.gz" for i in range(args.spark_files)]
            for i, part in enumerate(parts):
                sample_warc(part, per, seed=2024 + i, syndicated_every=25)
            r = run_spark(parts, work)
            figures["spark_local2"] = r
            ratio = figures["jobs2_large"]["per_second"] / r["per_second"]  # type: ignore[index]
            print(
                f"spark local[2]      {r['articles']:>6,} articles {r['seconds']:7.1f} s {r['per_second']:7.1f}/s "
                f"({r['duplicates']} near-duplicates; --jobs 2 is {ratio:.2f}x faster, goal ≤ 1.5)"
            )
        if args.json:
            print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
