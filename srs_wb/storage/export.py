"""Reading a whole deck back out, in deck order, for export."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any, cast

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


Cells = Sequence[str]

# Run on the driver's cursor, so that the rows come as plain tuples rather than wrapped
# one by one in SQLAlchemy's rows. The deck's cards are looked up through the list of
# their ids because SQLite walks that list in id order and so reads the table front to
# back once; through the deck's index alone it reads the rows in index order, all over
# the table, which made SQLite's part of a 20,000-card export about a third longer.
_QUESTION_CARDS = (
    "SELECT front, back, tags, key FROM cards"
    " WHERE id IN (SELECT id FROM cards WHERE deck_id = ?) AND kind = 'recall'"
    " ORDER BY position, id"
)
_DECK_SIZE = "SELECT count(*) FROM cards WHERE deck_id = ?"


def deck_question_columns(
    session: Session, deck_id: int
) -> tuple[int, tuple[Cells, Cells, Cells, Cells]]:
    """(every card of the deck, its question cards' fronts, backs, tags and keys in deck
    order): what a spreadsheet export writes, column by column."""
    # The session's own connection, so both reads see its transaction's one snapshot.
    driver = cast(sqlite3.Connection, session.connection().connection.driver_connection)
    (total,) = driver.execute(_DECK_SIZE, (deck_id,)).fetchone()
    rows = driver.execute(_QUESTION_CARDS, (deck_id,)).fetchall()
    if not rows:
        return int(total), ((), (), (), ())
    fronts, backs, tags, keys = zip(*rows, strict=True)
    # Tags as the deck's cards hold them: whitespace-separated words, one space apart.
    return int(total), (fronts, backs, tuple(map(" ".join, map(str.split, tags))), keys)
