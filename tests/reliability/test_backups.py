"""Daily backups, `backup`, `restore` (checked first, current file kept) and `doctor`."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from srs_wb.cli.main import main
from srs_wb.scheduling import Rating
from srs_wb.services.collection import Collection
from srs_wb.services.study import StudySession
from srs_wb.storage.backup import daily_backup
from tests.conftest import recall_deck


def reviews_in(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM reviews").fetchone()[0]
    finally:
        conn.close()


def answer_one(collection: Collection) -> None:
    session = StudySession(collection)
    assert session.next_card() is not None
    session.answer(Rating.GOOD)


def test_a_backup_at_the_first_open_of_each_day_keeping_seven(
    open_collection, db_path, clock
) -> None:
    collection = open_collection(recall_deck(n=20))
    collection.close()
    for _ in range(10):
        with Collection(db_path, now=clock, install_builtin=False) as again:
            answer_one(again)
        with Collection(db_path, now=clock, install_builtin=False):
            pass  # a second open the same day adds no backup
        clock.advance(days=1)
    backups = sorted((db_path.parent / "backups").glob("srs-*.db"))
    assert len(backups) == 7
    assert backups[-1].name == "srs-2026-03-11.db"
    # Each backup opens and holds the answers made before that day's first open.
    assert reviews_in(backups[-1]) == 9
    assert reviews_in(backups[0]) == 3


def test_daily_backup_is_one_self_contained_file(tmp_path: Path, db_path: Path, clock) -> None:
    with Collection(db_path, now=clock, install_builtin=False) as collection:
        answer_one_deck = recall_deck(n=1)
        from srs_wb.services.importing import import_specs

        import_specs(collection, [answer_one_deck], origin="toml")
        answer_one(collection)
        target = daily_backup(db_path, collection.today() + timedelta(days=1))
    assert target is not None and target.is_file()
    assert not Path(f"{target}-wal").exists()
    assert reviews_in(target) == 1


def test_backup_command_and_restore_round_trip(
    tmp_path: Path, open_collection, db_path, capsys
) -> None:
    collection = open_collection(recall_deck(n=3))
    answer_one(collection)
    collection.close()
    copy = tmp_path / "copy.db"
    assert main(["--db", str(db_path), "backup", "-o", str(copy)]) == 0
    assert reviews_in(copy) == 1
    with Collection(db_path, install_builtin=False) as again:
        answer_one(again)
    assert reviews_in(db_path) == 2
    assert main(["--db", str(db_path), "restore", str(copy), "--yes"]) == 0
    out = capsys.readouterr().out
    assert reviews_in(db_path) == 1
    kept = next(db_path.parent.glob("srs.db.before-restore-*"))
    assert reviews_in(kept) == 2
    assert "kept as" in out


@pytest.mark.parametrize("content", [b"not a database at all", b""])
def test_restore_refuses_a_bad_file_and_changes_nothing(
    tmp_path: Path, open_collection, db_path, capsys, content
) -> None:
    collection = open_collection(recall_deck(n=3))
    answer_one(collection)
    collection.close()
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    assert main(["--db", str(db_path), "restore", str(bad), "--yes"]) == 1
    assert "bad.db" in capsys.readouterr().err
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
    assert not list(db_path.parent.glob("*.before-restore-*"))


def test_doctor_finds_and_repairs_what_is_safe(open_collection, db_path, capsys) -> None:
    collection = open_collection(recall_deck(n=3))
    answer_one(collection)
    collection.close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE cards SET reps = 5 WHERE key = 'c0'")
    conn.execute("UPDATE decks SET card_count = 99")
    conn.commit()
    conn.close()
    assert main(["--db", str(db_path), "doctor", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["integrity"] == "ok"
    assert {p["problem"] for p in report["problems"]} == {
        "cards whose repetition count disagrees with the review log",
        "decks whose card count is out of date",
    }
    assert main(["--db", str(db_path), "doctor", "--repair"]) == 0
    assert "repaired" in capsys.readouterr().out
    assert main(["--db", str(db_path), "doctor"]) == 0
    assert "no problems found" in capsys.readouterr().out


def test_a_failed_daily_backup_is_said_and_leaves_no_stray_file(
    open_collection, db_path, clock, capsys, monkeypatch
) -> None:
    open_collection(recall_deck(n=3)).close()
    clock.advance(days=1)
    folder = db_path.parent / "backups"

    connect = sqlite3.connect

    class FullDisk:
        """A connection whose backup fails as sqlite3's does when the disk fills up."""

        def __init__(self, *args, **kwargs) -> None:
            self.connection = connect(*args, **kwargs)

        def backup(self, target) -> None:
            target.connection.execute("CREATE TABLE half_written (x)")
            raise sqlite3.OperationalError("database or disk is full")

        def __getattr__(self, name):
            return getattr(self.connection, name)

    # Only the backup module's view of sqlite3: the database itself stays real.
    monkeypatch.setattr(
        "srs_wb.storage.backup.sqlite3", SimpleNamespace(connect=FullDisk, Error=sqlite3.Error)
    )
    monkeypatch.setattr("srs_wb.services.collection.utc_now", clock)
    code = main(["--db", str(db_path), "decks"])
    assert code == 0  # the learner's work goes on
    err = capsys.readouterr().err
    assert "warning: the daily backup could not be written: database or disk is full" in err
    assert not list(folder.glob("*.partial")) and not list(folder.glob("srs-2026-03-02*"))
