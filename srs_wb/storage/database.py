"""Where the database lives and how it is opened: file checks, pragmas, session factories,
and the driver connection the answer loop runs on."""

from __future__ import annotations

import os
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
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


def driver(target: Session | Connection | sqlite3.Connection) -> sqlite3.Connection:
    """The sqlite3 connection under `target`, inside whatever transaction `target` has begun.

    The statements run for every answer (read a card, write its state, log the answer)
    are one-row statements SQLite runs in a few microseconds; SQLAlchemy's execute, events
    and result objects cost several times that, so they are run on the driver directly."""
    if isinstance(target, sqlite3.Connection):
        return target
    return cast(sqlite3.Connection, core(target).connection.driver_connection)


class _Reserved:
    """One sqlite3 connection an engine keeps out of its pool for the answer loop.

    A pool checkout and check-in cost about as much as reading the card, and the loop
    makes two per answer; this connection is taken and given back under a lock instead.
    It is made by the pool (so its pragmas are set), then detached from it, and closed
    when the engine is disposed (Collection.close(), or a test that wants fresh
    connections) or garbage collected.
    """

    def __init__(self, engine: Engine) -> None:
        self.lock = threading.Lock()
        self.db: sqlite3.Connection | None = None
        self._closer: weakref.finalize[Any, Any] | None = None
        event.listen(engine, "engine_disposed", self._on_disposed)

    def take(self, engine: Engine) -> sqlite3.Connection:
        """The connection (made on first use); the caller holds `lock`."""
        if self.db is None:
            pooled = engine.raw_connection()
            db = self.db = cast(sqlite3.Connection, pooled.driver_connection)
            pooled.detach()
            self._closer = weakref.finalize(engine, db.close)
        return self.db

    def drop(self) -> None:
        """Close the connection (the caller holds `lock`); the next `take` makes another."""
        if self._closer is not None:
            self._closer()
        self.db = self._closer = None

    def _on_disposed(self, _engine: Engine) -> None:
        with self.lock:
            self.drop()


_RESERVED: weakref.WeakKeyDictionary[Engine, _Reserved] = weakref.WeakKeyDictionary()
_RESERVING = threading.Lock()


def _reserved(engine: Engine) -> _Reserved:
    reserved = _RESERVED.get(engine)
    if reserved is None:
        with _RESERVING:
            reserved = _RESERVED.get(engine) or _RESERVED.setdefault(engine, _Reserved(engine))
    return reserved


@contextmanager
def driver_connection(engine: Engine, *, write: bool = False) -> Iterator[sqlite3.Connection]:
    """A sqlite3 connection of `engine` for the answer loop: the engine's reserved one
    (`_Reserved`), or one from the pool while another thread uses that.

    Without `write` it stays in autocommit mode: every statement alone sees the latest
    committed data, without a BEGIN and ROLLBACK around it. With `write` the block is one
    transaction: BEGIN IMMEDIATE (the write lock up front, as `writing_engine` takes it),
    COMMIT when the block ends, ROLLBACK on error. SQLite's errors leave as SQLAlchemy's
    would (sqlalchemy.exc.OperationalError, ...), so the service layer turns them into a
    learner's message in one place."""
    reserved = _reserved(engine)
    mine = reserved.lock.acquire(blocking=False)
    pooled = None
    try:
        if mine:
            db = reserved.take(engine)
        else:
            pooled = engine.raw_connection()
            db = cast(sqlite3.Connection, pooled.driver_connection)
        if write:
            db.execute("BEGIN IMMEDIATE")
        try:
            yield db
            if write:
                db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
    except sqlite3.Error as exc:
        if mine:
            reserved.drop()  # whatever state the failure left it in, the next gets a new one
        raise DBAPIError.instance(None, None, exc, sqlite3.Error) from exc
    finally:
        if mine:
            reserved.lock.release()
        elif pooled is not None:
            pooled.close()


def writing_engine(engine: Engine) -> Engine:
    """The same engine, beginning its transactions with BEGIN IMMEDIATE."""
    return engine.execution_options(sqlite_begin="IMMEDIATE")
