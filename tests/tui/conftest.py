"""Fixtures for the app's tests: a fixed clock, small decks, and an app on a temporary database."""

from __future__ import annotations

import asyncio
import inspect
import random
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DirectoryTree

from srs_wb.services.collection import Collection
from srs_wb.services.importing import import_paths
from srs_wb.tui.app import SrsApp, build_app

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

MINI_DECK = '''format = 1
id = "mini"
name = "Mini deck"
language = "en"

[[cards]]
id = "ex-neuron"
exercise = "neuron_output"

[[cards]]
id = "weights"
front = """What does a **weight** do?

```python
z = w * x + b
```"""
back = "It scales its input: the larger |w|, the stronger the input's effect."

[[cards]]
id = "bias"
front = "What does the bias do?"
back = "It shifts z by the same amount whatever the inputs."

[[cards]]
id = "ex-activation"
exercise = "activation"

[[cards]]
id = "lr"
front = "What does the learning rate set?"
back = "The size of each gradient-descent step."
'''


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (pytest's documented hook recipe), so
    Pilot tests need no asyncio plugin."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


def fixed_clock() -> datetime:
    return NOW


async def settle(pilot: Pilot) -> None:
    """Wait until the app's workers are done and their messages are handled and painted.

    A DirectoryTree's loader is a worker that never ends, so it is not waited for.
    """
    app = pilot.app
    for _ in range(4):
        workers = [w for w in app.workers if not isinstance(w.node, DirectoryTree)]
        if workers:  # (an empty list would mean every worker)
            await app.workers.wait_for_complete(workers)
        await pilot.pause()


def write_deck(folder: Path, text: str = MINI_DECK, name: str = "mini.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "app.db"


@pytest.fixture
def mini_db(tmp_path: Path, db: Path) -> Path:
    """A database holding only the mini deck (no built-in deck), its study day in UTC."""
    collection = Collection(db, now=fixed_clock, install_builtin=False)
    collection.set_setting("timezone", "UTC")
    import_paths(collection, [write_deck(tmp_path)])
    collection.close()
    return db


@pytest.fixture
def make_app() -> Callable[..., SrsApp]:
    def _make(db: Path, lang: str = "en", **kwargs: object) -> SrsApp:
        kwargs.setdefault("rng", random.Random(1))
        app = build_app(db, now=kwargs.pop("now", fixed_clock), lang=lang, **kwargs)  # type: ignore[arg-type]
        app.cursor_blink = False
        return app

    return _make
