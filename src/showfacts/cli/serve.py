"""``showfacts serve``: the JSON API and web pages, run by uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from showfacts.cli.app import app, fail


@app.command("serve")
def serve_cli(
    db: Annotated[str | None, typer.Option("--db", help="Database (default ./showfacts.db or $SHOWFACTS_DB).")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Server processes (reads scale with them).")] = 1,
) -> None:
    """Serve the knowledge base: web pages at /, the JSON API at /api, its documentation at /docs.

    Example: [bold]SHOWFACTS_TOKEN=secret showfacts serve --db showfacts.db --port 8000[/]

    Reads are open; POST /api/articles needs "Authorization: Bearer $SHOWFACTS_TOKEN" and
    answers 403 when no token is set.
    """
    import os

    import uvicorn

    if db:
        os.environ["SHOWFACTS_DB"] = db
    try:
        from showfacts.web import create_app

        create_app(db).state.store.dispose()  # fail early, with one line, if the database cannot be opened
    except Exception as exc:
        raise fail(f"cannot serve {db or 'showfacts.db'}: {exc.__class__.__name__}: {exc}", 2) from None
    uvicorn.run("showfacts.web.factory:app", factory=True, host=host, port=port, workers=workers, log_level="info")
