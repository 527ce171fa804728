"""Reading a whole deck back out, in deck order, for export."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from srs_wb.storage.models import Card


def deck_cards(session: Session, deck_id: int) -> Iterator[dict[str, Any]]:
    columns = (
        Card.key,
        Card.kind,
        Card.front,
        Card.back,
        Card.exercise,
        Card.params,
        Card.difficulty,
        Card.tags,
        Card.unlock_after_days,
        Card.suspended,
    )
    query = select(*columns).where(Card.deck_id == deck_id).order_by(Card.position, Card.id)
    for row in session.execute(query):
        yield dict(row._mapping)
