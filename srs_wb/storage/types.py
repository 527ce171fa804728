"""Compact column types: UTC instants as epoch milliseconds, days as day numbers, int enums."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import BigInteger, Integer, SmallInteger
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from srs_wb.scheduling.days import day_number, from_day_number

# A year of reviews is a million rows; integers keep each row and its index entries a
# third the size of ISO text, which is what keeps the file smaller than Anki's.
#
# The conversions are plain functions too: the answer loop's statements run on the driver
# connection (storage.cards, storage.reviews) and store exactly what these types store.


def to_millis(value: datetime | None) -> int | None:
    """An aware datetime as integer milliseconds since the Unix epoch."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError(f"refusing to store a naive datetime: {value!r}")
    return round(value.timestamp() * 1000)


def from_millis(value: Any) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(int(value) / 1000, tz=UTC)


def to_day_number(value: date | None) -> int | None:
    return None if value is None else day_number(value)


def from_stored_day(value: Any) -> date | None:
    return None if value is None else from_day_number(int(value))


class UTCMillis(TypeDecorator[datetime]):
    """An aware datetime stored as integer milliseconds since the Unix epoch, UTC."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> int | None:
        return to_millis(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return from_millis(value)


class DayNumber(TypeDecorator[date]):
    """A calendar day stored as days since 1970-01-01."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: date | None, dialect: Dialect) -> int | None:
        return to_day_number(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> date | None:
        return from_stored_day(value)


E = TypeVar("E", bound=enum.IntEnum)


class IntEnumType(TypeDecorator[E], Generic[E]):
    """An IntEnum stored as its small integer value."""

    impl = SmallInteger
    cache_ok = True

    def __init__(self, enum_class: type[E]) -> None:
        super().__init__()
        self.enum_class = enum_class

    def process_bind_param(self, value: E | int | None, dialect: Dialect) -> int | None:
        return None if value is None else int(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> E | None:
        return None if value is None else self.enum_class(value)
