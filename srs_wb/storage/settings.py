"""Settings rows: one JSON value per key."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from srs_wb.storage.models import Setting


def read_settings(session: Session) -> dict[str, Any]:
    return _decoded(session.execute(select(Setting.key, Setting.value)))


def read_settings_plain(conn: sqlite3.Connection) -> dict[str, Any]:
    """`read_settings` on a plain sqlite3 connection. Opening a collection reads its
    settings on the connection that checks the schema revision, so that opening needs no
    SQLAlchemy connection (pragmas, a statement compiled) at all."""
    return _decoded(conn.execute("SELECT key, value FROM settings"))


def _decoded(rows: Iterable[tuple[str, str]]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, raw in rows:
        try:
            values[key] = json.loads(raw)
        except ValueError:
            continue  # a hand-edited value we cannot read falls back to its default
    return values


def write_setting(session: Session, key: str, value: Any) -> None:
    raw = json.dumps(value, ensure_ascii=False)
    statement = insert(Setting).values(key=key, value=raw)
    session.execute(statement.on_conflict_do_update(index_elements=["key"], set_={"value": raw}))
