"""The line above a card: how many done and left today, the card's deck and ladder step."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from srs_wb.i18n import _
from srs_wb.labels import step as ladder_step
from srs_wb.services.views import CardView
from srs_wb.tui import text


class SessionHeader(Horizontal):
    def compose(self) -> ComposeResult:
        yield Static(id="session-progress")
        yield Static(id="session-card")

    def show(self, done: int, left: int, card: CardView | None, *, practice: bool) -> None:
        progress = Text()
        if practice:
            progress.append(_("Practice"), style="bold")
            progress.append(" · ")
        progress.append(_("{done} done").format(done=done), style="bold")
        progress.append(" · ")
        if practice:
            progress.append(_("{left} left").format(left=left))
        else:
            progress.append(_("{left} left today").format(left=left))
        self.query_one("#session-progress", Static).update(progress)
        where = Text(justify="right")
        if card is not None:
            where.append_text(text.plain(card.deck_name))
            where.append(" · ")
            where.append(ladder_step(card.step_label), style="bold")
        self.query_one("#session-card", Static).update(where)
