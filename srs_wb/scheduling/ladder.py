"""The review ladder from the seed's plan (1 day, 3 days, 1 week, 1 month) and its grades."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from srs_wb.scheduling.days import DayClock
from srs_wb.scheduling.durations import format_days


class Rating(enum.IntEnum):
    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


class Phase(enum.IntEnum):
    NEW = 0  # never answered
    LEARNING = 1  # answered Again/Hard as new, or lapsed: asked again in today's session
    REVIEW = 2  # on the ladder, due on `due_day`


class AfterLast(enum.StrEnum):
    """What happens once a card has climbed the whole ladder."""

    REPEAT = "repeat"  # stay on the last interval (the seed's monthly cycle)
    DOUBLE = "double"  # keep doubling the interval


@dataclass(frozen=True)
class Ladder:
    steps_days: tuple[int, ...] = (1, 3, 7, 30)
    after_last: AfterLast = AfterLast.REPEAT
    # How soon a card answered Again / Hard in learning comes back within the session.
    again_delay: timedelta = timedelta(minutes=1)
    hard_delay: timedelta = timedelta(minutes=5)

    def __post_init__(self) -> None:
        steps = self.steps_days
        if not steps or any(d <= 0 for d in steps) or list(steps) != sorted(set(steps)):
            raise ValueError(f"ladder steps must be increasing positive days, got {steps}")

    @property
    def last(self) -> int:
        return len(self.steps_days)

    def interval_of(self, step: int) -> int:
        return self.steps_days[step - 1]


DEFAULT_LADDER = Ladder()
MAX_INTERVAL_DAYS = 36_500


@dataclass(frozen=True)
class CardState:
    phase: Phase = Phase.NEW
    step: int = 0  # 1..len(ladder) while on the ladder, else 0
    interval_days: int = 0
    due_day: date | None = None  # REVIEW: the day it is due; LEARNING: the day it lapsed
    due_at: datetime | None = None  # LEARNING: when to ask again within the session
    reps: int = 0
    lapses: int = 0
    last_review: datetime | None = None

    def is_due(self, today: date) -> bool:
        if self.phase is Phase.NEW:
            return False
        if self.phase is Phase.LEARNING:
            return True
        return self.due_day is not None and self.due_day <= today


def _climb(ladder: Ladder, state: CardState, rungs: int) -> tuple[int, int]:
    """The step and interval after climbing `rungs` rungs from `state`."""
    target = state.step + rungs
    if target <= ladder.last:
        return target, ladder.interval_of(target)
    if ladder.after_last is AfterLast.REPEAT:
        return ladder.last, ladder.interval_of(ladder.last)
    # Doubling past the top: each rung beyond the last one doubles the current interval,
    # up to a century (as Anki caps it) so that no due day ever leaves the calendar.
    interval = max(state.interval_days, ladder.interval_of(ladder.last))
    beyond = target - max(ladder.last, state.step)
    return ladder.last, min(interval * 2**beyond, MAX_INTERVAL_DAYS)


def answer(
    state: CardState,
    rating: Rating,
    now: datetime,
    clock: DayClock,
    ladder: Ladder = DEFAULT_LADDER,
) -> CardState:
    """The card's state after `rating` at `now`."""
    return _answer(state, rating, now, _base_day(state, clock.day(now), clock), ladder)


def _base_day(state: CardState, today: date, clock: DayClock) -> date:
    """The day intervals count from: the later of today and the last review's day.

    A clock moved back, or a flight west, must never schedule before a review already
    made. (Finding a moment's local day is most of what grading a card costs, so
    `preview` finds it once for its four grades.)
    """
    if state.last_review is not None:
        return max(today, clock.day(state.last_review))
    return today


def _answer(
    state: CardState, rating: Rating, now: datetime, base: date, ladder: Ladder
) -> CardState:
    moment = now if state.last_review is None else max(now, state.last_review)
    reps = state.reps + 1

    in_session = state.phase is not Phase.REVIEW
    if rating is Rating.AGAIN or (rating is Rating.HARD and in_session):
        delay = ladder.again_delay if rating is Rating.AGAIN else ladder.hard_delay
        lapses = state.lapses + (1 if state.phase is Phase.REVIEW else 0)
        return CardState(
            phase=Phase.LEARNING,
            due_day=base,
            due_at=moment + delay,
            reps=reps,
            lapses=lapses,
            last_review=now,
        )
    if rating is Rating.HARD:
        step, interval = state.step, state.interval_days
    else:
        rungs = 1 if rating is Rating.GOOD else 2
        start = state if not in_session else replace(state, step=0, interval_days=0)
        step, interval = _climb(ladder, start, rungs)
    return CardState(
        phase=Phase.REVIEW,
        step=step,
        interval_days=interval,
        due_day=base + timedelta(days=interval),
        due_at=None,
        reps=reps,
        lapses=state.lapses,
        last_review=now,
    )


@dataclass(frozen=True)
class Outcome:
    """Where a grade would send a card: for button labels and the `e` explanation."""

    rating: Rating
    state: CardState
    interval_days: int  # 0 = again within this session

    @property
    def label(self) -> str:
        return format_days(self.interval_days)


def preview(
    state: CardState, now: datetime, clock: DayClock, ladder: Ladder = DEFAULT_LADDER
) -> dict[Rating, Outcome]:
    today = clock.day(now)
    base = _base_day(state, today, clock)
    outcomes = {}
    for rating in Rating:
        after = _answer(state, rating, now, base, ladder)
        days = 0 if after.phase is Phase.LEARNING else (after.due_day - today).days  # type: ignore[operator]
        outcomes[rating] = Outcome(rating, after, days)
    return outcomes
