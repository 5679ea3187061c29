"""Knowledge-base speed: the write path into SQLite and PostgreSQL (loading extracted records, as
after ``showfacts spark``), `show` latency, and end to end against ``showfacts extract``.

    python benchmarks/bench_ingest.py [--sizes 1000 20000] [--no-postgres] [--json]
        [--batch-size 500] [--batch-sizes 50 200 500 2000] [--cache DIR]
        [--end-to-end 5000 --jobs 2] [--keep kb.db] [--keep-postgres NAME]

The corpus is varied synthetic news (``showfacts.scale.warcgen``: four templates; works named as
real news names them, 14 long-running hits in one story of ten, a new title in one of four, a
recent title coming back in the rest, so 28,000 works at 100,000 stories, most named a handful of
times and each hit some 700; 1,600 people; every 25th story a syndicated copy; 8 to 13 sentences of
background around the news, so a story runs to some 1,600 characters, as a real page's first
2,000 do): still hard on the store, with hits whose random seasons, dates and networks keep colliding into conflicts and
templated texts whose LSH bands collide. Extraction is timed apart (``--cache DIR`` keeps
the extracted records as JSONL, the input ``ingest`` loads, so large runs extract once). Each
record carries its story's MinHash signature, computed where extraction runs, as the Spark job's
output does: the write path measured is what follows ``showfacts spark``.

For each store and size a fresh database is loaded through ``showfacts.store.ingest.ingest_stream``
(batches of ``--batch-size``, one transaction each) and ``write_articles_per_s`` is the rate over
the whole load; ``windows`` gives the rate over each tenth of it, so growth shows (the last tenth
of a 100k load is the rate at 100k). ``--batch-sizes`` measures the rate at one size for several
batch sizes. ``--end-to-end N`` times ``showfacts extract`` and ``showfacts ingest`` of the same
raw N-article JSONL corpus with the same ``--jobs``. PostgreSQL is used where one answers on
``$SHOWFACTS_TEST_PG`` (default 127.0.0.1:5432). ``--keep`` leaves the largest SQLite database,
``--keep-postgres NAME`` the largest PostgreSQL one, for benchmarks/load_serve.py.

Output (``--json``): one object, ``{"machine"`` (with ``python_loop_s``: a pure-Python loop timed
at the start and the end, since a shared machine's speed moves), ``"extract_articles_per_s", "runs": [{"store",
"articles", "write_articles_per_s", ...}], "batch_sizes": [...], "end_to_end": {...}}``.
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from showfacts import query
from showfacts.article import Article
from showfacts.extract import extract
from showfacts.extract.pipeline import EXTRACTOR_VERSION
from showfacts.scale import dedupe
from showfacts.scale.warcgen import CORPUS_VERSION, sample_articles
from showfacts.store.db import Store
from showfacts.store.ingest import BATCH_SIZE, ingest_stream
from showfacts.store.records import read_extracted

PG_ADMIN = os.environ.get("SHOWFACTS_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
SEED = 11
RECORD_FORMAT = 2  # 2: records carry their MinHash signature, as the Spark job's output does
CACHE_TAG = f"{SEED}-c{CORPUS_VERSION}-x{EXTRACTOR_VERSION}-r{RECORD_FORMAT}"  # a cache of another corpus, extractor or format is not reused


def articles(count: int) -> list[Article]:
    out = []
    for i, sample in enumerate(sample_articles(count, seed=SEED, syndicated_every=25)):
        text = sample.title + "\n\n" + "\n\n".join(sample.paragraphs)
        out.append(Article(id=f"bench-{i}", text=text, title=sample.title, published=sample.published, url=sample.url, outlet=sample.site))
    return out


def _record_line(article: Article) -> str:
    """One extracted record as ``showfacts spark`` writes it: the article's fields and its MinHash signature
    (computed where the extraction runs, so the write path does not)."""
    record = extract(article).to_json()
    minhash = dedupe.signature(article.text)
    return json.dumps({**record, "text": article.text, "url": article.url, "outlet": article.outlet, "published": article.published, "minhash": minhash})


def extracted_corpus(count: int, cache: Path | None, jobs: int) -> tuple[list[Any], float]:
    """``count`` extracted articles (from the cache when it has them) and the extraction rate (articles/s, one process)."""
    corpus = articles(count)
    sample = corpus[: min(count, 500)]
    start = time.perf_counter()
    for article in sample:
        extract(article)
    rate = len(sample) / (time.perf_counter() - start)
    path = cache / f"records-{CACHE_TAG}-{count}.jsonl" if cache else None
    if cache and path and not path.exists():  # the first N stories are the same whatever the count: a larger file will do
        larger = sorted(
            (p for p in cache.glob(f"records-{CACHE_TAG}-*.jsonl") if int(p.stem.rsplit("-", 1)[1]) > count), key=lambda p: p.stat().st_size
        )
        if larger:
            with larger[0].open(encoding="utf-8") as handle:
                path = cache / f".records-{CACHE_TAG}-{count}-{os.getpid()}.jsonl"
                path.write_text("".join(line for _, line in zip(range(count), handle, strict=False)), encoding="utf-8")
            pairs = [p for p in read_extracted(path) if not isinstance(p, Exception)]
            path.unlink()
            return pairs, rate
    if path is None or not path.exists():
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            lines = pool.map(_record_line, corpus, chunksize=64)
        if path is None:
            tmp = Path(tempfile.mkdtemp()) / "records.jsonl"
            tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
            pairs = [p for p in read_extracted(tmp) if not isinstance(p, Exception)]
            shutil.rmtree(tmp.parent)
            return pairs, rate
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [p for p in read_extracted(path) if not isinstance(p, Exception)], rate


def load(store: Store, pairs: list[Any], label: str, batch_size: int) -> dict[str, Any]:
    """Load ``pairs`` through the write path; the rate overall and per tenth."""
    marks: list[tuple[int, float]] = []
    done = 0
    tenth = max(1, len(pairs) // 10)

    def written(results: list[Any]) -> None:
        nonlocal done
        before, done = done, done + len(results)
        if done // tenth > before // tenth or done == len(pairs):
            marks.append((done, time.perf_counter()))

    start = time.perf_counter()
    counts = ingest_stream(store, iter(pairs), batch_size=batch_size, on_written=written)
    seconds = time.perf_counter() - start
    assert counts["failed"] == 0, counts
    windows, last_n, last_t = [], 0, start
    for n, t in marks:
        if n > last_n:
            windows.append({"up_to": n, "articles_per_s": round((n - last_n) / (t - last_t), 1)})
            last_n, last_t = n, t
    return {
        "store": label,
        "articles": len(pairs),
        "batch_size": batch_size,
        "write_seconds": round(seconds, 2),
        "write_articles_per_s": round(len(pairs) / seconds, 1),
        "windows": windows,
    }


def show_latency(store: Store, pairs: list[Any]) -> dict[str, Any]:
    titles = sorted({str(f.get("work")) for _, r, *_ in pairs for f in r.facts[:1] if "work" in dict(f.values) and f.get("work")})
    rng = random.Random(3)
    latencies = []
    for title in [rng.choice(titles) for _ in range(200)]:
        t = time.perf_counter()
        query.get_work(store, title)
        latencies.append((time.perf_counter() - t) * 1000)
    latencies.sort()
    stats = query.stats(store)
    return {
        "show_median_ms": round(statistics.median(latencies), 2),
        "show_p95_ms": round(latencies[int(len(latencies) * 0.95) - 1], 2),
        "entities": stats["entities"],
        "facts": stats["facts"],
        "fused_facts": stats["fused_facts"],
        "near_duplicates": stats["near_duplicates"],
        "conflicts": stats["conflicts"],
    }


def postgres_database() -> str | None:
    try:
        import psycopg

        conn = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except Exception:
        return None
    name = f"showfacts_bench_{uuid.uuid4().hex[:8]}"
    conn.execute(f'CREATE DATABASE "{name}"')
    conn.close()
    return name


def postgres_url(name: str) -> str:
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + name


def drop_postgres(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_store(label: str, pairs: list[Any], batch_size: int, tmp: Path, keep: Path | None, keep_pg: str | None) -> dict[str, Any]:
    if label == "sqlite":
        path = tmp / f"kb-{len(pairs)}-{batch_size}.db"
        store = Store(str(path))
        try:
            result = load(store, pairs, label, batch_size) | show_latency(store, pairs)
        finally:
            store.dispose()
        if keep:
            shutil.copy(path, keep)
        path.unlink()
        return result
    name = postgres_database()
    if name is None:
        return {"store": label, "articles": len(pairs), "skipped": f"no server at {PG_ADMIN}"}
    store = Store(postgres_url(name))
    try:
        return load(store, pairs, label, batch_size) | show_latency(store, pairs)
    finally:
        store.dispose()
        if keep_pg:
            import psycopg

            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{keep_pg}" WITH (FORCE)')
                conn.execute(f'ALTER DATABASE "{name}" RENAME TO "{keep_pg}"')
        else:
            drop_postgres(name)


def end_to_end(count: int, jobs: int, stores: list[str], tmp: Path) -> dict[str, Any]:
    """``showfacts extract`` and ``showfacts ingest`` of the same raw corpus, as commands."""
    corpus = tmp / "raw.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        for a in articles(count):
            handle.write(
                json.dumps({"id": a.id, "text": a.text, "title": a.title, "published": a.published, "url": a.url, "outlet": a.outlet})
                + "\n"
            )
    cli = [sys.executable, "-m", "showfacts"]

    def timed(args: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run([*cli, *args], check=True, capture_output=True, env={**os.environ, "CI": "1"})
        return time.perf_counter() - start

    out: dict[str, Any] = {"articles": count, "jobs": jobs}
    seconds = timed(["extract", str(corpus), "-f", "jsonl", "-o", str(tmp / "out.jsonl"), "--jobs", str(jobs)])
    out["extract_articles_per_s"] = round(count / seconds, 1)
    for label in stores:
        name = None
        if label == "sqlite":
            db = str(tmp / "e2e.db")
        else:
            name = postgres_database()
            if name is None:
                continue
            db = postgres_url(name)
        try:
            seconds = timed(["ingest", str(corpus), "--db", db, "--jobs", str(jobs)])
        finally:
            if name:
                drop_postgres(name)
        out[f"ingest_{label}_articles_per_s"] = round(count / seconds, 1)
        out[f"ingest_{label}_vs_extract"] = round(out[f"ingest_{label}_articles_per_s"] / out["extract_articles_per_s"], 3)
    return out


def machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") if hasattr(os, "sysconf") else 0
    pg = None
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, connect_timeout=3) as conn:
            pg = conn.execute("SHOW server_version").fetchone()[0]  # type: ignore[index]
    except Exception:
        pass
    return {
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory_gb": round(memory / 2**30, 1),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": pg,
    }


def python_speed() -> float:
    """Seconds a pure-Python loop of 10 million additions takes now. A shared machine's speed moves
    (the same write once took 1.0 s and 1.5-1.9 s an hour later): runs compare only at like speeds."""
    start = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return round(time.perf_counter() - start, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000])
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    parser.add_argument("--batch-sizes", type=int, nargs="*", default=[], help="also measure these batch sizes at the smallest size")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--cache", type=Path, help="keep extracted records here (records-SEED-cCORPUS-xEXTRACTOR-N.jsonl)")
    parser.add_argument("--end-to-end", type=int, default=0, metavar="N", help="time extract and ingest of N raw articles as commands")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 2)
    parser.add_argument("--keep", type=Path, help="copy the largest SQLite database here")
    parser.add_argument("--keep-postgres", metavar="NAME", help="keep the largest PostgreSQL database under this name")
    parser.add_argument(
        "--without-conflicts", action="store_true", help="diagnostic: skip the upkeep of the conflicts table (everything else as usual)"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    speed_before = python_speed()  # with the figure at the end: how fast the machine was during the run
    if args.without_conflicts:
        from showfacts.store import fusion

        fusion.refresh_conflicts = lambda bulk, touched: None
    stores = [s for s, off in (("sqlite", args.no_sqlite), ("postgresql", args.no_postgres)) if not off]
    biggest = max(args.sizes)
    pairs_all, extract_rate = extracted_corpus(biggest, args.cache, args.jobs)
    gc.freeze()  # the corpus held in memory is not the write path's garbage: keep collections from walking it
    results: list[dict[str, Any]] = []
    batch_runs: list[dict[str, Any]] = []
    e2e: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for size in sorted(args.sizes):
            for label in stores:
                largest = size == biggest
                keep = args.keep if largest and label == "sqlite" else None
                keep_pg = args.keep_postgres if largest and label == "postgresql" else None
                results.append(run_store(label, pairs_all[:size], args.batch_size, tmp, keep, keep_pg))
        for batch_size in args.batch_sizes:
            for label in stores:
                batch_runs.append(run_store(label, pairs_all[: min(args.sizes)], batch_size, tmp, None, None))
        if args.end_to_end:
            e2e = end_to_end(args.end_to_end, args.jobs, stores, tmp)
    report = {"machine": {**machine(), "python_loop_s": [speed_before, python_speed()]}, "extract_articles_per_s": round(extract_rate, 1), "runs": results}
    if batch_runs:
        report["batch_sizes"] = batch_runs
    if e2e:
        report["end_to_end"] = e2e
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"extraction: {extract_rate:.0f} articles/s in one process (not included below)")
    print(
        f"{'store':11} {'articles':>8} {'batch':>6} {'write/s':>9} {'last 10%/s':>11} {'show p50':>9} {'show p95':>9} {'facts':>8} {'dups':>6}"
    )
    for r in results + batch_runs:
        if "skipped" in r:
            print(f"{r['store']:11} {r['articles']:8}  skipped: {r['skipped']}")
            continue
        print(
            f"{r['store']:11} {r['articles']:8} {r['batch_size']:6} {r['write_articles_per_s']:9.1f} {r['windows'][-1]['articles_per_s']:11.1f} "
            f"{r['show_median_ms']:9.2f} {r['show_p95_ms']:9.2f} {r['facts']:8} {r['near_duplicates']:6}"
        )
    if e2e:
        print("end to end:", json.dumps(e2e))


if __name__ == "__main__":
    main()
