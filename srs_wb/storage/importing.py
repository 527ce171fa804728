"""Bulk writes of imported cards: Core statements, one executemany per kind of change."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from srs_wb.storage.models import Card

CONTENT_FIELDS = (
    "kind",
    "front",
    "back",
    "exercise",
    "params",
    "difficulty",
    "tags",
    "unlock_after_days",
)


def existing_cards(session: Session, deck_id: int) -> dict[str, dict[str, Any]]:
    """The deck's cards by key, with their content fields, id and position."""
    columns = [Card.key, Card.id, Card.position, *(getattr(Card, f) for f in CONTENT_FIELDS)]
    rows = session.execute(select(*columns).where(Card.deck_id == deck_id))
    names = ["key", "id", "position", *CONTENT_FIELDS]
    return {row[0]: dict(zip(names, row, strict=True)) for row in rows}


def insert_cards(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(Card), list(rows))


def update_cards(session: Session, rows: Sequence[dict[str, Any]], now: datetime) -> None:
    """Update content (never scheduling state) of cards given with their `card_id`."""
    if not rows:
        return
    values = {name: bindparam(name) for name in (*CONTENT_FIELDS, "position")}
    statement = (
        update(Card.__table__)  # type: ignore[arg-type]
        .where(Card.__table__.c.id == bindparam("card_id"))
        .values(**values, updated_at=now)
    )
    session.connection().execute(statement, list(rows))
