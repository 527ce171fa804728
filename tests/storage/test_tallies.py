# ruff: noqa: S608 - the SQL is built from this file's constants only
"""The review tallies stay equal to the review log, whatever writes the log or the cards."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from srs_wb.services.collection import Collection
from srs_wb.services.maintenance import doctor
from srs_wb.storage.tallies import COUNT_DIFFERENCES, COUNT_WRONG_CARD_SUMMARIES

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "migrations" / "0001.db"


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 0001 fixture (three decks, a thousand answers) brought to head once."""
    path = tmp_path_factory.mktemp("tallies") / "srs-wb.db"
    shutil.copyfile(FIXTURE, path)
    Collection(path, install_builtin=False).close()
    return path


def differences(conn: sqlite3.Connection) -> int:
    """Tally rows and card summaries that differ from what the log says."""
    tallies = conn.execute(COUNT_DIFFERENCES).fetchone()[0]
    return int(tallies + conn.execute(COUNT_WRONG_CARD_SUMMARIES).fetchone()[0])


# Each write: (SQL, how many numbers it takes). Rows are picked by position modulo their
# count, so that any drawn number names an existing review, card or deck.
REVIEW = (
    "(SELECT id FROM reviews ORDER BY id LIMIT 1 OFFSET ? % max(1, (SELECT count(*) FROM reviews)))"
)
CARD = "(SELECT id FROM cards ORDER BY id LIMIT 1 OFFSET ? % max(1, (SELECT count(*) FROM cards)))"
WRITES = {
    "answer": (
        "INSERT INTO reviews (card_id, reviewed_at, day, rating, phase_before, step_before,"
        " step_after, interval_days, duration_ms, correct, mistake)"
        f" VALUES ({CARD}, 0, 20600 + ? % 5, 1 + ? % 4, 2, ? % 5, 1, 1, 1500, NULL, NULL)",
        4,
    ),
    "wrong exercise answer": (
        "INSERT INTO reviews (card_id, reviewed_at, day, rating, phase_before, step_before,"
        " step_after, interval_days, duration_ms, correct, error, mistake)"
        f" VALUES ({CARD}, 0, 20600 + ? % 5, 1, 2, 0, 0, 0, 900, 0, 0.5, 'sign')",
        2,
    ),
    "undo": (f"DELETE FROM reviews WHERE id = {REVIEW}", 1),
    "edit an answer": (
        f"UPDATE reviews SET rating = 1 + ? % 4, duration_ms = ? WHERE id = {REVIEW}",
        3,
    ),
    "edit an answer's day and step": (
        f"UPDATE reviews SET day = 20590 + ? % 20, step_after = ? % 6 WHERE id = {REVIEW}",
        3,
    ),
    "move an answer to another card": (
        f"UPDATE reviews SET card_id = {CARD} WHERE id = {REVIEW}",
        2,
    ),
    "re-import: new difficulty": (
        f"UPDATE cards SET difficulty = 1 + ? % 3 WHERE id = {CARD}",
        2,
    ),
    "re-import: recall card becomes an exercise": (
        f"UPDATE cards SET kind = 'exercise', exercise = 'neuron_output' WHERE id = {CARD}",
        1,
    ),
    "re-import: exercise becomes a recall card": (
        f"UPDATE cards SET kind = 'recall', exercise = NULL WHERE id = {CARD}",
        1,
    ),
    "card moved to another deck": (
        "UPDATE cards SET deck_id = (SELECT id FROM decks ORDER BY id LIMIT 1"
        " OFFSET ? % (SELECT count(*) FROM decks)),"
        f" key = key || '-moved-' || id WHERE id = {CARD}",
        2,
    ),
    "card deleted": (f"DELETE FROM cards WHERE id = {CARD}", 1),
    "deck deleted": (
        "DELETE FROM decks WHERE id = (SELECT max(id) FROM decks)"
        " AND (SELECT count(*) FROM decks) > 1",  # one deck stays, with cards to answer
        0,
    ),
}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(WRITES)), st.lists(st.integers(0, 150), min_size=4)),
        min_size=1,
        max_size=12,
    )
)
def test_every_write_keeps_the_tallies_equal_to_the_log(
    upgraded: Path, writes: list[tuple[str, list[int]]]
) -> None:
    conn = sqlite3.connect(upgraded)
    conn.execute("PRAGMA foreign_keys = ON")
    try:
        assert differences(conn) == 0
        for name, numbers in writes:
            statement, needed = WRITES[name]
            conn.execute(statement, numbers[:needed])
            assert differences(conn) == 0, name
        empty = conn.execute("SELECT count(*) FROM review_tallies WHERE reviews <= 0")
        assert empty.fetchone() == (0,)
    finally:
        conn.rollback()  # every example starts from the same database
        conn.close()


def test_doctor_finds_and_rebuilds_what_the_triggers_keep(upgraded: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.db"
    shutil.copyfile(upgraded, path)
    conn = sqlite3.connect(path)
    conn.execute(
        "UPDATE review_tallies SET reviews = reviews + 1"
        " WHERE day = (SELECT max(day) FROM review_tallies)"
    )
    conn.execute(
        "UPDATE review_tallies SET millis = millis + 7"
        " WHERE day = (SELECT min(day) FROM review_tallies)"
    )
    conn.execute("UPDATE cards SET best_step = 0, last_day = NULL WHERE id IN (1, 2, 3)")
    conn.commit()
    conn.close()
    with Collection(path, install_builtin=False) as collection:
        found = doctor(collection)
        assert [p["problem"] for p in found.problems] == [
            "cards whose last answer day or best step disagrees with the review log",
            "stats tallies that disagree with the review log",
        ]
        assert found.problems[0]["count"] == 3 and found.problems[1]["count"] > 0
        assert found.problems[0]["repairable"]
        repaired = doctor(collection, repair=True)
        assert repaired.repaired and doctor(collection).healthy
