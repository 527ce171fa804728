"""The review log: one row per answer, written and (for undo) removed."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from srs_wb.scheduling.ladder import CardState, Rating
from srs_wb.storage.database import driver
from srs_wb.storage.types import to_day_number, to_millis


@dataclass(frozen=True)
class ExerciseLog:
    """What an exercise answer adds to its log row."""

    seed: int
    typed: str
    expected: str
    correct: bool
    error: float | None = None
    mistake: str | None = None


# Written once per answer, on the driver connection (see database.driver), with values
# converted by the column types' own functions: exactly the row the ORM would write.

_INSERT = (
    "INSERT INTO reviews (card_id, reviewed_at, day, rating, phase_before, step_before,"
    " step_after, due_before, due_after, interval_days, duration_ms,"
    " seed, typed, expected, correct, error, mistake)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_NO_EXERCISE = (None, None, None, None, None, None)
_DELETE = "DELETE FROM reviews WHERE id = ?"


def log_answer(
    db: Session | Connection | sqlite3.Connection,
    *,
    card_id: int,
    at: datetime,
    day: date,
    rating: Rating,
    before: CardState,
    after: CardState,
    interval_days: int,
    duration_ms: int,
    exercise: ExerciseLog | None = None,
) -> int:
    """Add the answer's row to the log; its id."""
    verdict = (
        _NO_EXERCISE
        if exercise is None
        else (
            exercise.seed,
            exercise.typed,
            exercise.expected,
            exercise.correct,
            exercise.error,
            exercise.mistake,
        )
    )
    cursor = driver(db).execute(
        _INSERT,
        (
            card_id,
            to_millis(at),
            to_day_number(day),
            int(rating),
            int(before.phase),
            before.step,
            after.step,
            to_day_number(before.due_day),
            to_day_number(after.due_day),
            interval_days,
            max(0, min(duration_ms, 24 * 3600 * 1000)),
            *verdict,
        ),
    )
    return int(cursor.lastrowid)  # type: ignore[arg-type]


def remove_review(db: Session | Connection | sqlite3.Connection, review_id: int) -> bool:
    return driver(db).execute(_DELETE, (review_id,)).rowcount == 1
