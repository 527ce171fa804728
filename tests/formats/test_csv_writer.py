"""The CSV writer writes, byte for byte, what the csv module writes from the guarded cells."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from srs_wb.formats.csv_writer import CSV_COLUMNS, csv_columns_text, csv_text, protect_cell

# Cells built mostly from the characters that change how a cell is written: the formula
# starts, the apostrophe, the delimiter, quotes, line ends, spaces and some Cyrillic.
cell = st.text(alphabet=st.sampled_from("'=+-@\t\r\n,\" ;aя0\x00\u2028"), max_size=8) | st.text()
row = st.tuples(cell, cell, cell, cell)


def reference(rows: list[tuple[str, str, str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows([protect_cell(value) for value in r] for r in rows)
    return out.getvalue()


@settings(max_examples=400, deadline=None)
@given(st.lists(row, max_size=12))
def test_the_text_is_what_the_csv_module_writes(rows: list[tuple[str, str, str, str]]) -> None:
    assert csv_text(rows) == reference(rows)
    columns = tuple(zip(*rows, strict=True)) or ((), (), (), ())
    fronts, backs, tags, ids = (list(column) for column in columns)
    assert csv_columns_text(fronts, backs, tags, ids) == reference(rows)


def test_an_empty_deck_is_the_header_alone() -> None:
    assert csv_text([]) == "front,back,tags,id\r\n"


def test_one_odd_cell_among_plain_ones() -> None:
    rows = [(f"q{i}", f"a{i}", "t", f"k{i}") for i in range(50)]
    rows[17] = ('-1, "minus"', "two\nlines", "", "k17")
    text = csv_text(rows)
    assert text == reference(rows)
    assert '\r\n"\'-1, ""minus""","two\nlines",,k17\r\n' in text
