"""Pictures of the main screens at 80×24 and 120×40, compared with the accepted ones.

A fixed clock, a fixed exercise seed and no cursor blink keep them stable. After an intended
change, look at the report and accept with `pytest tests/tui/test_snapshots.py
--snapshot-update`.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from srs_wb.tui.screens.review import ReviewScreen
from tests.tui.conftest import settle

SMALL = (80, 24)
LARGE = (120, 40)


def known_mistake(exercise) -> str:
    """What a learner who made the exercise's first known mistake would type."""
    value = exercise.mistakes[0].value
    if isinstance(value, tuple):
        return "[" + ", ".join(f"{v:g}" for v in value) + "]"
    return f"{value:g}"


async def _home(pilot: Pilot) -> None:
    await settle(pilot)


async def _recall_revealed(pilot: Pilot) -> None:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    await pilot.press(*screen.card.exercise.answer_text, "enter", "enter")
    await settle(pilot)
    await pilot.press("space")
    await settle(pilot)


async def _exercise_graded(pilot: Pilot) -> None:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    await pilot.press(*known_mistake(screen.card.exercise), "enter")
    await settle(pilot)


async def _summary(pilot: Pilot) -> None:
    await _recall_revealed(pilot)
    await pilot.press("3")
    await settle(pilot)
    await pilot.press("q")
    await settle(pilot)


async def _settings(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("comma")
    await settle(pilot)


@pytest.mark.parametrize(
    ("lang", "size"),
    [("en", SMALL), ("en", LARGE), ("bg", SMALL)],
    ids=["en-80", "en-120", "bg-80"],
)
def test_home(snap_compare, mini_db, make_app, lang, size) -> None:
    assert snap_compare(make_app(mini_db, lang=lang), terminal_size=size, run_before=_home)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80", "120"])
def test_review_recall_revealed(snap_compare, mini_db, make_app, size) -> None:
    app = make_app(mini_db, review=["mini"])
    assert snap_compare(app, terminal_size=size, run_before=_recall_revealed)


@pytest.mark.parametrize(("lang", "size"), [("en", SMALL), ("bg", LARGE)], ids=["en-80", "bg-120"])
def test_review_exercise_graded(snap_compare, mini_db, make_app, lang, size) -> None:
    app = make_app(mini_db, lang=lang, review=["mini"])
    assert snap_compare(app, terminal_size=size, run_before=_exercise_graded)


def test_summary(snap_compare, mini_db, make_app) -> None:
    app = make_app(mini_db, review=["mini"])
    assert snap_compare(app, terminal_size=SMALL, run_before=_summary)


@pytest.mark.parametrize(("lang", "size"), [("en", SMALL), ("bg", LARGE)], ids=["en-80", "bg-120"])
def test_settings(snap_compare, mini_db, make_app, lang, size) -> None:
    assert snap_compare(make_app(mini_db, lang=lang), terminal_size=size, run_before=_settings)


async def _stats(pilot: Pilot) -> None:
    await _summary(pilot)  # two answers today, then home
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)


@pytest.mark.parametrize(("lang", "size"), [("en", SMALL), ("bg", LARGE)], ids=["en-80", "bg-120"])
def test_stats(snap_compare, mini_db, make_app, lang, size) -> None:
    app = make_app(mini_db, lang=lang, review=["mini"])
    assert snap_compare(app, terminal_size=size, run_before=_stats)
