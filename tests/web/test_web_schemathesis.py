"""Property-based API test: schemathesis generates requests from /openapi.json; no 500s, responses match the schema."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from showfacts.web import create_app
from webtest import build_db

_DB = build_db(Path(tempfile.mkdtemp(prefix="showfacts-st-")) / "kb.db")
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(_DB, token="schemathesis-token"))


@schema.exclude(path="/api/export.jsonld").parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case):
    case.call_and_validate()
