"""A one-line list of the keys that work now: a light footer for the screen that must be fast.

Textual's Footer rebuilds its widgets whenever the focus or the bindings change, which
between two cards costs more than the card itself; this is one line of text, redrawn only
when what it says changes.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from srs_wb.i18n import _


class KeyBar(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: list[tuple[str, str, bool]] | None = None

    def show(self, keys: list[tuple[str, str, bool]]) -> None:
        """(key as shown, what it does, enabled) for each key, in order."""
        if keys == self._keys:
            return
        self._keys = keys
        colours = self.app.theme_variables
        key_style = f"bold {colours.get('accent', 'yellow')}"
        line = Text(no_wrap=True, overflow="ellipsis")
        for key, description, enabled in keys:
            line.append(key, style=key_style if enabled else "dim")
            line.append(description, style="" if enabled else "dim")
            line.append("  ")
        line.append("^p", style=key_style)
        line.append(_("Commands"))
        self.update(line)
