"""Plain, frozen results the service hands to the TUI and the CLI (never ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from srs_wb.scheduling.ladder import Outcome, Phase, Rating


@dataclass(frozen=True)
class DeckSummary:
    id: int
    key: str
    name: str
    language: str
    new: int
    learning: int
    due: int
    total: int
    suspended: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.key,
            "name": self.name,
            "language": self.language,
            "new": self.new,
            "learning": self.learning,
            "due": self.due,
            "total": self.total,
            "suspended": self.suspended,
        }


@dataclass(frozen=True)
class Overview:
    today: date
    decks: tuple[DeckSummary, ...]
    next_due: date | None  # the next day a review is due, when nothing is due today
    due_tomorrow: int

    @property
    def totals(self) -> dict[str, int]:
        return {
            name: sum(getattr(deck, name) for deck in self.decks)
            for name in ("new", "learning", "due", "total")
        }


@dataclass(frozen=True)
class CardView:
    """The card to show now. For an exercise, `exercise` is the generated instance."""

    id: int
    deck_id: int
    deck_key: str
    deck_name: str
    key: str
    kind: str  # "recall" or "exercise"
    front: str
    back: str
    phase: Phase
    step: int
    interval_days: int
    reps: int
    lapses: int
    outcomes: dict[Rating, Outcome]
    exercise: Any = None  # srs_wb.engine.Exercise (kept untyped so views need no NumPy)
    tags: tuple[str, ...] = ()

    @property
    def step_label(self) -> str:
        if self.phase is Phase.NEW:
            return "new"
        if self.phase is Phase.LEARNING:
            return "learning"
        from srs_wb.scheduling.durations import format_days

        return format_days(self.interval_days)


@dataclass(frozen=True)
class AnswerResult:
    card_id: int
    rating: Rating
    interval_days: int  # 0: again in this session
    due_day: date | None
    review_id: int


@dataclass
class SessionStats:
    """What the session summary shows; grows as the session goes."""

    answered: int = 0
    correct: int = 0  # Good or Easy, or an exercise graded correct
    again: int = 0
    seconds: float = 0.0
    by_rating: dict[str, int] = field(default_factory=dict)
    exercises_by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind: [right, total]
