"""Run extraction over a stream of inputs, on one or more worker processes.

:func:`extract_stream` is what ``extract`` and ``ingest`` iterate: it yields
``(article, record)`` pairs in input order, and the :class:`InputError` of every bad
input in its place, so callers report and go on.

With ``jobs > 1`` a process pool does the costly part. The main process only reads: WARC
records and feed entries leave it as raw bytes (:class:`~showfacts.sources.warc.WarcPage`,
:class:`~showfacts.sources.feed.FeedEntry`), so HTML extraction (trafilatura) runs in the
workers too, beside fact extraction. Each worker builds the pipeline once (the pool's
initializer; under ``fork`` it inherits the parent's). Work goes out in chunks, at most a
few chunks per worker in flight, so memory stays flat however long the input, and results
come back in input order. Small inputs (fewer than :data:`SERIAL_BELOW` items) skip the pool.
Set ``SHOWFACTS_MP_START`` to ``spawn`` or ``forkserver`` to choose the start method.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from pathlib import Path
from typing import Any, Protocol

from showfacts.article import Article
from showfacts.errors import InputError
from showfacts.extract import extract
from showfacts.extract.pipeline import use_known_titles
from showfacts.facts import ArticleRecord
from showfacts.sources import feed, read_paths, reader_for, warc

Result = tuple[Article, ArticleRecord] | InputError

CHUNK = 8
"""Items per task sent to a worker: large enough to amortise the round trip, small enough to balance."""

IN_FLIGHT_PER_JOB = 4
"""Chunks queued per worker at most; bounds memory (raw pages waiting) whatever the input size."""

CHUNK_TIMEOUT = 600
"""Seconds to wait for one chunk; past that its inputs are reported failed (a worker died or hangs)."""

SERIAL_BELOW = 2 * CHUNK
"""Inputs with fewer items than this run in this process: starting workers would cost more."""


class Pending(Protocol):
    """An input read but not yet made an Article (a WARC page, a feed entry): ``load()`` does the costly part."""

    origin: str

    def load(self) -> Article: ...


Item = Article | InputError | Pending

SPLIT_READERS: dict[Callable[..., Any], Callable[[Path], Iterator[Any]]] = {
    warc.read_file: warc.read_pages,
    feed.read_file: feed.read_entries,
}
"""Readers whose costly half can run in a worker: full reader → reader of Pending items."""


def extract_stream(
    paths: Iterable[str | Path],
    jobs: int = 1,
    published: str | None = None,
    progress: bool = False,
    known_titles: frozenset[str] = frozenset(),
) -> Iterator[Result]:
    """Read every path and extract every article. ``published`` fills in articles without a date;
    ``known_titles`` (folded, see extract/gazetteer.py) are read as works.

    ``jobs`` worker processes (``0`` or less: one per core); ``progress`` draws a Rich bar on
    standard error (callers pass it only when that is a terminal).
    """
    jobs = jobs if jobs > 0 else default_jobs()
    items = read_items(paths)
    use_known_titles(known_titles)
    results = _serial(items, published) if jobs == 1 else _parallel(items, jobs, published, known_titles)
    return _with_progress(results) if progress else results


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extract_one(article: Article) -> Result:
    """Extract one article; an exception becomes an InputError naming the article."""
    try:
        return article, extract(article)
    except Exception as exc:  # one article must not sink the batch
        return InputError(article.origin or article.id, f"extraction failed: {exc.__class__.__name__}: {exc}")


def process(item: Item, published: str | None = None) -> Result:
    """Everything one input costs after reading: HTML extraction if pending, then fact extraction."""
    if isinstance(item, InputError):
        return item
    if not isinstance(item, Article):
        try:
            item = item.load()
        except InputError as err:
            return err
        except Exception as exc:  # a page that breaks the HTML extractor is one bad input
            return InputError(item.origin, f"reading failed: {exc.__class__.__name__}: {exc}")
    if published and not item.published:
        item.published = published
        item.published_source = "cli"  # the date given on the command line (--published; showfacts.sources.provenance)
    return extract_one(item)


def read_items(paths: Iterable[str | Path]) -> Iterator[Item]:
    """Like :func:`~showfacts.sources.read_paths`, but WARC pages and feed entries stay Pending."""
    for raw in paths:
        path = Path(raw)
        if str(raw) == "-" or not path.exists():
            yield from read_paths([raw])
        elif path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and reader_for(p))
            yield from chain.from_iterable(_read_one(f) for f in files) if files else read_paths([raw])
        else:
            yield from _read_one(path)


def _read_one(path: Path) -> Iterator[Item]:
    split = SPLIT_READERS.get(reader_for(path))  # type: ignore[arg-type]
    if split is None:
        yield from read_paths([path])
        return
    try:
        yield from split(path)
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}")


def _serial(items: Iterable[Item], published: str | None) -> Iterator[Result]:
    for item in items:
        yield process(item, published)


# -- the pool -----------------------------------------------------------------------------

_published: str | None = None


def _init_worker(published: str | None, known_titles: frozenset[str] = frozenset()) -> None:
    """Pool initializer: build the pipeline and load the HTML extractor once per worker."""
    global _published
    _published = published
    use_known_titles(known_titles)
    import trafilatura  # noqa: F401  (loaded once here, not on the first page)


def _run_chunk(chunk: list[Item]) -> list[Any]:
    return [_encode(process(_decode(item), _published)) for item in chunk]


def _encode(result: Any) -> Any:
    # InputError's constructor takes (origin, problem), which pickling exceptions does not replay.
    return ("InputError", result.origin, result.problem) if isinstance(result, InputError) else result


def _decode(result: Any) -> Any:
    if isinstance(result, tuple) and len(result) == 3 and result[0] == "InputError":
        return InputError(result[1], result[2])
    return result  # type: ignore[no-any-return]


def _parallel(items: Iterator[Item], jobs: int, published: str | None, known_titles: frozenset[str] = frozenset()) -> Iterator[Result]:
    head = list(islice(items, SERIAL_BELOW))
    if len(head) < SERIAL_BELOW:
        yield from _serial(head, published)
        return
    method = os.environ.get("SHOWFACTS_MP_START") or None
    context = multiprocessing.get_context(method)
    if context.get_start_method() == "fork":
        _init_worker(published, known_titles)  # build once here; forked workers inherit it
    chunks = _chunked(chain(head, items), CHUNK)
    with context.Pool(jobs, initializer=_init_worker, initargs=(published, known_titles)) as pool:
        window: deque[tuple[list[Any], Any]] = deque()
        for chunk in chunks:
            window.append((chunk, pool.apply_async(_run_chunk, (chunk,))))
            while len(window) >= jobs * IN_FLIGHT_PER_JOB:
                yield from _collect(*window.popleft())
        while window:
            yield from _collect(*window.popleft())


def _collect(chunk: list[Any], pending: Any) -> Iterator[Result]:
    try:
        results = pending.get(CHUNK_TIMEOUT)
    except multiprocessing.TimeoutError:  # a worker died (killed, crashed) or hangs: its inputs fail, the run goes on
        results = [_encode(InputError(_origin(item), f"no answer from the worker in {CHUNK_TIMEOUT} s")) for item in chunk]
    yield from map(_decode, results)


def _origin(item: Any) -> str:
    item = _decode(item)
    return str(getattr(item, "origin", "") or getattr(item, "id", "?"))


def _chunked(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while chunk := list(islice(items, size)):
        yield [_encode(item) for item in chunk]


def _with_progress(results: Iterator[Result]) -> Iterator[Result]:
    from rich.console import Console
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(file=sys.stderr), transient=True, redirect_stdout=False, redirect_stderr=True) as bar:
        task = bar.add_task("extracting", total=None, rate="")
        failed = 0
        for n, result in enumerate(results, 1):
            failed += isinstance(result, InputError)
            elapsed = bar.tasks[0].elapsed or 0
            rate = f"{n / elapsed:,.0f}/s" if elapsed > 1 else ""
            bar.update(task, completed=n, rate=f"{rate}  {failed} failed" if failed else rate)
            yield result


def show_progress(out: object | None) -> bool:
    """Whether a CLI run should draw the bar: records go to a file (``--out``), we are on a terminal, not in CI."""
    return out is not None and sys.stderr.isatty() and sys.stdout.isatty() and not os.environ.get("CI")
