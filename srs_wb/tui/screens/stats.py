"""Progress: a year of answers as a calendar, what comes due, the ladder, retention, export.

Everything shown comes from one call to the stats service (`compute_stats`, the same
numbers as `srs-wb stats`), made in a worker so the screen paints at once and fills in.
`d` moves between all decks and each deck; `e` exports what is shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Input, Static

from srs_wb.display import inert
from srs_wb.errors import SrsError
from srs_wb.i18n import N_, _, ngettext
from srs_wb.labels import interval as ladder_interval
from srs_wb.tui.screens.base import HELP_BINDING, ServiceFailed, SrsModal, SrsScreen
from srs_wb.tui.text import plain
from srs_wb.tui.widgets.charts import bar_rows, column_chart, heat_legend, heat_map_text

MONTHS = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)
WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
TOP_MISTAKES = 3


def percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.0f}%"


def duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 60:
        return _("{n} min").format(n=minutes)
    return _("{h} h {m} min").format(h=f"{minutes // 60:,}", m=minutes % 60)


class StatsScreen(SrsScreen):
    CSS_PATH = "stats.tcss"
    HELP_TEXT = N_(
        "The calendar shows your answers on each day of the last year: the darker, the more. "
        "Your streak counts the days in a row with at least one answer. Below: the reviews "
        "due on each of the next 30 days, where your cards are on the ladder 1 day → 3 days "
        "→ 1 week → 1 month, and the share of answers you got right. Press d to see one "
        "deck, e to export (CSV: every answer; JSON: all of these numbers; Markdown: a "
        "one-page report)."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", N_("Back"), id="stats.back"),
        Binding("d", "next_deck", N_("Deck"), id="stats.deck"),
        Binding("e", "export", N_("Export"), id="stats.export"),
        HELP_BINDING,
    ]

    class Loaded(Message):
        def __init__(self, stats: Any) -> None:
            super().__init__()
            self.stats = stats

    def __init__(self) -> None:
        super().__init__()
        self.loads = 0
        self.deck: str | None = None  # a deck's key, or None for all decks
        self.decks: list[tuple[str, str]] = []  # (key, name) of every deck
        self.stats: Any = None

    def compose(self) -> ComposeResult:
        yield Static(_("Progress"), id="stats-title", classes="screen-title")
        with VerticalScroll(id="stats-body"):
            yield Static(_("Loading…"), id="stats-summary")
            yield Static(_("Answers per day, last year"), classes="section-title")
            yield Static(id="stats-heat")
            yield Static(id="stats-legend")
            yield Static(_("Reviews due, next 30 days"), classes="section-title")
            yield Static(id="stats-forecast")
            yield Static(id="stats-forecast-total")
            yield Static(_("Cards on the ladder"), classes="section-title")
            yield Static(id="stats-ladder")
            yield Static(_("Answers right"), classes="section-title")
            yield Static(id="stats-retention")
            yield Static(id="stats-exercises")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._load(self.deck)

    @work(thread=True, group="stats", exclusive=True)
    def _load(self, deck: str | None) -> None:
        from srs_wb.services.stats import compute_stats

        try:
            stats = compute_stats(self.collection, deck=deck)
        except SrsError as exc:
            self.post_message(ServiceFailed(str(exc)))
            return
        self.post_message(self.Loaded(stats))

    # Drawing --------------------------------------------------------------------------

    @property
    def colour(self) -> str:
        return str(self.app.theme_variables.get("primary", "blue"))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        stats = self.stats = message.stats
        if stats.deck is None:  # every deck is listed: the ones `d` moves through
            self.decks = [(deck.deck, deck.name) for deck in stats.cards_by_deck]
        title = stats.deck_name if stats.deck is not None else _("all decks")
        self.query_one("#stats-title", Static).update(
            Text.assemble(_("Progress"), " · ", plain(title, style="bold"))
        )
        self.query_one("#stats-summary", Static).update(self._summary(stats))
        days = [(day.day, day.reviews) for day in stats.days]
        self.query_one("#stats-heat", Static).update(
            heat_map_text(
                days,
                colour=self.colour,
                month_names=[_(name) for name in MONTHS],
                weekday_names=[_(name) for name in WEEKDAYS],
            )
        )
        self.query_one("#stats-legend", Static).update(
            heat_legend(self.colour, _("less"), _("more"))
        )
        self._draw_forecast(stats)
        self.query_one("#stats-ladder", Static).update(self._ladder(stats.cards))
        self.query_one("#stats-retention", Static).update(self._retention(stats))
        self.query_one("#stats-exercises", Static).update(self._exercises(stats))
        self.call_after_refresh(self._painted)

    def _summary(self, stats: Any) -> Text:
        streaks, totals = stats.streaks, stats.totals
        text = Text()
        text.append(_("Streak: "), style="bold")
        text.append(ngettext("{n} day", "{n} days", streaks.current).format(n=streaks.current))
        text.append("  ·  ")
        text.append(_("Longest: "), style="bold")
        text.append(ngettext("{n} day", "{n} days", streaks.longest).format(n=streaks.longest))
        text.append("\n")
        text.append(f"{stats.since.isoformat()} … {stats.until.isoformat()}  ", style="dim")
        text.append(
            ngettext("{n} answer", "{n} answers", totals.reviews).format(n=f"{totals.reviews:,}")
        )
        text.append(" · ")
        text.append(_("{p} right").format(p=percent(totals.rate)))
        text.append(" · ")
        text.append(duration(stats.seconds))
        text.append(" · ")
        text.append(
            ngettext("studied on {n} day", "studied on {n} days", stats.study_days).format(
                n=stats.study_days
            )
        )
        return text

    def _draw_forecast(self, stats: Any) -> None:
        counts = [due for _day, due in stats.forecast]
        marks = [(0, _("today"))]
        marks += [(i, stats.forecast[i][0].strftime("%d.%m")) for i in (7, 14, 21, 28)]
        self.query_one("#stats-forecast", Static).update(
            column_chart(counts, colour=self.colour, marks=marks)
        )
        week, month = sum(counts[:7]), sum(counts)
        self.query_one("#stats-forecast-total", Static).update(
            Text(
                _("{week} due in the next 7 days · {month} in the next 30").format(
                    week=f"{week:,}", month=f"{month:,}"
                ),
                style="dim",
            )
        )

    def _ladder(self, cards: Any) -> Any:
        rows = [(_("new cards"), cards.new), (_("being learned"), cards.learning)]
        rows += [(ladder_interval(step.label), step.cards) for step in cards.steps]
        rows.append((_("suspended cards"), cards.suspended))
        table = bar_rows(rows, colour=self.colour)
        done = ngettext(
            "{n} card has completed the whole plan",
            "{n} cards have completed the whole plan",
            cards.completed_plan,
        ).format(n=f"{cards.completed_plan:,}")
        return _with_line(table, done)

    def _retention(self, stats: Any) -> Table:
        table = Table(box=None, padding=(0, 2, 0, 0), show_edge=False, header_style="bold")
        table.add_column(_("deck"), no_wrap=True, max_width=36, overflow="ellipsis")
        table.add_column(_("answers"), justify="right")
        table.add_column(_("right"), justify="right")
        for group in stats.retention.by_deck:
            table.add_row(
                plain(group.name or group.label),
                f"{group.counts.reviews:,}",
                percent(group.counts.rate),
            )
        overall = stats.retention.overall
        table.add_row(Text(_("all"), style="bold"), f"{overall.reviews:,}", percent(overall.rate))
        return table

    def _exercises(self, stats: Any) -> Any:
        from srs_wb.services.progress import exercise_kind_titles

        exercises = stats.exercises
        if not exercises.answers:
            return Text(_("No exercise answered in this range yet."), style="dim")
        titles = exercise_kind_titles(self.collection.language)
        per_kind: dict[str, list[int]] = {}
        for row in exercises.by_kind:
            right_total = per_kind.setdefault(row.kind, [0, 0])
            right_total[0] += row.correct
            right_total[1] += row.answers
        table = Table(box=None, padding=(0, 2, 0, 0), show_edge=False, header_style="bold")
        table.add_column(_("exercise"), no_wrap=True, max_width=36, overflow="ellipsis")
        table.add_column(_("answers"), justify="right")
        table.add_column(_("right"), justify="right")
        for kind, (right, total) in sorted(per_kind.items(), key=lambda item: -item[1][1]):
            table.add_row(Text(titles.get(kind, kind)), f"{total:,}", percent(right / total))
        if not exercises.mistakes:
            return table
        common = ", ".join(
            f"{code.replace('_', ' ')} ({times:,})"
            for code, times in exercises.mistakes[:TOP_MISTAKES]
        )
        return _with_line(table, _("Most common mistakes: {list}").format(list=common))

    def _painted(self) -> None:
        self.loads += 1

    # Actions --------------------------------------------------------------------------

    def action_next_deck(self) -> None:
        keys = [None, *(key for key, _name in self.decks)]
        position = keys.index(self.deck) if self.deck in keys else 0
        self.deck = keys[(position + 1) % len(keys)]
        self._load(self.deck)

    def action_export(self) -> None:
        if self.stats is None:
            return
        suggested = Path.cwd() / f"srs-wb-stats-{self.stats.today.isoformat()}.md"
        self.app.push_screen(ExportDialog(suggested, self.deck))

    def action_close(self) -> None:
        self.dismiss()


def _with_line(renderable: Any, line: str) -> Table:
    """A renderable with a dim line of text beneath it."""
    grid = Table.grid()
    grid.add_row(renderable)
    grid.add_row(Text(line, style="dim"))
    return grid


class ExportDialog(SrsModal):
    """Where to write the stats of the deck shown; the extension chooses the format."""

    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > Vertical {
        width: 76; max-width: 100%; height: auto;
        border: round $primary; padding: 0 1; background: $surface;
    }
    ExportDialog #export-error { color: $error; }
    """

    class Done(Message):
        def __init__(self, text: str, error: bool) -> None:
            super().__init__()
            self.text = text
            self.error = error

    def __init__(self, suggested: Path, deck: str | None) -> None:
        super().__init__()
        self.suggested = suggested
        self.deck = deck

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Export stats"), classes="section-title")
            yield Static(
                _(
                    "The file's extension chooses the format: .csv every answer, "
                    ".json all the numbers, .md a one-page report."
                ),
                classes="dim",
            )
            yield Input(str(self.suggested), id="export-path")
            yield Static(id="export-error")

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip()).expanduser()
        self.query_one("#export-error", Static).update(_("Exporting…"))
        self._export(path)

    @work(thread=True, group="export", exclusive=True)
    def _export(self, path: Path) -> None:
        from srs_wb.services.stats_export import export_stats

        try:
            result = export_stats(self.srs.collection, path, deck=self.deck)
        except SrsError as exc:
            self.post_message(self.Done(str(exc), error=True))
            return
        self.post_message(
            self.Done(
                ngettext(
                    "Wrote {path} ({n} answer)", "Wrote {path} ({n} answers)", result.rows
                ).format(path=result.path, n=f"{result.rows:,}"),
                error=False,
            )
        )

    @on(Done)
    def _done(self, message: Done) -> None:
        if message.error:
            self.query_one("#export-error", Static).update(plain(message.text))
            return
        self.app.notify(inert(message.text), title=_("Export stats"), markup=False)
        self.dismiss(message.text)
