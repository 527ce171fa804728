"""Bringing a database to the current schema: backup first, then Alembic's upgrade."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError

from srs_wb.errors import DatabaseError
from srs_wb.storage.schema_version import HEAD_REVISION, KNOWN_REVISIONS


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        has_table = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
        ).first()
        if not has_table:
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return None if row is None else str(row[0])


def _has_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        return (
            conn.execute(text("SELECT 1 FROM sqlite_master WHERE type='table'")).first() is not None
        )


def backup_copy(path: Path, target: Path) -> None:
    """A consistent copy of a live database through SQLite's online backup API."""
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()


def ensure_schema(engine: Engine, path: Path) -> None:
    """Upgrade the database at `path` to the head revision, after a backup.

    The fast path (already at head) costs one query and never imports Alembic.
    """
    try:
        revision = current_revision(engine)
    except (SADatabaseError, OperationalError) as exc:
        raise DatabaseError(f"{path}: cannot be read as a database ({exc.orig})") from exc
    if revision == HEAD_REVISION:
        return
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseError(
            f"{path}: made by a newer srs-wb (schema {revision}); upgrade srs-wb to open it."
            " The file was left untouched."
        )
    if revision is None and _has_tables(engine):
        raise DatabaseError(f"{path}: an SQLite database, but not an srs-wb one; left untouched")
    if revision is not None:
        backup_copy(path, path.with_name(f"{path.name}.bak-{revision}"))
    _upgrade(engine)


def _upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    from srs_wb.resources import migrations_dir

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
