"""The command palette: every key of the current screen, plus the app's own commands."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

from srs_wb.i18n import _

if TYPE_CHECKING:
    from srs_wb.tui.app import SrsApp


def commands_for(app: SrsApp, screen: Screen) -> Iterator[SystemCommand]:
    """A command for each of the screen's bindings (those the app declares, with an id), so
    whatever a key does can also be found by name; then theme, keys and quit."""
    seen: set[str] = set()
    for _key, (node, binding, enabled, _tooltip) in screen.active_bindings.items():
        if not binding.id or not enabled or binding.action in seen:
            continue
        if binding.action in {"command_palette", "quit"}:
            continue
        seen.add(binding.action)
        key = app.get_key_display(binding)
        yield SystemCommand(
            binding.description,
            binding.tooltip or _("Key: {key}").format(key=key),
            partial(app.run_action, binding.action, node),
        )
    yield SystemCommand(_("Theme"), _("Change the colours of the app"), app.action_change_theme)
    yield SystemCommand(_("Quit"), _("Leave srs-wb; every answer is already saved"), app.exit)
