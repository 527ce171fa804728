"""Every transition of the ladder, golden sequences, and what each grade previews."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from srs_wb.scheduling import CardState, DayClock, Ladder, Phase, Rating, answer, preview
from srs_wb.scheduling.durations import format_days, parse_days
from srs_wb.scheduling.ladder import AfterLast

CLOCK = DayClock(ZoneInfo("Europe/Sofia"), 4)
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)  # 12:00 in Sofia
TODAY = date(2026, 6, 1)


def on_step(step: int, interval: int, lapses: int = 0) -> CardState:
    return CardState(
        phase=Phase.REVIEW,
        step=step,
        interval_days=interval,
        due_day=TODAY,
        reps=step,
        lapses=lapses,
        last_review=NOW - timedelta(days=interval),
    )


@pytest.mark.parametrize(
    ("rating", "phase", "step", "due"),
    [
        (Rating.AGAIN, Phase.LEARNING, 0, TODAY),
        (Rating.HARD, Phase.LEARNING, 0, TODAY),
        (Rating.GOOD, Phase.REVIEW, 1, TODAY + timedelta(days=1)),
        (Rating.EASY, Phase.REVIEW, 2, TODAY + timedelta(days=3)),
    ],
)
def test_new_card(rating: Rating, phase: Phase, step: int, due: date) -> None:
    after = answer(CardState(), rating, NOW, CLOCK)
    assert (after.phase, after.step, after.due_day, after.reps, after.lapses) == (
        phase,
        step,
        due,
        1,
        0,
    )
    if phase is Phase.LEARNING:
        assert after.due_at is not None and after.due_at > NOW


def test_learning_card_graduates_with_good() -> None:
    learning = answer(CardState(), Rating.AGAIN, NOW, CLOCK)
    again = answer(learning, Rating.HARD, NOW + timedelta(minutes=2), CLOCK)
    assert again.phase is Phase.LEARNING
    done = answer(again, Rating.GOOD, NOW + timedelta(minutes=8), CLOCK)
    assert (done.phase, done.step, done.due_day, done.reps) == (
        Phase.REVIEW,
        1,
        TODAY + timedelta(days=1),
        3,
    )


@pytest.mark.parametrize(
    ("step", "rating", "new_step", "days"),
    [
        (1, Rating.GOOD, 2, 3),
        (2, Rating.GOOD, 3, 7),
        (3, Rating.GOOD, 4, 30),
        (4, Rating.GOOD, 4, 30),  # stays on the monthly cycle
        (1, Rating.EASY, 3, 7),
        (2, Rating.EASY, 4, 30),
        (3, Rating.EASY, 4, 30),
        (1, Rating.HARD, 1, 1),
        (2, Rating.HARD, 2, 3),
        (3, Rating.HARD, 3, 7),
        (4, Rating.HARD, 4, 30),
    ],
)
def test_review_card_moves_on_the_ladder(
    step: int, rating: Rating, new_step: int, days: int
) -> None:
    interval = (1, 3, 7, 30)[step - 1]
    after = answer(on_step(step, interval), rating, NOW, CLOCK)
    assert after.phase is Phase.REVIEW
    assert after.step == new_step
    assert after.interval_days == days
    assert after.due_day == TODAY + timedelta(days=days)
    assert after.lapses == 0


@pytest.mark.parametrize("step", [1, 2, 3, 4])
def test_again_sends_a_review_card_back_to_the_start(step: int) -> None:
    after = answer(on_step(step, (1, 3, 7, 30)[step - 1], lapses=2), Rating.AGAIN, NOW, CLOCK)
    assert (after.phase, after.step, after.lapses, after.due_day) == (Phase.LEARNING, 0, 3, TODAY)
    relearned = answer(after, Rating.GOOD, NOW + timedelta(minutes=3), CLOCK)
    assert (relearned.step, relearned.due_day, relearned.lapses) == (
        1,
        TODAY + timedelta(days=1),
        3,
    )


def test_a_deck_may_keep_doubling_after_the_last_step() -> None:
    ladder = Ladder((1, 3, 7, 30), AfterLast.DOUBLE)
    state = on_step(4, 30)
    intervals = []
    for _ in range(3):
        state = answer(state, Rating.GOOD, NOW, CLOCK, ladder)
        intervals.append(state.interval_days)
    assert intervals == [60, 120, 240]
    assert answer(on_step(3, 7), Rating.EASY, NOW, CLOCK, ladder).interval_days == 60
    assert answer(on_step(4, 30), Rating.HARD, NOW, CLOCK, ladder).interval_days == 30


def test_a_deck_ladder_of_its_own() -> None:
    ladder = Ladder((2, 5))
    first = answer(CardState(), Rating.GOOD, NOW, CLOCK, ladder)
    second = answer(first, Rating.GOOD, NOW + timedelta(days=2), CLOCK, ladder)
    third = answer(second, Rating.GOOD, NOW + timedelta(days=7), CLOCK, ladder)
    assert [first.interval_days, second.interval_days, third.interval_days] == [2, 5, 5]


@pytest.mark.parametrize("steps", [(), (3, 1), (1, 1), (0, 2)])
def test_bad_ladders_are_refused(steps: tuple[int, ...]) -> None:
    with pytest.raises(ValueError, match="increasing"):
        Ladder(steps)


def test_golden_sequence_of_due_days() -> None:
    """A fixed UTC start and a scripted sequence of grades: the exact due days."""
    state = CardState()
    moment = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    script = [
        (Rating.GOOD, date(2026, 1, 6)),
        (Rating.GOOD, date(2026, 1, 9)),
        (Rating.HARD, date(2026, 1, 12)),
        (Rating.GOOD, date(2026, 1, 19)),
        (Rating.EASY, date(2026, 2, 18)),
        (Rating.AGAIN, date(2026, 2, 18)),
        (Rating.GOOD, date(2026, 2, 19)),
        (Rating.EASY, date(2026, 2, 26)),
        (Rating.GOOD, date(2026, 3, 28)),
    ]
    for rating, expected_due in script:
        state = answer(state, rating, moment, CLOCK)
        assert state.due_day == expected_due, rating
        if state.phase is Phase.REVIEW:
            moment = datetime.combine(state.due_day, moment.time(), tzinfo=UTC)
    assert (state.reps, state.lapses) == (len(script), 1)


def test_intervals_count_from_the_last_review_when_the_clock_goes_back() -> None:
    reviewed = answer(CardState(), Rating.GOOD, NOW, CLOCK)
    earlier = NOW - timedelta(days=3)  # the machine's clock was set back
    after = answer(reviewed, Rating.GOOD, earlier, CLOCK)
    assert after.due_day == TODAY + timedelta(days=3)
    assert after.due_day > CLOCK.day(earlier)


def test_preview_labels_match_the_buttons() -> None:
    labels = {r: o.label for r, o in preview(CardState(), NOW, CLOCK).items()}
    assert labels == {
        Rating.AGAIN: "<10m",
        Rating.HARD: "<10m",
        Rating.GOOD: "1d",
        Rating.EASY: "3d",
    }
    labels = {r: o.label for r, o in preview(on_step(3, 7), NOW, CLOCK).items()}
    assert labels == {
        Rating.AGAIN: "<10m",
        Rating.HARD: "1w",
        Rating.GOOD: "1mo",
        Rating.EASY: "1mo",
    }


def test_answer_refuses_a_naive_now() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        answer(CardState(), Rating.GOOD, datetime(2026, 1, 1), CLOCK)


def test_answer_does_not_mutate_its_input() -> None:
    state = on_step(2, 3)
    answer(state, Rating.GOOD, NOW, CLOCK)
    assert state == on_step(2, 3)


@pytest.mark.parametrize(
    ("text", "days"), [("1d", 1), ("3d", 3), ("1w", 7), ("1mo", 30), ("2y", 730), (5, 5)]
)
def test_durations(text: str | int, days: int) -> None:
    assert parse_days(text) == days


@pytest.mark.parametrize("text", ["", "d", "3 days", "-1d", "1.5d", True])
def test_bad_durations(text: object) -> None:
    with pytest.raises(ValueError, match="duration"):
        parse_days(text)  # type: ignore[arg-type]


def test_interval_labels() -> None:
    assert [format_days(d) for d in (0, 1, 3, 7, 14, 30, 60, 365)] == [
        "<10m", "1d", "3d", "1w", "2w", "1mo", "2mo", "1y",
    ]  # fmt: skip


def test_doubling_stops_at_a_century() -> None:
    ladder = Ladder((1, 3, 7, 30), AfterLast.DOUBLE)
    state = on_step(4, 30)
    for _ in range(40):
        state = answer(state, Rating.EASY, NOW, CLOCK, ladder)
    assert state.interval_days == 36_500
    assert state.due_day == TODAY + timedelta(days=36_500)
