"""Decks as CSV for spreadsheets: front, back, tags, id; cells guarded against formula injection."""

from __future__ import annotations

import csv
import io
import re

from srs_wb.formats.spec import CardKind, DeckSpec

__all__ = ["CSV_COLUMNS", "csv_cards", "protect_cell", "write_csv"]

CSV_COLUMNS = ("front", "back", "tags", "id")
# A spreadsheet runs a cell that starts with one of these as a formula. The apostrophe
# makes it text; `csv_deck.unprotect_cell` removes it again on import. Cells that already
# start with apostrophes before such a character get one more, so that they round-trip.
_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")


def protect_cell(text: str) -> str:
    return "'" + text if _FORMULA_START.match(text) else text


def csv_cards(spec: DeckSpec) -> int:
    """How many of the deck's cards a CSV file holds: question cards only."""
    return sum(1 for card in spec.cards if card.kind is CardKind.RECALL)


def write_csv(spec: DeckSpec) -> str:
    """The deck's question cards as CSV text with a header row (exercise cards have no text
    to write; a .toml export keeps them). Save it with a UTF-8 BOM for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for card in spec.cards:
        if card.kind is not CardKind.RECALL:
            continue
        cells = (card.front, card.back, " ".join(card.tags), card.key)
        writer.writerow([protect_cell(cell) for cell in cells])
    return out.getvalue()
