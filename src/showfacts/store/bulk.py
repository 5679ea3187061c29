"""Many rows per statement inside one write transaction: ids handed out up front, inserts through
``executemany`` on SQLite and ``COPY`` on PostgreSQL, updates and deletes through ``executemany``.

Rows are tuples already in the database's form (:meth:`Bulk.json`, :meth:`Bulk.timestamp`), so no
ORM object or per-row type processing stands between the write path and the driver. Ids are
allocated before rows are written (the rows that reference them are built in memory first):
on SQLite from the table's largest id, safe because the write transaction holds the database's
write lock; on PostgreSQL from the table's own sequence.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, text

CHUNK = 500
"""Values per ``IN (…)`` list: well under SQLite's bound-parameter limit, and a cheap plan on PostgreSQL."""

ARRAY_CHUNK = 20000
"""Values per array parameter on PostgreSQL."""

COPY_FROM = 200
"""Rows from which an insert on PostgreSQL goes through COPY (below it, one multi-row executemany is as fast)."""


def chunks(values: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    """``values`` in lists of at most ``size`` (for ``IN`` lists)."""
    chunk: list[Any] = []
    for value in values:
        chunk.append(value)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Bulk:
    """Bulk writes over one connection's current transaction."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.postgres = connection.dialect.name == "postgresql"
        self.raw: Any = connection.connection.driver_connection
        self._next_id: dict[str, int] = {}

    # -- values in the database's form ----------------------------------------------------------

    json = staticmethod(json.JSONEncoder(ensure_ascii=False).encode)

    def timestamp(self, value: datetime) -> Any:
        # SQLAlchemy keeps SQLite datetimes as ISO text with microseconds; psycopg adapts datetimes itself
        return value if self.postgres else value.isoformat(sep=" ", timespec="microseconds")

    # -- ids ------------------------------------------------------------------------------------

    def ids(self, table: str, count: int) -> list[int]:
        """``count`` new ids for ``table``, increasing."""
        if count <= 0:
            return []
        if self.postgres:
            with self.raw.cursor() as cursor:
                cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", (table, count))
                return sorted(row[0] for row in cursor.fetchall())
        if table not in self._next_id:
            self._next_id[table] = (self.connection.execute(text(f"SELECT coalesce(max(id), 0) FROM {table}")).scalar() or 0) + 1
        first = self._next_id[table]
        self._next_id[table] = first + count
        return list(range(first, first + count))

    def id_source(self, table: str, block: int = 64) -> Callable[[], int]:
        """A function giving one new id of ``table`` per call (allocated ``block`` at a time)."""
        pending: list[int] = []

        def next_id() -> int:
            if not pending:
                pending.extend(reversed(self.ids(table, block if self.postgres else 1)))
            return pending.pop()

        return next_id

    # -- writes ---------------------------------------------------------------------------------

    def insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]], ignore_conflicts: bool = False) -> None:
        """Insert ``rows`` (tuples in ``columns`` order). ``ignore_conflicts`` skips rows that break a
        unique constraint (for rows that may exist already, like an alias seen under an older lexicon)."""
        if not rows:
            return
        names = ", ".join(columns)
        if self.postgres and len(rows) >= COPY_FROM and not ignore_conflicts:
            with self.raw.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        if self.postgres:
            marks = ", ".join(["%s"] * len(columns))
            tail = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
            with self.raw.cursor() as cursor:
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks}){tail}", rows)
            return
        marks = ", ".join(["?"] * len(columns))
        verb = "INSERT OR IGNORE" if ignore_conflicts else "INSERT"
        self.raw.executemany(f"{verb} INTO {table} ({names}) VALUES ({marks})", rows)

    def execute_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        """Run one UPDATE or DELETE per row; ``sql`` uses ``?`` for its parameters."""
        if not rows:
            return
        if self.postgres:
            with self.raw.cursor() as cursor:
                cursor.executemany(sql.replace("?", "%s"), rows)
        else:
            self.raw.executemany(sql, rows)

    def delete_in(self, table: str, column: str, values: Iterable[Any]) -> None:
        """``DELETE FROM table WHERE column IN values``, a chunk at a time."""
        for chunk in chunks(values, ARRAY_CHUNK if self.postgres else CHUNK):
            if self.postgres:
                self.run(f"DELETE FROM {table} WHERE {column} = ANY(?)", [chunk])
            else:
                self.run(f"DELETE FROM {table} WHERE {column} IN ({', '.join(['?'] * len(chunk))})", chunk)

    def select_in(self, sql: str, values: Iterable[Any], params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """Rows of ``sql`` for every value of ``values``: ``sql`` has one condition ``column IN ({in})``,
        after its other ``?`` parameters (``params``).

        On SQLite the list is bound a chunk at a time. On PostgreSQL the values go as one array and
        the query runs once per value in a lateral join (``column = value``), which keeps every lookup
        in the column's index whatever the planner's statistics say: a table filled by a bulk load and
        not analyzed since, or a long ``= ANY`` list over a skewed column, can otherwise make it scan
        the whole table. (A ``DISTINCT`` or ``GROUP BY`` in ``sql`` then applies per value.)"""
        if self.postgres:
            column = sql[: sql.index(" IN ({in})")].rsplit(" ", 1)[1]
            inner = sql.replace(f"{column} IN ({{in}})", f"{column} = v.value")
            for chunk in chunks(values, ARRAY_CHUNK):
                kind = "text[]" if isinstance(chunk[0], str) else "bigint[]"
                yield from self.run(f"SELECT s.* FROM unnest(?::{kind}) AS v(value) CROSS JOIN LATERAL ({inner}) AS s", [chunk, *params])
            return
        for chunk in chunks(values):
            yield from self.run(sql.replace("{in}", ", ".join(["?"] * len(chunk))), [*params, *chunk])

    def run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """One statement (``?`` parameters) on the raw connection; its rows, if any."""
        if self.postgres:
            with self.raw.cursor() as cursor:
                cursor.execute(sql.replace("?", "%s"), params)
                return list(cursor.fetchall()) if cursor.description else []
        cursor = self.raw.execute(sql, params)
        rows = cursor.fetchall()
        cursor.close()
        return rows

    # -- values read back -------------------------------------------------------------------------

    @staticmethod
    def loads(value: Any) -> Any:
        """A JSON column's value (psycopg decodes JSON itself; SQLite gives the text)."""
        return json.loads(value) if isinstance(value, str | bytes) else value

    @staticmethod
    def to_datetime(value: Any) -> datetime:
        return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
