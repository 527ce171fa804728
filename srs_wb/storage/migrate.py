"""Bringing a database to the current schema: backup first, then Alembic's upgrade."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError

from srs_wb.errors import DatabaseError
from srs_wb.storage.backup import backup_copy
from srs_wb.storage.database import check_file
from srs_wb.storage.schema_version import HEAD_REVISION, KNOWN_REVISIONS
from srs_wb.storage.settings import read_settings_plain


@dataclass(frozen=True)
class Examined:
    """What opening a database learns before SQLAlchemy connects to it."""

    revision: str | None  # None: a new or empty file
    settings: dict[str, Any] | None  # the stored settings; None unless the schema is current


def identify(path: Path) -> str | None:
    """The schema revision of the srs-wb database at `path` (None: new or empty file).

    Reads through a read-only connection, so a file that is refused is left byte for byte
    as it was (even the switch to WAL mode writes to the header).
    """
    return _examine(path, with_settings=False).revision


def examine(path: Path) -> Examined:
    """`identify`, plus the stored settings when the schema is current.

    Opening a collection needs both. The revision check has already paid for connecting
    and for SQLite reading the schema, so the settings cost one more query here, where
    reading them through SQLAlchemy would cost a second connection (pragmas included) and
    compiling a statement. An older schema's settings are read after its upgrade.
    """
    return _examine(path, with_settings=True)


def _examine(path: Path, *, with_settings: bool) -> Examined:
    check_file(path)
    if not path.exists() or path.stat().st_size == 0:
        return Examined(None, None)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DatabaseError(f"{path}: cannot be opened ({exc})") from exc
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "alembic_version" not in tables:
            if tables:
                raise DatabaseError(
                    f"{path}: an SQLite database, but not an srs-wb one; left untouched"
                )
            return Examined(None, None)
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        current = row is not None and str(row[0]) == HEAD_REVISION
        settings = read_settings_plain(conn) if with_settings and current else None
    except sqlite3.DatabaseError as exc:
        cause = _surroundings(path, exc) or f"damaged or not a database ({exc})"
        raise DatabaseError(f"{path}: {cause}; left untouched") from exc
    finally:
        conn.close()
    revision = None if row is None else str(row[0])
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseError(
            f"{path}: made by a newer srs-wb (schema {revision}); upgrade srs-wb to open it."
            " The file was left untouched."
        )
    return Examined(revision, settings)


FULL_BELOW_BYTES = 1 << 20


def _surroundings(path: Path, exc: sqlite3.DatabaseError) -> str | None:
    """What stopped SQLite reading the file, when it is not the file itself.

    Even reading a WAL database makes SQLite create the -shm file beside it, which fails
    on a full disk ("disk I/O error") or in a folder srs-wb may not write to ("readonly").
    """
    primary = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if primary == sqlite3.SQLITE_FULL or (
        primary == sqlite3.SQLITE_IOERR and shutil.disk_usage(path.parent).free < FULL_BELOW_BYTES
    ):
        return "the disk is full (free some space and try again)"
    if primary in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM):
        return f"cannot be opened: srs-wb may not write in {path.parent} ({exc})"
    return None


def ensure_schema(engine: Engine, path: Path, revision: str | None) -> None:
    """Upgrade the database at `path` (at `revision`, from `examine`) to the head revision,
    after copying it aside. The usual case, already at head, costs nothing."""
    if revision == HEAD_REVISION:
        return
    if revision is not None:
        backup_copy(path, path.with_name(f"{path.name}.bak-{revision}"))
    try:
        _upgrade(engine)
    except (SADatabaseError, OperationalError) as exc:
        raise DatabaseError(f"{path}: the schema upgrade failed ({exc.orig})") from exc


def _upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    from srs_wb.resources import migrations_dir

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
