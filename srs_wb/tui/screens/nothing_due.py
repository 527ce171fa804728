"""The dialog when nothing is due: study ahead, or practise exercises, or neither."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from srs_wb.i18n import N_, _
from srs_wb.tui.screens.base import SrsModal


class NothingDueScreen(SrsModal):
    """Answers "ahead", "practice" or None."""

    CSS_PATH = "nothing_due.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h", "choose('ahead')", N_("Study ahead"), id="nothing-due.ahead"),
        Binding("p", "choose('practice')", N_("Practise exercises"), id="nothing-due.practice"),
    ]

    def __init__(self, next_due: str | None) -> None:
        super().__init__()
        self.next_due = next_due

    def compose(self) -> ComposeResult:
        with Vertical(id="nothing-due-dialog"):
            yield Static(_("Nothing is due now"), classes="dialog-title")
            if self.next_due:
                yield Static(_("The next review is {when}.").format(when=self.next_due))
            yield Static(
                _(
                    "You can study the cards due soonest now (they move on the ladder as "
                    "usual), or practise exercises with fresh numbers without changing "
                    "the schedule."
                )
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Study ahead (h)"), id="ahead", variant="primary")
                yield Button(_("Practise (p)"), id="practice")
                yield Button(_("Cancel (Esc)"), id="cancel")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

    @on(Button.Pressed, "#ahead")
    def _ahead(self) -> None:
        self.dismiss("ahead")

    @on(Button.Pressed, "#practice")
    def _practice(self) -> None:
        self.dismiss("practice")

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
