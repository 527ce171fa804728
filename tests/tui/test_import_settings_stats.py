"""The import, settings and stats screens."""

from __future__ import annotations

import json
import re
from typing import Any

from textual.widgets import Button, Input, Select

from srs_wb.services.collection import Collection
from srs_wb.services.study import overview
from srs_wb.tui.screens.home import HomeScreen
from srs_wb.tui.screens.importing import DeckFileTree, ImportScreen
from srs_wb.tui.screens.settings import SettingsScreen
from tests.tui.conftest import NOW, settle, write_deck
from tests.tui.helpers import footer_keys, shown

NEW_DECK = """format = 1
id = "tiny"
name = "Tiny deck"
language = "en"

[[cards]]
id = "one"
front = "One?"
back = "One."

[[cards]]
id = "two"
front = "Two?"
back = "Two."
"""

BROKEN_DECK = """format = 1
id = "Bad Id!"
name = "Broken"
language = "en"

[[cards]]
id = "one"
front = ""
back = "x"
"""


def deck_keys(db) -> list[str]:
    with Collection(db, now=lambda: NOW, install_builtin=False) as collection:
        return [deck.key for deck in overview(collection).decks]


async def test_import_a_deck_through_the_screen(db, make_app, tmp_path) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    write_deck(folder, NEW_DECK, "tiny.toml")
    (folder / "notes.md").write_text("not a deck")
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = ImportScreen(root=folder)
        await app.push_screen(screen)
        await settle(pilot)
        tree = screen.query_one(DeckFileTree)
        names = [node.label.plain for node in tree.root.children]
        assert names == ["tiny.toml"]  # only the files srs-wb can import
        # Choose the file in the tree: a dry run shows what would change, writes nothing.
        await pilot.press("down", "enter")
        await settle(pilot)
        result = shown(screen.query_one("#import-result"))
        assert "would import the deck Tiny deck (new)" in result
        assert "2 cards added" in result
        assert "tiny" not in deck_keys(db)
        assert not screen.query_one("#import-confirm", Button).disabled
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "imported the deck Tiny deck" in shown(screen.query_one("#import-result"))
        assert "tiny" in deck_keys(db)
        await pilot.press("escape")
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        names = [str(home.query_one("#home-decks").get_row_at(i)[0]) for i in range(2)]
        assert "Tiny deck" in names


async def test_a_broken_file_shows_every_problem_and_writes_nothing(db, make_app, tmp_path) -> None:
    path = write_deck(tmp_path, BROKEN_DECK, "broken.toml")
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = ImportScreen(root=tmp_path)
        await app.push_screen(screen)
        await settle(pilot)
        box = screen.query_one("#import-path", Input)
        box.value = str(path)
        box.focus()
        await pilot.press("enter")
        await settle(pilot)
        result = shown(screen.query_one("#import-result"))
        assert "cannot be imported; nothing was written" in result
        assert "deck not imported (2 problems)" in result
        # Each problem on its own line, with the file and line, as the import command says it.
        assert "broken.toml:2: bad deck id 'Bad Id!'" in result
        assert "broken.toml:8: card one: 'front' is empty" in result
        assert screen.query_one("#import-confirm", Button).disabled
        await pilot.press("ctrl+s")  # nothing checked: nothing imported
        await settle(pilot)
        assert screen.imports == 0


async def test_settings_are_saved_and_bad_values_explained(db, make_app) -> None:
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("comma")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        assert screen.query_one("#new_per_day", Input).value == "20"
        screen.query_one("#new_per_day", Input).value = "5"
        screen.query_one("#rollover_hour", Input).value = "99"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)  # refused: stays, says why
        assert "expected 0–23, got 99" in shown(screen.query_one("#settings-error"))
        screen.query_one("#rollover_hour", Input).value = "3"
        screen.query_one("#theme", Select).value = "nord"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.theme == "nord"
        assert "5 cards to study today" in shown(app.screen.query_one("#home-status"))
    with Collection(db, now=lambda: NOW, install_builtin=False) as collection:
        settings = collection.settings
        assert (settings.new_per_day, settings.rollover_hour, settings.theme) == (5, 3, "nord")


async def test_changing_the_language_redraws_the_app_in_it(db, make_app) -> None:
    app = make_app(db, lang=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.language == "en"
        await pilot.press("comma")
        await settle(pilot)
        app.screen.query_one("#language", Select).value = "bg"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.language == "bg"
        assert isinstance(app.screen, SettingsScreen)
        assert dict(footer_keys(app.screen))["ctrl+s"] == "Запази"
        await pilot.press("escape")
        await settle(pilot)
        assert dict(footer_keys(app.screen))["i"] == "Внасяне"
    with Collection(db, now=lambda: NOW, install_builtin=False) as collection:
        assert collection.settings.language == "bg"


async def answer_two_and_open_stats(app, pilot) -> Any:
    """Answer the mini deck's exercise right and a recall card Easy, then open the stats."""
    await settle(pilot)
    await pilot.press(*app.screen.card.exercise.answer_text, "enter", "enter")
    await pilot.press("space", "4")
    await settle(pilot)
    await pilot.press("q")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    assert type(app.screen).__name__ == "StatsScreen"
    return app.screen


async def test_stats_show_the_streak_calendar_forecast_ladder_and_retention(
    mini_db, make_app
) -> None:
    app = make_app(mini_db, review=["mini"])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await answer_two_and_open_stats(app, pilot)
        summary = shown(screen.query_one("#stats-summary"))
        assert "Streak: 1 day" in summary and "2 answers" in summary and "100% right" in summary
        # Today (a Monday) is the only study day: the last week's Monday is shaded.
        heat = shown(screen.query_one("#stats-heat")).splitlines()
        assert heat[1].startswith("Mon ") and heat[1].rstrip().endswith("░")
        assert all("░" not in row for row in heat[2:])
        forecast = shown(screen.query_one("#stats-forecast-total"))
        assert "2 due in the next 7 days · 2 in the next 30" in forecast
        ladder = shown(screen.query_one("#stats-ladder"))
        lines = {line.split()[0]: line.split()[-1] for line in ladder.splitlines() if line.strip()}
        assert lines["1d"] == "1" and lines["3d"] == "1"
        assert lines["new"] == str(84 + 3)  # the built-in deck and the mini deck's rest
        retention = shown(screen.query_one("#stats-retention"))
        assert re.search(r"Mini deck\s+2\s+100%", retention)
        exercises = shown(screen.query_one("#stats-exercises"))
        assert re.search(r"\s1\s+100%", exercises)


async def test_stats_move_through_the_decks(mini_db, make_app) -> None:
    app = make_app(mini_db, review=["mini"])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await answer_two_and_open_stats(app, pilot)
        titles = []
        for _ in range(4):  # all decks, each of the two, then all decks again
            titles.append(shown(screen.query_one("#stats-title")).strip())
            if "Mini deck" in titles[-1]:
                one_deck = shown(screen.query_one("#stats-summary"))
            await pilot.press("d")
            await settle(pilot)
        assert titles[0] == titles[3] == "Progress · all decks"
        assert "Progress · Mini deck" in titles[1:3] and len(set(titles)) == 3
        assert "2 answers" in one_deck


async def test_stats_export_writes_the_file_the_learner_names(mini_db, make_app, tmp_path) -> None:
    app = make_app(mini_db, review=["mini"])
    target = tmp_path / "report.json"
    async with app.run_test(size=(100, 30)) as pilot:
        await answer_two_and_open_stats(app, pilot)
        await pilot.press("e")
        await settle(pilot)
        box = app.screen.query_one("#export-path", Input)
        assert box.value.endswith(".md")
        box.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "StatsScreen"  # the dialog closed
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["totals"]["reviews"] == 2 and "schema_version" in data


async def test_stats_export_names_a_missing_folder(mini_db, make_app, tmp_path) -> None:
    app = make_app(mini_db, review=["mini"])
    async with app.run_test(size=(100, 30)) as pilot:
        await answer_two_and_open_stats(app, pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "nope" / "r.csv")
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ExportDialog"  # stays open, says why
        assert "does not exist" in shown(app.screen.query_one("#export-error"))
    assert not (tmp_path / "nope").exists()
