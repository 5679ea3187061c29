"""Inputs read cheaply now and turned into Articles later (in this process or a worker)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from showfacts.article import Article
from showfacts.errors import InputError


class Lazy(Protocol):
    """A raw input (a WARC page, a feed entry) that ``load()`` makes an Article (or raises InputError)."""

    def load(self) -> Article: ...


def load_each(items: Iterable[Lazy | InputError]) -> Iterator[Article | InputError]:
    """Load every item in this process, passing errors through: one bad item never stops the rest."""
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield item.load()
        except InputError as err:
            yield err
