"""The stats service on a hand-built history: every number below was worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from srs_wb.errors import NotFoundError, SrsError
from srs_wb.services.stats import compute_stats, parse_day
from srs_wb.storage.tallies import COUNT_DIFFERENCES, REBUILD
from tests.conftest import recall_deck
from tests.stats.conftest import ALPHA, BETA, TODAY, A, G, Grade, play


def by_label(items, key: str = "label") -> dict:
    return {getattr(item, key): item for item in items}


def test_totals_and_days(history) -> None:
    stats = compute_stats(history)
    assert stats.today == TODAY
    assert (stats.since, stats.until) == (TODAY - timedelta(days=364), TODAY)
    assert len(stats.days) == 365
    assert (stats.totals.reviews, stats.totals.passed) == (32, 24)
    assert stats.totals.rate == 0.75
    assert stats.seconds == 320.0
    assert stats.study_days == 4
    assert stats.cards_reviewed == 9
    days = {d.day: (d.reviews, d.passed, d.seconds) for d in stats.days if d.reviews}
    assert days == {
        date(2026, 3, 2): (9, 7, 90.0),
        date(2026, 3, 3): (8, 6, 80.0),
        # The 03:30 session of 6 March belongs to the study day of 5 March.
        date(2026, 3, 5): (7, 6, 70.0),
        date(2026, 3, 6): (8, 5, 80.0),
    }
    assert stats.days[-1].day == TODAY and stats.days[0].day == date(2025, 3, 7)


def test_streaks(history, clock) -> None:
    streaks = compute_stats(history).streaks
    assert (streaks.current, streaks.longest, streaks.reviewed_today) == (2, 2, True)
    # The next morning, before any answer: the streak still stands, counted up to yesterday.
    clock.set(datetime(2026, 3, 7, 7, 0, tzinfo=UTC))
    streaks = compute_stats(history).streaks
    assert (streaks.current, streaks.longest, streaks.reviewed_today) == (2, 2, False)
    # A day without answers ends it.
    clock.set(datetime(2026, 3, 8, 7, 0, tzinfo=UTC))
    assert compute_stats(history).streaks.current == 0


def test_a_current_streak_older_than_the_range_is_counted_from_the_whole_log(history) -> None:
    stats = compute_stats(history, since=TODAY)
    assert stats.totals.reviews == 8
    assert (stats.streaks.current, stats.streaks.longest) == (2, 2)


def test_cards_by_state(history) -> None:
    cards = compute_stats(history).cards
    assert (cards.total, cards.new, cards.learning, cards.suspended) == (11, 2, 0, 1)
    # Gamma's ladder is 1d, 2d; the others climb 1d, 3d, 1w, 1mo.
    assert [(s.label, s.cards) for s in cards.steps] == [
        ("1d", 3),
        ("2d", 1),
        ("3d", 3),
        ("1w", 1),
        ("1mo", 0),
    ]
    # g1 sits on gamma's last step; g0 reached it, lapsed and is climbing again.
    assert cards.completed_plan == 2


def test_cards_by_deck(history) -> None:
    decks = {d.deck: d.cards for d in compute_stats(history).cards_by_deck}
    alpha = decks["alpha"]
    assert (alpha.total, alpha.new, alpha.suspended, alpha.completed_plan) == (7, 2, 1, 0)
    assert [(s.label, s.cards) for s in alpha.steps] == [
        ("1d", 1),
        ("3d", 2),
        ("1w", 1),
        ("1mo", 0),
    ]
    assert [(s.label, s.cards) for s in decks["gamma"].steps] == [("1d", 1), ("2d", 1)]
    assert decks["gamma"].completed_plan == 2
    assert decks["beta"].total == 2


def test_retention(history) -> None:
    retention = compute_stats(history).retention
    assert (retention.overall.reviews, retention.overall.passed) == (32, 24)
    steps = [(s.label, s.counts.reviews, s.counts.passed) for s in retention.by_step]
    assert steps == [
        ("new", 9, 7),
        ("learning", 7, 7),
        ("1d", 12, 8),
        ("2d", 2, 1),
        ("3d", 2, 1),
    ]
    decks = {d.label: (d.name, d.counts.reviews, d.counts.passed) for d in retention.by_deck}
    assert decks == {"alpha": ("Alpha", 14, 11), "beta": ("Beta", 10, 7), "gamma": ("Gamma", 8, 6)}
    kinds = {k.label: (k.counts.reviews, k.counts.passed) for k in retention.by_card_kind}
    assert kinds == {"recall": (22, 17), "exercise": (10, 7)}
    assert retention.by_rating == {"again": 7, "hard": 2, "good": 21, "easy": 2}


def test_exercises(history) -> None:
    exercises = compute_stats(history).exercises
    assert (exercises.answers, exercises.correct) == (10, 7)
    assert [(e.kind, e.difficulty, e.answers, e.correct) for e in exercises.by_kind] == [
        ("gradient_step", 2, 5, 3),
        ("neuron_output", 1, 5, 4),
    ]
    assert exercises.mistakes == (("forgot_bias", 2), ("sign_error", 1))
    assert exercises.wrong_with_error == 3
    assert exercises.median_error == 0.5  # of 0.5, 2.0 and 0.1


def test_median_error_of_an_even_count_is_the_mean_of_the_middle_two(
    open_collection, clock
) -> None:
    collection = open_collection(BETA)
    play(
        collection,
        clock,
        {
            "x0": [(A, Grade(False, 3.0)), (A, Grade(False, 1.0)), (G, Grade(True, 0.0))],
            "x1": [
                (A, Grade(False, 0.25)),
                (A, Grade(False, 9.0)),
                (A, Grade(False, None, "forgot_bias")),
                (G, Grade(True)),
            ],
        },
    )
    exercises = compute_stats(collection).exercises
    assert exercises.wrong_with_error == 4
    assert exercises.median_error == 2.0  # the middle of 0.25, 1, 3, 9
    assert exercises.mistakes == (("forgot_bias", 1),)


def test_forecast_counts_overdue_cards_on_today(history, clock) -> None:
    forecast = compute_stats(history).forecast
    assert len(forecast) == 30 and forecast[0][0] == TODAY
    due = {day: n for day, n in forecast if n}
    assert due == {
        date(2026, 3, 7): 4,  # x1, plan-3d, g0, g1
        date(2026, 3, 8): 2,  # a1, plan-1d
        date(2026, 3, 9): 1,  # x0
        date(2026, 3, 13): 1,  # a0 (a2 is suspended)
    }
    clock.set(datetime(2026, 3, 10, 8, 0, tzinfo=UTC))
    forecast = compute_stats(history).forecast
    assert forecast[0] == (date(2026, 3, 10), 7)
    assert {day: n for day, n in forecast if n} == {date(2026, 3, 10): 7, date(2026, 3, 13): 1}


def test_review_plan_progress(history) -> None:
    plan = [(p.card, p.status, p.done_on, p.unlocks_on) for p in compute_stats(history).plan]
    assert plan == [
        ("plan-1d", "done", date(2026, 3, 3), date(2026, 3, 3)),
        ("plan-3d", "done", date(2026, 3, 5), date(2026, 3, 5)),
        ("plan-1w", "locked", None, date(2026, 3, 9)),
        ("plan-1mo", "locked", None, date(2026, 4, 1)),
    ]


def test_review_plan_before_the_deck_is_started_and_once_unlocked(open_collection, clock) -> None:
    collection = open_collection(ALPHA)
    plan = compute_stats(collection).plan
    assert {p.status for p in plan} == {"not_started"}
    assert all(p.unlocks_on is None and p.prompt.startswith("Q plan-") for p in plan)
    play(collection, clock, {"a0": [G], "a1": [G], "a2": [G]})
    clock.advance(days=8)
    statuses = {p.card: (p.status, p.unlocks_on) for p in compute_stats(collection).plan}
    assert statuses["plan-1w"] == ("unlocked", date(2026, 3, 9))
    assert statuses["plan-1mo"] == ("locked", date(2026, 4, 1))


def test_one_deck(history) -> None:
    stats = compute_stats(history, deck="Gamma")  # by name, as the CLI accepts
    assert (stats.deck, stats.deck_name) == ("gamma", "Gamma")
    assert (stats.totals.reviews, stats.totals.passed, stats.seconds) == (8, 6, 80.0)
    assert [(s.label, s.counts.reviews) for s in stats.retention.by_step] == [
        ("new", 2),
        ("learning", 2),
        ("1d", 2),
        ("2d", 2),
    ]
    assert [(s.label, s.cards) for s in stats.cards.steps] == [("1d", 1), ("2d", 1)]
    assert stats.cards.completed_plan == 2
    assert stats.plan == ()
    assert stats.exercises.answers == 0 and stats.exercises.median_error is None
    assert {d: n for d, n in stats.forecast if n} == {date(2026, 3, 7): 2}


def test_the_range_limits_the_answers_but_not_the_cards(history) -> None:
    stats = compute_stats(history, since=date(2026, 3, 3), until=date(2026, 3, 5))
    assert len(stats.days) == 3
    assert (stats.totals.reviews, stats.totals.passed) == (15, 12)
    assert stats.exercises.mistakes == (("forgot_bias", 1),)
    assert stats.exercises.median_error == 2.0
    assert stats.cards.total == 11  # the cards' state is today's
    # The streak is today's; the longest run inside the range is the 5th alone.
    assert (stats.streaks.current, stats.streaks.longest) == (2, 2)
    old = compute_stats(history, since=date(2026, 3, 3), until=date(2026, 3, 3))
    assert old.streaks.longest == 2  # the current streak counts even outside the range


def test_an_empty_collection(open_collection) -> None:
    stats = compute_stats(open_collection())
    assert stats.empty and stats.totals.rate is None
    assert stats.to_json()["note"] == "no reviews in this range yet"
    assert stats.cards.total == 0 and stats.cards.steps == ()
    assert stats.retention.by_step == () and stats.plan == ()
    assert (stats.streaks.current, stats.streaks.longest) == (0, 0)


def test_the_kept_tallies_give_the_numbers_the_log_gives(history) -> None:
    """The stats read the tallies the triggers kept; rebuilt from the log, they must give
    every number the same."""
    expected = compute_stats(history).to_json()
    one_deck = compute_stats(history, deck="beta").to_json()
    with history.transaction() as conn:
        assert conn.execute(text(COUNT_DIFFERENCES)).scalar_one() == 0
        for statement in REBUILD:
            conn.execute(text(statement))
    assert compute_stats(history).to_json() == expected
    assert compute_stats(history, deck="beta").to_json() == one_deck


def test_same_ladder_everywhere_reads_the_log_without_the_cards(open_collection, clock) -> None:
    collection = open_collection(recall_deck("one", n=2), recall_deck("two", n=1))
    play(collection, clock, {"c0": [G, G], "c1": [G]})
    steps = compute_stats(collection).retention.by_step
    assert [(s.label, s.counts.reviews) for s in steps] == [("new", 3)]


def test_unknown_deck_and_bad_ranges(history) -> None:
    with pytest.raises(NotFoundError, match="no deck 'nope'; decks: alpha, beta, gamma"):
        compute_stats(history, deck="nope")
    with pytest.raises(SrsError, match="--since 2026-03-06 is after --until 2026-03-01"):
        compute_stats(history, since=date(2026, 3, 6), until=date(2026, 3, 1))
    with pytest.raises(SrsError, match="--since: expected a date such as 2026-03-01, got '3/1'"):
        parse_day("3/1", "--since")
    assert parse_day(" 2026-03-01 ", "--until") == date(2026, 3, 1)


# One answer at each moment (UTC), and the study day it belongs to in Europe/Sofia, where
# the day starts at 04:00 and the clocks jump on 29 March and fall back on 25 October.
ACROSS_THE_CLOCK_CHANGES = [
    (datetime(2026, 3, 28, 23, 30, tzinfo=UTC), date(2026, 3, 28)),  # 01:30 EET, 29 March
    (datetime(2026, 3, 29, 0, 59, tzinfo=UTC), date(2026, 3, 28)),  # 02:59 EET, then 04:00
    (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), date(2026, 3, 29)),  # 04:00 EEST: a new day
    (datetime(2026, 3, 29, 20, 0, tzinfo=UTC), date(2026, 3, 29)),  # 23:00 EEST
    (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), date(2026, 10, 24)),  # 03:30 EEST
    (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), date(2026, 10, 24)),  # 03:30 EET, again
    (datetime(2026, 10, 25, 2, 0, tzinfo=UTC), date(2026, 10, 25)),  # 04:00 EET: a new day
]


def answer_at_each_moment(collection, clock) -> None:
    from srs_wb.services.study import StudySession

    for moment, _ in ACROSS_THE_CLOCK_CHANGES:
        clock.set(moment)
        session = StudySession(collection, ahead=False)
        assert session.next_card() is not None
        clock.advance(seconds=10)
        session.answer(G)


def test_days_across_the_clock_changes_and_the_rollover(open_collection, clock) -> None:
    collection = open_collection(recall_deck(n=12))
    answer_at_each_moment(collection, clock)
    stats = compute_stats(collection, since=date(2026, 3, 27), until=date(2026, 10, 26))
    assert stats.today == date(2026, 10, 25)
    days = {d.day: (d.reviews, d.seconds) for d in stats.days if d.reviews}
    assert days == {
        date(2026, 3, 28): (2, 20.0),
        date(2026, 3, 29): (2, 20.0),
        date(2026, 10, 24): (2, 20.0),
        date(2026, 10, 25): (1, 10.0),
    }
    assert (stats.totals.reviews, stats.study_days) == (7, 4)
    assert (stats.streaks.current, stats.streaks.longest, stats.streaks.reviewed_today) == (
        2,
        2,
        True,
    )


def test_csv_days_and_times_across_the_clock_changes(open_collection, clock, tmp_path) -> None:
    import csv

    from srs_wb.services.stats_export import export_stats

    collection = open_collection(recall_deck(n=12))
    answer_at_each_moment(collection, clock)
    out = tmp_path / "dst.csv"
    export_stats(collection, out, since=date(2026, 3, 1))
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["reviewed_at"], r["day"]) for r in rows] == [
        ((moment + timedelta(seconds=10)).strftime("%Y-%m-%dT%H:%M:%S.000Z"), day.isoformat())
        for moment, day in ACROSS_THE_CLOCK_CHANGES
    ]
