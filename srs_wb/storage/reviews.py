"""The review log: one row per answer, written and (for undo) removed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, insert
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from srs_wb.scheduling.ladder import CardState, Rating
from srs_wb.storage.database import core
from srs_wb.storage.models import Review


@dataclass(frozen=True)
class ExerciseLog:
    """What an exercise answer adds to its log row."""

    seed: int
    typed: str
    expected: str
    correct: bool
    error: float | None = None
    mistake: str | None = None


_INSERT = insert(Review.__table__)  # type: ignore[arg-type]
_EXERCISE_DEFAULTS = dict.fromkeys(("seed", "typed", "expected", "correct", "error", "mistake"))


def log_answer(
    session: Session | Connection,
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
    values = {
        "card_id": card_id,
        "reviewed_at": at,
        "day": day,
        "rating": rating,
        "phase_before": before.phase,
        "step_before": before.step,
        "step_after": after.step,
        "due_before": before.due_day,
        "due_after": after.due_day,
        "interval_days": interval_days,
        "duration_ms": max(0, min(duration_ms, 24 * 3600 * 1000)),
        **_EXERCISE_DEFAULTS,
    }
    if exercise is not None:
        values.update(
            seed=exercise.seed,
            typed=exercise.typed,
            expected=exercise.expected,
            correct=exercise.correct,
            error=exercise.error,
            mistake=exercise.mistake,
        )
    result = core(session).execute(_INSERT, values)
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def remove_review(session: Session, review_id: int) -> bool:
    result = session.execute(delete(Review).where(Review.id == review_id))
    return bool(result.rowcount)  # type: ignore[attr-defined]
