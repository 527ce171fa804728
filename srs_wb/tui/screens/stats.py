"""Progress at a glance: the streak, answers per day over the last weeks, cards per rung."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Sparkline, Static

from srs_wb.errors import SrsError
from srs_wb.i18n import N_, _, ngettext
from srs_wb.labels import interval as ladder_interval
from srs_wb.tui.screens.base import HELP_BINDING, ServiceFailed, SrsScreen

DAYS = 28
BAR_WIDTH = 30


class StatsScreen(SrsScreen):
    CSS_PATH = "stats.tcss"
    HELP_TEXT = N_(
        "Your streak counts the days in a row with at least one answer. The chart shows "
        "answers per day over the last four weeks; below, where your cards are on the "
        "ladder 1 day → 3 days → 1 week → 1 month."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", N_("Back"), id="stats.back"),
        HELP_BINDING,
    ]

    class Loaded(Message):
        def __init__(self, streak: Any, days: list[Any], ladder: Any) -> None:
            super().__init__()
            self.streak = streak
            self.days = days
            self.ladder = ladder

    def __init__(self) -> None:
        super().__init__()
        self.loads = 0

    def compose(self) -> ComposeResult:
        yield Static(_("Progress"), classes="screen-title")
        with VerticalScroll(id="stats-body"):
            yield Static(id="stats-streak")
            yield Static(_("Answers per day, last four weeks"), classes="section-title")
            yield Sparkline([0] * DAYS, id="stats-chart")
            yield Static(id="stats-days")
            yield Static(_("Cards on the ladder"), classes="section-title")
            yield Static(id="stats-ladder")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, group="stats")
    def _load(self) -> None:
        from srs_wb.services import progress

        try:
            streak = progress.streak(self.collection)
            days = progress.daily_answers(self.collection, DAYS)
            ladder = progress.ladder_counts(self.collection)
        except SrsError as exc:
            self.post_message(ServiceFailed(str(exc)))
            return
        self.post_message(self.Loaded(streak, days, ladder))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        current, longest = message.streak
        streak = Text()
        streak.append(_("Streak: "), style="bold")
        streak.append(ngettext("{n} day", "{n} days", current).format(n=current))
        streak.append("  ·  ")
        streak.append(_("Longest: "), style="bold")
        streak.append(ngettext("{n} day", "{n} days", longest).format(n=longest))
        self.query_one("#stats-streak", Static).update(streak)

        counts = [day.answers for day in message.days]
        self.query_one("#stats-chart", Sparkline).data = counts
        total = sum(counts)
        studied = sum(1 for count in counts if count)
        summary = Text()
        summary.append(
            f"{message.days[0].day.isoformat()} … {message.days[-1].day.isoformat()}   ",
            style="dim",
        )
        summary.append(ngettext("{n} answer", "{n} answers", total).format(n=total))
        summary.append(" · ")
        summary.append(
            ngettext("studied on {n} day", "studied on {n} days", studied).format(n=studied)
        )
        if counts:
            summary.append(" · ")
            summary.append(_("best day: {n}").format(n=max(counts)))
        self.query_one("#stats-days", Static).update(summary)

        ladder = message.ladder
        rows = [(_("new cards"), ladder.new), (_("being learned"), ladder.learning)]
        rows += [(ladder_interval(label), cards) for label, cards in ladder.rungs()]
        rows.append((_("suspended cards"), ladder.suspended))
        biggest = max((cards for _label, cards in rows), default=0) or 1
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        colour = self.app.theme_variables.get("primary", "blue")
        for label, cards in rows:
            width = round(BAR_WIDTH * cards / biggest)
            bar = Text("█" * width or ("▏" if cards else ""), style=colour)
            table.add_row(Text(label), bar, str(cards))
        self.query_one("#stats-ladder", Static).update(table)
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        self.loads += 1

    def action_close(self) -> None:
        self.dismiss()
