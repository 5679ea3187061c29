"""Errors a user can see. Each names where the problem is (file, line, record offset)."""

from __future__ import annotations


class ShowfactsError(Exception):
    """Base class for every error showfacts raises on purpose."""


class InputError(ShowfactsError):
    """One input (a file, a JSONL line, a WARC record, a feed entry) could not be read.

    ``origin`` says where: ``path``, ``path:LINE`` or ``path@OFFSET``. ``str()`` gives the
    one-line message the CLI prints on standard error.
    """

    def __init__(self, origin: str, problem: str) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem


class ConfigError(ShowfactsError):
    """A setting or command-line option that cannot work (bad database URL, bad date)."""
