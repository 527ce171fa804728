"""Every past schema revision upgrades to head without losing a card, a state or a review.

tests/fixtures/migrations/<revision>.db holds a database made at that revision by
tests/fixtures/make_migration_fixtures.py: real data, made through the services (two
courses, six weeks of study with exercises, an undo, a suspended card, an imported deck).
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from srs_wb.services.collection import Collection
from srs_wb.services.maintenance import doctor
from srs_wb.services.stats import compute_stats
from srs_wb.storage.schema_version import HEAD_REVISION, KNOWN_REVISIONS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "migrations"
PAST = [path.stem for path in sorted(FIXTURES.glob("*.db")) if path.stem != HEAD_REVISION]


def test_a_fixture_for_every_past_revision() -> None:
    # Write the fixture of a revision before adding the next one (see the script).
    assert list(KNOWN_REVISIONS[:-1]) == PAST


def tables(path: Path) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """Every table's columns and rows, sorted."""
    conn = sqlite3.connect(path)
    try:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version'"
            )
        ]
        found = {}
        for name in names:
            cursor = conn.execute(f'SELECT * FROM "{name}"')  # noqa: S608 - names from the file
            columns = [column[0] for column in cursor.description]
            found[name] = (columns, sorted(cursor.fetchall(), key=repr))
        return found
    finally:
        conn.close()


def rows_of(path: Path, table: str, columns: list[str]) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        listed = ", ".join(f'"{column}"' for column in columns)
        rows = conn.execute(f'SELECT {listed} FROM "{table}"').fetchall()  # noqa: S608
        return sorted(rows, key=repr)
    finally:
        conn.close()


@pytest.mark.parametrize("revision", PAST)
def test_upgrade_keeps_every_row(revision: str, tmp_path: Path) -> None:
    path = tmp_path / "srs-wb.db"
    shutil.copyfile(FIXTURES / f"{revision}.db", path)
    before = tables(path)
    assert before["reviews"][1] and before["cards"][1]  # real data to lose

    with Collection(path, install_builtin=False) as collection:
        report = doctor(collection)
        stats = compute_stats(collection, since=date(2020, 1, 1))

    for table, (columns, rows) in before.items():
        assert rows_of(path, table, columns) == rows, table
    assert report.healthy, report.problems  # also: the new tallies agree with the log
    assert stats.totals.reviews == len(before["reviews"][1])  # read from the new tallies
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD_REVISION,)
    conn.close()

    # The copy taken before the upgrade opens and holds the old data, at the old revision.
    backup = path.with_name(f"{path.name}.bak-{revision}")
    assert tables(backup) == before
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (revision,)
    conn.close()
