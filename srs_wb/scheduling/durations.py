"""Durations as decks write them ("1d", "3d", "1w", "1mo") and as buttons show them."""

from __future__ import annotations

import re

# No bare "m": a teacher writing "10m" may mean minutes, and months would surprise them.
_UNIT_DAYS = {"d": 1, "w": 7, "mo": 30, "y": 365}
_DURATION = re.compile(r"^\s*(\d{1,4})\s*(d|w|mo|y)\s*$", re.IGNORECASE)


def parse_days(text: str) -> int:
    """Read "3d", "1w", "1mo", "1y" (or a bare number of days) as a number of days.

    Raises ValueError with a message that says what is accepted.
    """
    if isinstance(text, bool):
        raise ValueError(f"expected a duration such as 1d, 3d, 1w or 1mo, got {text!r}")
    if isinstance(text, int):
        days = text
    else:
        match = _DURATION.match(str(text))
        if match is None:
            raise ValueError(f"expected a duration such as 1d, 3d, 1w or 1mo, got {text!r}")
        days = int(match.group(1)) * _UNIT_DAYS[match.group(2).lower()]
    if days < 0:
        raise ValueError(f"a duration cannot be negative, got {text!r}")
    return days


def format_days(days: int) -> str:
    """The short label of an interval: 1d, 3d, 1w, 1mo, 2mo, 1y; "<10m" for the same day."""
    if days <= 0:
        return "<10m"
    if days >= 365 and days % 365 == 0:
        return f"{days // 365}y"
    if days >= 30 and days % 30 == 0:
        return f"{days // 30}mo"
    if days >= 7 and days % 7 == 0:
        return f"{days // 7}w"
    return f"{days}d"
