"""The progress service: streaks, answers per day, cards per rung, explanations and practice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from srs_wb.errors import NotFoundError, UndoUnavailable
from srs_wb.formats.spec import CardKind, CardSpec, DeckSpec
from srs_wb.scheduling import Phase, Rating
from srs_wb.services import progress
from srs_wb.services.study import StudySession
from srs_wb.storage.models import Review
from tests.conftest import recall_deck


def study_one_day(collection, rating: Rating = Rating.GOOD) -> int:
    session = StudySession(collection)
    answered = 0
    while session.next_card() is not None:
        session.answer(rating)
        answered += 1
    return answered


def exercise_deck(key: str = "ex", n: int = 3) -> DeckSpec:
    cards = tuple(
        CardSpec(key=f"e{i}", kind=CardKind.EXERCISE, exercise="neuron_output") for i in range(n)
    )
    return DeckSpec(key=key, name="Exercises", cards=cards)


def test_streak_grows_by_day_survives_until_the_day_ends_and_breaks_on_a_gap(
    open_collection, clock
) -> None:
    collection = open_collection(recall_deck(n=30))
    collection.set_setting("new_per_day", 2)
    assert progress.current_streak(collection) == 0
    for expected in (1, 2, 3):
        study_one_day(collection)
        assert progress.current_streak(collection) == expected
        clock.advance(days=1)
    # A new day, not studied yet: yesterday's streak still stands.
    assert progress.current_streak(collection) == 3
    clock.advance(days=1)  # a whole day without study
    assert progress.current_streak(collection) == 0
    study_one_day(collection)
    assert progress.current_streak(collection) == 1


def test_explain_a_new_card_and_where_each_grade_sends_it(open_collection, clock) -> None:
    collection = open_collection(recall_deck(n=2))
    session = StudySession(collection)
    card = session.next_card()
    why = progress.explain(collection, card)
    assert why.reason == "new" and why.last_day is None
    labels = {o.rating: o.label for o in why.outcomes}
    assert labels == {
        Rating.AGAIN: "<10m",
        Rating.HARD: "<10m",
        Rating.GOOD: "1d",
        Rating.EASY: "3d",
    }
    today = collection.today()
    due = {o.rating: o.due_day for o in why.outcomes}
    assert due[Rating.AGAIN] is None and due[Rating.GOOD] == today + timedelta(days=1)


def test_explain_an_overdue_review(open_collection, clock) -> None:
    collection = open_collection(recall_deck(n=1))
    study_one_day(collection)
    clock.advance(days=3)
    session = StudySession(collection)
    card = session.next_card()
    assert card is not None and card.phase is Phase.REVIEW
    why = progress.explain(collection, card)
    assert why.reason == "overdue"
    assert why.overdue_days == 2  # due after 1 day, shown 3 days later
    assert why.last_rating is Rating.GOOD
    assert why.due_day == collection.today() - timedelta(days=2)


def test_practice_generates_exercises_and_writes_nothing(open_collection, db_path) -> None:
    collection = open_collection(recall_deck(n=2), exercise_deck(n=3))
    practice = progress.PracticeSession(collection, size=5)
    assert practice.remaining() == 3  # only the exercise cards
    first = practice.next_card()
    assert first is not None and first.exercise is not None
    wrong = practice.check("12345")
    assert not wrong.correct
    practice.answer(Rating.AGAIN, typed="12345", grade=wrong)
    assert practice.remaining() == 3  # the failed one comes back at the end of the round
    seen = []
    while (card := practice.next_card()) is not None:
        seen.append(card)
        practice.answer(
            Rating.GOOD,
            typed=card.exercise.answer_text,
            grade=practice.check(card.exercise.answer_text),
        )
    assert len(seen) == 3
    again = next(c for c in seen if c.id == first.id)
    assert again.exercise.seed != first.exercise.seed  # new numbers
    assert practice.stats.answered == 4 and practice.stats.correct == 3
    assert practice.stats.exercises_by_kind == {"neuron_output": [3, 4]}
    with collection.reading() as s:
        assert s.execute(select(func.count()).select_from(Review)).scalar_one() == 0
    with pytest.raises(UndoUnavailable):
        practice.undo()


def test_practice_of_an_unknown_deck(open_collection) -> None:
    collection = open_collection(exercise_deck())
    with pytest.raises(NotFoundError):
        progress.PracticeSession(collection, ["nope"])
    assert progress.PracticeSession(collection, ["ex"]).remaining() == 3
