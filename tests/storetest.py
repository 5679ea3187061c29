"""Test helpers for the store: fixture articles (written for these tests) and database URLs."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from showfacts.article import Article

RENEWAL = Article(
    id="renewal",
    url="https://example.test/harbor-lights-renewed",
    published="2024-03-01",
    outlet="Screen Ledger",
    text=(
        "Netflix Renews 'Harbor Lights' for Season 2\n\n"
        "Netflix has renewed “Harbor Lights” for a second season, the streamer said on Friday. "
        "The drama stars Ava Lindqvist as Captain Mara Dunn.\n\n"
        "Dana Pike, the creator and showrunner of Harbor Lights, said the writers were already at work. "
        "“We always had a second chapter in mind,” Pike said."
    ),
)
SYNDICATED = Article(
    id="syndicated",
    url="https://mirror.test/story/77",
    published="2024-03-02",
    outlet="Mirror Site",
    text=RENEWAL.text + "\n\nThis story first appeared on Screen Ledger.",
)
SURNAME = Article(
    id="surname",
    url="https://example.test/pike-interview",
    published="2024-04-10",
    text=(
        "Pike Talks 'Harbor Lights' Future\n\n"
        "Pike said the second season of Harbor Lights would move the story to the northern coast. "
        "“We are heading north, and the weather will be a character,” Pike said. "
        "Theo Brandt has joined the cast of Harbor Lights as Jonah Reyes."
    ),
)
CANCELLED = Article(
    id="cancelled",
    url="https://example.test/harbor-lights-cancelled",
    published="2024-09-15",
    text=(
        "Netflix Cancels 'Harbor Lights'\n\n"
        "Netflix has cancelled “Harbor Lights” after two seasons, reversing its plan for the second season. "
        "The streamer did not give a reason."
    ),
)
DATE_A = Article(
    id="date-a", published="2024-05-01", text="Premiere set\n\n“Harbor Lights” season 2 will premiere on June 12, 2025, on Netflix."
)
DATE_B = Article(
    id="date-b", published="2024-05-03", text="Premiere moved?\n\n“Harbor Lights” season 2 will premiere on July 30, 2025, on Netflix."
)

ALL = [RENEWAL, SYNDICATED, SURNAME, CANCELLED, DATE_A, DATE_B]


def sqlite_url(tmp_path) -> str:
    return str(tmp_path / "kb.db")


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh PostgreSQL database for one test, dropped afterwards (skips when no server answers)."""
    import psycopg

    admin = os.environ.get("SHOWFACTS_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
    try:
        conn = psycopg.connect(admin, autocommit=True, connect_timeout=3)
    except Exception as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no PostgreSQL server at {admin}: {exc}")
    name = f"showfacts_test_{uuid.uuid4().hex[:10]}"
    conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.rsplit("/", 1)[0] + "/" + name
    finally:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.close()
