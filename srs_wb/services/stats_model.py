"""The progress stats as plain frozen dataclasses, and their JSON shape (docs/stats.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

# Bumped when a key is renamed or removed or changes meaning; adding keys keeps it.
SCHEMA_VERSION = 1


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def share(part: int, whole: int) -> float | None:
    """part / whole to four places, or None when there is nothing to divide."""
    return round(part / whole, 4) if whole else None


@dataclass(frozen=True)
class Passed:
    """How many answers there were, and how many of them passed."""

    reviews: int = 0
    passed: int = 0

    @property
    def rate(self) -> float | None:
        return share(self.passed, self.reviews)

    def __add__(self, other: Passed) -> Passed:
        return Passed(self.reviews + other.reviews, self.passed + other.passed)

    def to_json(self) -> dict[str, Any]:
        return {"reviews": self.reviews, "passed": self.passed, "rate": self.rate}


@dataclass(frozen=True)
class DayStats:
    day: date
    reviews: int
    passed: int
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "reviews": self.reviews,
            "passed": self.passed,
            "seconds": self.seconds,
        }


@dataclass(frozen=True)
class Streaks:
    current: int  # study days in a row up to today (or yesterday, if today has none yet)
    longest: int
    reviewed_today: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "current": self.current,
            "longest": self.longest,
            "reviewed_today": self.reviewed_today,
        }


@dataclass(frozen=True)
class StepCount:
    """Cards on one rung of the ladder, labelled by its interval ("1d", "3d", "1w", "1mo")."""

    label: str
    interval_days: int
    cards: int

    def to_json(self) -> dict[str, Any]:
        return {"step": self.label, "interval_days": self.interval_days, "cards": self.cards}


@dataclass(frozen=True)
class CardCounts:
    """Cards by state. Suspended cards count only as suspended, whatever their step."""

    total: int = 0
    new: int = 0
    learning: int = 0
    steps: tuple[StepCount, ...] = ()
    suspended: int = 0
    completed_plan: int = 0  # reached the last step at least once

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "new": self.new,
            "learning": self.learning,
            "steps": [step.to_json() for step in self.steps],
            "suspended": self.suspended,
            "completed_plan": self.completed_plan,
        }


@dataclass(frozen=True)
class DeckCards:
    deck: str  # the deck's stable id
    name: str
    cards: CardCounts

    def to_json(self) -> dict[str, Any]:
        return {"deck": self.deck, "name": self.name, **self.cards.to_json()}


@dataclass(frozen=True)
class Labelled:
    """Answers and passes of one group: a deck, a ladder step or a card kind."""

    label: str
    counts: Passed
    name: str | None = None  # a deck's name

    def to_json(self, key: str) -> dict[str, Any]:
        data: dict[str, Any] = {key: self.label}
        if self.name is not None:
            data["name"] = self.name
        return {**data, **self.counts.to_json()}


@dataclass(frozen=True)
class Retention:
    overall: Passed
    by_deck: tuple[Labelled, ...]
    by_step: tuple[Labelled, ...]  # the step a card was on when answered: new, learning, 1d…
    by_card_kind: tuple[Labelled, ...]
    by_rating: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        return {
            "overall": self.overall.to_json(),
            "by_deck": [item.to_json("deck") for item in self.by_deck],
            "by_step": [item.to_json("step") for item in self.by_step],
            "by_card_kind": [item.to_json("kind") for item in self.by_card_kind],
            "by_rating": dict(self.by_rating),
        }


@dataclass(frozen=True)
class ExerciseAccuracy:
    kind: str
    difficulty: int
    answers: int
    correct: int

    @property
    def accuracy(self) -> float | None:
        return share(self.correct, self.answers)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "difficulty": self.difficulty,
            "answers": self.answers,
            "correct": self.correct,
            "accuracy": self.accuracy,
        }


@dataclass(frozen=True)
class Exercises:
    answers: int
    correct: int
    by_kind: tuple[ExerciseAccuracy, ...]
    mistakes: tuple[tuple[str, int], ...]  # (mistake code, times), most common first
    wrong_with_error: int  # wrong numeric answers
    median_error: float | None  # their median distance from the right answer

    @property
    def accuracy(self) -> float | None:
        return share(self.correct, self.answers)

    def to_json(self) -> dict[str, Any]:
        return {
            "answers": self.answers,
            "correct": self.correct,
            "accuracy": self.accuracy,
            "by_kind": [item.to_json() for item in self.by_kind],
            "mistakes": [{"mistake": code, "count": n} for code, n in self.mistakes],
            "wrong_with_error": self.wrong_with_error,
            "median_error": self.median_error,
        }


@dataclass(frozen=True)
class PlanPrompt:
    """One review-plan prompt of a deck: answered, unlocked, waiting, or waiting for a start."""

    deck: str
    card: str
    prompt: str
    unlock_after_days: int
    status: str  # "done", "unlocked", "locked" or "not_started"
    done_on: date | None  # the study day of its first answer
    unlocks_on: date | None  # None until the deck is started

    def to_json(self) -> dict[str, Any]:
        return {
            "deck": self.deck,
            "card": self.card,
            "prompt": self.prompt,
            "unlock_after_days": self.unlock_after_days,
            "status": self.status,
            "done_on": _iso(self.done_on),
            "unlocks_on": _iso(self.unlocks_on),
        }


@dataclass(frozen=True)
class Stats:
    today: date
    since: date
    until: date
    deck: str | None  # the deck's stable id, or None for all decks
    deck_name: str | None
    totals: Passed
    seconds: float
    study_days: int
    cards_reviewed: int
    days: tuple[DayStats, ...]  # every day of the range, oldest first
    streaks: Streaks
    cards: CardCounts
    cards_by_deck: tuple[DeckCards, ...]
    retention: Retention
    exercises: Exercises
    forecast: tuple[tuple[date, int], ...]  # (day, reviews due) for today and the next 29
    plan: tuple[PlanPrompt, ...]

    @property
    def empty(self) -> bool:
        return self.totals.reviews == 0

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "today": self.today.isoformat(),
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "deck": None if self.deck is None else {"id": self.deck, "name": self.deck_name},
            "note": "no reviews in this range yet" if self.empty else None,
            "totals": {
                **self.totals.to_json(),
                "seconds": self.seconds,
                "study_days": self.study_days,
                "cards_reviewed": self.cards_reviewed,
            },
            "days": [day.to_json() for day in self.days],
            "streaks": self.streaks.to_json(),
            "cards": {
                **self.cards.to_json(),
                "by_deck": [deck.to_json() for deck in self.cards_by_deck],
            },
            "retention": self.retention.to_json(),
            "exercises": self.exercises.to_json(),
            "forecast": [{"day": day.isoformat(), "due": due} for day, due in self.forecast],
            "plan": [prompt.to_json() for prompt in self.plan],
        }
