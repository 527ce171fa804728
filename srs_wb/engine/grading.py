"""Grading a typed answer: correct, incorrect (naming a known mistake), or unreadable."""

from __future__ import annotations

from srs_wb.engine.draft import distance, within
from srs_wb.engine.reader import read
from srs_wb.engine.types import AnswerType, Exercise, Grade, GradeStatus, Mistake, assemble

# Plain strings, so that the engine does not depend on the scheduler's rating type.
GOOD = "good"
AGAIN = "again"


def grade(exercise: Exercise, typed: str) -> Grade:
    """The verdict on `typed`; never raises, whatever the text."""
    reading = read(typed, exercise.answer_type, exercise.size)
    value = reading.value
    if value is None:
        return Grade(
            status=GradeStatus.INVALID,
            value=None,
            expected=exercise.answer,
            error=None,
            tolerance=exercise.tolerance,
            message=reading.problem,
        )
    if exercise.answer_type is AnswerType.YES_NO:
        error = None
        correct = value == exercise.answer
    else:
        error = round(distance(value, exercise.answer), 12) + 0.0  # no float noise in reports
        correct = within(error, exercise.tolerance)
    if correct:
        return _verdict(GradeStatus.CORRECT, value, exercise, error, None, GOOD)
    mistake = _closest_mistake(exercise, value)
    return _verdict(GradeStatus.INCORRECT, value, exercise, error, mistake, AGAIN)


def _verdict(
    status: GradeStatus,
    value: object,
    exercise: Exercise,
    error: float | None,
    mistake: Mistake | None,
    suggested: str,
) -> Grade:
    """The Grade of a readable answer (assembled directly: grading is on the hot path)."""
    return assemble(
        Grade,
        {
            "status": status,
            "value": value,
            "expected": exercise.answer,
            "error": error,
            "tolerance": exercise.tolerance,
            "mistake": None if mistake is None else str(mistake.code),
            "mistake_text": None if mistake is None else dict(mistake.text),
            "message": None,
            "suggested": suggested,
        },
    )


def _closest_mistake(exercise: Exercise, value: object) -> Mistake | None:
    best: Mistake | None = None
    best_error = float("inf")
    for mistake in exercise.mistakes:
        if exercise.answer_type is AnswerType.YES_NO:
            if mistake.value == value:
                return mistake
            continue
        error = distance(value, mistake.value)  # type: ignore[arg-type]
        if within(error, exercise.tolerance) and error < best_error:
            best, best_error = mistake, error
    return best
