"""The annotated sets, as (article, gold record) pairs.

Each set is found where it lives, and missing ones are skipped with a reason (a fresh clone
has no fetched texts and no ``../shared``):

- ``fixtures``: ``tests/extract`` (our own articles with gold, always present in a checkout);
- ``dev`` and ``seed``: ``../shared/eval/dev`` (BBC News 2004-05 and the founding article);
- ``real``: ``../shared/eval/real`` (30 modern pages; texts fetched into the cache);
- ``b1`` … : our own real batches in ``eval/real/<batch>`` (texts fetched into the cache).

Texts of real pages are checked against the manifest's hash: a changed page is left out.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from showfacts.article import Article

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared" / "eval"
OWN_REAL = ROOT / "eval" / "real"
TEXT_CACHE = Path.home() / ".cache" / "showfacts-real" / "texts"


@dataclass
class Annotated:
    """One article with its gold record; ``set`` names where it came from."""

    set: str
    article: Article
    gold: dict[str, Any]


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _norm_hash(data: bytes) -> str:
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", data.decode("utf-8", "replace"))).strip()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _corpus_pairs(name: str, corpora: list[Path], golds: list[Path]) -> list[Annotated]:
    gold = {g["id"]: g for path in golds for g in _jsonl(path)}
    out = []
    for path in corpora:
        for rec in _jsonl(path):
            if rec["id"] in gold:
                article = Article(
                    id=rec["id"], text=rec["text"], title=rec.get("title"), published=rec.get("published"),
                    url=rec.get("url"), outlet=rec.get("outlet"),
                )  # fmt: skip
                out.append(Annotated(name, article, gold[rec["id"]]))
    return out


def _manifest_pairs(name: str, folder: Path, texts: Path) -> tuple[list[Annotated], list[str]]:
    """Pages of a manifest whose fetched text matches its hash, and the problems of the rest."""
    gold = {g["id"]: g for g in _jsonl(folder / "gold.jsonl")}
    out, problems = [], []
    for row in _jsonl(folder / "manifest.jsonl"):
        path = texts / f"{row['id']}.txt"
        if not path.exists():
            problems.append(f"{row['id']}: text not fetched ({path})")
            continue
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != row["sha256"] and _norm_hash(data) != row.get("norm_sha256"):
            problems.append(f"{row['id']}: text differs from the manifest's hash; left out")
            continue
        if row["id"] not in gold:
            problems.append(f"{row['id']}: no gold record")
            continue
        article = Article(
            id=row["id"], text=data.decode("utf-8"), title=row.get("title"), published=row.get("published"),
            url=row.get("url"), outlet=row.get("outlet"),
        )  # fmt: skip
        out.append(Annotated(name, article, gold[row["id"]]))
    return out, problems


def own_batches() -> dict[str, dict[str, Any]]:
    """Our real batches and their split (``eval/real/batches.json``): name → {"split": …, …}."""
    path = OWN_REAL / "batches.json"
    listed = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    found = sorted(p.name for p in OWN_REAL.iterdir() if (p / "manifest.jsonl").exists()) if OWN_REAL.exists() else []
    return {name: listed.get(name, {"split": "test"}) for name in found}


def load_set(name: str, texts: Path = TEXT_CACHE) -> tuple[list[Annotated], list[str]]:
    """One named set: its annotated articles and why any are missing."""
    if name == "fixtures":
        folder = ROOT / "tests" / "extract"
        return _corpus_pairs(name, [folder / "corpus.jsonl"], [folder / "gold.jsonl"]), []
    if name in ("dev", "seed"):
        dev = SHARED / "dev"
        if not (dev / "corpus.jsonl").exists():
            return [], [f"{name}: {dev} not present"]
        if name == "seed":
            return _corpus_pairs(name, [dev / "seed.corpus.jsonl"], [dev / "seed.gold.jsonl"]), []
        return _corpus_pairs(name, [dev / "seed.corpus.jsonl", dev / "corpus.jsonl"], [dev / "seed.gold.jsonl", dev / "gold.jsonl"]), []
    if name == "real":
        folder = SHARED / "real"
        if not (folder / "manifest.jsonl").exists():
            return [], [f"real: {folder} not present"]
        return _manifest_pairs(name, folder, texts)
    folder = OWN_REAL / name
    if not (folder / "manifest.jsonl").exists():
        return [], [f"{name}: no such set"]
    return _manifest_pairs(name, folder, texts)


def training_sets() -> list[str]:
    """The sets the shipped models learn from: everything annotated except our test batches."""
    own = [name for name, info in own_batches().items() if info.get("split") == "train"]
    return ["fixtures", "dev", "real", *own]
