"""Decks as CSV for spreadsheets: front, back, tags, id; cells guarded against formula injection."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import compress, count, repeat
from operator import itemgetter

from srs_wb.formats.spec import CardKind, DeckSpec

__all__ = ["CSV_COLUMNS", "csv_columns_text", "csv_text", "protect_cell", "write_csv"]

CSV_COLUMNS = ("front", "back", "tags", "id")
# A spreadsheet runs a cell that starts with one of these as a formula. The apostrophe
# makes it text; `csv_deck.unprotect_cell` removes it again on import. Cells that already
# start with apostrophes before such a character get one more, so that they round-trip.
_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")
_MAY_NEED_IT = frozenset("'=+-@\t\r")  # the first characters worth a closer look
_MAY_NEED_IT_STARTS = tuple(_MAY_NEED_IT)  # the same, as `str.startswith` takes them
# What makes the csv module's QUOTE_MINIMAL quote a cell, with "," as the delimiter and
# "\r\n" ending each row: the delimiter, the quote character, or either line-end character.
_QUOTE_IF = (",", '"', "\r", "\n")
_NEEDS_QUOTES = re.compile(r'[,"\r\n]')
_FIRST_CHARACTER = itemgetter(slice(0, 1))  # "" for an empty cell
_ROW_END = "\r\n"


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
    columns = tuple(zip(*rows, strict=True)) or ((), (), (), ())
    fronts, backs, tags, ids = columns
    return csv_columns_text(fronts, backs, tags, ids)


def csv_columns_text(
    fronts: Sequence[str], backs: Sequence[str], tags: Sequence[str], ids: Sequence[str]
) -> str:
    """`csv_text` from the four columns of the question cards, in the same order.

    The text is what `csv.writer(out, lineterminator="\\r\\n")` writes, built column by
    column: that writer looks at every character of every cell through a function call,
    and was most of the time of exporting a 20,000-card deck. Here a column is checked in
    a few searches of all its cells at once (in C), and only the cells those searches find
    are guarded or quoted one by one.
    """
    cells = (_written(column) for column in (fronts, backs, tags, ids))
    lines = map(",".join, zip(*cells, strict=True))
    return _ROW_END.join((",".join(CSV_COLUMNS), *lines, ""))


def _written(column: Sequence[str]) -> Sequence[str]:
    """One column's cells as they stand between the commas: guarded, then quoted."""
    firsts = "".join(map(_FIRST_CHARACTER, column))
    if any(start in firsts for start in _MAY_NEED_IT):
        column = list(column)
        for i in _where(map(str.startswith, column, repeat(_MAY_NEED_IT_STARTS))):
            column[i] = protect_cell(column[i])
    # A guard adds an apostrophe, which never needs quotes: this search may come after it.
    whole = "".join(column)
    if any(special in whole for special in _QUOTE_IF):
        column = list(column)
        for i in _where(map(_NEEDS_QUOTES.search, column)):
            column[i] = '"' + column[i].replace('"', '""') + '"'
    return column


def _where(flags: Iterable[object]) -> Iterator[int]:
    """The positions of the true flags."""
    return compress(count(), flags)
