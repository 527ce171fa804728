"""The home screen: the decks with today's counts, the streak, and what comes tomorrow."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Footer, Static

from srs_wb.errors import SrsError
from srs_wb.i18n import N_, _, ngettext
from srs_wb.services.views import Overview
from srs_wb.tui import text
from srs_wb.tui.screens.base import HELP_BINDING, ServiceFailed, SrsScreen
from srs_wb.tui.widgets.deck_table import DeckTable


class HomeScreen(SrsScreen):
    CSS_PATH = "home.tcss"
    HELP_TEXT = N_(
        "Each deck shows today's new cards, the cards you are learning and the reviews due. "
        "Enter studies the deck under the cursor, a studies everything that is due. When "
        "nothing is due, h studies ahead and p practises exercises with fresh numbers "
        "without changing the schedule."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "study_all", N_("All due"), id="home.all"),
        Binding("i", "import", N_("Import"), id="home.import"),
        Binding("s", "stats", N_("Stats"), id="home.stats"),
        Binding("comma", "settings", N_("Settings"), id="home.settings", key_display=","),
        Binding("h", "ahead", N_("Study ahead"), id="home.ahead", show=False),
        Binding("p", "practice", N_("Practise exercises"), id="home.practice", show=False),
        Binding("r", "refresh", N_("Refresh"), id="home.refresh", show=False),
        HELP_BINDING,
        Binding("q", "quit", N_("Quit"), id="home.quit"),
    ]

    class Loaded(Message):
        def __init__(self, overview: Overview, streak: int) -> None:
            super().__init__()
            self.overview = overview
            self.streak = streak

    def __init__(self) -> None:
        super().__init__()
        self.overview: Overview | None = None
        self.loads = 0  # for tests and the benchmark: how many times the counts were shown

    def compose(self) -> ComposeResult:
        yield Static(id="home-title")
        yield DeckTable(id="home-decks")
        yield Static(id="home-status")
        yield Footer(compact=True)

    def on_screen_resume(self) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="home")
    def _load(self) -> None:
        from srs_wb.services.progress import current_streak
        from srs_wb.services.study import overview

        try:
            loaded = overview(self.collection)
            streak = current_streak(self.collection)
        except SrsError as exc:
            self.post_message(ServiceFailed(str(exc)))
            return
        self.post_message(self.Loaded(loaded, streak))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        overview = self.overview = message.overview
        title = Text()
        title.append("srs-wb", style="bold")
        title.append("  ·  ")
        title.append(_("Today is {day}").format(day=overview.today.isoformat()))
        title.append("  ·  ")
        if message.streak:
            title.append(
                ngettext("{n} day in a row", "{n} days in a row", message.streak).format(
                    n=message.streak
                ),
                style="bold",
            )
        else:
            title.append(_("Study today to start a streak"), style="dim")
        self.query_one("#home-title", Static).update(title)
        table = self.query_one(DeckTable)
        table.show(overview)
        self.query_one("#home-status", Static).update(self._status(overview))
        if not self.app.focused or self.app.focused is not table:
            table.focus()
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        self.loads += 1

    def _status(self, overview: Overview) -> Text:
        totals = overview.totals
        status = Text()
        if not overview.decks:
            status.append(_("There are no decks yet. Press i to import one."))
            return status
        waiting = totals["new"] + totals["learning"] + totals["due"]
        if waiting:
            status.append(
                ngettext("{n} card to study today", "{n} cards to study today", waiting).format(
                    n=waiting
                ),
                style="bold",
            )
            status.append(" · ")
            status.append(_("Enter studies the selected deck, a studies everything due."))
        else:
            status.append(_("Nothing is due now."), style="bold")
            status.append(" ")
            if overview.next_due is not None:
                status.append(
                    _("The next review is {when}.").format(
                        when=text.day(overview.next_due, overview.today)
                    )
                )
                status.append(" ")
            status.append(_("Press h to study ahead or p to practise exercises."))
        status.append("\n")
        status.append(
            ngettext(
                "Tomorrow: {n} review due.", "Tomorrow: {n} reviews due.", overview.due_tomorrow
            ).format(n=overview.due_tomorrow),
            style="dim",
        )
        return status

    # Studying ---------------------------------------------------------------------------

    @on(DeckTable.DeckChosen)
    def _deck_chosen(self, message: DeckTable.DeckChosen) -> None:
        self._study([message.deck_key] if message.deck_key else None)

    def action_study_all(self) -> None:
        self._study(None)

    def _study(self, deck_keys: list[str] | None) -> None:
        overview = self.overview
        if overview is None:
            return
        decks = [d for d in overview.decks if deck_keys is None or d.key in deck_keys]
        if any(d.new + d.learning + d.due for d in decks):
            self.srs.study(deck_keys)
            return
        from srs_wb.tui.screens.nothing_due import NothingDueScreen

        def chosen(choice: str | None) -> None:
            if choice == "ahead":
                self.srs.study(deck_keys, ahead=True)
            elif choice == "practice":
                self.srs.study(deck_keys, practice=True)

        next_due = text.day(overview.next_due, overview.today) if overview.next_due else None
        self.app.push_screen(NothingDueScreen(next_due), chosen)

    def action_ahead(self) -> None:
        self.srs.study(self._selected(), ahead=True)

    def action_practice(self) -> None:
        self.srs.study(self._selected(), practice=True)

    def _selected(self) -> list[str] | None:
        from srs_wb.tui.widgets.deck_table import ALL_DECKS

        key = self.query_one(DeckTable).selected_key()
        return None if key in (None, ALL_DECKS) else [key]

    # Elsewhere --------------------------------------------------------------------------

    def action_import(self) -> None:
        from srs_wb.tui.screens.importing import ImportScreen

        self.app.push_screen(ImportScreen())

    def action_stats(self) -> None:
        from srs_wb.tui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen())

    def action_settings(self) -> None:
        from srs_wb.tui.screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen())

    def action_quit(self) -> None:
        self.app.exit()
