"""Shared fixtures: a temporary database, a clock the test moves, and small decks."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from srs_wb.formats.spec import CardKind, CardSpec, DeckSpec
from srs_wb.services.collection import Collection
from srs_wb.services.importing import import_specs


class Clock:
    """A clock that stands still until the test moves it."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> datetime:
        self.current += timedelta(**delta)
        return self.current

    def set(self, moment: datetime) -> None:
        self.current = moment


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # No test may touch the real user data folder or depend on the machine's locale/zone.
    monkeypatch.setenv("SRS_WB_DB", str(tmp_path / "default.db"))
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "SRS_WB_DEBUG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TZ", "UTC")
    from srs_wb.i18n import activate

    activate("en")  # a test that switched the interface to Bulgarian leaves no trace


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "srs.db"


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))


def recall_deck(key: str = "deck", n: int = 5, **kwargs: object) -> DeckSpec:
    cards = tuple(
        CardSpec(key=f"c{i}", kind=CardKind.RECALL, front=f"question {i}", back=f"answer {i}")
        for i in range(n)
    )
    return DeckSpec(key=key, name=kwargs.pop("name", key.title()), cards=cards, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def open_collection(db_path: Path, clock: Clock) -> Iterator[Callable[..., Collection]]:
    opened: list[Collection] = []

    def _open(*specs: DeckSpec, timezone: str = "Europe/Sofia", **kwargs: object) -> Collection:
        kwargs.setdefault("install_builtin", False)
        kwargs.setdefault("rng", random.Random(7))
        collection = Collection(db_path, now=clock, **kwargs)  # type: ignore[arg-type]
        collection.set_setting("timezone", timezone)
        if specs:
            import_specs(collection, list(specs), origin="toml")
        opened.append(collection)
        return collection

    yield _open
    for collection in opened:
        collection.close()
