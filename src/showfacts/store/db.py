"""Opening a store: the database URL, engine settings for SQLite and PostgreSQL, and migrations."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from showfacts.errors import ConfigError

DEFAULT_DB = "showfacts.db"

WRITER_CACHE_KB = 262144
"""Page cache of an SQLite write connection (256 MB, the memory a long ingest may use for it)."""

WRITER_LOCK = 727275
"""The PostgreSQL advisory lock every write transaction holds (SQLite's own write lock plays that part there)."""

HEAD_REVISION = "0004"
"""The newest migration (store/migrations/versions): a store already there opens without loading
Alembic and its scripts (a fifth of a second off every command; tests check the two agree)."""

ANALYZE_AFTER = 1000
"""Articles: a load this large (and over a tenth of the store) refreshes PostgreSQL's statistics."""


def database_url(url: str | None = None) -> str:
    """The SQLAlchemy URL for ``url``, ``$SHOWFACTS_DB`` or ./showfacts.db (a path is an SQLite file)."""
    raw = url or os.environ.get("SHOWFACTS_DB") or DEFAULT_DB
    if "://" not in raw:
        return f"sqlite:///{Path(raw).expanduser()}"
    if raw.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + raw.split("://", 1)[1]
    if raw.startswith(("sqlite:", "postgresql+")):
        return raw
    raise ConfigError(f"unsupported database URL {raw!r}: use a file path, sqlite:///PATH or postgresql://…")


class Store:
    """A database holding the knowledge base: an engine and its session factory."""

    def __init__(self, url: str | None = None, upgrade: bool = True) -> None:
        self.url = database_url(url)
        self.dialect = make_url(self.url).get_backend_name()
        self.engine = _engine(self.url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_engine: Engine | None = None
        if upgrade:
            self.upgrade()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction that holds the store's writer lock from its first statement to its end:
        ``BEGIN IMMEDIATE`` on SQLite, a transaction-scoped advisory lock on PostgreSQL. Writers run one
        after another (readers are never blocked), so everything a transaction reads stays true until
        it commits; a killed writer's transaction rolls back and its lock goes with its connection."""
        if self._write_engine is None:
            self._write_engine = (_write_engine(self.url) if self.dialect == "sqlite" else None) or self.engine
        with self._write_engine.begin() as connection:
            if self.dialect != "sqlite":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK})
            yield connection

    def upgrade(self, revision: str = "head") -> None:
        """Bring the schema to the newest revision (a no-op when it is there); safe from many processes."""
        if revision == "head" and self.revision() == HEAD_REVISION:
            return
        with self._migration_lock(), self.engine.begin() as connection:
            from alembic import command
            from alembic.config import Config

            config = Config()
            config.set_main_option("script_location", str(resources.files("showfacts.store") / "migrations"))
            config.attributes["connection"] = connection
            command.upgrade(config, revision)

    def refresh_statistics(self, written: int) -> bool:
        """After a load of ``written`` articles, bring PostgreSQL's planner statistics up to date when
        the load was large (a thousand articles or more, and over a tenth of what is stored), as
        autovacuum would if it is on and not behind. Without them the planner guesses, and hashes
        every work to find one by name (a read of 10 ms becomes 60 at 100,000 articles). SQLite plans
        from its indexes alone here. Returns whether it analyzed."""
        if self.dialect == "sqlite" or written < ANALYZE_AFTER:
            return False
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            stored = connection.execute(text("SELECT count(*) FROM articles")).scalar() or 0
            if written * 10 < stored:
                return False
            connection.execute(text("ANALYZE"))
        return True

    def revision(self) -> str | None:
        with self.engine.connect() as connection:
            try:
                return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            except Exception:
                return None

    @contextmanager
    def _migration_lock(self) -> Iterator[None]:
        if self.dialect == "sqlite":
            database = make_url(self.url).database
            if not database or database == ":memory:":
                yield
                return
            with open(f"{database}.lock", "a+") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)
        else:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT pg_advisory_lock(727274)"))
                try:
                    yield
                finally:
                    connection.execute(text("SELECT pg_advisory_unlock(727274)"))
                    connection.commit()

    def dispose(self) -> None:
        if self._write_engine is not None and self._write_engine is not self.engine:
            self._write_engine.dispose()
        self.engine.dispose()


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _write_engine(url: str) -> Engine | None:
    """SQLite connections for write transactions: the driver's own transaction handling off, and
    every transaction begun with ``BEGIN IMMEDIATE`` (it takes the write lock at once, so two
    writers queue on the busy timeout instead of failing when both try to upgrade a read lock).
    None for an in-memory database: one process, nothing to lock against, and only the store's
    own engine sees it."""
    database = make_url(url).database
    if not database or database == ":memory:":
        return None
    engine = create_engine(url, connect_args={"timeout": 60, "isolation_level": None})
    event.listen(engine, "connect", _sqlite_pragmas)

    @event.listens_for(engine, "connect")
    def _writer_pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # a batch inserts into large indexes at random places: keep their pages in memory rather than
        # reading them again for every batch (the readers' default of a few MB is too small for that)
        dbapi_connection.execute(f"PRAGMA cache_size=-{WRITER_CACHE_KB}")
        dbapi_connection.execute(f"PRAGMA mmap_size={WRITER_CACHE_KB * 1024}")

    @event.listens_for(engine, "begin")
    def _begin(connection):  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
    cursor.execute("PRAGMA busy_timeout=60000")  # wait for another process's transaction
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
