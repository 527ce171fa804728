"""The ladder's words in the learner's language: grades, intervals, steps (TUI and CLI)."""

from __future__ import annotations

import re

from srs_wb.i18n import N_, _
from srs_wb.scheduling.ladder import Rating

RATING_NAMES = {
    Rating.AGAIN: N_("Again"),
    Rating.HARD: N_("Hard"),
    Rating.GOOD: N_("Good"),
    Rating.EASY: N_("Easy"),
}

_INTERVAL = re.compile(r"^(\d+)(d|w|mo|y)$")
_UNITS = {
    "d": N_("{n}d"),
    "w": N_("{n}w"),
    "mo": N_("{n}mo"),
    "y": N_("{n}y"),
}
_STEPS = {"new": N_("new"), "learning": N_("learning")}


def rating_name(rating: Rating) -> str:
    return _(RATING_NAMES[rating])


def interval(label: str) -> str:
    """The scheduler's interval label ("<10m", "1d", "3d", "1w", "1mo") in the active language."""
    if label == "<10m":
        return _("<10m")
    match = _INTERVAL.match(label)
    if match is None:
        return label
    return _(_UNITS[match.group(2)]).format(n=int(match.group(1)))


def step(label: str) -> str:
    """A card's place on the ladder ("new", "learning" or an interval) in the active language."""
    if label in _STEPS:
        return _(_STEPS[label])
    return interval(label)
