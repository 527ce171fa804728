"""Decks as CSV for spreadsheets: front, back, tags, id; cells guarded against formula injection."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from srs_wb.formats.spec import CardKind, DeckSpec

__all__ = ["CSV_COLUMNS", "csv_text", "protect_cell", "write_csv"]

CSV_COLUMNS = ("front", "back", "tags", "id")
# A spreadsheet runs a cell that starts with one of these as a formula. The apostrophe
# makes it text; `csv_deck.unprotect_cell` removes it again on import. Cells that already
# start with apostrophes before such a character get one more, so that they round-trip.
_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")
_MAY_NEED_IT = frozenset("'=+-@\t\r")  # the first characters worth a closer look


def protect_cell(text: str) -> str:
    if not text or text[0] not in _MAY_NEED_IT:
        return text
    return "'" + text if _FORMULA_START.match(text) else text


def write_csv(spec: DeckSpec) -> str:
    """The deck's question cards as CSV text with a header row (exercise cards have no text
    to write; a .toml export keeps them). Save it with a UTF-8 BOM for spreadsheets."""
    return csv_text(
        (card.front, card.back, " ".join(card.tags), card.key)
        for card in spec.cards
        if card.kind is CardKind.RECALL
    )


def csv_text(rows: Iterable[tuple[str, str, str, str]]) -> str:
    """CSV text with a header row from (front, back, tags, id) rows of question cards."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows([protect_cell(cell) for cell in row] for row in rows)
    return out.getvalue()
