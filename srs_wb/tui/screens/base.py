"""What every screen of the app shares: translated bindings, the collection, help, errors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import ModalScreen, Screen

from srs_wb.display import inert
from srs_wb.i18n import N_, _
from srs_wb.tui.bindings import translate_bindings

if TYPE_CHECKING:
    from srs_wb.services.collection import Collection
    from srs_wb.tui.app import SrsApp


class ServiceFailed(Message):
    """A service call in a worker raised an error the learner can act on."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


HELP_BINDING = Binding("question_mark", "help", N_("Help"), id="help", key_display="?")


class SrsScreen(Screen[Any]):
    """A full screen of the app. Each lists `HELP_BINDING` where it wants it in the footer."""

    HELP_TEXT: ClassVar[str] = ""  # a paragraph for the help dialog (an N_-marked msgid)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)

    @property
    def srs(self) -> SrsApp:
        return cast("SrsApp", self.app)

    @property
    def collection(self) -> Collection:
        return self.srs.collection

    def on_service_failed(self, message: ServiceFailed) -> None:
        self.notify(
            inert(message.text), title=_("Error"), severity="error", timeout=8, markup=False
        )

    def action_help(self) -> None:
        from srs_wb.tui.screens.help import HelpScreen

        keys = []
        seen = set()
        for _key, binding, enabled, _tooltip in self.active_bindings.values():
            if binding.system or not binding.description or not enabled:
                continue
            if binding.action in seen:
                continue
            seen.add(binding.action)
            keys.append((self.app.get_key_display(binding), binding.description))
        self.app.push_screen(HelpScreen(_(self.HELP_TEXT) if self.HELP_TEXT else "", keys))


class SrsModal(ModalScreen[Any]):
    """A dialog: answers through `dismiss`, closes with Escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close"), id="close"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)

    @property
    def srs(self) -> SrsApp:
        return cast("SrsApp", self.app)

    def action_close(self) -> None:
        self.dismiss(None)
