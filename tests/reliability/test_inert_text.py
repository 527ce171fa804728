"""A file's text is shown inert everywhere it reaches the screen: no escape sequence, control
character or bidi override gets to the terminal, and no markup is read from it.

The decks here are imported from real files whose text holds ESC [ 2J (clear the screen),
OSC 52 (write the clipboard), BEL, CR, the C1 controls CSI (0x9b), OSC (0x9d) and ST (0x9c),
U+202E (right-to-left override), Rich/Textual markup and a Textual action link. Every path
from a file to the screen is checked: the app's review, home, stats and import screens and
its notifications, the plain review, and the commands' text and JSON output (decks, import
summaries with their skipped items, error messages that quote a file, stats, export-deck).
All of them go through `srs_wb.display.inert` (JSON: `json_escaped`, which keeps the data).
"""

from __future__ import annotations

import asyncio
import io
import json
import sqlite3
from pathlib import Path

import pytest

from srs_wb.cli.main import main
from srs_wb.cli.review_cmd import PlainReview
from srs_wb.display import inert
from srs_wb.services.collection import Collection
from srs_wb.services.importing import import_paths
from srs_wb.services.study import StudySession
from tests.importing.conftest import basic, make_package
from tests.tui.conftest import fixed_clock, settle
from tests.tui.helpers import shown

FORBIDDEN = ("\x1b", "\x07", "\r", "\x9b", "\x9d", "\x9c", "\u202e")
MARKUP = "[bold red]loud[/] [@click=app.quit]quit[/]"
# Each escape between two letters: what is left once it is made inert is "ABCDE31mF0;tGH".
HOSTILE = "A\x1b[2JB\x1b]52;c;aGk=\x07C\x07D\rE\x9b31mF\x9d0;t\x9cG\u202eH " + MARKUP
SHOWN = "ABCDE31mF0;tGH " + MARKUP
# In text files the same, less CR (a line break there); shown the same.
HOSTILE_LINE = HOSTILE.replace("\r", "")
GUID = "g\x1b[2J\x9b31m\u202e[bold]"
GUID_SHOWN = "g31m[bold]"


def assert_inert(output: str) -> None:
    found = [ch for ch in FORBIDDEN if ch in output]
    if found:
        at = output.index(found[0])
        context = output[max(0, at - 60) : at + 60]
        raise AssertionError(f"{found!r} reached the screen, as in: {context!r}")


# --- Decks with hostile text, from real files ---------------------------------------------


def toml_deck(folder: Path) -> Path:
    """A native deck: markup and a bidi override in its name, every escape in its card."""
    path = folder / "hostile.toml"
    front = _toml_escaped(HOSTILE)
    path.write_text(
        "format = 1\n"
        'id = "hostile"\n'
        f'name = "Deck \\u202e{MARKUP}"\n'
        'language = "en"\n\n'
        f'[[cards]]\nid = "evil"\nfront = "{front}"\nback = "Back {front}"\n',
        encoding="utf-8",
    )
    return path


def _toml_escaped(text: str) -> str:
    """`text` for a TOML basic string: controls and the override as \\u escapes."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return "".join(
        f"\\u{ord(ch):04x}" if ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or ch == "\u202e" else ch
        for ch in escaped
    )


def anki_text_deck(folder: Path) -> Path:
    """Anki's text export: the deck's name, from the file's #deck header, holds the escapes."""
    path = folder / "notes.txt"
    path.write_text(
        "#separator:tab\n#html:false\n"
        f"#deck:Anki {HOSTILE_LINE}\n"
        f"{HOSTILE_LINE}\tanswer {HOSTILE_LINE}\n",
        encoding="utf-8",
    )
    return path


def package_with_hostile_guid(folder: Path, *, only_skipped: bool = False) -> Path:
    """An Anki package whose note with this GUID is skipped (all its fields are empty): the
    summary, or the refusal when nothing else is there, names the note by its GUID."""
    notes = [basic("", "")] if only_skipped else [basic("q", "a"), basic("", "")]
    return make_package(
        folder / ("empty.apkg" if only_skipped else "deck.apkg"),
        notes,
        guids={len(notes) - 1: GUID},
    )


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    db = tmp_path / "learner.db"
    with Collection(db, now=fixed_clock, install_builtin=False) as collection:
        collection.set_setting("timezone", "UTC")
        import_paths(collection, [toml_deck(tmp_path), anki_text_deck(tmp_path)])
    return db


def test_the_hostile_text_is_stored_as_written(hostile_db: Path) -> None:
    """Data stays data: the escapes are kept in the database and made inert only when shown
    (so that the tests below test something)."""
    connection = sqlite3.connect(hostile_db)
    try:
        names = {row[0] for row in connection.execute("SELECT name FROM decks")}
        fronts = {row[0] for row in connection.execute("SELECT front FROM cards")}
    finally:
        connection.close()
    assert names == {f"Deck \u202e{MARKUP}", f"Anki {HOSTILE_LINE}"}
    assert fronts == {HOSTILE, HOSTILE_LINE}
    assert inert(HOSTILE) == SHOWN


# --- The app ------------------------------------------------------------------------------


def _app(db: Path, **kwargs: object):
    import random

    from srs_wb.tui.app import build_app

    app = build_app(db, now=fixed_clock, lang="en", rng=random.Random(1), **kwargs)  # type: ignore[arg-type]
    app.cursor_blink = False
    return app


def test_the_review_screen_shows_card_text_and_deck_names_inert(hostile_db: Path) -> None:
    async def scenario() -> None:
        from srs_wb.tui.screens.review import ReviewScreen

        app = _app(hostile_db, review=["hostile"])
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            front = shown(screen.query_one("#card-front"))
            header = shown(screen.query_one("#session-card"))
            await pilot.click("#card-front")  # the "action link" is text: nothing happens
            await pilot.press("space")
            await settle(pilot)
            back = shown(screen.query_one("#card-back"))
            for text in (front, back, header, app.export_screenshot()):
                assert_inert(text)
            assert SHOWN in " ".join(front.split())  # no markup read: it shows as typed
            assert f"Back {SHOWN}" in " ".join(back.split())
            assert f"Deck {MARKUP}" in header
            assert app.is_running

    asyncio.run(scenario())


def test_the_home_screen_shows_deck_names_inert(hostile_db: Path) -> None:
    async def scenario() -> None:
        from srs_wb.tui.widgets.deck_table import DeckTable

        app = _app(hostile_db)
        async with app.run_test(size=(160, 30)) as pilot:
            await settle(pilot)
            table = app.screen.query_one(DeckTable)
            names = [table.get_row_at(row)[0].plain for row in range(table.row_count)]
            for text in [*names, app.export_screenshot()]:
                assert_inert(text)
            assert f"Deck {MARKUP}" in names and f"Anki {SHOWN}" in names

    asyncio.run(scenario())


def test_the_stats_screen_shows_deck_names_inert(hostile_db: Path) -> None:
    async def scenario() -> None:
        app = _app(hostile_db, review=[])
        async with app.run_test(size=(160, 60)) as pilot:
            await settle(pilot)
            for _ in range(2):  # answer both cards: retention lists both decks by name
                await pilot.press("space", "3")
                await settle(pilot)
            await pilot.press("escape", "escape")
            await settle(pilot)
            await pilot.press("s")
            await settle(pilot)
            assert type(app.screen).__name__ == "StatsScreen"
            titles, retention = [], shown(app.screen.query_one("#stats-retention"))
            for _ in range(3):  # all decks, then each deck by name
                titles.append(shown(app.screen.query_one("#stats-title")))
                assert_inert(app.export_screenshot())
                await pilot.press("d")
                await settle(pilot)
            for text in [*titles, retention]:
                assert_inert(text)
            assert any(f"Deck {MARKUP}" in title for title in titles)
            assert any(f"Anki {SHOWN}" in " ".join(t.split()) for t in titles)
            assert "Anki ABCDE" in retention

    asyncio.run(scenario())


def test_the_import_screen_shows_skipped_notes_and_refusals_inert(
    hostile_db: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "packages"
    folder.mkdir()
    package = package_with_hostile_guid(folder)
    refused = package_with_hostile_guid(folder, only_skipped=True)

    async def scenario() -> None:
        from textual.widgets import Input

        from srs_wb.tui.screens.importing import ImportScreen

        app = _app(hostile_db)
        async with app.run_test(size=(160, 40)) as pilot:
            await settle(pilot)
            screen = ImportScreen(root=folder)
            await app.push_screen(screen)
            await settle(pilot)
            results = []
            for path in (package, refused):
                field = screen.query_one("#import-path", Input)
                field.value = str(path)
                field.focus()
                await pilot.press("enter")
                await settle(pilot)
                results.append(shown(screen.query_one("#import-result")))
                assert_inert(app.export_screenshot())
            for text in results:
                assert_inert(text)
            assert f"note {GUID_SHOWN}: all its fields are empty" in results[0]
            assert "cannot be imported" in results[1] and f"note {GUID_SHOWN}" in results[1]

    asyncio.run(scenario())


def test_notifications_show_service_messages_inert(hostile_db: Path) -> None:
    """An error from a service may quote a deck: the notification neither crashes on its
    brackets (markup that does not parse) nor passes its escapes on."""

    async def scenario() -> None:
        from textual.content import Content

        from srs_wb.tui.screens.base import ServiceFailed

        app = _app(hostile_db)
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            app.screen.post_message(ServiceFailed(f"no deck {HOSTILE} [/] [/bold]"))
            await settle(pilot)
            notes = list(app._notifications)
            assert notes and app.is_running
            # What a toast shows, made as Textual's Toast makes it (markup read only if asked).
            shown_texts = [
                str(Content.from_markup(note.message) if note.markup else Content(note.message))
                for note in notes
            ]
            for text in [*shown_texts, app.export_screenshot()]:
                assert_inert(text)
            assert shown_texts == [f"no deck {SHOWN} [/] [/bold]"]

    asyncio.run(scenario())


# --- The plain review ---------------------------------------------------------------------


def test_the_plain_review_shows_everything_inert(hostile_db: Path) -> None:
    with Collection(hostile_db, now=fixed_clock, install_builtin=False) as collection:
        session = StudySession(collection, None)
        out = io.StringIO()
        PlainReview(session, io.StringIO("\n3\n\n3\n"), out).run()
    output = out.getvalue()
    assert_inert(output)
    assert SHOWN in output and f"Back {SHOWN}" in output and f"answer {SHOWN}" in output
    assert f"Deck {MARKUP}" in output and f"Anki {SHOWN}" in output
    assert "Session: 2 answered" in output


# --- The commands -------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_decks_text_and_json(hostile_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, text, _ = run(capsys, "--db", str(hostile_db), "decks")
    assert code == 0
    assert_inert(text)
    assert f"Deck {MARKUP}" in text and f"Anki {SHOWN}" in text
    code, out, _ = run(capsys, "--db", str(hostile_db), "decks", "--json")
    assert_inert(out)  # escaped as \u001b, \u009b, \u202e ...
    names = {deck["name"] for deck in json.loads(out)}
    assert {f"Deck \u202e{MARKUP}", f"Anki {HOSTILE_LINE}"} <= names  # the data, whole


def test_import_summary_with_skipped_notes(
    hostile_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = package_with_hostile_guid(tmp_path)
    code, text, _ = run(capsys, "--db", str(hostile_db), "import", "--dry-run", str(package))
    assert code == 0
    assert_inert(text)
    assert f"skipped note {GUID_SHOWN}: all its fields are empty" in text
    code, out, _ = run(capsys, "--db", str(hostile_db), "import", "--json", str(package))
    assert code == 0
    assert_inert(out)
    assert json.loads(out)["skipped"] == [
        {"item": f"note {GUID}", "reason": "all its fields are empty"}
    ]


def test_an_error_message_that_quotes_the_file(
    hostile_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    refused = package_with_hostile_guid(tmp_path, only_skipped=True)
    code, out, err = run(capsys, "--db", str(hostile_db), "import", str(refused))
    assert code == 1 and out == ""
    assert_inert(err)
    assert f"note {GUID_SHOWN}: all its fields are empty" in err


def test_stats_text_and_json(hostile_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Collection(hostile_db, now=fixed_clock, install_builtin=False) as collection:
        PlainReview(StudySession(collection, None), io.StringIO("\n3\n\n3\n"), io.StringIO()).run()
        anki = next(key for key in _deck_keys(hostile_db) if key != "hostile")
    outputs = []
    for deck in ("hostile", anki):
        code, text, _ = run(capsys, "--db", str(hostile_db), "stats", "--deck", deck)
        assert code == 0
        outputs.append(text)
        code, out, _ = run(capsys, "--db", str(hostile_db), "stats", "--deck", deck, "--json")
        assert code == 0
        assert_inert(out)
        json.loads(out)
    for text in outputs:
        assert_inert(text)
    assert f"Progress · Deck {MARKUP}" in outputs[0]
    assert f"Progress · Anki {SHOWN}" in outputs[1]


def test_export_deck_message(
    hostile_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.csv"
    code, text, _ = run(
        capsys, "--db", str(hostile_db), "export-deck", "hostile", "-o", str(target)
    )
    assert code == 0
    assert_inert(text)
    assert "wrote deck" in text


def _deck_keys(db: Path) -> list[str]:
    connection = sqlite3.connect(db)
    try:
        return [key for (key,) in connection.execute("SELECT key FROM decks")]
    finally:
        connection.close()
