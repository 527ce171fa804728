"""Bulk writes of imported cards: compiled Core statements, one executemany per kind of change."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from srs_wb.storage.models import Card

CONTENT_FIELDS = (
    "kind",
    "front",
    "back",
    "exercise",
    "params",
    "difficulty",
    "tags",
    "unlock_after_days",
)
# What a new card row holds, in this order (see `insert_cards`).
INSERT_COLUMNS = (
    "deck_id",
    "key",
    "position",
    *CONTENT_FIELDS,
    "suspended",
    "updated_at",
    "phase",
    "step",
    "interval_days",
    "due_day",
    "reps",
    "lapses",
)

_LARGE_INSERT = 10_000  # rows
_IMPORT_CACHE_KIB = 32 * 1024

StoredCard = tuple[
    int, int, tuple[Any, ...]
]  # (card id, position, content in CONTENT_FIELDS order)


def existing_cards(session: Session, deck_id: int) -> dict[str, StoredCard]:
    """The deck's cards by key: id, position and content, to compare an import against.

    Re-importing a 100,000-card file is mostly this read and the comparison, so the
    compiled Core select runs on the DB-API cursor of the session's own connection (in
    its transaction): none of these columns needs a result processor, and wrapping each
    row first cost as much as SQLite's work.
    """
    columns = [Card.key, Card.id, Card.position, *(getattr(Card, f) for f in CONTENT_FIELDS)]
    statement = select(*columns).where(Card.deck_id == deck_id)
    connection = session.connection()
    compiled = statement.compile(dialect=connection.dialect)
    names = compiled.positiontup or ()
    driver = connection.connection.driver_connection
    if driver is None or len(names) != 1:  # pragma: no cover - another driver or dialect
        rows = connection.execute(statement)
        return {row[0]: (row[1], row[2], tuple(row[3:])) for row in rows}
    cursor = driver.execute(str(compiled), [compiled.params[names[0]]])
    return {row[0]: (row[1], row[2], row[3:]) for row in cursor.fetchall()}


def insert_cards(
    session: Session,
    rows: Sequence[tuple[Any, ...]],
    columns: Sequence[str] = INSERT_COLUMNS,
    common: Mapping[str, Any] | None = None,
) -> None:
    """Insert new cards: each row holds the values of `columns`, in that order, and every
    row shares the values in `common` (such as the scheduling state of new cards).

    A 100,000-card import is mostly this statement, so it runs the compiled Core insert
    as one executemany on the DB-API cursor of the session's connection (in its
    transaction), fed row by row: the per-row parameter handling of `execute(insert(...),
    dicts)` cost more than SQLite's own work, and a list of every row's parameters as
    much memory as the rows. Values that need converting (times, days) go through their
    column types' bind processors: a shared value once, the rows' own row by row.
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    table = cast(Table, Card.__table__)
    shared = dict(common or {})
    names = (*columns, *shared)
    compiled = insert(table).compile(dialect=dialect, column_keys=list(names))
    positions = [names.index(name) for name in compiled.positiontup or ()]
    if len(positions) != len(names):  # pragma: no cover - a dialect without "?" parameters
        records = [dict(zip(names, (*row, *shared.values()), strict=True)) for row in rows]
        connection.execute(insert(table), records)
        return

    def processor(name: str) -> Callable[[Any], Any] | None:
        return table.c[name].type.bind_processor(dialect)

    constants = []
    for name, value in shared.items():
        convert = processor(name)
        constants.append(convert(value) if convert is not None else value)
    tail = tuple(constants)
    converted = [(i, convert) for i, name in enumerate(columns) if (convert := processor(name))]
    arrange = operator.itemgetter(*positions)
    if converted:
        parameters = (arrange(_converted(row, converted) + tail) for row in rows)
    else:
        parameters = (arrange(row + tail) for row in rows)
    driver = connection.connection.driver_connection
    with _page_cache(connection, len(rows)):
        if driver is None:  # pragma: no cover - a driver without a DB-API connection
            connection.exec_driver_sql(str(compiled), list(parameters))
        else:
            driver.executemany(str(compiled), parameters)


@contextmanager
def _page_cache(connection: Connection, rows: int) -> Iterator[None]:
    """A larger page cache for a large insert, then the connection's own again.

    New cards go into the (deck, key) index in hash order, that is at random places; with
    SQLite's default 2 MiB cache a 100,000-card import kept evicting and re-reading index
    pages. 32 MiB holds the indexes of a few hundred thousand cards.
    """
    if rows < _LARGE_INSERT:
        yield
        return
    (previous,) = connection.exec_driver_sql("PRAGMA cache_size").one()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{_IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(previous)}")


def _converted(
    row: tuple[Any, ...], converters: list[tuple[int, Callable[[Any], Any]]]
) -> tuple[Any, ...]:
    values: list[Any] = list(row)
    for index, convert in converters:
        values[index] = convert(values[index])
    return tuple(values)


def update_cards(session: Session, rows: Sequence[dict[str, Any]], now: datetime) -> None:
    """Update content (never scheduling state) of cards given with their `card_id`."""
    if not rows:
        return
    values: dict[str, Any] = {name: bindparam(name) for name in (*CONTENT_FIELDS, "position")}
    statement = (
        update(Card.__table__)  # type: ignore[arg-type]
        .where(Card.__table__.c.id == bindparam("card_id"))
        .values(**values, updated_at=now)
    )
    session.connection().execute(statement, list(rows))
