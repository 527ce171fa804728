"""Grading a typed answer: correct, incorrect (naming a known mistake), or unreadable."""

from __future__ import annotations

from srs_wb.engine.draft import SLACK_FACTOR as _SLACK_FACTOR
from srs_wb.engine.draft import distance, tidy_number, within
from srs_wb.engine.reader import read_by_rules, read_usual
from srs_wb.engine.types import AnswerType, Exercise, Grade, GradeStatus, Mistake, assemble

# Plain strings, so that the engine does not depend on the scheduler's rating type.
GOOD = "good"
AGAIN = "again"

# Enum members fetched once: on Python 3.11 `AnswerType.YES_NO` goes through the enum
# metaclass's `__getattr__` hook, as slow as a function call, and grading is on the hot path.
_YES_NO = AnswerType.YES_NO
_CORRECT = GradeStatus.CORRECT
_INCORRECT = GradeStatus.INCORRECT


def grade(exercise: Exercise, typed: str) -> Grade:
    """The verdict on `typed`; never raises, whatever the text."""
    answer = exercise.answer
    answer_type = exercise.answer_type
    size = len(answer) if type(answer) is tuple else 1  # `exercise.size`
    # The usual answer is read without a Reading; any other goes through the full rules.
    value = read_usual(typed, answer_type, size)
    if value is None:
        reading = read_by_rules(typed, answer_type, size)
        value = reading.value
        if value is None:
            return Grade(
                status=GradeStatus.INVALID,
                value=None,
                expected=answer,
                error=None,
                tolerance=exercise.tolerance,
                message=reading.problem,
            )
    if answer_type is _YES_NO:
        error = None
        correct = value == answer
    else:
        # `distance` and `within`, the number case inlined: grading is on the hot path.
        if type(value) is float and type(answer) is float:
            error = tidy_number(abs(value - answer))
        else:
            error = tidy_number(distance(value, answer))
        correct = error <= exercise.tolerance * _SLACK_FACTOR + 1e-12  # `within`
    mistake = None if correct else _closest_mistake(exercise, value)
    # Assembled directly rather than through `Grade(...)`: grading is on the hot path.
    return assemble(
        Grade,
        {
            "status": _CORRECT if correct else _INCORRECT,
            "value": value,
            "expected": answer,
            "error": error,
            "tolerance": exercise.tolerance,
            "mistake": None if mistake is None else str(mistake.code),
            "mistake_text": None if mistake is None else dict(mistake.text),
            "message": None,
            "suggested": GOOD if correct else AGAIN,
        },
    )


def _closest_mistake(exercise: Exercise, value: object) -> Mistake | None:
    best: Mistake | None = None
    best_error = float("inf")
    yes_no = exercise.answer_type is _YES_NO
    for mistake in exercise.mistakes:
        if yes_no:
            if mistake.value == value:
                return mistake
            continue
        error = distance(value, mistake.value)  # type: ignore[arg-type]
        if within(error, exercise.tolerance) and error < best_error:
            best, best_error = mistake, error
    return best
