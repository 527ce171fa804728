"""The end of a session: cards done, correct, time, exercises by kind, what is due tomorrow."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Footer, Static

from srs_wb.errors import SrsError
from srs_wb.i18n import N_, _, ngettext
from srs_wb.services.views import SessionStats
from srs_wb.tui import text
from srs_wb.tui.screens.base import HELP_BINDING, ServiceFailed, SrsScreen


class SummaryScreen(SrsScreen):
    CSS_PATH = "summary.tcss"
    HELP_TEXT = N_("What this session did. Every answer is already saved.")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "close", N_("Home"), id="summary.home", key_display="⏎"),
        Binding("escape,q", "close", N_("Home"), id="summary.close", show=False),
        HELP_BINDING,
    ]

    class Loaded(Message):
        def __init__(self, due_tomorrow: int, kinds: dict[str, str]) -> None:
            super().__init__()
            self.due_tomorrow = due_tomorrow
            self.kinds = kinds

    def __init__(self, stats: SessionStats | None, *, practice: bool = False) -> None:
        super().__init__()
        self.stats = stats or SessionStats()
        self.practice = practice

    def compose(self) -> ComposeResult:
        with Vertical(id="summary-box"):
            title = _("Practice finished") if self.practice else _("Session finished")
            if not self.stats.answered:
                title = _("Nothing to review now")
            yield Static(title, classes="dialog-title", id="summary-title")
            yield Static(id="summary-numbers")
            yield Static(id="summary-kinds")
            yield Static(id="summary-tomorrow")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#summary-numbers", Static).update(self._totals())
        self.query_one("#summary-kinds", Static).update(self._kinds({}))
        self._load()

    @work(thread=True, group="summary")
    def _load(self) -> None:
        from srs_wb.services.progress import exercise_kind_titles
        from srs_wb.services.study import overview

        try:
            due_tomorrow = overview(self.collection).due_tomorrow
            kinds = exercise_kind_titles(self.srs.language)
        except SrsError as exc:
            self.post_message(ServiceFailed(str(exc)))
            return
        self.post_message(self.Loaded(due_tomorrow, kinds))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.query_one("#summary-kinds", Static).update(self._kinds(message.kinds))
        tomorrow = ngettext(
            "Tomorrow: {n} review due.", "Tomorrow: {n} reviews due.", message.due_tomorrow
        ).format(n=message.due_tomorrow)
        self.query_one("#summary-tomorrow", Static).update(Text(tomorrow, style="bold"))

    def _totals(self) -> Table:
        stats = self.stats
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True)
        table.add_column(justify="right", style="bold", no_wrap=True)
        share = f"{stats.correct / stats.answered:.0%}" if stats.answered else "—"
        table.add_row(_("Cards answered"), str(stats.answered))
        table.add_row(_("Correct answers"), f"{stats.correct}  ({share})")
        table.add_row(_("Again"), str(stats.again))
        table.add_row(_("Time spent"), text.duration(stats.seconds))
        return table

    def _kinds(self, kinds: dict[str, str]) -> Table | str:
        by_kind = self.stats.exercises_by_kind
        if not by_kind:
            return ""
        table = Table(box=None, padding=(0, 2), show_edge=False, title_justify="left")
        table.add_column(_("Exercises"), no_wrap=False)
        table.add_column(_("Right"), justify="right", no_wrap=True)
        for kind, (right, total) in sorted(by_kind.items()):
            table.add_row(Text(kinds.get(kind, kind)), f"{right}/{total}")
        return table

    def action_close(self) -> None:
        self.dismiss()
