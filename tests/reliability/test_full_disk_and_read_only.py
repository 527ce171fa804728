"""A full disk and a read-only database: one clear line, and nothing acknowledged is lost.

Two ways to fill the disk. In-process, SQLite's `max_page_count` makes the database unable
to grow, which SQLite reports exactly as it reports a full disk (SQLITE_FULL), on any
machine. End to end, a real 1 MB tmpfs in a private mount namespace (`unshare`), filled with
a file, under real `srs-wb` processes — skipped where namespaces are not allowed.

Read-only is tried for real too: a file with mode 0444 and a folder with mode 0555. Root
ignores permission bits, so as root the child runs without CAP_DAC_OVERRIDE (`setpriv`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from srs_wb.errors import DatabaseError
from srs_wb.scheduling import Rating
from srs_wb.services.collection import Collection
from srs_wb.services.importing import import_specs
from srs_wb.services.study import StudySession
from tests.conftest import recall_deck


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
    finally:
        conn.close()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def disk_full_at() -> Iterator[Any]:
    """`fill(collection)`: from now on the database cannot grow by a single page."""
    filled: list[tuple[Collection, object]] = []

    def fill(collection: Collection, spare_pages: int = 0) -> None:
        with collection.connected() as conn:
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()

        def limit(dbapi_connection: sqlite3.Connection, _record: object) -> None:
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages + spare_pages}")

        event.listen(collection.engine, "connect", limit)
        collection.engine.dispose()  # every connection from here on is a new, limited one
        filled.append((collection, limit))

    def free(collection: Collection) -> None:
        for owner, limit in filled:
            if owner is collection:
                event.remove(collection.engine, "connect", limit)
        collection.engine.dispose()

    fill.free = free  # type: ignore[attr-defined]
    yield fill


def test_an_answer_that_does_not_fit_is_refused_and_nothing_acknowledged_is_lost(
    open_collection, db_path: Path, disk_full_at
) -> None:
    collection = open_collection(recall_deck(n=600))
    collection.set_setting("new_per_day", 1000)
    session = StudySession(collection)
    disk_full_at(collection)
    acknowledged = 0
    with pytest.raises(DatabaseError) as refused:
        while session.next_card() is not None:
            session.answer(Rating.GOOD)
            acknowledged += 1
    assert str(refused.value) == f"{db_path}: the disk is full; nothing was written"
    assert acknowledged > 0  # the log's free pages filled up first
    assert count(db_path, "reviews") == acknowledged
    assert integrity(db_path) == "ok"
    # The card on screen is still on screen; once there is room, the same answer goes in.
    shown = session.next_card()
    assert shown is not None and shown.reps == 0
    disk_full_at.free(collection)
    session.answer(Rating.GOOD)
    assert count(db_path, "reviews") == acknowledged + 1


def test_an_import_that_does_not_fit_writes_nothing(
    open_collection, db_path: Path, disk_full_at
) -> None:
    collection = open_collection(recall_deck(n=20))
    collection.close()
    before = digest(db_path)
    with Collection(db_path, install_builtin=False) as again:
        disk_full_at(again, spare_pages=8)
        with pytest.raises(DatabaseError, match="the disk is full; nothing was written"):
            import_specs(again, [recall_deck("big", n=3000)], origin="toml")
    assert count(db_path, "cards") == 20
    assert integrity(db_path) == "ok"
    assert digest(db_path) == before  # not a byte of the failed import reached the file


# Real processes, a real full disk ----------------------------------------------------------

# Runs inside `unshare --user --map-root-user --mount`: a tmpfs mounted there vanishes with
# the namespace, so the whole scenario and its checks run in there, and report in JSON.
FULL_DISK_SCENARIO = r"""
import json, os, shutil, sqlite3, subprocess, sys

seed, mount = sys.argv[1], sys.argv[2]
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount], check=True)
db = os.path.join(mount, "srs.db")
shutil.copyfile(seed, db)
cli = [sys.executable, "-m", "srs_wb", "--db", db]
report = {}


def run(*args, stdin=""):
    done = subprocess.run([*cli, *args], input=stdin, capture_output=True, text=True)
    return {"rc": done.returncode, "out": done.stdout, "err": done.stderr}


def query(sql):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def fill(name, leave):
    free = shutil.disk_usage(mount).free
    with open(os.path.join(mount, name), "wb") as handle:
        try:
            handle.write(b"\0" * max(0, free - leave))
        except OSError:
            pass


report["first"] = run("decks")  # today's backup is made while there is room
fill("filler", 96 * 1024)
report["review"] = run("review", "--plain", stdin="\n3\n" * 40)
report["reviews_logged"] = query("SELECT count(*) FROM reviews")
report["integrity"] = query("PRAGMA integrity_check")
fill("more", 0)
with open(db, "rb") as handle:
    before = handle.read()
report["open_when_full"] = run("decks")
with open(db, "rb") as handle:
    report["untouched"] = handle.read() == before
os.remove(os.path.join(mount, "filler"))
os.remove(os.path.join(mount, "more"))
report["after_freeing"] = run("review", "--plain", stdin="\n3\n")
report["reviews_in_the_end"] = query("SELECT count(*) FROM reviews")
print(json.dumps(report))
"""


NAMESPACE = ["unshare", "--user", "--map-root-user", "--mount"]


@pytest.mark.slow  # four srs-wb processes
def test_a_review_on_a_really_full_disk(tmp_path: Path) -> None:
    if shutil.which("unshare") is None or sys.platform != "linux":
        pytest.skip("needs Linux and unshare(1)")
    probe = subprocess.run([*NAMESPACE, "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("user and mount namespaces are not allowed here")
    seed = tmp_path / "seed.db"
    with Collection(seed):  # the built-in course, as on a learner's machine
        pass
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        [*NAMESPACE, sys.executable, "-c", FULL_DISK_SCENARIO, str(seed), str(mount)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["first"]["rc"] == 0, report["first"]["err"]

    # The review runs until an answer does not fit: that one is refused with one line, and
    # every answer the learner was told was saved is in the log.
    review = report["review"]
    db = mount / "srs.db"
    assert review["rc"] == 1
    assert review["err"] == f"srs-wb: {db}: the disk is full; nothing was written\n"
    saved = review["out"].count("saved:")
    assert saved > 0 and report["reviews_logged"] == saved
    assert report["integrity"] == "ok"

    # Not even the start-up fits on a completely full disk (SQLite's -shm file): the file is
    # not called damaged, and is left as it was.
    full = report["open_when_full"]
    assert full["rc"] == 1 and "Traceback" not in full["err"]
    assert full["err"] == (
        f"srs-wb: {db}: the disk is full (free some space and try again); left untouched\n"
    )
    assert report["untouched"]

    # Once there is room, studying simply goes on.
    again = report["after_freeing"]
    assert again["rc"] == 0 and again["out"].count("saved:") == 1
    assert report["reviews_in_the_end"] == saved + 1


# Read-only ---------------------------------------------------------------------------------


def as_learner(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """`srs-wb ARGS` as a user that file permissions apply to."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root, and setpriv(1) is not there to drop the override")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner"]
    return subprocess.run(
        [*prefix, sys.executable, "-m", "srs_wb", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def learner_db(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "srs.db"
    with Collection(db):  # the built-in course, as on a learner's machine
        pass
    yield db
    folder.chmod(0o755)  # so that pytest can clean up
    db.chmod(0o644)


def test_a_read_only_database_file_can_be_read_but_not_answered(learner_db: Path) -> None:
    learner_db.chmod(0o444)
    before = digest(learner_db)
    listed = as_learner("--db", str(learner_db), "decks")
    assert listed.returncode == 0 and "Weights and biases" in listed.stdout
    review = as_learner("--db", str(learner_db), "review", "--plain", stdin="\n3\n")
    # The card is shown; the answer is refused with one line, and not claimed as saved.
    assert review.returncode == 1
    assert "saved:" not in review.stdout
    assert review.stderr == f"srs-wb: {learner_db}: the database file is read-only\n"
    assert digest(learner_db) == before
    assert count(learner_db, "reviews") == 0

    # Made writable again: SQLite gave the -wal and -shm files beside it the database's
    # read-only mode, and a connection that cannot write them cannot write at all. The
    # error names the file to change, rather than calling the database read-only again.
    learner_db.chmod(0o644)
    left = [
        part
        for part in (Path(f"{learner_db}-wal"), Path(f"{learner_db}-shm"))
        if part.exists() and not part.stat().st_mode & 0o200
    ]
    if left:
        review = as_learner("--db", str(learner_db), "review", "--plain", stdin="\n3\n")
        assert review.returncode == 1
        assert review.stderr == (
            f"srs-wb: {left[0]}: read-only, and SQLite writes it to change srs.db;"
            " make it writable too\n"
        )
        for part in left:
            part.chmod(0o644)
    review = as_learner("--db", str(learner_db), "review", "--plain", stdin="\n3\n")
    assert review.returncode == 0 and review.stdout.count("saved:") == 1
    assert count(learner_db, "reviews") == 1


def test_a_read_only_folder_is_named_as_the_cause(learner_db: Path) -> None:
    before = digest(learner_db)
    learner_db.parent.chmod(0o555)
    listed = as_learner("--db", str(learner_db), "decks")
    assert listed.returncode == 1
    assert listed.stderr.startswith(
        f"srs-wb: {learner_db}: cannot be opened: srs-wb may not write in {learner_db.parent}"
    )
    assert "damaged" not in listed.stderr and "Traceback" not in listed.stderr
    assert digest(learner_db) == before
