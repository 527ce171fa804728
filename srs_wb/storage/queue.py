"""The queries behind today's queue and the deck counts, each served by a covering index."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from srs_wb.scheduling.ladder import Phase
from srs_wb.storage.models import Card, Deck, Review


def _in_decks(query, deck_ids: Sequence[int] | None):  # type: ignore[no-untyped-def]
    return query if deck_ids is None else query.where(Card.deck_id.in_(list(deck_ids)))


def _unlocked(elapsed_days: int | None):  # type: ignore[no-untyped-def]
    """New cards whose review-plan delay has passed; `elapsed_days` since the deck was
    started, None when it has not been started (then only cards without a delay)."""
    if elapsed_days is None:
        return Card.unlock_after_days.is_(None)
    return or_(Card.unlock_after_days.is_(None), Card.unlock_after_days <= elapsed_days)


def learning_cards(
    session: Session, deck_ids: Sequence[int] | None
) -> list[tuple[int, datetime | None]]:
    """(card id, when to ask again) of every card being learned, soonest first."""
    query = select(Card.id, Card.due_at).where(
        Card.phase == Phase.LEARNING, Card.suspended.is_(False)
    )
    rows = session.execute(_in_decks(query, deck_ids).order_by(Card.due_at)).all()
    return [(row[0], row[1]) for row in rows]


def due_reviews(session: Session, deck_id: int, today: date, limit: int) -> list[tuple[int, date]]:
    """(card id, due day) of one deck's reviews due by today, most overdue first."""
    query = (
        select(Card.id, Card.due_day)
        .where(
            Card.phase == Phase.REVIEW,
            Card.due_day <= today,
            Card.deck_id == deck_id,
            Card.suspended.is_(False),
        )
        .order_by(Card.due_day, Card.id)
        .limit(limit)
    )
    return [(row[0], row[1] or today) for row in session.execute(query)]


def ahead_reviews(
    session: Session, deck_ids: Sequence[int] | None, today: date, limit: int
) -> list[int]:
    """Reviews not yet due, soonest first: for studying ahead when nothing is due."""
    query = select(Card.id).where(
        Card.phase == Phase.REVIEW, Card.due_day > today, Card.suspended.is_(False)
    )
    query = _in_decks(query, deck_ids).order_by(Card.due_day, Card.id).limit(limit)
    return list(session.execute(query).scalars())


def new_cards(session: Session, deck_id: int, elapsed_days: int | None, limit: int) -> list[int]:
    """One deck's unlocked new cards in deck order."""
    if limit <= 0:
        return []
    query = (
        select(Card.id)
        .where(
            Card.deck_id == deck_id,
            Card.phase == Phase.NEW,
            Card.suspended.is_(False),
            _unlocked(elapsed_days),
        )
        .order_by(Card.position, Card.id)
        .limit(limit)
    )
    return list(session.execute(query).scalars())


@dataclass(frozen=True)
class RawCounts:
    new: int = 0
    learning: int = 0
    due: int = 0
    total: int = 0
    suspended: int = 0


def deck_counts(
    session: Session, today: date, elapsed: dict[int, int | None]
) -> dict[int, RawCounts]:
    """Per deck: unlocked new cards, learning cards, reviews due, total, suspended.

    `elapsed` gives, per deck, the days since it was started (None: not started). Each
    query is a range of `ix_cards_due`; the total is the deck's kept `card_count`.
    """
    active = Card.suspended.is_(False)
    learning = _per_deck(
        session, select(Card.deck_id, func.count()).where(active, Card.phase == Phase.LEARNING)
    )
    suspended = _per_deck(
        session, select(Card.deck_id, func.count()).where(Card.suspended.is_(True))
    )
    due = due_counts(session, today)
    new: dict[int, int] = {}
    for deck_id, unlock, count in session.execute(
        select(Card.deck_id, Card.unlock_after_days, func.count())
        .where(active, Card.phase == Phase.NEW)
        .group_by(Card.deck_id, Card.unlock_after_days)
    ):
        since = elapsed.get(deck_id)
        if unlock is None or (since is not None and unlock <= since):
            new[deck_id] = new.get(deck_id, 0) + count
    totals = dict(session.execute(select(Deck.id, Deck.card_count)).all())
    return {
        deck_id: RawCounts(
            new=new.get(deck_id, 0),
            learning=learning.get(deck_id, 0),
            due=due.get(deck_id, 0),
            total=total,
            suspended=suspended.get(deck_id, 0),
        )
        for deck_id, total in totals.items()
    }


def due_counts(session: Session, day: date) -> dict[int, int]:
    """Per deck: active review cards due on or before `day`."""
    return _per_deck(
        session,
        select(Card.deck_id, func.count()).where(
            Card.suspended.is_(False), Card.phase == Phase.REVIEW, Card.due_day <= day
        ),
    )


def _per_deck(session: Session, query) -> dict[int, int]:  # type: ignore[no-untyped-def]
    return dict(session.execute(query.group_by(Card.deck_id)).all())


def answered_today(session: Session, today: date) -> dict[int, tuple[int, int]]:
    """Per deck: (new cards introduced, reviews answered) on the study day `today`.

    Counts distinct cards, so a card answered Again several times counts once.
    """
    rows = session.execute(
        select(
            Card.deck_id,
            func.count(func.distinct(Review.card_id)).filter(Review.phase_before == Phase.NEW),
            func.count(func.distinct(Review.card_id)).filter(Review.phase_before == Phase.REVIEW),
        )
        .join(Card, Card.id == Review.card_id)
        .where(Review.day == today)
        .group_by(Card.deck_id)
    ).all()
    return {row[0]: (row[1], row[2]) for row in rows}
