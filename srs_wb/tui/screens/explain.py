"""Why a card is shown now, and where each grade would send it."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from srs_wb.i18n import _, ngettext
from srs_wb.labels import interval as ladder_interval
from srs_wb.labels import rating_name
from srs_wb.labels import step as ladder_step
from srs_wb.services.progress import Explanation
from srs_wb.services.views import CardView
from srs_wb.tui import text
from srs_wb.tui.screens.base import SrsModal


class ExplainScreen(SrsModal):
    CSS_PATH = "explain.tcss"

    def __init__(self, explanation: Explanation, card: CardView) -> None:
        super().__init__()
        self.explanation = explanation
        self.card = card

    def compose(self) -> ComposeResult:
        why = self.explanation
        today = self.srs.collection.today()
        with VerticalScroll(id="explain-dialog"):
            yield Static(_("Why this card now?"), classes="dialog-title")
            yield Static(self._reason(why, today), id="explain-reason")
            table = Table(box=None, padding=(0, 2), show_edge=False)
            table.add_column(_("Grade"), no_wrap=True)
            table.add_column(_("Next time"), no_wrap=True)
            table.add_column(_("Ladder"))
            for outcome in why.outcomes:
                rung = (
                    _("back to the start")
                    if outcome.step == 0
                    else _("step {n}").format(n=outcome.step)
                )
                table.add_row(
                    Text.assemble(
                        (str(int(outcome.rating)), "bold"), " ", rating_name(outcome.rating)
                    ),
                    ladder_interval(outcome.label)
                    + (f"  ({outcome.due_day.isoformat()})" if outcome.due_day else ""),
                    rung,
                )
            yield Static(table, id="explain-grades")
            yield Static(_("Esc closes this window."), classes="dialog-hint")

    def _reason(self, why: Explanation, today: object) -> Text:
        reason = Text()
        if why.reason == "new":
            reason.append(_("A new card: you have not seen it before."))
        elif why.reason == "learning":
            reason.append(
                _(
                    "You are learning this card: it was graded Again or Hard, so it comes back "
                    "today until you know it."
                )
            )
        elif why.reason == "ahead":
            reason.append(
                _("You are studying ahead: this card is due {when}.").format(
                    when=text.day(why.due_day, today)  # type: ignore[arg-type]
                )
            )
        elif why.reason == "overdue":
            reason.append(
                ngettext(
                    "This review was due {n} day ago, on {day}.",
                    "This review was due {n} days ago, on {day}.",
                    why.overdue_days,
                ).format(n=why.overdue_days, day=why.due_day.isoformat() if why.due_day else "")
            )
        else:
            reason.append(_("This review is due today."))
        reason.append("\n")
        details = [_("Ladder: {step}").format(step=ladder_step(why.step_label))]
        details.append(ngettext("{n} answer", "{n} answers", why.reps).format(n=why.reps))
        details.append(ngettext("{n} lapse", "{n} lapses", why.lapses).format(n=why.lapses))
        if why.last_day is not None and why.last_rating is not None:
            details.append(
                _("last: {grade}, {when}").format(
                    grade=rating_name(why.last_rating),
                    when=text.day(why.last_day, today),  # type: ignore[arg-type]
                )
            )
        reason.append(" · ".join(details), style="dim")
        return reason
