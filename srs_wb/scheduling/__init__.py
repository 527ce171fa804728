"""The review ladder: pure functions of a card's state, a grade and the time passed in."""

from srs_wb.scheduling.days import DayClock
from srs_wb.scheduling.ladder import (
    DEFAULT_LADDER,
    CardState,
    Ladder,
    Phase,
    Rating,
    answer,
    preview,
)

__all__ = [
    "DEFAULT_LADDER",
    "CardState",
    "DayClock",
    "Ladder",
    "Phase",
    "Rating",
    "answer",
    "preview",
]
