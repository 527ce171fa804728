"""Spreadsheet files (CSV, TSV, TXT): delimiters, headers, quoting, encodings, and refusals."""

from __future__ import annotations

import codecs
import csv
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from srs_wb.errors import ImportFailed
from srs_wb.formats.csv_deck import _Sheet, read_text_deck, unprotect_cell
from srs_wb.formats.naming import content_key
from srs_wb.formats.read_result import ReadOptions, ReadResult, Skipped
from srs_wb.formats.text_rows import MAX_LINE_CHARS, Record, check_encoding


def read(path: Path, **options: object) -> ReadResult:
    return read_text_deck(path, ReadOptions(**options))  # type: ignore[arg-type]


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def cards(result: ReadResult) -> list[tuple[str, str, tuple[str, ...]]]:
    [deck] = result.decks
    return [(card.front, card.back, card.tags) for card in deck.cards]


def refusal(path: Path, **options: object) -> str:
    with pytest.raises(ImportFailed) as caught:
        read(path, **options)
    message = str(caught.value)
    assert str(path) in message
    return message


@pytest.mark.parametrize(
    ("name", "delimiter"),
    [("a.csv", ","), ("a.csv", ";"), ("a.tsv", "\t"), ("a.txt", "\t"), ("a.csv", "|")],
)
def test_the_delimiter_is_found(tmp_path: Path, name: str, delimiter: str) -> None:
    rows = ["weight", "тежест, множител"], ["bias", "пристрастие; отместване"], ["z", "w·x + b"]
    text = "".join(
        delimiter.join(f'"{cell}"' if delimiter in cell else cell for cell in row) + "\n"
        for row in rows
    )
    result = read(write(tmp_path, name, text))
    assert cards(result) == [(front, back, ()) for front, back in rows]


def test_semicolons_win_when_commas_are_inside_the_text(tmp_path: Path) -> None:
    text = "Какво е z?;w·x + b, сумата\nЗащо b?;за отместване, разбира се\n"
    assert [c[1] for c in cards(read(write(tmp_path, "a.csv", text)))] == [
        "w·x + b, сумата",
        "за отместване, разбира се",
    ]


@pytest.mark.parametrize(
    "header",
    [
        "front,back,tags",
        "Front,Back,Tags",
        "question,answer,tags",
        "лице,гръб,етикети",
        "Въпрос,Отговор,Етикети",
        "tags,back,front",
    ],
)
def test_a_header_row_names_the_columns(tmp_path: Path, header: str) -> None:
    names = [cell.strip().casefold() for cell in header.split(",")]
    values = {"front": "Q", "лице": "Q", "question": "Q", "въпрос": "Q", "back": "A"}
    values |= {"гръб": "A", "answer": "A", "отговор": "A", "tags": "t1 t2", "етикети": "t1 t2"}
    row = ",".join(values[name] for name in names)
    result = read(write(tmp_path, "a.csv", f"{header}\n{row}\n"))
    assert cards(result) == [("Q", "A", ("t1", "t2"))]


def test_without_a_header_columns_are_front_back_tags(tmp_path: Path) -> None:
    result = read(write(tmp_path, "a.csv", "Q1,A1,x y\nQ2,A2,\n"))
    assert cards(result) == [("Q1", "A1", ("x", "y")), ("Q2", "A2", ())]


def test_quoted_cells_hold_newlines_quotes_and_delimiters(tmp_path: Path) -> None:
    text = 'front,back\n"line one\r\nline two","a, b; c | d"\n"say ""hi""",x\n'
    assert cards(read(write(tmp_path, "a.csv", text))) == [
        ("line one\nline two", "a, b; c | d", ()),
        ('say "hi"', "x", ()),
    ]


def test_utf8_with_and_without_bom(tmp_path: Path) -> None:
    text = "лице,гръб\nтежест,weight\n"
    with_bom = write(tmp_path, "a.csv", "\ufeff" + text)
    without = write(tmp_path, "b.csv", text)
    assert cards(read(with_bom)) == cards(read(without)) == [("тежест", "weight", ())]


def test_cp1251_with_the_encoding_option(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", "лице;гръб\nтежест;множител на входа\n", "cp1251")
    assert cards(read(path, encoding=check_encoding("cp1251"))) == [
        ("тежест", "множител на входа", ())
    ]


def test_utf16_with_a_bom_needs_no_option(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "лице\tгръб\nтежест\tweight\n", "utf-16")
    assert cards(read(path)) == [("тежест", "weight", ())]


def test_not_utf8_names_the_byte_offset_and_suggests_cp1251(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", "front,back\nok,fine\n", "utf-8")
    with open(path, "ab") as file:
        file.write("тежест,множител\n".encode("cp1251"))
    message = refusal(path)
    offset = len(b"front,back\nok,fine\n")
    assert f"byte offset {offset}" in message and "0xF2" in message
    assert "--encoding cp1251" in message and f"{path}:3:" in message


def test_not_utf8_after_a_bom_counts_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(codecs.BOM_UTF8 + b"a,b\n\xff,c\n")
    assert "byte offset 7" in refusal(path)


def test_a_bad_byte_past_the_first_megabyte_is_found(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    good = b"q,a\n" * 400_000
    path.write_bytes(good + b"\xe9,x\n")
    assert f"byte offset {len(good):,}" in refusal(path)


def test_an_unknown_encoding_name_is_refused() -> None:
    for name in ("no-such-encoding", "base64", "rot13"):
        with pytest.raises(ImportFailed, match="unknown encoding"):
            check_encoding(name)
    assert check_encoding("CP1251") == "cp1251"
    assert check_encoding(None) is None


def test_a_nul_byte_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"a,b\nc,d\ne\x00,f\n")
    assert f"{path}:3:" in refusal(path) and "NUL" in refusal(path)


def test_a_nul_byte_in_a_utf16_file_without_bom_suggests_utf16(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("a\tb\n".encode("utf-16-le"))
    assert "--encoding utf-16" in refusal(path)


def test_ragged_rows_are_refused_naming_each_row(tmp_path: Path) -> None:
    text = "front,back,tags\nq1,a1,t\nq2,a2\nq3,a3,t,extra\nq4,a4,t,\n"
    message = refusal(write(tmp_path, "a.csv", text))
    assert "row 3: 2 cells, but the header has 3" in message
    assert "row 4: 4 cells" in message
    assert "row 5" not in message  # a trailing empty cell is no extra column
    assert "(2 problems)" in message


def test_an_unbalanced_quote_is_refused_naming_its_row(tmp_path: Path) -> None:
    text = 'front,back\nq1,a1\nq2,"never closed\nq3,a3\n'
    message = refusal(write(tmp_path, "a.csv", text))
    assert f"{tmp_path / 'a.csv'}:3: row 3: a quote opened in this row is never closed" in message


def test_text_after_a_closing_quote_is_refused(tmp_path: Path) -> None:
    message = refusal(write(tmp_path, "a.csv", 'front,back\n"q1"x,a1\n'))
    assert "row 2" in message and "closing quote" in message


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    assert "the file is empty" in refusal(write(tmp_path, "a.csv", ""))


def test_a_header_only_file_has_no_cards(tmp_path: Path) -> None:
    assert "no cards to import" in refusal(write(tmp_path, "a.csv", "front,back,tags\n"))


def test_one_column_is_refused(tmp_path: Path) -> None:
    assert "one column" in refusal(write(tmp_path, "a.csv", "just\nwords\n"))


def test_four_columns_without_a_header_are_refused(tmp_path: Path) -> None:
    assert "add a header row" in refusal(write(tmp_path, "a.csv", "a,b,c,d\n"))


def test_a_workbook_saved_as_csv_by_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    assert "zip archive" in refusal(path)


def test_a_huge_line_is_refused_without_reading_the_whole_file(tmp_path: Path) -> None:
    """100 MB of one line: refused after its first megabyte, in well under a second."""
    path = tmp_path / "huge.csv"
    chunk = b"a" * (1 << 20)
    with open(path, "wb") as file:
        for _ in range(100):
            file.write(chunk)
    started = time.perf_counter()
    message = refusal(path)
    assert time.perf_counter() - started < 1.0
    assert f"line 1 is longer than {MAX_LINE_CHARS:,}" in message


def test_a_huge_line_after_good_lines_is_found_in_a_utf16_file_too(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(("q\ta\n" * 3 + "x" * (MAX_LINE_CHARS + 10)).encode("utf-16"))
    assert "line 4 is longer" in refusal(path)


def test_a_huge_quoted_cell_is_refused(tmp_path: Path) -> None:
    text = 'front,back\nq,"' + "long line\n" * 20_000 + '"\n'
    assert "a cell is longer than" in refusal(write(tmp_path, "a.csv", text))


def test_empty_rows_and_sides_are_skipped_with_reasons(tmp_path: Path) -> None:
    text = "front,back\nq1,a1\n\n,,\n,a3\nq4,\n   ,  \nq1,again\n"
    result = read(write(tmp_path, "a.csv", text))
    assert cards(result) == [("q1", "a1", ())]
    reasons = [(item.item, item.reason) for item in result.skipped]
    assert reasons == [
        ("row 3", "an empty row"),
        ("row 4", "an empty row"),
        ("row 5", "the front is empty"),
        ("row 6", "the back is empty"),
        ("row 7", "an empty row"),
        ("row 8", "the same front as row 2"),
    ]


def test_over_long_text_is_skipped(tmp_path: Path) -> None:
    result = read(write(tmp_path, "a.csv", f"front,back\nq,{'x' * 20_001}\nq2,a2\n"))
    assert [item.reason for item in result.skipped] == [
        "the back is 20,001 characters long; the limit is 20,000"
    ]


def test_rows_after_a_multiline_cell_name_their_line(tmp_path: Path) -> None:
    text = 'front,back\n"q1","a\nb\nc"\n,\n'
    [skipped] = read(write(tmp_path, "a.csv", text)).skipped
    assert skipped.item == "row 3 (line 5)"


def test_card_ids_come_from_the_front(tmp_path: Path) -> None:
    result = read(write(tmp_path, "a.csv", "front,back\nWhat is z?,w·x + b\n"))
    assert result.decks[0].cards[0].key == content_key("What is z?")


def test_an_id_column_gives_the_card_ids(tmp_path: Path) -> None:
    text = "front,back,tags,id\nq1,a1,,pk-weights\nq2,a2,,\n"
    keys = [card.key for card in read(write(tmp_path, "a.csv", text)).decks[0].cards]
    assert keys == ["pk-weights", content_key("q2")]


def test_a_bad_id_is_refused(tmp_path: Path) -> None:
    message = refusal(write(tmp_path, "a.csv", "front,back,id\nq1,a1,Not An Id\n"))
    assert "row 2: bad card id 'Not An Id'" in message


def test_the_deck_is_named_after_the_file_or_the_option(tmp_path: Path) -> None:
    path = write(tmp_path, "Мои думи.csv", "q,a\n")
    [deck] = read(path).decks
    assert (deck.key, deck.name, deck.language) == ("moi-dumi", "Мои думи", "en")
    [deck] = read(path, deck="Испански::Глаголи").decks
    assert (deck.key, deck.name) == ("ispanski-glagoli", "Испански::Глаголи")


def test_a_cyrillic_deck_is_marked_bulgarian(tmp_path: Path) -> None:
    [deck] = read(write(tmp_path, "a.csv", "тежест,weight\nпристрастие,bias\n")).decks
    assert deck.language == "bg"


def test_leading_comment_lines_are_skipped(tmp_path: Path) -> None:
    result = read(write(tmp_path, "a.csv", "# my words\n# more notes\nq,a\n"))
    assert cards(result) == [("q", "a", ())]


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        ("'=1+1", "=1+1"),
        ("'+7", "+7"),
        ("'-x", "-x"),
        ("'@sum", "@sum"),
        ("'\tx", "\tx"),
        ("''=x", "'=x"),
        ("'plain", "'plain"),  # an apostrophe the exporter did not add stays
        ("=1+1", "=1+1"),
    ],
)
def test_the_formula_guard_is_taken_off(cell: str, text: str) -> None:
    assert unprotect_cell(cell) == text


def test_old_mac_line_endings_over_a_megabyte(tmp_path: Path) -> None:
    """Lines ending in CR alone (as Excel on old Macs saved CSV) are lines, not one long one."""
    path = write(tmp_path, "a.csv", "front,back\r" + "".join(f"q{i},a{i}\r" for i in range(80_000)))
    assert path.stat().st_size > MAX_LINE_CHARS
    [deck] = read(path).decks
    assert len(deck.cards) == 80_000 and deck.cards[-1].front == "q79999"


def _one_row_at_a_time(sheet: Any, records: Iterator[Record], deck: str) -> None:
    """`_Sheet._rows` without its fast path: every row through `_row`."""
    if sheet.columns:
        for record in records:
            sheet._row(record, deck)


_CELL = st.text(
    st.one_of(st.sampled_from(" '\r\n\t,\"=-"), st.characters(blacklist_categories=("Cs",))),
    max_size=10,
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.tuples(_CELL, _CELL, st.sampled_from(["", "a", "a b", "b a a", "  "]))))
@example(
    rows=[("q", " ", ""), ("q", "a", "a"), (" q\t", "\u2003", ""), ("'=1", "x", ""), ("", "", "")]
)
def test_the_fast_row_path_reads_what_the_careful_one_does(
    tmp_path: Path, rows: list[tuple[str, str, str]]
) -> None:
    """Well-formed rows take a loop with `content_key` and `recall_card` written out; the
    rest take `_row`. Reading every row through `_row` gives the same cards and skips."""
    path = tmp_path / "fast.csv"
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["front", "back", "tags"])
        writer.writerows(rows)

    def outcome() -> tuple[list[dict[str, Any]], list[Skipped]] | str:
        try:
            result = read(path)
        except ImportFailed as exc:
            return str(exc)
        return [vars(card) for card in result.decks[0].cards], list(result.skipped)

    fast = outcome()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_Sheet, "_rows", _one_row_at_a_time)
        careful = outcome()
    assert fast == careful
    if not isinstance(fast, str):
        for card in fast[0]:
            assert card["key"] == content_key(card["front"])
