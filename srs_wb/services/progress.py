"""The learner's progress outside the stats (srs_wb.services.stats): the study streak the home
screen shows, why a card is due, and practice with exercises that leaves the schedule alone."""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from srs_wb.errors import NotFoundError, SrsError, UndoUnavailable
from srs_wb.scheduling.ladder import Phase, Rating
from srs_wb.services.collection import Collection
from srs_wb.services.views import CardView, SessionStats
from srs_wb.storage import decks as deck_store
from srs_wb.storage import progress_queries as queries

# The streak -------------------------------------------------------------------------------


def current_streak(collection: Collection) -> int:
    """Study days in a row ending today; a streak still stands today until the day is over."""
    today = collection.today()
    with collection.reading() as session:
        expected = today
        count = 0
        for day in queries.study_days_back(session, today):
            if count == 0 and day == today - timedelta(days=1):
                expected = day  # not studied yet today: yesterday's streak still counts
            if day != expected:
                break
            count += 1
            expected = day - timedelta(days=1)
    return count


# Why a card is due, and where each grade sends it ----------------------------------------


@dataclass(frozen=True)
class GradeOutcome:
    rating: Rating
    label: str  # "<10m", "1d", "3d", "1w", "1mo"
    due_day: date | None  # None: again within this session
    step: int  # the rung after this grade (0: back to the start)


@dataclass(frozen=True)
class Explanation:
    """Why the card is shown now and what each grade would do, as data the screens word."""

    reason: str  # "new", "learning", "due", "overdue", "ahead"
    step_label: str
    step: int
    interval_days: int
    reps: int
    lapses: int
    last_day: date | None  # the study day of the last answer
    last_rating: Rating | None
    due_day: date | None  # the day it was due (reviews)
    overdue_days: int
    outcomes: tuple[GradeOutcome, ...]


def explain(collection: Collection, card: CardView) -> Explanation:
    today = collection.today()
    with collection.reading() as session:
        last = queries.last_answer(session, card.id)
    due_day = last.due_after if last is not None and card.phase is Phase.REVIEW else None
    overdue = (today - due_day).days if due_day is not None else 0
    if card.phase is Phase.NEW:
        reason = "new"
    elif card.phase is Phase.LEARNING:
        reason = "learning"
    elif due_day is not None and due_day > today:
        reason = "ahead"
    else:
        reason = "overdue" if overdue > 0 else "due"
    outcomes = tuple(
        GradeOutcome(
            rating=rating,
            label=outcome.label,
            due_day=None if outcome.interval_days == 0 else outcome.state.due_day,
            step=outcome.state.step,
        )
        for rating, outcome in sorted(card.outcomes.items())
    )
    return Explanation(
        reason=reason,
        step_label=card.step_label,
        step=card.step,
        interval_days=card.interval_days,
        reps=card.reps,
        lapses=card.lapses,
        last_day=last.day if last is not None else None,
        last_rating=last.rating if last is not None else None,
        due_day=due_day,
        overdue_days=max(0, overdue),
        outcomes=outcomes,
    )


# Practice ---------------------------------------------------------------------------------

PRACTICE_SIZE = 10


class PracticeSession:
    """Fresh problems from the exercise cards of some decks (all when None), for practice.

    Nothing is written: the schedule and the review log stay as they are. It answers the
    same calls as a `StudySession`, so the review screen runs either; a problem answered
    wrong comes back at the end of the round with new numbers.
    """

    practice = True
    can_undo = False

    def __init__(
        self,
        collection: Collection,
        deck_keys: list[str] | None = None,
        *,
        size: int = PRACTICE_SIZE,
    ) -> None:
        self.collection = collection
        deck_ids: list[int] | None = None
        if deck_keys is not None:
            deck_ids = []
            with collection.reading() as session:
                for key in deck_keys:
                    deck = deck_store.find_deck(session, key)
                    if deck is None:
                        raise NotFoundError(f"no deck {key!r}")
                    deck_ids.append(deck.id)
        with collection.reading() as session:
            rows = queries.exercise_cards(session, deck_ids)
        picked = collection.rng.sample(rows, min(size, len(rows)))
        self._queue: deque[queries.ExerciseCardRow] = deque(picked)
        self._current: CardView | None = None
        self._row: queries.ExerciseCardRow | None = None
        self.stats = SessionStats()

    def remaining(self) -> int:
        return len(self._queue)

    def next_card(self) -> CardView | None:
        if self._current is not None:
            return self._current
        if not self._queue:
            return None
        from srs_wb import engine

        row = self._queue.popleft()
        params = json.loads(row.params) if row.params else {}
        exercise = engine.generate(
            row.exercise, self.collection.rng.randrange(2**31), row.difficulty, params
        )
        self._row = row
        self._current = CardView(
            id=row.id,
            deck_id=row.deck_id,
            deck_key=row.deck_key,
            deck_name=row.deck_name,
            key=row.key,
            kind="exercise",
            front="",
            back="",
            phase=row.phase,
            step=row.step,
            interval_days=row.interval_days,
            reps=row.reps,
            lapses=row.lapses,
            outcomes={},
            exercise=exercise,
        )
        return self._current

    def check(self, typed: str) -> Any:
        if self._current is None or self._current.exercise is None:
            raise SrsError("no exercise is being shown")
        from srs_wb import engine

        return engine.grade(self._current.exercise, typed)

    def answer(self, rating: Rating, *, typed: str | None = None, grade: Any = None) -> None:
        current, row = self._current, self._row
        if current is None or row is None:
            raise SrsError("no exercise is being shown")
        passed = bool(grade.correct) if grade is not None else rating >= Rating.GOOD
        stats = self.stats
        stats.answered += 1
        stats.correct += int(passed)
        stats.again += int(rating is Rating.AGAIN)
        name = rating.name.lower()
        stats.by_rating[name] = stats.by_rating.get(name, 0) + 1
        right_total = stats.exercises_by_kind.setdefault(current.exercise.kind, [0, 0])
        right_total[0] += int(passed)
        right_total[1] += 1
        if rating is Rating.AGAIN:
            self._queue.append(row)  # again at the end of the round, with new numbers
        self._current = self._row = None

    def undo(self) -> CardView:
        raise UndoUnavailable("practice answers are not saved, so there is nothing to undo")

    def suspend_current(self) -> None:
        """Practice only skips the problem; suspending belongs to the review."""
        self._current = self._row = None


# Exercise kinds ---------------------------------------------------------------------------


def exercise_kind_titles(lang: str) -> dict[str, str]:
    """Each exercise kind's short title in `lang` ("Output of one neuron")."""
    from srs_wb import engine

    return {
        info.name: info.summary.get(lang, info.summary.get("en", info.name)).split(":")[0]
        for info in engine.list_kinds()
    }


def warm_up() -> None:
    """Load the exercise engine (and NumPy) ahead of the first exercise of a session."""
    from srs_wb import engine

    name = engine.kind_names()[0]
    engine.grade(engine.generate(name, 0), "0")
