"""Test helpers for the web app: a real SQLite knowledge base built from prepared records.

The records (``web/kb.jsonl``) are articles written for these tests together with their facts, in
the extracted-JSONL shape ``showfacts ingest`` loads, so the web tests do not depend on which
facts the extractor finds in a text. They are ingested through the command itself.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

KB = Path(__file__).parent / "web" / "kb.jsonl"
RECORDS: list[dict[str, Any]] = [json.loads(line) for line in KB.read_text(encoding="utf-8").splitlines() if line.strip()]
"""jj-renewal (Jessica Jones renewed, cast, crew, a quote), hostile (markup in the title, the outlet
and a quote), date-a and date-b (two premiere dates for Glass Orchard season 3: a conflict)."""
JESSICA = next(r for r in RECORDS if r["id"] == "jj-renewal")


def ingest_records(db: str | Path, records: list[dict[str, Any]]) -> str:
    """Load extracted records into the database at ``db`` with ``showfacts ingest``; its standard error."""
    from showfacts.cli import app

    path = Path(f"{db}.{len(records)}-records.jsonl")
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result.output


def build_db(path: Path) -> str:
    ingest_records(path, RECORDS)
    return str(path)
