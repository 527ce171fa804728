"""What every deck reader produces and every writer consumes: plain, frozen deck data."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from srs_wb.scheduling.ladder import AfterLast
from srs_wb.scheduling.ladder import Ladder as LadderSpec

# A deck's own ladder is the scheduler's `Ladder` itself (steps in days, what follows the
# last step); the alias keeps the spec's vocabulary. AfterLast is re-exported for readers.
__all__ = ["AfterLast", "CardKind", "CardProgress", "CardSpec", "DeckSpec", "LadderSpec"]


class CardKind(enum.StrEnum):
    RECALL = "recall"
    EXERCISE = "exercise"


@dataclass(frozen=True)
class CardProgress:
    """Scheduling carried over from another program (Anki's `--with-progress`)."""

    step: int  # 0 = new, 1.. = ladder step
    due_in_days: int  # relative to the day of the import
    reps: int = 0
    lapses: int = 0


@dataclass(frozen=True)
class CardSpec:
    key: str  # stable id of the card within its deck
    kind: CardKind
    front: str = ""
    back: str = ""
    exercise: str | None = None  # exercise kind name, for kind == EXERCISE
    params: Mapping[str, Any] = field(default_factory=dict)  # declarative, JSON-like
    difficulty: int = 1
    tags: tuple[str, ...] = ()
    unlock_after_days: int | None = None
    suspended: bool = False
    line: int | None = None  # where the card starts in its file, for messages
    progress: CardProgress | None = None


@dataclass(frozen=True)
class DeckSpec:
    key: str  # stable id of the deck
    name: str
    cards: Sequence[CardSpec]  # a tuple, or a bulk reader's columns (`card_build.RecallColumns`)
    language: str = "en"
    description: str = ""
    format_version: int = 1
    ladder: LadderSpec | None = None
    new_per_day: int | None = None
    reviews_per_day: int | None = None
    source: str = ""  # the file it came from, for messages
