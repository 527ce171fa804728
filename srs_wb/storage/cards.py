"""Card queries: reading and writing a card's scheduling state, suspending, fetching content."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from srs_wb.scheduling.ladder import CardState, Phase
from srs_wb.storage.database import driver
from srs_wb.storage.models import Card
from srs_wb.storage.types import from_millis, from_stored_day, to_day_number, to_millis


@dataclass(frozen=True)
class CardRecord:
    """A card as the service layer sees it: content, state and where it belongs."""

    id: int
    deck_id: int
    key: str
    kind: str
    front: str
    back: str
    exercise: str | None
    params: str | None
    difficulty: int
    tags: str
    suspended: bool
    unlock_after_days: int | None
    state: CardState


# Every answer reads a card, reads and writes its state: one-row statements that SQLite runs
# in microseconds, so they go to the driver connection as plain SQL (see database.driver).
# The values are converted by the column types' own functions (storage.types), so what is
# read and written here is exactly what the ORM reads and writes.

_GET_CARD = (
    "SELECT id, deck_id, key, kind, front, back, exercise, params, difficulty, tags,"
    " suspended, unlock_after_days,"
    " phase, step, interval_days, due_day, due_at, reps, lapses, last_review"
    " FROM cards WHERE id = ?"
)
_GET_STATE = (
    "SELECT phase, step, interval_days, due_day, due_at, reps, lapses, last_review"
    " FROM cards WHERE id = ?"
)
_SET_STATE = (
    "UPDATE cards SET phase = ?, step = ?, interval_days = ?, due_day = ?, due_at = ?,"
    " reps = ?, lapses = ?, last_review = ?"
)
_WRITE_STATE = _SET_STATE + " WHERE id = ?"
# IS rather than =: due_day, due_at and last_review may be NULL on both sides.
_REPLACE_STATE = (
    _SET_STATE + " WHERE id = ?"
    " AND (phase, step, interval_days, due_day, due_at, reps, lapses, last_review)"
    " IS (?, ?, ?, ?, ?, ?, ?, ?)"
)


def _state(row: Sequence[Any]) -> CardState:
    phase, step, interval_days, due_day, due_at, reps, lapses, last_review = row
    return CardState(
        Phase(phase),
        step,
        interval_days,
        from_stored_day(due_day),
        from_millis(due_at),
        reps,
        lapses,
        from_millis(last_review),
    )


def _stored(state: CardState) -> tuple[Any, ...]:
    """`state` as its columns hold it, in the order of `_SET_STATE`."""
    return (
        int(state.phase),
        state.step,
        state.interval_days,
        to_day_number(state.due_day),
        to_millis(state.due_at),
        state.reps,
        state.lapses,
        to_millis(state.last_review),
    )


def get_card(db: Session | Connection | sqlite3.Connection, card_id: int) -> CardRecord | None:
    row = driver(db).execute(_GET_CARD, (card_id,)).fetchone()
    if row is None:
        return None
    return CardRecord(*row[:10], bool(row[10]), row[11], _state(row[12:]))  # type: ignore[call-arg]


def get_state(db: Session | Connection | sqlite3.Connection, card_id: int) -> CardState | None:
    row = driver(db).execute(_GET_STATE, (card_id,)).fetchone()
    return None if row is None else _state(row)


def write_state(
    db: Session | Connection | sqlite3.Connection, card_id: int, state: CardState
) -> None:
    driver(db).execute(_WRITE_STATE, (*_stored(state), card_id))


def replace_state(
    db: Session | Connection | sqlite3.Connection,
    card_id: int,
    expected: CardState,
    state: CardState,
) -> bool:
    """Write `state` if the card's state is still `expected`: one statement for a read, a
    comparison and a write. False (nothing written) when it is not, or the card is gone."""
    cursor = driver(db).execute(_REPLACE_STATE, (*_stored(state), card_id, *_stored(expected)))
    return cursor.rowcount == 1


def set_suspended(session: Session, card_ids: Iterable[int], suspended: bool) -> int:
    result = session.execute(
        update(Card)
        .where(Card.id.in_(list(card_ids)))
        .values(suspended=suspended)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def earliest_due_day(session: Session, deck_ids: list[int] | None) -> date | None:
    """The next day any review card is due (for "nothing due, next at …")."""
    query = select(Card.due_day).where(Card.phase == Phase.REVIEW, Card.suspended.is_(False))
    if deck_ids is not None:
        query = query.where(Card.deck_id.in_(deck_ids))
    return session.execute(query.order_by(Card.due_day).limit(1)).scalar()
