"""Copies of the database through SQLite's online backup API: daily, on demand, before upgrades."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

KEEP_DAILY = 7


def backup_copy(path: Path, target: Path) -> None:
    """A consistent copy of a live database (WAL included), written to `target`."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
        finally:
            dest.close()
        partial.replace(target)  # never a half-written backup under the final name
    except BaseException:
        partial.unlink(missing_ok=True)  # a full disk leaves no stray file behind
        raise
    finally:
        source.close()


def backups_dir(path: Path) -> Path:
    return path.parent / "backups"


def daily_backup(path: Path, today: date, keep: int = KEEP_DAILY) -> Path | None:
    """Back up `path` once per study day into the data folder; keep the newest `keep`."""
    folder = backups_dir(path)
    target = folder / f"{path.stem}-{today.isoformat()}{path.suffix or '.db'}"
    if target.exists():
        return None
    folder.mkdir(parents=True, exist_ok=True)
    backup_copy(path, target)
    pattern = f"{path.stem}-????-??-??{path.suffix or '.db'}"
    for old in sorted(folder.glob(pattern))[:-keep]:
        old.unlink(missing_ok=True)
    return target
