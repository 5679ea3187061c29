"""The ``showfacts`` command: thin Typer commands over the library, one module per family."""

from __future__ import annotations

from showfacts.cli import extract as _extract  # noqa: F401  (registers commands)
from showfacts.cli.app import app


def _register_optional() -> None:
    # Command families whose modules import heavier libraries register the same way.
    from showfacts.cli import scale, serve, store  # noqa: F401


_register_optional()


def main() -> None:
    app()


__all__ = ["app", "main"]
