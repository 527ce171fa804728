"""The Textual app, built by `build_app` from a database path, a clock and a language."""

from __future__ import annotations

import gc
import random
import sys
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import Theme

from srs_wb.display import inert
from srs_wb.errors import SrsError
from srs_wb.i18n import N_, _, activate
from srs_wb.services.collection import Collection
from srs_wb.tui.bindings import translate_bindings

DEFAULT_THEME = "textual-dark"


class SrsApp(App[None]):
    """srs-wb's daily review. Screens call the service layer; the app holds the collection."""

    TITLE = "srs-wb"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+p",
            "command_palette",
            N_("Commands"),
            id="app.commands",
            show=False,
            priority=True,
        ),
        Binding("ctrl+q", "quit", N_("Quit"), id="app.quit", show=False, priority=True),
    ]

    def __init__(
        self,
        collection: Collection,
        *,
        review: list[str] | None = None,
        ahead: bool = False,
        cursor_blink: bool = True,
    ) -> None:
        self.collection = collection
        self.language = activate(collection.language).lang
        super().__init__()
        translate_bindings(self)
        self.start_review = review
        self.start_ahead = ahead
        self.cursor_blink = cursor_blink  # off in tests and screenshots, for stable pictures
        theme = collection.settings.theme
        self.theme = theme if theme in self.available_themes else DEFAULT_THEME

    def on_mount(self) -> None:
        from srs_wb.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        if self.start_review is not None:
            self.study(self.start_review or None, ahead=self.start_ahead)
        self._warm_up()
        for warning in self.collection.warnings:  # e.g. the daily backup failed
            self.notify(
                inert(warning), title=_("Warning"), severity="warning", timeout=10, markup=False
            )
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        # The modules, styles and widgets loaded so far live as long as the app: keep the
        # garbage collector from walking them again and again between two cards.
        gc.freeze()

    def on_unmount(self) -> None:
        self.collection.close()

    @work(thread=True, group="warm-up")
    def _warm_up(self) -> None:
        # The first exercise would otherwise pay for loading NumPy and the engine.
        from srs_wb.services.progress import warm_up

        warm_up()

    def _theme_changed(self, theme: Theme) -> None:
        # A theme chosen anywhere (settings, the palette) is the learner's setting.
        if theme.name != self.collection.settings.theme:
            self._save_theme(theme.name)

    @work(thread=True, group="theme")
    def _save_theme(self, name: str) -> None:
        try:
            self.collection.set_setting("theme", name)
        except SrsError as exc:
            self.call_from_thread(self.notify, inert(str(exc)), severity="error", markup=False)

    # What screens ask of the app ------------------------------------------------------

    def study(
        self, deck_keys: list[str] | None, *, ahead: bool = False, practice: bool = False
    ) -> None:
        """Start a review (or a practice round) of some decks, or of all when None."""
        from srs_wb.tui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen(deck_keys, ahead=ahead, practice=practice))

    async def language_changed(self) -> None:
        """Show every screen again in the language the settings now give."""
        from srs_wb.tui.screens.home import HomeScreen
        from srs_wb.tui.screens.settings import SettingsScreen

        self.language = activate(self.collection.language).lang
        translate_bindings(self)
        while len(self.screen_stack) > 2:
            await self.pop_screen()
        await self.switch_screen(HomeScreen())
        await self.push_screen(SettingsScreen())

    def apply_theme(self, name: str) -> None:
        if name in self.available_themes:
            self.theme = name

    # The command palette ----------------------------------------------------------------

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(placeholder=_("Search for commands…"), id="--command-palette")
            )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from srs_wb.tui.commands import commands_for

        yield from commands_for(self, screen)


def build_app(
    db: Path | str | None = None,
    *,
    now: Callable[[], datetime] | None = None,
    lang: str | None = None,
    rng: random.Random | None = None,
    review: list[str] | None = None,
    ahead: bool = False,
) -> SrsApp:
    """The app on the database `db` (else $SRS_WB_DB, else the default), opened and migrated.

    `now` is the clock (tests pass a fixed one), `lang` the interface language (else the
    setting, else the locale), `rng` chooses exercise numbers. With `review` the app opens
    straight into the review of those decks (an empty list: every deck). Raises SrsError
    when the collection cannot be opened.
    """
    kwargs: dict[str, object] = {"lang": lang, "rng": rng}
    if now is not None:
        kwargs["now"] = now
    collection = Collection.open(db, **kwargs)  # type: ignore[arg-type]
    try:
        return SrsApp(collection, review=review, ahead=ahead)
    except Exception:
        collection.close()
        raise


def run(
    db: Path | str | None = None,
    lang: str | None = None,
    review: list[str] | None = None,
    ahead: bool = False,
) -> int:
    """Run the app in the terminal; 1 with a one-line message if the collection won't open."""
    try:
        app = build_app(db, lang=lang, review=review, ahead=ahead)
    except SrsError as exc:
        print(f"srs-wb: {exc}", file=sys.stderr)
        return 1
    app.run()
    return app.return_code or 0
