"""A recall card: the front, and the back once revealed (Markdown, code highlighted)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Rule, Static

from srs_wb.tui.text import card_markdown


class RecallCard(Vertical):
    def compose(self) -> ComposeResult:
        yield Static(id="card-front", classes="card-text")
        yield Rule(id="card-rule")
        yield Static(id="card-back", classes="card-text")

    def show(self, front: str, back: str) -> None:
        dark = self.app.current_theme.dark
        self.query_one("#card-front", Static).update(card_markdown(front, dark=dark))
        self.query_one("#card-back", Static).update(card_markdown(back, dark=dark))
        self.set_class(False, "-revealed")

    def reveal(self) -> None:
        self.set_class(True, "-revealed")

    @property
    def revealed(self) -> bool:
        return self.has_class("-revealed")
