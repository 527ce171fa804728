"""The help dialog: what the screen is for and every key it answers to."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from srs_wb.i18n import _
from srs_wb.tui.screens.base import SrsModal


class HelpScreen(SrsModal):
    CSS_PATH = "help.tcss"

    def __init__(self, about: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.about = about
        self.keys = keys

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog"):
            yield Static(_("Help"), classes="dialog-title")
            if self.about:
                yield Static(self.about, id="help-about")
            table = Table.grid(padding=(0, 2))
            table.add_column(style="bold", no_wrap=True)
            table.add_column()
            for key, description in self.keys:
                table.add_row(Text(key), Text(description))
            table.add_row(Text("ctrl+p"), Text(_("Every command, by name")))
            yield Static(table, id="help-keys")
            yield Static(_("Esc closes this help."), classes="dialog-hint")
