"""Health checks of a database file and its rows, and the safe repairs `srs-wb doctor` makes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Connection

from srs_wb.errors import DatabaseError
from srs_wb.storage.tallies import (
    COUNT_DIFFERENCES,
    COUNT_WRONG_CARD_SUMMARIES,
    REBUILD,
    RECOMPUTE_CARD_SUMMARIES,
)


def integrity(path: Path) -> str:
    """SQLite's own integrity check of the file at `path`, read-only: "ok" or the problems."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DatabaseError(f"{path}: cannot be opened ({exc})") from exc
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()
    return "; ".join(str(row[0]) for row in rows)


# Each check: (name, query counting the bad rows, repair statements or None when only a
# person can decide). Repairs only ever restore what the review log already says; they run
# in this order, so the tallies are rebuilt after the rows they sum are put right.
CHECKS: tuple[tuple[str, str, tuple[str, ...] | None], ...] = (
    (
        "reviews of cards that no longer exist",
        "SELECT count(*) FROM reviews WHERE card_id NOT IN (SELECT id FROM cards)",
        ("DELETE FROM reviews WHERE card_id NOT IN (SELECT id FROM cards)",),
    ),
    (
        "cards of decks that no longer exist",
        "SELECT count(*) FROM cards WHERE deck_id NOT IN (SELECT id FROM decks)",
        ("DELETE FROM cards WHERE deck_id NOT IN (SELECT id FROM decks)",),
    ),
    (
        "cards whose repetition count disagrees with the review log",
        "SELECT count(*) FROM cards c WHERE c.reps !="
        " (SELECT count(*) FROM reviews r WHERE r.card_id = c.id)",
        (
            "UPDATE cards SET reps = (SELECT count(*) FROM reviews r WHERE r.card_id = cards.id)"
            " WHERE reps != (SELECT count(*) FROM reviews r WHERE r.card_id = cards.id)",
        ),
    ),
    (
        "cards whose ladder step disagrees with their last review",
        "SELECT count(*) FROM cards c JOIN reviews r ON r.id ="
        " (SELECT max(id) FROM reviews WHERE card_id = c.id) WHERE c.step != r.step_after",
        None,
    ),
    (
        "cards never answered but not new",
        "SELECT count(*) FROM cards c WHERE c.phase != 0 AND NOT EXISTS"
        " (SELECT 1 FROM reviews r WHERE r.card_id = c.id)",
        None,
    ),
    (
        "decks whose card count is out of date",
        "SELECT count(*) FROM decks d WHERE d.card_count !="
        " (SELECT count(*) FROM cards c WHERE c.deck_id = d.id)",
        (
            "UPDATE decks SET card_count ="
            " (SELECT count(*) FROM cards c WHERE c.deck_id = decks.id)",
        ),
    ),
    (
        "cards whose last answer day or best step disagrees with the review log",
        COUNT_WRONG_CARD_SUMMARIES,
        RECOMPUTE_CARD_SUMMARIES,
    ),
    ("stats tallies that disagree with the review log", COUNT_DIFFERENCES, REBUILD),
)


def find_problems(conn: Connection) -> list[tuple[str, int, tuple[str, ...] | None]]:
    """(what, how many, repair) for every check that finds something."""
    found = []
    for name, count_sql, repair in CHECKS:
        count = int(conn.execute(text(count_sql)).scalar_one())
        if count:
            found.append((name, count, repair))
    return found


def repair(conn: Connection, statements: tuple[str, ...]) -> None:
    for statement in statements:
        conn.execute(text(statement))
