"""The Typer application every command module registers on."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

app = typer.Typer(
    name="showfacts",
    help="Sourced facts about TV series and films from entertainment news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def report(message: str) -> None:
    """One line on standard error (for a bad input or a failed step)."""
    err_console.print(f"showfacts: {message}", markup=False)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Report and return the Exit to raise: ``raise fail("...")``."""
    report(message)
    return typer.Exit(code)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


GazetteerOption = Annotated[
    Path | None,
    typer.Option(
        "--gazetteer",
        help="Titles you know (CSV with a 'title' column, or JSONL; optional kind, network, year): read as works.",
        dir_okay=False,
    ),
]


def read_titles(path: Path | None) -> frozenset[str]:
    """The folded titles of a gazetteer file (none without one); a bad file ends the run."""
    if path is None:
        return frozenset()
    from showfacts.errors import InputError
    from showfacts.extract.gazetteer import read_gazetteer, titles

    try:
        return titles(read_gazetteer(path))
    except InputError as err:
        raise fail(str(err), 2) from None
