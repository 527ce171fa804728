"""Card text is data: markup, links, actions and terminal escapes in a deck are shown as text
(or dropped, for control characters) and never change what the app or the terminal does."""

from __future__ import annotations

from srs_wb.tui.screens.review import ReviewScreen
from tests.tui.conftest import settle, write_deck
from tests.tui.helpers import shown

HOSTILE_DECK = r"""format = 1
id = "hostile"
name = "Deck [bold]name[/] [@click=app.quit]x[/]"
language = "en"

[[cards]]
id = "markup"
front = "Front [bold]not bold[/] [link=https://example.com]link[/link] [@click=app.quit]quit[/]"
back = "Back \u001b[31mred\u001b[0m \u001b]0;title\u0007 bell\u0007 [/] [red]x"
"""


async def test_markup_and_escapes_in_cards_stay_text(tmp_path, db, make_app) -> None:
    from srs_wb.services.collection import Collection
    from srs_wb.services.importing import import_paths
    from tests.tui.conftest import fixed_clock

    with Collection(db, now=fixed_clock, install_builtin=False) as collection:
        import_paths(collection, [write_deck(tmp_path, HOSTILE_DECK, "hostile.toml")])
    app = make_app(db, review=["hostile"])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        front = shown(screen.query_one("#card-front"))
        assert "[bold]not bold[/]" in front
        assert "[link=https://example.com]link[/link]" in front
        assert "[@click=app.quit]quit[/]" in front
        header = shown(screen.query_one("#session-card"))
        assert "Deck [bold]name[/] [@click=app.quit]x[/]" in header
        await pilot.click("#card-front")  # a click on the "action" text does nothing
        await pilot.press("space")
        await settle(pilot)
        back = shown(screen.query_one("#card-back"))
        assert "red" in back and "bell" in back and "[/] [red]x" in back
        assert "\x1b" not in back and "\x07" not in back and "title" not in back
        screenshot = app.export_screenshot()
        assert "\x1b" not in screenshot and "\x07" not in screenshot
        assert app.is_running
        await pilot.press("3")
        await settle(pilot)
        assert app.is_running and type(app.screen).__name__ == "SummaryScreen"
