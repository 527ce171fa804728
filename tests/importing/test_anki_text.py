"""Anki's "Notes in Plain Text" exports: the header lines, note types, decks, GUIDs."""

from __future__ import annotations

from pathlib import Path

import pytest

from srs_wb.errors import ImportFailed
from srs_wb.formats.anki_text import parse_headers
from srs_wb.formats.csv_deck import read_text_deck
from srs_wb.formats.naming import anki_card_key, content_key
from srs_wb.formats.read_result import ReadOptions, ReadResult
from tests.importing.conftest import ANKI_FIXTURES, anki_manifest


def read(path: Path, **options: object) -> ReadResult:
    return read_text_deck(path, ReadOptions(**options))  # type: ignore[arg-type]


def write(tmp_path: Path, text: str, name: str = "notes.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def by_deck(result: ReadResult) -> dict[str, list[tuple[str, str]]]:
    return {deck.name: [(c.front, c.back) for c in deck.cards] for deck in result.decks}


def test_anki_own_export_is_read_with_every_header() -> None:
    """notes.txt was exported by Anki itself (tests/fixtures/make_anki_fixtures.py)."""
    result = read(ANKI_FIXTURES / "notes.txt")
    assert result.origin == "anki" and result.skipped == ()
    decks = by_deck(result)
    assert list(decks) == ["Невронни мрежи::Основи", "Невронни мрежи::Речник", "Невронни мрежи"]
    assert decks["Невронни мрежи::Основи"] == [
        ("Какво правят тежестите?", "Умножават входовете.\nОпределят силата на всеки вход."),
        ("Line one\nLine two & more text", "• first\n• second\n[image: neuron.png]"),
        ("Say hello", "hello"),
    ]
    assert decks["Невронни мрежи::Речник"] == [
        ("weight", "тежест"),
        ("тежест", "weight"),  # Basic (and reversed card): two cards
        ("bias", "пристрастие"),
        ("пристрастие", "bias"),  # optional reversed, with "Add Reverse" filled in
        ("neuron", "неврон"),  # optional reversed, left empty: one card
        ("gradient (BG)?", "градиент"),
    ]
    answer = "Backpropagation computes gradients of the loss.\n\nSee the seed."
    assert decks["Невронни мрежи"] == [
        ("[...] computes gradients of the loss.", answer),
        ("Backpropagation computes [what?] of the loss.", answer),
    ]


def test_cards_are_matched_by_guid() -> None:
    notes = anki_manifest()["notes"]
    result = read(ANKI_FIXTURES / "notes.txt")
    keys = {card.key for deck in result.decks for card in deck.cards}
    assert anki_card_key(notes["reversed"]["guid"], 0) in keys
    assert anki_card_key(notes["reversed"]["guid"], 1) in keys
    assert anki_card_key(notes["cloze"]["guid"], 1) in keys
    tags = {card.key: card.tags for deck in result.decks for card in deck.cards}
    assert tags[anki_card_key(notes["bulgarian"]["guid"], 0)] == ("bg", "key-concepts")


def test_the_same_notes_as_text_and_as_a_package_are_the_same_cards() -> None:
    from srs_wb.formats.apkg import read_apkg

    text = read(ANKI_FIXTURES / "notes.txt")
    package = read_apkg(ANKI_FIXTURES / "current.apkg", ReadOptions())

    def seen(result: ReadResult) -> list[list[tuple[object, ...]]]:
        return [[(c.key, c.front, c.back, c.tags) for c in d.cards] for d in result.decks]

    assert seen(text) == seen(package)


def test_headers() -> None:
    lines = [
        "#separator:Semicolon\n",
        "#html:false\n",
        "#tags:imported extra\n",
        "#columns:Front;Back;Tags\n",
        "#notetype:Basic (and reversed card)\n",
        "#deck:Испански::Глаголи\n",
        "#guid column:4\n",
        "# a comment, ignored\n",
        "#if matches:update current\n",
    ]
    headers, problems = parse_headers(lines, "x.txt")
    assert problems == [] and headers is not None
    assert headers.separator == ";" and headers.html is False
    assert headers.tags == ("imported", "extra") and headers.columns == "Front;Back;Tags"
    assert headers.notetype == "Basic (and reversed card)"
    assert headers.deck == "Испански::Глаголи" and headers.guid_column == 4


def test_comments_alone_are_not_anki_headers() -> None:
    assert parse_headers(["# my words\n", "#note: nothing\n"], "x.txt") == (None, [])


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("#separator:Dots\n", "unknown separator 'Dots'"),
        ("#html:maybe\n", "#html must be true or false"),
        ("#guid column:zero\n", "#guid column must be a column number"),
        ("#tags column:0\n", "#tags column must be a column number"),
    ],
)
def test_bad_headers_are_refused_with_their_line(tmp_path: Path, line: str, problem: str) -> None:
    path = write(tmp_path, "#separator:tab\n" + line + "q\ta\n")
    with pytest.raises(ImportFailed) as caught:
        read(path)
    assert f"{path}:2: {problem}" in str(caught.value)


@pytest.mark.parametrize(
    ("separator", "cell"),
    [("Comma", ","), ("Pipe", "|"), ("Colon", ":"), (";", ";"), ("Space", " ")],
)
def test_named_and_literal_separators(tmp_path: Path, separator: str, cell: str) -> None:
    path = write(tmp_path, f"#separator:{separator}\nfront{cell}back\n")
    assert by_deck(read(path)) == {"notes": [("front", "back")]}


def test_global_deck_note_type_tags_and_plain_text(tmp_path: Path) -> None:
    text = (
        "#separator:tab\n#html:false\n#notetype:Basic (and reversed card)\n"
        "#deck:Испански::Глаголи\n#tags:spanish\n"
        "comer\t<ям>\tverbs\n"
    )
    result = read(write(tmp_path, text))
    [deck] = result.decks
    assert (deck.key, deck.name) == ("ispanski-glagoli", "Испански::Глаголи")
    assert [(c.front, c.back, c.tags) for c in deck.cards] == [
        ("comer", "<ям>", ("verbs", "spanish")),  # html:false keeps '<' as text
        ("<ям>", "comer", ("verbs", "spanish")),
    ]
    assert [c.key for c in deck.cards] == [content_key("comer"), content_key("comer") + "-1"]


def test_the_deck_option_overrides_the_file(tmp_path: Path) -> None:
    result = read(ANKI_FIXTURES / "notes.txt", deck="Всичко")
    assert [deck.name for deck in result.decks] == ["Всичко"]
    assert len(result.decks[0].cards) == 11


def test_cloze_text_files(tmp_path: Path) -> None:
    text = "#separator:tab\n#notetype:Cloze\n{{c1::Weights}} scale {{c2::inputs}}.\textra note\n"
    [deck] = read(write(tmp_path, text)).decks
    assert [(c.front, c.back) for c in deck.cards] == [
        ("[...] scale inputs.", "Weights scale inputs.\n\nextra note"),
        ("Weights scale [...].", "Weights scale inputs.\n\nextra note"),
    ]


def test_a_tags_column_named_in_columns(tmp_path: Path) -> None:
    text = "#separator:Comma\n#columns:Tags,Front,Back\nt1 t2,q,a\n"
    [deck] = read(write(tmp_path, text)).decks
    assert [(c.front, c.back, c.tags) for c in deck.cards] == [("q", "a", ("t1", "t2"))]


def test_shorter_rows_are_padded_as_anki_does(tmp_path: Path) -> None:
    text = "#separator:tab\n#notetype:Basic\nq1\ta1\tt\nq2\ta2\n,\n"
    result = read(write(tmp_path, text))
    assert by_deck(result) == {"notes": [("q1", "a1"), ("q2", "a2")]}
    assert [(s.item, s.reason) for s in result.skipped] == [("row 3 (line 5)", "the back is empty")]


def test_empty_notes_and_duplicate_guids_are_skipped(tmp_path: Path) -> None:
    text = "#separator:tab\n#guid column:1\ng1\tq\ta\ng2\t\t\ng1\tq again\ta\n"
    result = read(write(tmp_path, text))
    assert by_deck(result) == {"notes": [("q", "a")]}
    assert [(s.item, s.reason) for s in result.skipped] == [
        ("row 2 (line 4)", "an empty row"),
        ("row 3 (line 5)", "the same GUID as row 1 (line 3)"),
    ]


def test_image_occlusion_notes_are_skipped(tmp_path: Path) -> None:
    text = (
        "#separator:tab\n#notetype:Image Occlusion\n"
        "{{c1::image-occlusion:rect:left=.1}}\tpic\nq\ta\n"
    )
    result = read(write(tmp_path, text))
    assert [s.reason for s in result.skipped] == [
        "an image occlusion note: its masks cannot be shown as text"
    ]
