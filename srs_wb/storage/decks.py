"""Deck queries: listing, finding, creating and updating decks."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import cast

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from srs_wb.storage.database import driver
from srs_wb.storage.models import Card, Deck
from srs_wb.storage.types import to_day_number

# Decks are read and written as plain table rows (SQLAlchemy Core): an import or a stats
# query in a fresh process then skips setting up the ORM's compilation and unit of work,
# which cost more than the rest of a small import.
_DECKS = cast(Table, Deck.__table__)
_CARDS = cast(Table, Card.__table__)


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


_COLUMNS = tuple(_DECKS.c[field.name] for field in fields(DeckRecord))


def list_decks(session: Session) -> list[DeckRecord]:
    rows = session.execute(select(*_COLUMNS).order_by(_DECKS.c.name, _DECKS.c.id)).all()
    return [DeckRecord(*row) for row in rows]


def find_deck(session: Session, key_or_name: str) -> DeckRecord | None:
    """A deck by its stable id, else by its exact name, else by case-insensitive name."""
    for condition in (_DECKS.c.key == key_or_name, _DECKS.c.name == key_or_name):
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
    count = select(func.count()).select_from(_CARDS).where(_CARDS.c.deck_id == deck_id)
    session.execute(
        update(_DECKS).where(_DECKS.c.id == deck_id).values(card_count=count.scalar_subquery())
    )


# A deck's first answer starts it (its review-plan cards unlock from that day): the start
# is written in the answer's own transaction on the driver connection, and taken back by
# undo in its own.
_START_DECK = "UPDATE decks SET started_day = ? WHERE id = ? AND started_day IS NULL"
_UNSTART_DECK = "UPDATE decks SET started_day = NULL WHERE id = ?"


def start_deck(db: Session | Connection | sqlite3.Connection, deck_id: int, day: date) -> bool:
    """Record the deck's first study day; False if it was already started."""
    cursor = driver(db).execute(_START_DECK, (to_day_number(day), deck_id))
    return cursor.rowcount == 1


def unstart_deck(db: Session | Connection | sqlite3.Connection, deck_id: int) -> None:
    driver(db).execute(_UNSTART_DECK, (deck_id,))


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
    existing = session.execute(select(_DECKS.c.id).where(_DECKS.c.key == key)).scalar_one_or_none()
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
        result = session.execute(
            insert(_DECKS).values(key=key, origin=origin, created_at=now, **values)
        )
        return result.inserted_primary_key[0], True  # type: ignore[attr-defined]
    session.execute(update(_DECKS).where(_DECKS.c.id == existing).values(**values))
    return existing, False
