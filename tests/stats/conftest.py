"""A hand-built study history whose every number is known in advance (see HISTORY below)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from srs_wb.formats.spec import AfterLast, CardKind, CardSpec, DeckSpec, LadderSpec
from srs_wb.scheduling import Rating
from srs_wb.services.collection import Collection
from srs_wb.services.study import StudySession, set_suspended
from tests.conftest import Clock

G, H, E, A = Rating.GOOD, Rating.HARD, Rating.EASY, Rating.AGAIN


@dataclass(frozen=True)
class Grade:
    """What StudySession.answer reads from an engine grade: the verdict, error and mistake."""

    correct: bool
    error: float | None = None
    mistake: str | None = None


RIGHT = Grade(True, 0.0)


def recall(key: str, **kwargs: object) -> CardSpec:
    return CardSpec(key=key, kind=CardKind.RECALL, front=f"Q {key}", back=f"A {key}", **kwargs)  # type: ignore[arg-type]


ALPHA = DeckSpec(
    key="alpha",
    name="Alpha",
    cards=(
        recall("a0"),
        recall("a1"),
        recall("a2"),
        recall("plan-1d", unlock_after_days=1),
        recall("plan-3d", unlock_after_days=3),
        recall("plan-1w", unlock_after_days=7),
        recall("plan-1mo", unlock_after_days=30),
    ),
)
BETA = DeckSpec(
    key="beta",
    name="Beta",
    cards=(
        CardSpec(key="x0", kind=CardKind.EXERCISE, exercise="neuron_output", difficulty=1),
        CardSpec(key="x1", kind=CardKind.EXERCISE, exercise="gradient_step", difficulty=2),
    ),
)
# A deck with its own two-step ladder (1 day, 2 days), so cards complete it within days.
GAMMA = DeckSpec(
    key="gamma",
    name="Gamma",
    cards=(recall("g0"), recall("g1")),
    ladder=LadderSpec((1, 2), AfterLast.REPEAT),
)

# Each session: when (UTC), and per card the answers in order (an exercise answer is a
# (rating, grade) pair). Europe/Sofia is UTC+2 until 29 March; the study day starts 04:00.
# Every answer takes 10 seconds.
HISTORY: list[tuple[datetime, dict[str, list]]] = [  # type: ignore[type-arg]
    (  # Mon 2 March, 11:00 in Sofia
        datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
        {
            "a0": [G],
            "a1": [G],
            "a2": [A, G],
            "x0": [(G, RIGHT)],
            "x1": [(A, Grade(False, 0.5, "forgot_bias")), (G, RIGHT)],
            "g0": [G],
            "g1": [E],
        },
    ),
    (  # Tue 3 March: the 1-day plan prompt has unlocked
        datetime(2026, 3, 3, 9, 0, tzinfo=UTC),
        {
            "a0": [G],
            "a1": [H],
            "a2": [E],
            "x0": [(A, Grade(False, 2.0, "forgot_bias")), (G, RIGHT)],
            "x1": [(G, RIGHT)],
            "plan-1d": [G],
            "g0": [G],  # reaches gamma's last step
        },
    ),
    # Wed 4 March: no study.
    (  # Fri 6 March 03:30 in Sofia: before the 04:00 rollover, so it counts for Thu 5 March
        datetime(2026, 3, 6, 1, 30, tzinfo=UTC),
        {
            "a1": [G],
            "x0": [(H, RIGHT)],  # right, but rated Hard: an exercise passes on its verdict
            "plan-1d": [G],
            "plan-3d": [G],
            "g0": [A, G],  # lapses from the last step
            "g1": [G],
        },
    ),
    (  # Fri 6 March, 12:00 in Sofia: today
        datetime(2026, 3, 6, 10, 0, tzinfo=UTC),
        {
            "a0": [G],
            "x1": [(A, Grade(False, 0.1, "sign_error")), (G, RIGHT)],
            "plan-3d": [A, G],
            "x0": [(G, RIGHT)],
            "g0": [A, G],
        },
    ),
]
TODAY = date(2026, 3, 6)


def play(collection: Collection, clock: Clock, plan: dict[str, list], **typed: str) -> list[str]:  # type: ignore[type-arg]
    """Answer today's queue as `plan` says, 10 seconds per card; `typed` gives the text typed
    for an exercise (by card key). Returns the keys in the order they were answered."""
    remaining = {key: list(answers) for key, answers in plan.items()}
    session = StudySession(collection)
    order = []
    while (card := session.next_card()) is not None:
        answer = remaining[card.key].pop(0)
        clock.advance(seconds=10)
        if isinstance(answer, tuple):
            rating, grade = answer
            session.answer(rating, typed=typed.get(card.key, "0.4"), grade=grade)
        else:
            session.answer(answer)
        order.append(card.key)
    leftover = {key: answers for key, answers in remaining.items() if answers}
    assert not leftover, f"cards not shown: {leftover}"
    return order


@pytest.fixture
def history(open_collection: Callable[..., Collection], clock: Clock) -> Collection:
    """The three decks after HISTORY, with a2 suspended at the end; the clock on today."""
    collection = open_collection(ALPHA, BETA, GAMMA)
    for moment, plan in HISTORY:
        clock.set(moment)
        play(collection, clock, plan)
    with collection.reading() as session:
        from sqlalchemy import select

        from srs_wb.storage.models import Card

        a2 = session.execute(select(Card.id).where(Card.key == "a2")).scalar_one()
    set_suspended(collection, [a2], True)
    return collection
