"""An open collection: the database, the clock, the settings, and the transactions around them."""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Connection
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from srs_wb.errors import DatabaseError
from srs_wb.scheduling.days import DayClock
from srs_wb.services.settings import Settings, check_setting, locale_language, machine_zone
from srs_wb.storage import settings as settings_store
from srs_wb.storage.backup import daily_backup
from srs_wb.storage.database import (
    create_db_engine,
    driver_connection,
    read_only_part,
    resolve_db_path,
    writing_engine,
)
from srs_wb.storage.migrate import ensure_schema, examine

Clock = Callable[[], datetime]
ZONE_RECHECK_SECONDS = 60.0


def utc_now() -> datetime:
    return datetime.now(UTC)


class Collection:
    """One learner's database, opened and brought to the current schema.

    `now` is the clock (tests pass a fixed or frozen one); `rng` chooses exercise seeds.
    """

    def __init__(
        self,
        path: Path,
        *,
        now: Clock = utc_now,
        lang: str | None = None,
        rng: random.Random | None = None,
        install_builtin: bool = True,
    ) -> None:
        self.path = path
        self.now = now
        self.rng = rng or random.Random()  # noqa: S311 - exercise seeds, not secrets
        self._lang_override = lang
        found = examine(path)
        revision = found.revision
        self.engine = create_db_engine(path)
        try:
            ensure_schema(self.engine, path, revision)
        except Exception:
            self.engine.dispose()
            raise
        self._write_engine = writing_engine(self.engine)
        self._readers = sessionmaker(self.engine, expire_on_commit=False)
        self._writers = sessionmaker(self._write_engine, expire_on_commit=False)
        self._clock_cache: tuple[float, DayClock] | None = None
        # A current database's settings came with the schema check, so opening it leaves
        # the engine unconnected until the first real query; after an upgrade (or on a new
        # file) they are read through the engine.
        if found.settings is None:
            self.settings = self._load_settings()
        else:
            self.settings = Settings().with_values(found.settings)
        self.warnings: list[str] = []  # things the learner should hear of, but not stop for
        if revision is not None:
            self._daily_backup()
        if install_builtin:
            from srs_wb.services.builtin import install_builtin_decks

            install_builtin_decks(self, [self.language], explicit=lang is not None)

    @classmethod
    def open(cls, db: str | Path | None = None, **kwargs: Any) -> Collection:
        return cls(resolve_db_path(db), **kwargs)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Collection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _daily_backup(self) -> None:
        try:
            daily_backup(self.path, self.today())
        except (OSError, sqlite3.Error) as exc:
            self.warnings.append(f"the daily backup could not be written: {exc}")

    # Transactions ---------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with _translated(self.path), self._readers() as session:
            yield session

    @contextmanager
    def connected(self) -> Iterator[Connection]:
        """A plain SQLAlchemy connection, without an ORM session."""
        with _translated(self.path), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A write transaction on a plain SQLAlchemy connection (doctor's repairs)."""
        with _translated(self.path), self._write_engine.begin() as conn:
            yield conn

    @contextmanager
    def driver(self, *, write: bool = False) -> Iterator[sqlite3.Connection]:
        """The sqlite3 connection the answer loop runs on (`database.driver_connection`):
        each statement on its own for reads; with `write`, one BEGIN IMMEDIATE … COMMIT."""
        with _translated(self.path), driver_connection(self.engine, write=write) as db:
            yield db

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One write transaction, committed when the block ends, rolled back on error."""
        with _translated(self.path), self._writers.begin() as session:
            yield session

    # Time and language ----------------------------------------------------------------

    @property
    def zone(self) -> ZoneInfo:
        if self.settings.timezone:
            return ZoneInfo(self.settings.timezone)
        return machine_zone()

    @property
    def day_clock(self) -> DayClock:
        """The learner's study-day clock. Asking the system for its zone costs tens of
        microseconds, and the answer path needs it several times per card: it is kept for
        a minute, so a machine whose zone changes (a flight) is followed within a minute."""
        checked = time.monotonic()
        cached = self._clock_cache
        if cached is None or checked - cached[0] > ZONE_RECHECK_SECONDS:
            cached = (checked, DayClock(self.zone, self.settings.rollover_hour))
            self._clock_cache = cached
        return cached[1]

    def today(self) -> date:
        return self.day_clock.day(self.now())

    @property
    def language(self) -> str:
        return self._lang_override or self.settings.language or locale_language()

    # Settings -------------------------------------------------------------------------

    def _load_settings(self) -> Settings:
        with self.reading() as session:
            return Settings().with_values(settings_store.read_settings(session))

    def set_setting(self, key: str, value: Any) -> Settings:
        clean = check_setting(key, value)
        with self.writing() as session:
            settings_store.write_setting(session, key, clean)
        self.settings = self._load_settings()
        self._clock_cache = None
        return self.settings


@contextmanager
def _translated(path: Path) -> Iterator[None]:
    """SQLite's errors, as one line a learner can act on.

    The bulk paths (import, export) call the sqlite3 driver directly, so each kind of
    error comes both wrapped by SQLAlchemy and unwrapped."""
    try:
        yield
    except (OperationalError, sqlite3.OperationalError) as exc:
        text = str(exc.orig if isinstance(exc, OperationalError) else exc)
        if "locked" in text or "busy" in text:
            raise DatabaseError(
                f"{path}: the database is busy (another srs-wb is writing); try again"
            ) from exc
        if "readonly" in text or "read-only" in text:
            part = read_only_part(path)
            if part == path:
                raise DatabaseError(f"{path}: the database file is read-only") from exc
            raise DatabaseError(
                f"{part}: read-only, and SQLite writes it to change {path.name};"
                " make it writable too"
            ) from exc
        if "disk is full" in text or "full" in text:
            raise DatabaseError(f"{path}: the disk is full; nothing was written") from exc
        raise DatabaseError(f"{path}: {text}") from exc
    except (SADatabaseError, sqlite3.DatabaseError) as exc:
        cause = exc.orig if isinstance(exc, SADatabaseError) else exc
        raise DatabaseError(f"{path}: the database is damaged ({cause})") from exc
