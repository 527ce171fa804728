"""Card queries: reading and writing a card's scheduling state, suspending, fetching content."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from srs_wb.scheduling.ladder import CardState, Phase
from srs_wb.storage.database import core
from srs_wb.storage.models import Card

STATE_COLUMNS = (
    Card.phase,
    Card.step,
    Card.interval_days,
    Card.due_day,
    Card.due_at,
    Card.reps,
    Card.lapses,
    Card.last_review,
)


@dataclass(frozen=True)
class CardRecord:
    """A card as the service layer sees it: content, state and where it belongs."""

    id: int
    deck_id: int
    key: str
    kind: str
    front: str
    back: str
    exercise: str | None
    params: str | None
    difficulty: int
    tags: str
    suspended: bool
    unlock_after_days: int | None
    state: CardState


_RECORD_COLUMNS = (
    Card.id,
    Card.deck_id,
    Card.key,
    Card.kind,
    Card.front,
    Card.back,
    Card.exercise,
    Card.params,
    Card.difficulty,
    Card.tags,
    Card.suspended,
    Card.unlock_after_days,
    *STATE_COLUMNS,
)


def _record(row: tuple[Any, ...]) -> CardRecord:
    head, state = row[:12], row[12:]
    return CardRecord(*head, state=CardState(*state))  # type: ignore[misc]


# The answer loop runs these statements hundreds of times a session: they are built once
# and executed on the session's connection, skipping the ORM's per-call statement work.
_cards = Card.__table__
_GET_CARD = select(*_RECORD_COLUMNS).where(Card.id == bindparam("card_id"))
_GET_STATE = select(*STATE_COLUMNS).where(Card.id == bindparam("card_id"))
_WRITE_STATE = (
    update(_cards)  # type: ignore[arg-type]
    .where(_cards.c.id == bindparam("card_id"))
    .values(
        {column.key: bindparam(f"new_{column.key}", type_=column.type) for column in STATE_COLUMNS}
    )
)


def get_card(session: Session | Connection, card_id: int) -> CardRecord | None:
    row = core(session).execute(_GET_CARD, {"card_id": card_id}).first()
    return None if row is None else _record(tuple(row))


def get_state(session: Session | Connection, card_id: int) -> CardState | None:
    row = core(session).execute(_GET_STATE, {"card_id": card_id}).first()
    return None if row is None else CardState(*row)


def write_state(session: Session | Connection, card_id: int, state: CardState) -> None:
    values = {f"new_{column.key}": getattr(state, column.key) for column in STATE_COLUMNS}
    core(session).execute(_WRITE_STATE, {"card_id": card_id, **values})


def set_suspended(session: Session, card_ids: Iterable[int], suspended: bool) -> int:
    result = session.execute(
        update(Card)
        .where(Card.id.in_(list(card_ids)))
        .values(suspended=suspended)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def earliest_due_day(session: Session, deck_ids: list[int] | None) -> date | None:
    """The next day any review card is due (for "nothing due, next at …")."""
    query = select(Card.due_day).where(Card.phase == Phase.REVIEW, Card.suspended.is_(False))
    if deck_ids is not None:
        query = query.where(Card.deck_id.in_(deck_ids))
    return session.execute(query.order_by(Card.due_day).limit(1)).scalar()
