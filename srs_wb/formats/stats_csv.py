"""The stats CSV files: their columns, and text cells no spreadsheet runs as formulas.

The lines themselves are built in SQLite for speed (srs_wb.storage.stats_queries), quoted
as Python's csv module would (RFC 4180, quotes only where needed); `protect` is the rule
for a text cell, and the tests hold the SQL to it and to the csv module.
"""

from __future__ import annotations

from collections.abc import Sequence

LINE_END = "\r\n"  # RFC 4180

# One row per answer, in the order the answers were logged.
REVIEW_COLUMNS: tuple[str, ...] = (
    "reviewed_at",  # UTC, ISO 8601 with milliseconds: 2026-03-02T09:00:00.000Z
    "day",  # the learner's study day (local, after the rollover hour): 2026-03-02
    "deck",  # the deck's stable id
    "card",  # the card's stable id within its deck
    "card_kind",  # recall | exercise
    "exercise_kind",  # e.g. neuron_output; empty for recall cards
    "rating",  # again | hard | good | easy
    "step_before",  # ladder step before the answer: 0 = new or learning, 1 = first interval…
    "step_after",
    "interval_days",  # the interval the answer set; 0 = asked again the same day
    "duration_seconds",  # time from showing the card to the answer
    "correct",  # exercises: true | false; empty for recall cards
    "typed",  # exercises: the answer as typed
    "expected",  # exercises: the right answer
    "error",  # exercises: distance of a numeric answer from the right one
    "mistake",  # exercises: the known mistake recognised, e.g. forgot_bias
    "seed",  # exercises: the seed that generated the instance
)

# One row per card, with its state now.
CARD_COLUMNS: tuple[str, ...] = (
    "deck",
    "card",
    "card_kind",
    "exercise_kind",
    "difficulty",
    "phase",  # new | learning | review
    "step",  # 0 = not on the ladder yet, 1 = first interval…
    "interval_days",
    "due_day",  # review cards: the study day it is due
    "reps",
    "lapses",
    "suspended",  # true | false
    "last_review",  # UTC, ISO 8601
    "front",  # the card's question (exercise cards: the skill's title, if any)
)

# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets
# ("-0.4" included, and a leading tab or carriage return hides the sign): such text cells
# get a leading apostrophe, which spreadsheets show as text and do not display.
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def protect(text: str | None) -> str | None:
    """`text` as a spreadsheet-safe cell: an apostrophe before a formula-like start."""
    if text and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def header(columns: Sequence[str]) -> str:
    """The header line (column names need no quoting), with the RFC 4180 line end."""
    return ",".join(columns) + LINE_END
