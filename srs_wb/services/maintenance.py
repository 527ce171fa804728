"""Backups, restore and `doctor`: the learner's safety net around the database file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from srs_wb.errors import DatabaseError, SrsError
from srs_wb.services.collection import Collection
from srs_wb.storage import health
from srs_wb.storage.backup import backup_copy, backups_dir
from srs_wb.storage.migrate import identify


def backup_now(collection: Collection, target: Path | None = None) -> Path:
    """A backup of the open collection, to `target` or a dated file in the backups folder."""
    if target is None:
        stamp = collection.now().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        folder = backups_dir(collection.path)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{collection.path.stem}-manual-{stamp}.db"
    if target.resolve() == collection.path.resolve():
        raise SrsError(f"{target}: that is the database itself; choose another file")
    if not target.parent.is_dir():
        raise SrsError(f"{target}: the folder {target.parent} does not exist")
    try:
        backup_copy(collection.path, target)
    except OSError as exc:
        raise SrsError(f"{target}: cannot write the backup ({exc.strerror})") from exc
    return target


def check_backup_file(path: Path) -> None:
    """Refuse, with a message naming the file, anything that is not a sound srs-wb database."""
    if not path.is_file():
        raise SrsError(f"{path}: no such file")
    # Not SQLite, not ours, or from a newer srs-wb: DatabaseError. Empty: nothing to restore.
    if identify(path) is None:
        raise SrsError(f"{path}: an empty file, not an srs-wb backup; not restored")
    result = health.integrity(path)
    if result != "ok":
        raise DatabaseError(f"{path}: damaged ({result}); not restored")


def restore(database: Path, source: Path, now: datetime) -> Path | None:
    """Replace `database` with `source` (checked first); the current file is kept aside.

    Returns the path of the kept copy (None when there was no database yet). Must be
    called with no collection open on `database`.
    """
    check_backup_file(source)
    if source.resolve() == database.resolve():
        raise SrsError(f"{source}: that is the database itself")
    kept = None
    if database.exists() and database.stat().st_size:
        kept = database.with_name(
            f"{database.name}.before-restore-{now.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}"
        )
        backup_copy(database, kept)
    for extra in ("-wal", "-shm"):
        Path(f"{database}{extra}").unlink(missing_ok=True)
    backup_copy(source, database)
    return kept


@dataclass
class DoctorReport:
    integrity: str
    problems: list[dict[str, Any]] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return self.integrity == "ok" and not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "integrity": self.integrity,
            "healthy": self.healthy,
            "problems": self.problems,
            "repaired": self.repaired,
        }


def doctor(collection: Collection, *, repair: bool = False) -> DoctorReport:
    report = DoctorReport(integrity=health.integrity(collection.path))
    with collection.transaction() as conn:
        for name, count, statements in health.find_problems(conn):
            fixable = statements is not None
            if repair and statements is not None:
                health.repair(conn, statements)
                report.repaired.append(f"{name}: {count} fixed")
                continue
            report.problems.append({"problem": name, "count": count, "repairable": fixable})
    return report
