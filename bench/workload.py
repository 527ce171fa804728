"""A reproducible synthetic collection: N cards and M review-log rows from a simulated learner.

The learner started each card on a random day of the past year, reviews on most days
(sometimes late), and grades mostly Good; cards therefore sit on every rung of the
ladder, and about 9% are due today, as in a real year-old collection.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from srs_wb.scheduling import CardState, DayClock, Ladder, Phase, Rating, answer
from srs_wb.services.collection import Collection
from srs_wb.storage import decks as deck_store
from srs_wb.storage.models import Card, Review

DECKS = 5
NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
# The learner last studied two days ago, so about 9% of cards are due today, as in a
# real year-old collection (each day brings ~3%).
LAST_STUDY = NOW - timedelta(days=2)
LAGS = (0, 0, 0, 0, 0, 0, 1, 1, 2, 3)  # days late: the learner skips a day now and then
RATINGS = [Rating.AGAIN] * 8 + [Rating.HARD] * 6 + [Rating.GOOD] * 78 + [Rating.EASY] * 8


@dataclass(frozen=True)
class Workload:
    path: Path
    cards: int
    reviews: int
    due_today: int
    seconds: float


def build(path: Path, cards: int, reviews: int, seed: int = 1) -> Workload:
    """Write the workload to a new database at `path`."""
    started = time.perf_counter()
    for extra in ("", "-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    rng = random.Random(seed)
    collection = Collection(path, now=lambda: NOW, install_builtin=False)
    collection.set_setting("timezone", "UTC")
    clock = DayClock(collection.zone, 4)
    today = clock.day(NOW)
    ladder = Ladder()
    deck_ids = []
    with collection.writing() as session:
        for d in range(DECKS):
            deck_id, _ = deck_store.upsert_deck(
                session,
                key=f"bench-{d}",
                name=f"Bench deck {d}",
                language="en",
                description="synthetic",
                origin="toml",
                ladder_steps=None,
                after_last=None,
                new_per_day=None,
                reviews_per_day=None,
                now=NOW,
            )
            deck_ids.append(deck_id)

    card_rows = []
    review_rows: list[dict[str, object]] = []
    due = 0
    for index in range(cards):
        deck_id = deck_ids[index % DECKS]
        exercise = index % 5 == 4
        state = CardState()
        # Each card was met on a random day of the past year (~12% are still new) and
        # then reviewed on its due days, sometimes a little late, until today.
        moment = NOW - timedelta(days=rng.randrange(1, 365), hours=rng.random() * 6)
        if rng.random() < 0.12 or len(review_rows) >= reviews:
            moment = NOW
        while moment < LAST_STUDY and len(review_rows) < reviews:
            rating = rng.choice(RATINGS)
            after = answer(state, rating, moment, clock, ladder)
            review_rows.append(
                {
                    "card_id": index + 1,
                    "reviewed_at": moment,
                    "day": clock.day(moment),
                    "rating": rating,
                    "phase_before": state.phase,
                    "step_before": state.step,
                    "step_after": after.step,
                    "due_before": state.due_day,
                    "due_after": after.due_day,
                    "interval_days": after.interval_days,
                    "duration_ms": rng.randrange(2000, 20000),
                    "seed": rng.randrange(2**31) if exercise else None,
                    "typed": "0.4" if exercise else None,
                    "expected": "0.4" if exercise else None,
                    "correct": (rating >= Rating.GOOD) if exercise else None,
                }
            )
            state = after
            if after.phase is Phase.LEARNING:
                moment += timedelta(minutes=rng.randrange(1, 10))
            else:
                lag = rng.choice(LAGS)
                day = (after.due_day or today) + timedelta(days=lag)
                moment = datetime.combine(day, moment.time(), tzinfo=UTC)
        if state.phase is Phase.LEARNING:
            state = answer(state, Rating.GOOD, state.due_at or moment, clock, ladder)
        if state.due_day is not None and state.due_day <= today:
            due += 1
        card_rows.append(
            {
                "deck_id": deck_id,
                "key": f"card-{index}",
                "kind": "exercise" if exercise else "recall",
                "front": "" if exercise else f"Question {index}: what does weight {index} do?",
                "back": "" if exercise else f"Answer {index}: it scales input {index}.",
                "exercise": "neuron_output" if exercise else None,
                "params": None,
                "difficulty": 1,
                "tags": "bench",
                "position": index,
                "updated_at": NOW,
                "phase": state.phase,
                "step": state.step,
                "interval_days": state.interval_days,
                "due_day": state.due_day,
                "reps": state.reps,
                "lapses": state.lapses,
                "last_review": state.last_review,
                "suspended": False,
            }
        )
    with collection.writing() as session:
        for start in range(0, len(card_rows), 20000):
            session.execute(insert(Card), card_rows[start : start + 20000])
        for start in range(0, len(review_rows), 50000):
            session.execute(insert(Review), review_rows[start : start + 50000])
    collection.close()
    return Workload(path, cards, len(review_rows), due, time.perf_counter() - started)
