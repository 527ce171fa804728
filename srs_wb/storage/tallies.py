# ruff: noqa: S608 - the SQL is built from this file's constants only, never from data
"""What SQLite triggers derive from the review log (migration 0002): the review tallies
(models.ReviewTally) and each card's last answer day and best step. How to recompute them
from the log, and how far the kept ones are from that.

The triggers keep them in step with every write; these statements are for `srs-wb
doctor`, which checks them and rebuilds them when they differ.
"""

from __future__ import annotations

_KEY = (
    "r.day, c.deck_id, c.kind, coalesce(c.exercise, ''), c.difficulty, r.phase_before,"
    " r.step_before, r.rating, coalesce(r.correct, -1), coalesce(r.mistake, '')"
)
_FROM_LOG = (
    f"SELECT {_KEY}, count(*), sum(r.duration_ms)"
    " FROM reviews r JOIN cards c ON c.id = r.card_id"
    " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10"
)
_COLUMNS = (
    "day, deck_id, kind, exercise, difficulty, phase_before, step_before, rating, correct,"
    " mistake, reviews, millis"
)
_KEPT = f"SELECT {_COLUMNS} FROM review_tallies"

# Rows of the tallies that the log does not produce, plus rows the log produces that the
# tallies lack: 0 when they agree.
COUNT_DIFFERENCES = (
    f"SELECT (SELECT count(*) FROM ({_KEPT} EXCEPT {_FROM_LOG}))"
    f" + (SELECT count(*) FROM ({_FROM_LOG} EXCEPT {_KEPT}))"
)
REBUILD = ("DELETE FROM review_tallies", f"INSERT INTO review_tallies ({_COLUMNS}) {_FROM_LOG}")

_LAST_DAY = "(SELECT max(day) FROM reviews r WHERE r.card_id = cards.id)"
_BEST_STEP = "(SELECT max(step_after) FROM reviews r WHERE r.card_id = cards.id)"
_SUMMARY_WRONG = f"last_day IS NOT {_LAST_DAY} OR best_step IS NOT {_BEST_STEP}"
# Cards whose last answer day or best step is not what their answers say.
COUNT_WRONG_CARD_SUMMARIES = f"SELECT count(*) FROM cards WHERE {_SUMMARY_WRONG}"
RECOMPUTE_CARD_SUMMARIES = (
    f"UPDATE cards SET last_day = {_LAST_DAY}, best_step = {_BEST_STEP} WHERE {_SUMMARY_WRONG}",
)
