"""Settings: interface language, daily limits, the hour a study day starts, the theme."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Footer, Input, Label, Select, Static

from srs_wb.errors import SrsError
from srs_wb.i18n import LANGUAGE_NAMES, N_, _
from srs_wb.tui.screens.base import HELP_BINDING, SrsScreen
from srs_wb.tui.text import plain

NUMBERS = (
    ("new_per_day", N_("New cards per day")),
    ("reviews_per_day", N_("Reviews per day")),
    ("rollover_hour", N_("A study day starts at (hour, 0–23)")),
)


class SettingsScreen(SrsScreen):
    CSS_PATH = "settings.tcss"
    HELP_TEXT = N_(
        "Settings are kept in your collection. The limits say how many new cards and reviews "
        "a day brings; a study day starts at the hour given, so a review after midnight still "
        "counts for the evening before."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Save"), id="settings.save", priority=True),
        Binding("escape", "close", N_("Back"), id="settings.back"),
        HELP_BINDING,
    ]

    class Saved(Message):
        def __init__(self, changed: dict[str, Any]) -> None:
            super().__init__()
            self.changed = changed

    class Refused(Message):
        def __init__(self, key: str, text: str) -> None:
            super().__init__()
            self.key = key
            self.text = text

    def compose(self) -> ComposeResult:
        settings = self.collection.settings
        yield Static(_("Settings"), classes="screen-title")
        with Vertical(id="settings-form"):
            with Grid(id="settings-grid"):
                yield Label(_("Interface language"))
                languages = [(_("From the system"), "")] + [
                    (name, code) for code, name in LANGUAGE_NAMES.items()
                ]
                yield Select(
                    languages, value=settings.language or "", allow_blank=False, id="language"
                )
                for key, label in NUMBERS:
                    yield Label(_(label))
                    yield Input(str(getattr(settings, key)), type="integer", id=key)
                yield Label(_("Theme"))
                themes = sorted(self.app.available_themes)
                yield Select(
                    [(name, name) for name in themes],
                    value=self.app.theme,
                    allow_blank=False,
                    id="theme",
                )
            yield Static(id="settings-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save (ctrl+s)"), id="save", variant="primary")
                yield Button(_("Cancel (Esc)"), id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        for key, _label in NUMBERS:
            self.query_one(f"#{key}", Input).cursor_blink = self.srs.cursor_blink
        self.query_one("#language", Select).focus()

    def values(self) -> dict[str, Any]:
        """What the form says now, as the settings service takes it."""
        values: dict[str, Any] = {
            "language": self.query_one("#language", Select).value or None,
            "theme": self.query_one("#theme", Select).value,
        }
        for key, _label in NUMBERS:
            values[key] = self.query_one(f"#{key}", Input).value.strip()
        return values

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_close()

    def action_save(self) -> None:
        current = self.collection.settings
        changed = {
            key: value
            for key, value in self.values().items()
            if str(getattr(current, key) if getattr(current, key) is not None else "")
            != str(value if value is not None else "")
        }
        self.query_one("#settings-error", Static).update("")
        if not changed:
            self.action_close()
            return
        self._save(changed)

    @work(thread=True, exclusive=True, group="settings")
    def _save(self, changed: dict[str, Any]) -> None:
        for key, value in changed.items():
            try:
                self.collection.set_setting(key, value)
            except SrsError as exc:
                self.post_message(self.Refused(key, str(exc)))
                return
        self.post_message(self.Saved(changed))

    @on(Refused)
    def _refused(self, message: Refused) -> None:
        self.query_one("#settings-error", Static).update(plain(message.text))
        field = self.query_one(f"#{message.key}")
        field.focus()

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        if "theme" in message.changed:
            self.srs.apply_theme(str(message.changed["theme"]))
        self.notify(_("Settings saved."), timeout=3)
        if "language" in message.changed and self.collection.language != self.srs.language:
            self.app.call_later(self.srs.language_changed)
            return
        self.action_close()

    def action_close(self) -> None:
        self.dismiss()
