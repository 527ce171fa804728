"""The decks with today's new / learning / due counts; Enter on a row asks to study it."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from srs_wb.i18n import N_, _
from srs_wb.services.views import Overview
from srs_wb.tui.bindings import translate_bindings
from srs_wb.tui.text import plain

ALL_DECKS = "__all__"  # the row key of the totals row: studying it studies every deck


class DeckTable(DataTable[Text]):
    """One row per deck and a totals row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", N_("Study"), id="home.study", key_display="⏎"),
    ]

    class DeckChosen(Message):
        """The learner chose a deck to study (`deck_key` None: every deck)."""

        def __init__(self, deck_key: str | None) -> None:
            super().__init__()
            self.deck_key = deck_key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False, cell_padding=1)
        translate_bindings(self)
        self._overview: Overview | None = None

    def _columns(self) -> list[tuple[str, str]]:
        return [
            ("new", _("New")),
            ("learning", _("Learning")),
            ("due", _("Due")),
            ("total", _("Total")),
        ]

    def _add_columns(self, overview: Overview) -> int:
        # Widths are given up front, not measured on the next idle, so the table is laid
        # out once, the same way every time, and the deck names give way on a narrow screen.
        counts = [(key, label, max(5, cell_len(label))) for key, label in self._columns()]
        names = [deck.name for deck in overview.decks] + [_("Deck"), _("All decks")]
        longest = max(cell_len(plain(name).plain) for name in names)
        width = self.size.width or self.app.size.width - 2
        room = width - sum(w + 2 for _key, _label, w in counts) - 3
        deck_width = max(12, min(longest, room))
        self.add_column(_("Deck"), key="deck", width=deck_width)
        for key, label, column_width in counts:
            self.add_column(Text(label, justify="right"), key=key, width=column_width)
        return deck_width

    def show(self, overview: Overview) -> None:
        """Fill the table, keeping the cursor on the deck it was on."""
        self._overview = overview
        selected = self.selected_key()
        self.clear(columns=True)
        deck_width = self._add_columns(overview)
        styles = self._count_styles()
        for deck in overview.decks:
            name = plain(deck.name)
            name.truncate(deck_width, overflow="ellipsis")
            self.add_row(
                name,
                *(_count(getattr(deck, name), styles[name]) for name in ("new", "learning", "due")),
                Text(str(deck.total), justify="right", style="dim"),
                key=deck.key,
            )
        totals = overview.totals
        if len(overview.decks) > 1:
            self.add_row(
                Text(_("All decks"), style="bold"),
                *(
                    _count(totals[name], styles[name], bold=True)
                    for name in ("new", "learning", "due")
                ),
                Text(str(totals["total"]), justify="right", style="bold dim"),
                key=ALL_DECKS,
            )
        keys = [deck.key for deck in overview.decks]
        if selected in keys:
            self.move_cursor(row=keys.index(selected), animate=False)
        elif selected == ALL_DECKS and len(keys) > 1:
            self.move_cursor(row=len(keys), animate=False)

    def on_resize(self) -> None:
        if self._overview is not None:
            self.show(self._overview)

    def _count_styles(self) -> dict[str, str]:
        # DataTable cells are Rich text, outside the stylesheet: take the theme's colours.
        colours = self.app.theme_variables
        return {
            "new": colours.get("primary", "blue"),
            "learning": colours.get("warning", "yellow"),
            "due": colours.get("success", "green"),
        }

    def selected_key(self) -> str | None:
        if not self.row_count:
            return None
        row_key, _column = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value
        self.post_message(self.DeckChosen(None if key == ALL_DECKS else key))


def _count(number: int, colour: str, *, bold: bool = False) -> Text:
    style = " ".join(part for part in ("bold" if bold else "", colour if number else "dim") if part)
    return Text(str(number), justify="right", style=style)
