"""Where the database lives and how it is opened: file checks, pragmas, session factories."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from srs_wb.errors import DatabaseError

APP_NAME = "srs-wb"
ENV_DB = "SRS_WB_DB"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def default_db_path() -> Path:
    # Imported here: platformdirs is only needed when no path is given.
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "srs-wb.db"


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--db PATH` first, then $SRS_WB_DB, then the platform's user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(ENV_DB)
    if from_env:
        return Path(from_env).expanduser()
    return default_db_path()


def check_file(path: Path) -> None:
    """Refuse, untouched, a file that is not an SQLite database."""
    if path.is_dir():
        raise DatabaseError(f"{path}: is a folder, not a database file")
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(f"{path}: cannot be read ({exc.strerror})") from exc
    if header != SQLITE_HEADER:
        raise DatabaseError(f"{path}: not an SQLite database; left untouched")


def read_only_part(path: Path) -> Path:
    """Which of the database's files srs-wb may not write: the database itself, or the
    -wal or -shm file beside it (SQLite makes those read-only when the database was)."""
    for part in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if part.exists() and not os.access(part, os.W_OK):
            return part
    return path


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Every connection, not just the first: these are per-connection settings (WAL is
    # persistent in the file, but setting it again is free and repairs a copied file).
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _begin(conn: Any) -> None:
    # pysqlite's own BEGIN handling is switched off (below); we issue BEGIN ourselves. A
    # writing transaction takes the write lock up front (IMMEDIATE), so it waits on the busy
    # timeout instead of failing half-way when another process wrote first.
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def create_db_engine(path: Path) -> Engine:
    """An engine on `path`, creating its folder; pragmas are set on every connection."""
    check_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"{path.parent}: cannot create the folder ({exc.strerror})") from exc
    engine = create_engine(
        f"sqlite:///{path}",
        # The app's worker threads take connections from the pool; the pool hands each
        # to one thread at a time, so sqlite3's same-thread check only gets in the way.
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    event.listen(engine, "connect", _disable_pysqlite_transactions)
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


def _disable_pysqlite_transactions(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (the SQLAlchemy docs' recipe for
    # SQLite transactions), so the whole answer or import is one real transaction.
    dbapi_connection.isolation_level = None


def core(target: Session | Connection) -> Connection:
    """The Core connection under `target`: the hot paths run prebuilt statements on it,
    skipping the ORM's per-statement work."""
    return target.connection() if isinstance(target, Session) else target


def writing_engine(engine: Engine) -> Engine:
    """The same engine, beginning its transactions with BEGIN IMMEDIATE."""
    return engine.execution_options(sqlite_begin="IMMEDIATE")
