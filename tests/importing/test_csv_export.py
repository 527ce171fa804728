"""`srs-wb export-deck DECK -o FILE.csv`: spreadsheet-ready, formula-safe, and it re-imports
without changes."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pytest

from srs_wb.formats.csv_writer import protect_cell, write_csv
from srs_wb.formats.spec import CardKind, CardSpec, DeckSpec
from tests.importing.conftest import ANKI_FIXTURES, import_json, run_cli


def export(capsys: pytest.CaptureFixture[str], db: Path, deck: str, out: Path) -> str:
    code, stdout, err = run_cli(capsys, "--db", str(db), "export-deck", deck, "-o", str(out))
    assert code == 0, err
    return stdout


def test_utf8_with_bom_header_and_cyrillic(
    tmp_path: Path, seeded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "думи.csv"
    source.write_text("лице,гръб,етикети\nтежест,множител на входа,bg основи\n", encoding="utf-8")
    import_json(capsys, seeded_db, str(source))
    out = tmp_path / "out.csv"
    message = export(capsys, seeded_db, "думи", out)
    assert message.strip() == f"{out}: wrote deck 'думи' (1 cards)"
    data = out.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "front,back,tags,id"
    assert "тежест,множител на входа,bg основи,h-" in text


def test_cells_a_spreadsheet_would_run_are_guarded() -> None:
    fronts = ['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "\tx", "\rx", "'=x", "plain"]
    cards = tuple(
        CardSpec(key=f"c{i}", kind=CardKind.RECALL, front=front, back="ok")
        for i, front in enumerate(fronts)
    )
    rows = list(csv.reader(io.StringIO(write_csv(DeckSpec(key="d", name="D", cards=cards)))))
    assert [row[0] for row in rows[1:]] == [
        '\'=HYPERLINK("x")',
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "''=x",
        "plain",
    ]
    assert all(cell[0] not in "=+-@\t\r" for row in rows for cell in row if cell)
    assert protect_cell("-") == "'-" and protect_cell("") == ""


def test_a_csv_export_reimports_without_changes(
    tmp_path: Path, seeded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "tricky.csv"
    source.write_text(
        'front,back,tags\n=1+1,"-minus, and\nsecond line",math\n@home,+plus,\n"say ""hi""",x,\n',
        encoding="utf-8",
    )
    first = import_json(capsys, seeded_db, str(source))
    assert first["added"] == 3
    out = tmp_path / "tricky-export.csv"
    export(capsys, seeded_db, "tricky", out)
    again = import_json(capsys, seeded_db, "--deck", "tricky", str(out))
    assert (again["deck"], again["added"], again["updated"], again["unchanged"]) == (
        "tricky",
        0,
        0,
        3,
    )


@pytest.mark.parametrize("lang", ["bg", "en"])
def test_the_built_in_deck_round_trips_through_csv(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / f"{lang}.db"
    code, _, _ = run_cli(capsys, "--db", str(db), "--lang", lang, "decks", "--json")
    assert code == 0
    deck = f"weights-and-biases-{lang}"
    out = tmp_path / f"{lang}.csv"
    message = export(capsys, db, deck, out)
    assert "exercise cards left out" in message and "export to .toml" in message
    again = import_json(capsys, db, "--deck", deck, str(out))
    assert (again["added"], again["updated"]) == (0, 0) and again["unchanged"] > 50


def test_an_anki_deck_round_trips_through_csv(
    tmp_path: Path, seeded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import_json(capsys, seeded_db, str(ANKI_FIXTURES / "current.apkg"))
    out = tmp_path / "rechnik.csv"
    export(capsys, seeded_db, "Невронни мрежи::Речник", out)
    again = import_json(capsys, seeded_db, "--deck", "Невронни мрежи::Речник", str(out))
    assert (again["deck"], again["added"], again["updated"], again["unchanged"]) == (
        "nevronni-mrezhi-rechnik",
        0,
        0,
        6,
    )


def test_an_unknown_export_format_is_refused(
    tmp_path: Path, seeded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "deck.xlsx"
    code, _, err = run_cli(
        capsys, "--db", str(seeded_db), "export-deck", "weights-and-biases-en", "-o", str(out)
    )
    assert code == 1 and "use .toml or .csv" in err and not out.exists()
