"""Test helpers for the web app: a real SQLite knowledge base built from articles written for these tests."""

from __future__ import annotations

from pathlib import Path

from showfacts.article import Article
from showfacts.extract import extract
from showfacts.store.db import Store
from showfacts.store.ingest import ingest

JESSICA = Article(
    id="jj-renewal",
    url="https://example.test/jessica-jones-season-2",
    published="2016-01-18",
    outlet="Screen Ledger",
    text=(
        "Netflix Renews 'Jessica Jones' for Season 2\n\n"
        "Netflix has renewed “Jessica Jones” for a second season, the streamer confirmed on Sunday. "
        "Krysten Ritter will return as Jessica Jones, and Ritter's Jessica also joins The Defenders, the team-up series.\n\n"
        "Melissa Rosenberg, the showrunner and executive producer of Jessica Jones, said the new season would arrive after The Defenders.\n\n"
        "“We get to go deeper into who Jessica is when nobody is watching,” Rosenberg said."
    ),
)
HOSTILE = Article(
    id="hostile",
    url="https://example.test/hostile",
    published="2024-02-02",
    outlet="Bad Actor <b>News</b>",
    text=(
        "<script>window.__pwned = 1</script> Renews 'Glass Orchard' <img src=x onerror=\"window.__pwned=2\">\n\n"
        "Hulu has renewed “Glass Orchard” for a third season. "
        "Dana Pike, the creator of Glass Orchard, shared the news.\n\n"
        '“<script>window.__pwned = 3</script> We are thrilled <img src=x onerror="window.__pwned=4"> to keep going,” Pike said.'
    ),
)
DATE_A = Article(
    id="date-a", published="2024-05-01", text="Premiere set\n\n“Glass Orchard” season 3 will premiere on June 12, 2025, on Hulu."
)
DATE_B = Article(
    id="date-b", published="2024-05-03", text="Premiere moved\n\n“Glass Orchard” season 3 will premiere on July 30, 2025, on Hulu."
)
ARTICLES = [JESSICA, HOSTILE, DATE_A, DATE_B]


def build_db(path: Path) -> str:
    store = Store(str(path))
    for article in ARTICLES:
        ingest(store, article, extract(article))
    store.dispose()
    return str(path)
