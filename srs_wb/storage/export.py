"""Reading a whole deck back out, in deck order, for export."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, select
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


def deck_question_rows(
    session: Session, deck_id: int
) -> tuple[int, list[tuple[str, str, str, str]]]:
    """(every card of the deck, its question cards' (front, back, tags, key) in deck order):
    what a spreadsheet export writes, read as plain tuples."""
    total = session.execute(
        select(func.count()).select_from(Card).where(Card.deck_id == deck_id)
    ).scalar_one()
    query = (
        select(Card.front, Card.back, Card.tags, Card.key)
        .where(Card.deck_id == deck_id, Card.kind == "recall")
        .order_by(Card.position, Card.id)
    )
    rows = [
        (front, back, " ".join(tags.split()), key)
        for front, back, tags, key in session.execute(query)
    ]
    return int(total), rows
