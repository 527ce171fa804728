"""Bulk writes of imported cards: compiled Core statements, one executemany per kind of change."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from itertools import repeat
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, literal_column, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from srs_wb.formats.card_build import CARD_CONTENT
from srs_wb.storage.models import Card

CONTENT_FIELDS = CARD_CONTENT  # the content columns are named as the card's fields
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

# What `existing_cards` gives of each stored card, in this order.
STORED_COLUMNS = ("key", "id", "position", *CONTENT_FIELDS)
STORED_CONTENT = STORED_COLUMNS.index(CONTENT_FIELDS[0])  # where the content starts
StoredCard = tuple[Any, ...]


def existing_cards(session: Session, deck_id: int) -> dict[str, StoredCard]:
    """The deck's cards by key, each with the values of `STORED_COLUMNS`, to compare an
    import against.

    Re-importing a 100,000-card file is mostly this read and the comparison, so the
    compiled Core select runs on the DB-API cursor of the session's own connection (in
    its transaction): none of these columns needs a result processor, and wrapping each
    row first cost as much as SQLite's work. The rows are kept as the driver makes them.
    """
    table = cast(Table, Card.__table__)  # Core: no ORM compilation (a fixed cost)
    columns = [table.c[name] for name in STORED_COLUMNS]
    statement = select(*columns).where(table.c.deck_id == deck_id)
    connection = session.connection()
    compiled = statement.compile(dialect=connection.dialect)
    names = compiled.positiontup or ()
    driver = connection.connection.driver_connection
    if driver is None or len(names) != 1:  # pragma: no cover - another driver or dialect
        rows = [tuple(row) for row in connection.execute(statement)]
    else:
        rows = driver.execute(str(compiled), [compiled.params[names[0]]]).fetchall()
    return dict(zip(map(operator.itemgetter(0), rows), rows, strict=True))


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

    Binding a parameter costs the driver about as much as SQLite's work on the value, so
    what every row shares — `common`, and a column that holds the same plain value (a
    number, NULL, a word such as the card kind) in every row — is written into the
    statement as an SQL literal; each row binds only its own values (key, position, text).
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    table = cast(Table, Card.__table__)

    def processor(name: str) -> Callable[[Any], Any] | None:
        return table.c[name].type.bind_processor(dialect)

    literals: dict[str, str] = {}  # column: the SQL literal written in the statement
    shared: dict[str, Any] = {}  # shared values that are bound after each row's own
    for name, value in (common or {}).items():
        convert = processor(name)
        value = convert(value) if convert is not None else value
        literal = _sql_literal(value)
        if literal is None:
            shared[name] = value
        else:
            literals[name] = literal
    own: list[int] = []  # indexes of the columns each row binds
    for index, name in enumerate(columns):
        literal = None
        if name != "key":  # unique per row
            literal = _same_literal(rows, index, processor(name))
        if literal is None:
            own.append(index)
        else:
            literals[name] = literal
    names = (*(columns[index] for index in own), *shared)
    statement = insert(table).values({name: literal_column(sql) for name, sql in literals.items()})
    compiled = statement.compile(dialect=dialect, column_keys=list(names))
    order = [names.index(name) for name in compiled.positiontup or ()]
    if len(order) != len(names):  # pragma: no cover - a dialect without "?" parameters
        everything = (*columns, *(common or {}))
        records = [
            dict(zip(everything, (*row, *(common or {}).values()), strict=True)) for row in rows
        ]
        connection.execute(insert(table), records)
        return
    tail = tuple(shared.values())
    converted = [
        (position, convert)
        for position, index in enumerate(own)
        if (convert := processor(columns[index]))
    ]
    parameters: Iterable[tuple[Any, ...]]
    if converted or tail:
        pick = _picker(own)
        arrange = _picker(order)
        if converted:
            parameters = (arrange(_converted(pick(row), converted) + tail) for row in rows)
        else:
            parameters = (arrange(pick(row) + tail) for row in rows)
    else:
        # The usual case: the bound values straight from the rows, in C.
        parameters = map(_picker([own[position] for position in order]), rows)
    driver = connection.connection.driver_connection
    with _page_cache(connection, len(rows)):
        if driver is None:  # pragma: no cover - a driver without a DB-API connection
            connection.exec_driver_sql(str(compiled), list(parameters))
        else:
            driver.executemany(str(compiled), parameters)


# A string written into a statement as it is: a word such as a card kind, never free text.
_WORD = re.compile(r"[a-z_]{1,40}")
_LARGEST_INTEGER = 2**63  # SQLite's integers are 64-bit


def _sql_literal(value: Any) -> str | None:
    """`value` as an SQL literal that SQLite stores exactly as the bound value, or None
    when it is to be bound (text other than a plain word, floats, bytes, ...)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        number = int(value)  # an IntEnum as its value
        return str(number) if -_LARGEST_INTEGER <= number < _LARGEST_INTEGER else None
    if isinstance(value, str):
        text = str.__str__(value)  # a StrEnum as its value
        return f"'{text}'" if _WORD.fullmatch(text) else None
    return None


def _same_literal(
    rows: Sequence[tuple[Any, ...]], index: int, convert: Callable[[Any], Any] | None
) -> str | None:
    """The SQL literal of column `index` when every row holds that same plain value."""
    first = rows[0][index]
    if rows[-1][index] is not first:
        return None
    literal = _sql_literal(convert(first) if convert is not None else first)
    if literal is None:
        return None
    # One object in every row (None, a small int, the kind): compared by identity, in C.
    if not all(map(operator.is_, map(operator.itemgetter(index), rows), repeat(first))):
        return None
    return literal


def _picker(indexes: Sequence[int]) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    """A function that takes the values at `indexes` out of a row, as a tuple."""
    if len(indexes) == 1:
        (only,) = indexes
        return lambda row: (row[only],)
    if not indexes:
        return lambda row: ()
    return operator.itemgetter(*indexes)


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
