"""Deck queries: listing, finding, creating and updating decks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from srs_wb.storage.models import Card, Deck


@dataclass(frozen=True)
class DeckRecord:
    id: int
    key: str
    name: str
    language: str
    description: str
    origin: str
    ladder_steps: str | None
    after_last: str | None
    new_per_day: int | None
    reviews_per_day: int | None
    started_day: date | None


_COLUMNS = (
    Deck.id,
    Deck.key,
    Deck.name,
    Deck.language,
    Deck.description,
    Deck.origin,
    Deck.ladder_steps,
    Deck.after_last,
    Deck.new_per_day,
    Deck.reviews_per_day,
    Deck.started_day,
)


def list_decks(session: Session) -> list[DeckRecord]:
    rows = session.execute(select(*_COLUMNS).order_by(Deck.name, Deck.id)).all()
    return [DeckRecord(*row) for row in rows]


def find_deck(session: Session, key_or_name: str) -> DeckRecord | None:
    """A deck by its stable id, else by its exact name, else by case-insensitive name."""
    for condition in (Deck.key == key_or_name, Deck.name == key_or_name):
        row = session.execute(select(*_COLUMNS).where(condition)).first()
        if row is not None:
            return DeckRecord(*row)
    folded = key_or_name.casefold()
    for deck in list_decks(session):
        if deck.name.casefold() == folded:
            return deck
    return None


def recount(session: Session, deck_id: int) -> None:
    """Refresh the deck's kept card count (after an import changed its cards)."""
    count = select(func.count()).select_from(Card).where(Card.deck_id == deck_id)
    session.execute(
        update(Deck)
        .where(Deck.id == deck_id)
        .values(card_count=count.scalar_subquery())
        .execution_options(synchronize_session=False)
    )


def mark_started(session: Session | Connection, deck_id: int, day: date) -> bool:
    """Record the deck's first study day; False if it was already started."""
    result = session.execute(
        update(Deck.__table__)  # type: ignore[arg-type]
        .where(Deck.__table__.c.id == deck_id, Deck.__table__.c.started_day.is_(None))
        .values(started_day=day)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def clear_started(session: Session, deck_id: int) -> None:
    session.execute(
        update(Deck)
        .where(Deck.id == deck_id)
        .values(started_day=None)
        .execution_options(synchronize_session=False)
    )


def upsert_deck(
    session: Session,
    *,
    key: str,
    name: str,
    language: str,
    description: str,
    origin: str,
    ladder_steps: str | None,
    after_last: str | None,
    new_per_day: int | None,
    reviews_per_day: int | None,
    now: datetime,
) -> tuple[int, bool]:
    """(deck id, created?) for the deck with this key, creating or updating it."""
    existing = session.execute(select(Deck).where(Deck.key == key)).scalar_one_or_none()
    values = {
        "name": name,
        "language": language,
        "description": description,
        "ladder_steps": ladder_steps,
        "after_last": after_last,
        "new_per_day": new_per_day,
        "reviews_per_day": reviews_per_day,
    }
    if existing is None:
        deck = Deck(key=key, origin=origin, created_at=now, **values)
        session.add(deck)
        session.flush()
        return deck.id, True
    for field, value in values.items():
        setattr(existing, field, value)
    session.flush()
    return existing.id, False
