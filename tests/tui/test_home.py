"""The home screen: first run, counts, the streak, nothing due, the palette, errors at start."""

from __future__ import annotations

from datetime import timedelta

from srs_wb.scheduling import Rating
from srs_wb.tui.app import run
from srs_wb.tui.screens.home import HomeScreen
from srs_wb.tui.screens.review import ReviewScreen
from tests.tui.conftest import NOW, settle
from tests.tui.helpers import footer_keys, reviews, shown


def table_rows(screen) -> list[list[str]]:
    table = screen.query_one("#home-decks")
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_first_run_installs_the_builtin_deck_and_shows_it(db, make_app) -> None:
    assert not db.exists()
    app = make_app(db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert table_rows(screen) == [
            ["Weights and biases in neural networks", "20", "0", "0", "84"]
        ]
        status = shown(screen.query_one("#home-status"))
        assert "20 cards to study today" in status
        assert "Tomorrow: 0 reviews due." in status
        title = shown(screen.query_one("#home-title"))
        assert "2026-03-02" in title and "Study today to start a streak" in title
        keys = dict(footer_keys(screen))
        assert keys["enter"] == "Study" and keys["a"] == "All due" and keys["i"] == "Import"
        assert keys["s"] == "Stats" and keys["comma"] == "Settings" and keys["q"] == "Quit"
        # Enter studies the deck under the cursor.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.card.deck_name == "Weights and biases in neural networks"


async def test_the_home_screen_speaks_bulgarian(db, make_app) -> None:
    app = make_app(db, lang="bg")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        rows = table_rows(screen)
        assert rows[0][0] == "Тежести и пристрастия в невронните мрежи"
        table = screen.query_one("#home-decks")
        headers = [str(column.label) for column in table.columns.values()]
        assert headers == ["Тесте", "Нови", "Заучаване", "За преговор", "Общо"]
        assert "20 карти за днес" in shown(screen.query_one("#home-status"))
        keys = dict(footer_keys(screen))
        assert keys["enter"] == "Преговор" and keys["i"] == "Внасяне" and keys["q"] == "Изход"
        assert keys["comma"] == "Настройки" and keys["question_mark"] == "Помощ"


async def test_after_a_session_home_shows_the_streak_and_tomorrow(mini_db, make_app) -> None:
    app = make_app(mini_db, review=["mini"])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*app.screen.card.exercise.answer_text, "enter", "enter")
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        await pilot.press("enter")  # leave the summary
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert "1 day in a row" in shown(screen.query_one("#home-title"))
        rows = {row[0]: row for row in table_rows(screen)}
        assert rows["Mini deck"][1:] == ["4", "0", "0", "5"]
        assert "Tomorrow: 1 review due." in shown(screen.query_one("#home-status"))


async def test_nothing_due_offers_to_study_ahead_or_practise(mini_db, make_app, tmp_path) -> None:
    # Day one: learn every card of the mini deck, and nothing else.
    from srs_wb.services.collection import Collection
    from srs_wb.services.study import StudySession

    collection = Collection(mini_db, now=lambda: NOW, install_builtin=False)
    session = StudySession(collection, ["mini"])
    while session.next_card() is not None:
        session.answer(Rating.EASY)
    collection.close()
    answered = len(reviews(mini_db))

    later = NOW + timedelta(days=1)
    app = make_app(mini_db, now=lambda: later)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#home-decks")
        mini_row = next(i for i, row in enumerate(table_rows(screen)) if row[0] == "Mini deck")
        table.move_cursor(row=mini_row)
        status = shown(screen.query_one("#home-status"))
        assert "cards to study today" in status  # the built-in deck still has new cards
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert type(dialog).__name__ == "NothingDueScreen"
        assert "The next review is in 2 days (2026-03-05)." in " ".join(
            shown(w) for w in dialog.query("Static")
        )
        await pilot.press("p")  # practise: fresh exercises, nothing scheduled
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.practice
        assert review.card.exercise is not None
        await pilot.press(*review.card.exercise.answer_text, "enter", "enter")
        await settle(pilot)
        assert len(reviews(mini_db)) == answered  # practice writes nothing
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "SummaryScreen"
        assert "Practice finished" in shown(app.screen.query_one("#summary-title"))


async def test_every_home_action_is_in_the_command_palette(db, make_app) -> None:
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in (
            "Study",
            "All due",
            "Import",
            "Stats",
            "Settings",
            "Help",
            "Study ahead",
            "Practise exercises",
            "Quit",
        ):
            assert title in titles
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Import")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ImportScreen"


async def test_help_lists_the_keys_of_the_screen(db, make_app) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpScreen"
        keys = shown(app.screen.query_one("#help-keys"))
        for line in ("a", "All due"), ("i", "Import"), ("h", "Study ahead"), ("p", "Practise"):
            assert any(line[0] in row and line[1] in row for row in keys.splitlines()), line
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


def test_a_database_that_cannot_be_opened_is_one_line_on_stderr(tmp_path, capsys) -> None:
    bad = tmp_path / "not-a-db.db"
    bad.write_text("hello, I am not SQLite")
    assert run(db=bad, lang="en") == 1
    err = capsys.readouterr().err
    assert err.startswith("srs-wb: ") and "not an SQLite database" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert bad.read_text() == "hello, I am not SQLite"
