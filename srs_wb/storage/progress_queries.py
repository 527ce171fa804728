"""The queries behind the learner's progress: the study days of the streak, a card's last
answer, the exercise cards to practise."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from srs_wb.scheduling.ladder import Phase, Rating
from srs_wb.storage.models import Card, Deck, Review


def study_days_back(session: Session, until: date) -> Iterator[date]:
    """The days with at least one answer, from `until` backwards, without repeats.

    A walk down `ix_reviews_day`: the caller stops reading at the first gap, so the
    current streak costs as many index steps as it has days, not a scan of the log.
    """
    query = (
        select(Review.day)
        .where(Review.day <= until)
        .group_by(Review.day)
        .order_by(Review.day.desc())
    )
    yield from session.execute(query).scalars()


@dataclass(frozen=True)
class LastAnswer:
    reviewed_at: datetime
    day: date
    rating: Rating
    interval_days: int
    due_after: date | None


def last_answer(session: Session, card_id: int) -> LastAnswer | None:
    """The card's latest answer in the log, if it has one."""
    query = (
        select(
            Review.reviewed_at, Review.day, Review.rating, Review.interval_days, Review.due_after
        )
        .where(Review.card_id == card_id)
        .order_by(Review.id.desc())
        .limit(1)
    )
    row = session.execute(query).first()
    return None if row is None else LastAnswer(*row)


@dataclass(frozen=True)
class ExerciseCardRow:
    id: int
    deck_id: int
    deck_key: str
    deck_name: str
    key: str
    exercise: str
    params: str | None
    difficulty: int
    phase: Phase
    step: int
    interval_days: int
    reps: int
    lapses: int


def exercise_cards(session: Session, deck_ids: Sequence[int] | None) -> list[ExerciseCardRow]:
    """The active exercise cards of some decks (all when None), in deck order."""
    query = (
        select(
            Card.id,
            Card.deck_id,
            Deck.key,
            Deck.name,
            Card.key,
            Card.exercise,
            Card.params,
            Card.difficulty,
            Card.phase,
            Card.step,
            Card.interval_days,
            Card.reps,
            Card.lapses,
        )
        .join(Deck, Deck.id == Card.deck_id)
        .where(Card.kind == "exercise", Card.exercise.is_not(None), Card.suspended.is_(False))
        .order_by(Card.deck_id, Card.position, Card.id)
    )
    if deck_ids is not None:
        query = query.where(Card.deck_id.in_(list(deck_ids)))
    return [ExerciseCardRow(*row) for row in session.execute(query)]
