"""Importing a deck: choose a file (or type a path), see what would change, confirm."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DirectoryTree, Footer, Input, Static

from srs_wb.errors import SrsError
from srs_wb.i18n import N_, _, ngettext
from srs_wb.services.importing import SUPPORTED_SUFFIXES
from srs_wb.tui.screens.base import HELP_BINDING, SrsScreen
from srs_wb.tui.text import plain


class DeckFileTree(DirectoryTree):
    """Folders and the deck files srs-wb can import; hidden entries left out."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        for path in paths:
            if path.name.startswith("."):
                continue
            try:
                if path.is_dir() or path.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield path
            except OSError:
                continue  # unreadable entries are not offered


class ImportScreen(SrsScreen):
    CSS_PATH = "importing.tcss"
    HELP_TEXT = N_(
        "Pick a deck file in the tree, or type its path and press Enter. srs-wb first "
        "shows what the import would add or change; nothing is written until you confirm. "
        "Importing a deck again updates its cards and keeps your progress."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "confirm", N_("Import"), id="import.confirm", priority=True),
        Binding("escape", "close", N_("Back"), id="import.back"),
        HELP_BINDING,
    ]

    class Checked(Message):
        """A dry run finished: what the import would do, or why it cannot."""

        def __init__(self, path: Path, summaries: list[Any] | None, error: str = "") -> None:
            super().__init__()
            self.path = path
            self.summaries = summaries
            self.error = error

    class Imported(Message):
        def __init__(self, path: Path, summaries: list[Any] | None, error: str = "") -> None:
            super().__init__()
            self.path = path
            self.summaries = summaries
            self.error = error

    def __init__(self, root: Path | None = None) -> None:
        super().__init__()
        self.root = root or Path.cwd()
        self.checked: Path | None = None  # the file whose dry run passed
        self.imports = 0  # for tests: imports finished

    def compose(self) -> ComposeResult:
        yield Static(_("Import a deck"), classes="screen-title")
        with Horizontal(id="import-body"):
            yield DeckFileTree(self.root, id="import-tree")
            with Vertical(id="import-side"):
                yield Input(placeholder=_("…or type a path and press Enter"), id="import-path")
                yield Static(
                    _("Deck files: {suffixes}").format(suffixes=" ".join(SUPPORTED_SUFFIXES)),
                    id="import-kinds",
                )
                yield Static(id="import-result")
                yield Button(
                    _("Import (ctrl+s)"), id="import-confirm", variant="primary", disabled=True
                )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).cursor_blink = self.srs.cursor_blink
        self.query_one(DeckFileTree).focus()

    @on(DirectoryTree.FileSelected, "#import-tree")
    def _file_chosen(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self._check(event.path)

    @on(Input.Submitted, "#import-path")
    def _path_typed(self, event: Input.Submitted) -> None:
        typed = event.value.strip()
        if typed:
            path = Path(typed).expanduser()
            self._check(path if path.is_absolute() else self.root / path)

    def _check(self, path: Path) -> None:
        self.checked = None
        self.query_one("#import-confirm", Button).disabled = True
        self._show(plain(_("Reading {path}…").format(path=path), style="dim"))
        self._dry_run(path)

    @work(thread=True, exclusive=True, group="import")
    def _dry_run(self, path: Path) -> None:
        from srs_wb.services.importing import import_paths

        try:
            summaries = import_paths(self.collection, [path], dry_run=True)
        except SrsError as exc:
            self.post_message(self.Checked(path, None, _error_text(exc)))
            return
        self.post_message(self.Checked(path, summaries))

    @on(Checked)
    def _checked(self, message: Checked) -> None:
        if message.summaries is None:
            self._show(_failure(message.error))
            return
        self.checked = message.path
        result = Text()
        for summary in message.summaries:
            result.append_text(describe(summary))
            result.append("\n")
        result.append(_("Press ctrl+s (or the button) to import."), style="bold")
        self._show(result)
        button = self.query_one("#import-confirm", Button)
        button.disabled = False

    @on(Button.Pressed, "#import-confirm")
    def _confirm_pressed(self) -> None:
        self.action_confirm()

    def action_confirm(self) -> None:
        if self.checked is None:
            self.notify(_("Choose a deck file first."), severity="warning")
            return
        path, self.checked = self.checked, None
        self.query_one("#import-confirm", Button).disabled = True
        self._show(plain(_("Importing {path}…").format(path=path), style="dim"))
        self._import(path)

    @work(thread=True, exclusive=True, group="import")
    def _import(self, path: Path) -> None:
        from srs_wb.services.importing import import_paths

        try:
            summaries = import_paths(self.collection, [path])
        except SrsError as exc:
            self.post_message(self.Imported(path, None, _error_text(exc)))
            return
        self.post_message(self.Imported(path, summaries))

    @on(Imported)
    def _imported(self, message: Imported) -> None:
        self.imports += 1
        if message.summaries is None:
            self._show(_failure(message.error))
            return
        result = Text()
        for summary in message.summaries:
            result.append_text(describe(summary))
            result.append("\n")
        self._show(result)
        self.notify(_("Deck imported."), timeout=3)

    def _show(self, content: Text) -> None:
        self.query_one("#import-result", Static).update(content)

    def action_close(self) -> None:
        self.dismiss()


def _error_text(exc: SrsError) -> str:
    # As the import command reports it: for ImportFailed, the message, then each problem
    # on its own line (its __str__).
    return str(exc)


def _failure(error: str) -> Text:
    text = Text()
    text.append(_("This file cannot be imported; nothing was written."), style="bold")
    text.append("\n")
    text.append_text(plain(error))
    return text


def describe(summary: Any) -> Text:
    """An import summary in the learner's language (the service's `describe()` is English)."""
    text = Text()
    verb = _("would import the deck") if summary.dry_run else _("imported the deck")
    text.append(f"{plain(summary.source).plain}: ", style="dim")
    text.append(verb + " ")
    text.append_text(plain(summary.deck_name, style="bold"))
    if summary.new_deck:
        text.append(" " + _("(new)"))
    text.append("\n  ")
    parts = [
        ngettext("{n} card added", "{n} cards added", summary.added).format(n=summary.added),
        ngettext("{n} updated", "{n} updated", summary.updated).format(n=summary.updated),
        ngettext("{n} unchanged", "{n} unchanged", summary.unchanged).format(n=summary.unchanged),
    ]
    if summary.missing:
        n = len(summary.missing)
        parts.append(
            ngettext(
                "{n} missing from the file (kept)", "{n} missing from the file (kept)", n
            ).format(n=n)
        )
    if summary.skipped:
        n = len(summary.skipped)
        parts.append(ngettext("{n} skipped", "{n} skipped", n).format(n=n))
    text.append(", ".join(parts))
    for item in summary.skipped:
        text.append("\n  ")
        text.append_text(plain(f"{item['item']}: {item['reason']}", style="dim"))
    return text
