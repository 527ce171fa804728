"""The answer loop's statements on the driver connection: the same rows the ORM reads and
writes, a compare-and-set state write, and a reserved connection that behaves like a pooled one."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError

from srs_wb.scheduling import Phase, Rating
from srs_wb.scheduling.ladder import CardState
from srs_wb.services.collection import Collection
from srs_wb.storage import cards as card_store
from srs_wb.storage import decks as deck_store
from srs_wb.storage import reviews as review_store
from srs_wb.storage.database import driver_connection
from srs_wb.storage.models import Card, Deck, Review, ReviewTally
from tests.conftest import recall_deck

LEARNING = CardState(
    phase=Phase.LEARNING,
    step=0,
    interval_days=0,
    due_day=date(2026, 3, 2),
    due_at=datetime(2026, 3, 2, 9, 1, 0, 123000, tzinfo=UTC),
    reps=1,
    lapses=1,
    last_review=datetime(2026, 3, 2, 9, 0, 0, 123000, tzinfo=UTC),
)
REVIEW = CardState(
    phase=Phase.REVIEW,
    step=2,
    interval_days=3,
    due_day=date(2026, 3, 5),
    reps=2,
    last_review=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
)


def card_id(collection: Collection, key: str = "c0") -> int:
    with collection.reading() as s:
        return s.execute(select(Card.id).where(Card.key == key)).scalar_one()


def orm_state(collection: Collection, key: str = "c0") -> CardState:
    with collection.reading() as s:
        row = s.execute(select(Card).where(Card.key == key)).scalar_one()
    return CardState(
        row.phase,
        row.step,
        row.interval_days,
        row.due_day,
        row.due_at,
        row.reps,
        row.lapses,
        row.last_review,
    )


def test_a_state_written_on_the_driver_reads_back_the_same_through_the_orm(
    open_collection,
) -> None:
    collection = open_collection(recall_deck(n=1))
    with driver_connection(collection.engine, write=True) as db:
        card_store.write_state(db, card_id(collection), LEARNING)
    assert orm_state(collection) == LEARNING
    with driver_connection(collection.engine) as db:
        record = card_store.get_card(db, card_id(collection))
        assert card_store.get_state(db, card_id(collection)) == LEARNING
    assert record is not None
    assert (record.key, record.kind, record.front, record.suspended) == (
        "c0",
        "recall",
        "question 0",
        False,
    )
    assert record.state == LEARNING
    assert isinstance(record.state.phase, Phase)


def test_a_missing_card_reads_as_none(open_collection) -> None:
    collection = open_collection(recall_deck(n=1))
    with driver_connection(collection.engine) as db:
        assert card_store.get_card(db, 999) is None
        assert card_store.get_state(db, 999) is None


def test_replace_state_writes_only_over_the_state_it_expects(open_collection) -> None:
    collection = open_collection(recall_deck(n=1))
    cid = card_id(collection)
    new = CardState()  # due_day, due_at and last_review NULL: compared with IS
    with driver_connection(collection.engine, write=True) as db:
        assert card_store.replace_state(db, cid, new, LEARNING)
    assert orm_state(collection) == LEARNING
    with driver_connection(collection.engine, write=True) as db:
        assert not card_store.replace_state(db, cid, new, REVIEW)  # it is LEARNING now
        assert not card_store.replace_state(db, 999, LEARNING, REVIEW)  # no such card
    assert orm_state(collection) == LEARNING
    with driver_connection(collection.engine, write=True) as db:
        assert card_store.replace_state(db, cid, LEARNING, REVIEW)
    assert orm_state(collection) == REVIEW


def test_a_logged_answer_reads_back_through_the_orm_and_is_tallied(open_collection) -> None:
    collection = open_collection(recall_deck(n=1))
    cid = card_id(collection)
    at = datetime(2026, 3, 2, 9, 0, 5, 250000, tzinfo=UTC)
    with driver_connection(collection.engine, write=True) as db:
        first = review_store.log_answer(
            db,
            card_id=cid,
            at=at,
            day=date(2026, 3, 2),
            rating=Rating.AGAIN,
            before=CardState(),
            after=LEARNING,
            interval_days=0,
            duration_ms=-5,  # a clock set back: stored as no time
        )
        second = review_store.log_answer(
            db,
            card_id=cid,
            at=at,
            day=date(2026, 3, 2),
            rating=Rating.GOOD,
            before=LEARNING,
            after=REVIEW,
            interval_days=3,
            duration_ms=1500,
            exercise=review_store.ExerciseLog(
                seed=7, typed="0,4", expected="0.4", correct=False, error=0.5, mistake="sign"
            ),
        )
    assert second == first + 1
    with collection.reading() as s:
        rows = s.execute(select(Review).order_by(Review.id)).scalars().all()
        tallied = s.execute(select(ReviewTally.reviews)).scalars().all()
    assert [(r.reviewed_at, r.day, r.rating, r.phase_before) for r in rows] == [
        (at, date(2026, 3, 2), Rating.AGAIN, Phase.NEW),
        (at, date(2026, 3, 2), Rating.GOOD, Phase.LEARNING),
    ]
    assert [(r.step_after, r.due_before, r.due_after, r.duration_ms) for r in rows] == [
        (0, None, date(2026, 3, 2), 0),
        (2, date(2026, 3, 2), date(2026, 3, 5), 1500),
    ]
    assert (rows[0].seed, rows[0].typed, rows[0].correct) == (None, None, None)
    assert (rows[1].seed, rows[1].typed, rows[1].correct, rows[1].error, rows[1].mistake) == (
        7,
        "0,4",
        False,
        0.5,
        "sign",
    )
    assert sum(tallied) == 2  # the triggers saw both
    with driver_connection(collection.engine, write=True) as db:
        assert review_store.remove_review(db, second)
        assert not review_store.remove_review(db, second)
    with collection.reading() as s:
        assert sum(s.execute(select(ReviewTally.reviews)).scalars()) == 1


def test_a_deck_is_started_once_and_unstarted(open_collection) -> None:
    collection = open_collection(recall_deck(n=1))
    with collection.reading() as s:
        deck_id = s.execute(select(Deck.id)).scalar_one()
    with driver_connection(collection.engine, write=True) as db:
        assert deck_store.start_deck(db, deck_id, date(2026, 3, 2))
        assert not deck_store.start_deck(db, deck_id, date(2026, 3, 3))
    with collection.reading() as s:
        assert s.execute(select(Deck.started_day)).scalar_one() == date(2026, 3, 2)
    with driver_connection(collection.engine, write=True) as db:
        deck_store.unstart_deck(db, deck_id)
    with collection.reading() as s:
        assert s.execute(select(Deck.started_day)).scalar_one() is None


# The driver connection -------------------------------------------------------------------


def test_a_failed_write_block_is_rolled_back_and_the_next_one_works(open_collection) -> None:
    collection = open_collection(recall_deck(n=1))
    cid = card_id(collection)
    with pytest.raises(RuntimeError), driver_connection(collection.engine, write=True) as db:
        card_store.write_state(db, cid, REVIEW)
        raise RuntimeError("after the write, before the commit")
    assert orm_state(collection) == CardState()
    with driver_connection(collection.engine, write=True) as db:
        card_store.write_state(db, cid, REVIEW)
    assert orm_state(collection) == REVIEW


def test_sqlite_errors_leave_as_sqlalchemy_errors_and_the_connection_is_replaced(
    open_collection,
) -> None:
    collection = open_collection(recall_deck(n=1))
    with driver_connection(collection.engine) as db:
        first = db
    with pytest.raises(OperationalError), driver_connection(collection.engine) as db:
        db.execute("SELECT no_such_column FROM cards")
    with driver_connection(collection.engine) as db:
        assert db is not first
        assert db.execute("SELECT count(*) FROM cards").fetchone() == (1,)


def test_the_reserved_connection_has_the_pragmas_and_is_renewed_on_dispose(
    open_collection,
) -> None:
    collection = open_collection(recall_deck(n=1))
    with driver_connection(collection.engine) as db:
        assert db.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert db.execute("PRAGMA busy_timeout").fetchone() == (5000,)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)

    def marked(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute("PRAGMA cache_size = -1234")

    event.listen(collection.engine, "connect", marked)
    try:
        collection.engine.dispose()  # from here on, every connection is a new one
        with driver_connection(collection.engine) as db:
            assert db.execute("PRAGMA cache_size").fetchone() == (-1234,)
    finally:
        event.remove(collection.engine, "connect", marked)


def test_another_thread_gets_a_pooled_connection_meanwhile(open_collection) -> None:
    collection = open_collection(recall_deck(n=2))
    seen: list[tuple[int, ...]] = []

    def read_elsewhere() -> None:
        with driver_connection(collection.engine) as other:
            seen.append(other.execute("SELECT count(*) FROM cards").fetchone())
            seen.append((other is mine,))

    with driver_connection(collection.engine) as mine:
        thread = threading.Thread(target=read_elsewhere)
        thread.start()
        thread.join(timeout=10)
    assert seen == [(2,), (False,)]


def test_closing_the_collection_closes_every_connection(db_path: Path, open_collection) -> None:
    collection = open_collection(recall_deck(n=1))
    with driver_connection(collection.engine, write=True) as db:
        card_store.write_state(db, card_id(collection), REVIEW)
    collection.close()
    # SQLite removes the log when its last connection closes.
    assert not Path(f"{db_path}-wal").exists()
