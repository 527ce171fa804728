"""The study service end to end on a real database: queue, answers, undo, limits, days."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from srs_wb.errors import NotFoundError, UndoUnavailable
from srs_wb.formats.spec import CardKind, CardSpec, DeckSpec
from srs_wb.scheduling import Phase, Rating
from srs_wb.services.collection import Collection
from srs_wb.services.importing import import_specs
from srs_wb.services.study import StudySession, overview
from srs_wb.storage.models import Card, Review
from tests.conftest import recall_deck


def review_rows(collection: Collection) -> int:
    with collection.reading() as s:
        return s.execute(select(func.count()).select_from(Review)).scalar_one()


def card_row(collection: Collection, key: str) -> Card:
    with collection.reading() as s:
        return s.execute(select(Card).where(Card.key == key)).scalar_one()


def answer_all(session: StudySession, rating: Rating = Rating.GOOD) -> list[str]:
    seen = []
    while (card := session.next_card()) is not None:
        seen.append(card.key)
        session.answer(rating)
    return seen


def test_first_session_shows_new_cards_in_deck_order(open_collection) -> None:
    collection = open_collection(recall_deck(n=4))
    session = StudySession(collection)
    assert answer_all(session) == ["c0", "c1", "c2", "c3"]
    assert review_rows(collection) == 4
    assert session.stats.answered == 4 and session.stats.correct == 4


def test_new_cards_per_day_limit(open_collection, clock) -> None:
    collection = open_collection(recall_deck(n=30))
    collection.set_setting("new_per_day", 3)
    assert overview(collection).decks[0].new == 3
    assert answer_all(StudySession(collection)) == ["c0", "c1", "c2"]
    # The limit counts the day's introductions, also across sessions.
    assert answer_all(StudySession(collection)) == []
    assert overview(collection).decks[0].new == 0
    clock.advance(days=1)
    assert answer_all(StudySession(collection)) == ["c0", "c3", "c1", "c4", "c2", "c5"]


def test_reviews_per_day_limit(open_collection, clock) -> None:
    collection = open_collection(recall_deck(n=5))
    answer_all(StudySession(collection))
    collection.set_setting("reviews_per_day", 2)
    collection.set_setting("new_per_day", 0)
    clock.advance(days=1)
    assert overview(collection).decks[0].due == 2
    assert len(answer_all(StudySession(collection))) == 2


def test_again_comes_back_in_the_same_session_then_tomorrow(open_collection, clock) -> None:
    collection = open_collection(recall_deck(n=3))
    session = StudySession(collection)
    first = session.next_card()
    assert first is not None and first.key == "c0"
    result = session.answer(Rating.AGAIN)
    assert result.interval_days == 0
    order = []
    while (card := session.next_card()) is not None:
        order.append(card.key)
        clock.advance(minutes=1)
        session.answer(Rating.GOOD)
    assert order == ["c1", "c0", "c2"]  # c0 is due again a minute later
    state = card_row(collection, "c0")
    assert (state.phase, state.due_day, state.lapses, state.reps) == (
        Phase.REVIEW,
        date(2026, 3, 3),
        0,
        2,
    )


def test_a_due_learning_card_comes_before_the_rest(open_collection, clock) -> None:
    collection = open_collection(recall_deck(n=5))
    session = StudySession(collection)
    session.next_card()
    session.answer(Rating.AGAIN)  # c0, back in a minute
    session.next_card()
    session.answer(Rating.GOOD)  # c1
    clock.advance(minutes=2)
    card = session.next_card()
    assert card is not None and card.key == "c0"


def test_simulated_learner_over_sixty_days_follows_the_ladder(db_path) -> None:
    """Reviewing every day with Good, each card's intervals are exactly 1, 3, 7, 30, 30 days."""
    days_reviewed: dict[str, list[date]] = {}
    start = datetime(2026, 1, 10, 7, 0, tzinfo=UTC)
    with freeze_time(start) as frozen:
        collection = Collection(db_path, install_builtin=False)
        collection.set_setting("timezone", "Europe/Sofia")
        import_specs(collection, [recall_deck(n=3)], origin="toml")
        for _ in range(60):
            session = StudySession(collection)
            while (card := session.next_card()) is not None:
                days_reviewed.setdefault(card.key, []).append(collection.today())
                session.answer(Rating.GOOD)
            frozen.tick(timedelta(days=1))
        collection.close()
    for key, days in days_reviewed.items():
        gaps = [(b - a).days for a, b in itertools.pairwise(days)]
        assert gaps == [1, 3, 7, 30], key


def test_review_plan_cards_unlock_days_after_the_deck_is_started(open_collection, clock) -> None:
    cards = (
        CardSpec(key="first", kind=CardKind.RECALL, front="q", back="a"),
        CardSpec(key="plan-1d", kind=CardKind.RECALL, front="p", back="a", unlock_after_days=1),
        CardSpec(key="plan-3d", kind=CardKind.RECALL, front="p", back="a", unlock_after_days=3),
    )
    collection = open_collection(DeckSpec(key="plan", name="Plan", cards=cards))
    assert overview(collection).decks[0].new == 1
    assert answer_all(StudySession(collection)) == ["first"]
    clock.advance(days=1)
    assert answer_all(StudySession(collection)) == ["first", "plan-1d"]
    clock.advance(days=1)
    assert answer_all(StudySession(collection)) == ["plan-1d"]
    clock.advance(days=1)
    assert answer_all(StudySession(collection)) == ["plan-3d"]


def test_undo_several_levels_restores_state_and_log(open_collection, clock) -> None:
    clock.advance(microseconds=123_456)  # stored to the millisecond: undo must still match
    collection = open_collection(recall_deck(n=3))
    session = StudySession(collection)
    for rating in (Rating.GOOD, Rating.EASY, Rating.AGAIN):
        session.next_card()
        session.answer(rating)
    assert review_rows(collection) == 3
    assert session.undo().key == "c2"
    assert session.undo().key == "c1"
    assert review_rows(collection) == 1
    assert card_row(collection, "c1").phase is Phase.NEW
    assert card_row(collection, "c2").phase is Phase.NEW
    assert session.stats.answered == 1
    # The undone card is shown again; answering it continues the session normally.
    assert session.next_card().key == "c1"
    session.answer(Rating.GOOD)
    assert [c for c in answer_all(session)] == ["c2"]


def test_undo_of_the_first_answer_unstarts_the_deck(open_collection) -> None:
    collection = open_collection(recall_deck(n=2))
    session = StudySession(collection)
    session.next_card()
    session.answer(Rating.GOOD)
    with collection.reading() as s:
        from srs_wb.storage.models import Deck

        assert s.execute(select(Deck.started_day)).scalar_one() is not None
        session.undo()
    with collection.reading() as s:
        assert s.execute(select(Deck.started_day)).scalar_one() is None


def test_nothing_to_undo(open_collection) -> None:
    session = StudySession(open_collection(recall_deck(n=1)))
    with pytest.raises(UndoUnavailable):
        session.undo()


def test_undo_refuses_when_another_process_answered_the_card(
    open_collection, db_path, clock
) -> None:
    collection = open_collection(recall_deck(n=2))
    session = StudySession(collection)
    session.next_card()
    session.answer(Rating.AGAIN)
    clock.advance(minutes=2)
    other = Collection(db_path, now=clock, install_builtin=False)
    other_session = StudySession(other)
    card = other_session.next_card()
    assert card is not None and card.key == "c0"
    other_session.answer(Rating.GOOD)
    with pytest.raises(UndoUnavailable, match="elsewhere"):
        session.undo()
    other.close()
    assert review_rows(collection) == 2


def test_every_answer_is_committed_before_answer_returns(open_collection, db_path, clock) -> None:
    collection = open_collection(recall_deck(n=2))
    session = StudySession(collection)
    session.next_card()
    session.answer(Rating.GOOD)
    other = Collection(db_path, now=clock, install_builtin=False)
    assert review_rows(other) == 1
    other.close()


def test_cards_answered_by_another_process_are_not_shown_again(
    open_collection, db_path, clock
) -> None:
    collection = open_collection(recall_deck(n=3))
    mine = StudySession(collection)
    other = Collection(db_path, now=clock, install_builtin=False)
    theirs = StudySession(other)
    assert theirs.next_card().key == "c0"
    theirs.answer(Rating.GOOD)
    other.close()
    assert answer_all(mine) == ["c1", "c2"]


def test_suspend_takes_the_card_out(open_collection, clock) -> None:
    collection = open_collection(recall_deck(n=3))
    session = StudySession(collection)
    assert session.next_card().key == "c0"
    session.suspend_current()
    assert answer_all(session) == ["c1", "c2"]
    clock.advance(days=5)
    assert "c0" not in answer_all(StudySession(collection))
    assert overview(collection).decks[0].suspended == 1


def test_study_ahead_when_nothing_is_due(open_collection, clock) -> None:
    collection = open_collection(recall_deck(n=2))
    answer_all(StudySession(collection))
    assert answer_all(StudySession(collection)) == []
    ahead = StudySession(collection, ahead=True)
    assert answer_all(ahead) == ["c0", "c1"]
    assert card_row(collection, "c0").due_day == date(2026, 3, 5)  # 3 days from today


def test_the_study_day_rolling_over_mid_session_rebuilds_the_queue(open_collection, clock) -> None:
    collection = open_collection(recall_deck(n=2))
    collection.set_setting("new_per_day", 1)
    session = StudySession(collection)
    assert session.next_card().key == "c0"
    session.answer(Rating.GOOD)
    assert session.next_card() is None
    clock.advance(days=1)
    assert [card for card in answer_all(session)] == ["c0", "c1"]


def test_a_time_zone_change_between_sessions_loses_nothing(open_collection, clock) -> None:
    collection = open_collection(recall_deck(n=1))
    clock.set(datetime(2026, 3, 2, 20, 0, tzinfo=UTC))  # 22:00 in Sofia
    answer_all(StudySession(collection))
    assert card_row(collection, "c0").due_day == date(2026, 3, 3)
    # Flying west: the next morning in New York is still 3 March there.
    collection.set_setting("timezone", "America/New_York")
    clock.set(datetime(2026, 3, 3, 14, 0, tzinfo=UTC))  # 09:00 in New York
    assert answer_all(StudySession(collection)) == ["c0"]
    assert card_row(collection, "c0").due_day == date(2026, 3, 6)
    assert review_rows(collection) == 2


def test_clock_moved_back_never_schedules_into_the_past(open_collection, clock) -> None:
    collection = open_collection(recall_deck(n=1))
    answer_all(StudySession(collection))
    clock.advance(days=1)
    answer_all(StudySession(collection))  # step 2, due in 3 days
    due = card_row(collection, "c0").due_day
    clock.advance(days=-2)  # the machine's clock is set back two days
    assert answer_all(StudySession(collection, ahead=True)) == ["c0"]
    assert card_row(collection, "c0").due_day > due - timedelta(days=3)
    assert card_row(collection, "c0").due_day > collection.today()


def test_overview_counts(open_collection, clock) -> None:
    collection = open_collection(recall_deck("alpha", n=4), recall_deck("beta", n=2))
    session = StudySession(collection, ["alpha"])
    session.next_card()
    session.answer(Rating.AGAIN)
    session.next_card()
    session.answer(Rating.GOOD)
    counts = {d.key: (d.new, d.learning, d.due, d.total) for d in overview(collection).decks}
    assert counts == {"alpha": (2, 1, 0, 4), "beta": (2, 0, 0, 2)}
    clock.advance(days=1)
    result = overview(collection)
    assert {d.key: d.due for d in result.decks} == {"alpha": 1, "beta": 0}


def test_unknown_deck(open_collection) -> None:
    collection = open_collection(recall_deck("alpha", n=1))
    with pytest.raises(NotFoundError, match="alpha"):
        StudySession(collection, ["nope"])


def test_reimport_updates_text_and_keeps_history(open_collection) -> None:
    collection = open_collection(recall_deck(n=3))
    answer_all(StudySession(collection))
    edited = DeckSpec(
        key="deck",
        name="Deck",
        cards=(
            CardSpec(key="c0", kind=CardKind.RECALL, front="question 0", back="answer 0"),
            CardSpec(key="c1", kind=CardKind.RECALL, front="better question", back="answer 1"),
            CardSpec(key="c9", kind=CardKind.RECALL, front="new one", back="x"),
        ),
    )
    [summary] = import_specs(collection, [edited], origin="toml")
    assert (summary.added, summary.updated, summary.unchanged, summary.missing) == (
        1,
        1,
        1,
        ["c2"],
    )
    row = card_row(collection, "c1")
    assert row.front == "better question" and row.phase is Phase.REVIEW and row.reps == 1
    assert card_row(collection, "c2").front == "question 2"  # kept
    assert review_rows(collection) == 3


def test_dry_run_writes_nothing(open_collection, db_path) -> None:
    collection = open_collection()
    [summary] = import_specs(collection, [recall_deck(n=3)], origin="toml", dry_run=True)
    assert summary.added == 3 and summary.dry_run
    assert overview(collection).decks == ()


def test_a_locked_database_waits_then_says_so(open_collection, db_path, monkeypatch) -> None:
    import sqlite3

    from srs_wb.errors import DatabaseError
    from srs_wb.storage import database

    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    collection = open_collection(recall_deck(n=2))
    session = StudySession(collection)
    session.next_card()
    blocker = sqlite3.connect(db_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        with pytest.raises(DatabaseError, match="busy"):
            session.answer(Rating.GOOD)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert review_rows(collection) == 0
    # Once the other writer is gone, the same answer goes through.
    session.answer(Rating.GOOD)
    assert review_rows(collection) == 1


@pytest.mark.parametrize(
    ("night_before", "answer_at", "study_day"),
    [
        # Spring forward, 29 March 2026: 02:30 EET, before the 04:00 rollover: the 28th.
        (
            datetime(2026, 3, 28, 18, 0, tzinfo=UTC),
            datetime(2026, 3, 29, 0, 30, tzinfo=UTC),
            date(2026, 3, 28),
        ),
        # Fall back, 25 October 2026: 03:30 happens twice; both belong to the 24th.
        (
            datetime(2026, 10, 24, 18, 0, tzinfo=UTC),
            datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
            date(2026, 10, 24),
        ),
        (
            datetime(2026, 10, 24, 18, 0, tzinfo=UTC),
            datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
            date(2026, 10, 24),
        ),
    ],
)
def test_answers_across_the_dst_nights_in_sofia(
    open_collection, clock, night_before, answer_at, study_day
) -> None:
    collection = open_collection(recall_deck(n=2))
    clock.set(night_before)
    first = StudySession(collection)
    first.next_card()
    first.answer(Rating.GOOD)  # c0 due the next study day
    clock.set(answer_at)  # past midnight, before the 04:00 rollover, on the DST night
    assert collection.today() == study_day
    session = StudySession(collection)
    card = session.next_card()
    assert card is not None and card.key == "c1"  # c0 is not due again the same study day
    session.answer(Rating.GOOD)
    with collection.reading() as s:
        days = s.execute(select(Review.day).order_by(Review.id)).scalars().all()
    assert days == [study_day, study_day]
    assert card_row(collection, "c1").due_day == study_day + timedelta(days=1)


def test_the_loser_of_a_race_is_told_and_nothing_is_logged_twice(
    open_collection, db_path, clock
) -> None:
    from srs_wb.errors import AnsweredElsewhere

    collection = open_collection(recall_deck(n=2))
    mine = StudySession(collection)
    other = Collection(db_path, now=clock, install_builtin=False)
    theirs = StudySession(other)
    assert mine.next_card().key == theirs.next_card().key == "c0"  # both show c0
    theirs.answer(Rating.GOOD)
    with pytest.raises(AnsweredElsewhere, match="another srs-wb"):
        mine.answer(Rating.AGAIN)
    other.close()
    assert review_rows(collection) == 1
    assert card_row(collection, "c0").reps == 1
    assert mine.next_card().key == "c1"  # the session moves on
