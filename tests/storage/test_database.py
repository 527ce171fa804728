"""Opening databases: pragmas on every connection, bad files refused untouched, paths."""

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from srs_wb.errors import DatabaseError
from srs_wb.services.collection import Collection
from srs_wb.storage.database import resolve_db_path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_pragmas_are_set_on_every_connection(db_path: Path) -> None:
    with Collection(db_path, install_builtin=False) as collection:
        for _ in range(2):
            with collection.engine.connect() as conn:
                values = {
                    name: conn.execute(text(f"PRAGMA {name}")).scalar()
                    for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
                }
            assert values == {
                "journal_mode": "wal",
                "foreign_keys": 1,
                "busy_timeout": 5000,
                "synchronous": 1,  # NORMAL
            }
            collection.engine.dispose()  # the next loop gets a brand-new connection


def test_missing_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "srs.db"
    with Collection(path, install_builtin=False):
        pass
    assert path.is_file()


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n")
    before = digest(path)
    with pytest.raises(DatabaseError, match=r"notes\.db: not an SQLite database"):
        Collection(path, install_builtin=False)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_a_corrupt_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    with Collection(path, install_builtin=False):
        pass
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the first page past the header
    path.write_bytes(bytes(data))
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    before = digest(path)
    with pytest.raises(DatabaseError, match=r"broken\.db"):
        Collection(path, install_builtin=False)
    assert digest(path) == before


def test_a_foreign_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseError, match="not an srs-wb one"):
        Collection(path, install_builtin=False)
    assert digest(path) == before


def test_a_database_from_a_newer_version_is_refused_untouched(db_path: Path) -> None:
    with Collection(db_path, install_builtin=False):
        pass
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = digest(db_path)
    with pytest.raises(DatabaseError, match="newer srs-wb"):
        Collection(db_path, install_builtin=False)
    assert digest(db_path) == before


def test_db_path_resolution(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SRS_WB_DB", str(tmp_path / "env.db"))
    assert resolve_db_path(str(tmp_path / "flag.db")) == tmp_path / "flag.db"
    assert resolve_db_path(None) == tmp_path / "env.db"
    monkeypatch.delenv("SRS_WB_DB")
    default = resolve_db_path(None)
    assert default.name == "srs-wb.db" and "srs-wb" in str(default.parent)
