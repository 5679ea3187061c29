"""Knowledge-base speed: ingest throughput into SQLite and PostgreSQL, and `show` latency,
at 1,000 and 10,000 articles (varied synthetic news stories, every 25th a syndicated copy).

    python benchmarks/bench_ingest.py [--sizes 1000 10000] [--no-postgres] [--keep kb.db] [--json]

Extraction is timed apart from storing: "ingest" is the write path (one transaction per
article: entity resolution, near-duplicate check, facts). ``--keep`` leaves the largest
SQLite database for the web load test (benchmarks/load_serve.py).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from showfacts import query
from showfacts.article import Article
from showfacts.extract import extract
from showfacts.scale.warcgen import sample_articles
from showfacts.store.db import Store
from showfacts.store.ingest import ingest

PG_ADMIN = os.environ.get("SHOWFACTS_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def articles(count: int) -> list[Article]:
    out = []
    for i, sample in enumerate(sample_articles(count, seed=11, syndicated_every=25)):
        text = sample.title + "\n\n" + "\n\n".join(sample.paragraphs)
        out.append(Article(id=f"bench-{i}", text=text, title=sample.title, published=sample.published, url=sample.url, outlet=sample.site))
    return out


def run(store: Store, pairs: list, label: str) -> dict:
    start = time.perf_counter()
    for article, record in pairs:
        ingest(store, article, record)
    seconds = time.perf_counter() - start
    stats = query.stats(store)
    titles = [t for t in {r.facts[0].get("work") for _, r in pairs if r.facts and "work" in dict(r.facts[0].values)} if t]
    rng = random.Random(3)
    sample = [rng.choice(titles) for _ in range(200)]
    latencies = []
    for title in sample:
        t = time.perf_counter()
        query.get_work(store, title)
        latencies.append((time.perf_counter() - t) * 1000)
    latencies.sort()
    return {
        "store": label,
        "articles": len(pairs),
        "ingest_seconds": round(seconds, 2),
        "ingest_articles_per_s": round(len(pairs) / seconds, 1),
        "show_median_ms": round(statistics.median(latencies), 2),
        "show_p95_ms": round(latencies[int(len(latencies) * 0.95) - 1], 2),
        "entities": stats["entities"],
        "facts": stats["facts"],
        "near_duplicates": stats["near_duplicates"],
    }


def postgres_store() -> tuple[Store, str] | None:
    try:
        import psycopg

        conn = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except Exception:
        return None
    name = f"showfacts_bench_{uuid.uuid4().hex[:8]}"
    conn.execute(f'CREATE DATABASE "{name}"')
    conn.close()
    return Store(PG_ADMIN.rsplit("/", 1)[0] + "/" + name), name


def drop_postgres(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--keep", type=Path, help="copy the largest SQLite database here")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = []
    biggest = max(args.sizes)
    corpus = articles(biggest)
    start = time.perf_counter()
    pairs_all = [(a, extract(a)) for a in corpus]
    extract_rate = len(corpus) / (time.perf_counter() - start)
    with tempfile.TemporaryDirectory() as tmp:
        for size in sorted(args.sizes):
            pairs = pairs_all[:size]
            path = Path(tmp) / f"kb-{size}.db"
            store = Store(str(path))
            results.append(run(store, pairs, "sqlite"))
            store.dispose()
            if args.keep and size == biggest:
                shutil.copy(path, args.keep)
            if not args.no_postgres:
                made = postgres_store()
                if made is None:
                    results.append({"store": "postgresql", "articles": size, "skipped": f"no server at {PG_ADMIN}"})
                    continue
                pg, name = made
                try:
                    results.append(run(pg, pairs, "postgresql"))
                finally:
                    pg.dispose()
                    drop_postgres(name)
    if args.json:
        print(json.dumps({"extract_articles_per_s": round(extract_rate, 1), "runs": results}, indent=2))
        return
    print(f"extraction: {extract_rate:.0f} articles/s (not included below)")
    print(f"{'store':11} {'articles':>8} {'ingest/s':>9} {'show p50 ms':>12} {'show p95 ms':>12} {'works':>7} {'facts':>7} {'dups':>5}")
    for r in results:
        if "skipped" in r:
            print(f"{r['store']:11} {r['articles']:8}  skipped: {r['skipped']}")
            continue
        print(
            f"{r['store']:11} {r['articles']:8} {r['ingest_articles_per_s']:9.1f} {r['show_median_ms']:12.2f} {r['show_p95_ms']:12.2f} "
            f"{r['entities']['work']:7} {r['facts']:7} {r['near_duplicates']:5}"
        )


if __name__ == "__main__":
    main()
