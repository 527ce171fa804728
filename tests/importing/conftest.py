"""Shared helpers for the import tests: real Anki packages from genanki, a seeded database,
and the command line run as a learner runs it."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from srs_wb.cli.main import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ANKI_FIXTURES = FIXTURES / "anki"
GENANKI_CRT = 1_411_124_400  # the collection creation time genanki always writes

Note = tuple[
    str, list[str], list[str], str
]  # (model: basic/reversed/optional/cloze, fields, tags, deck)


def _genanki() -> Any:
    return pytest.importorskip("genanki")


def anki_manifest() -> dict[str, Any]:
    """What tests/fixtures/make_anki_fixtures.py recorded about the Anki-made fixtures."""
    return json.loads((ANKI_FIXTURES / "manifest.json").read_text(encoding="utf-8"))


def basic(front: str, back: str, tags: Iterable[str] = (), deck: str = "Words") -> Note:
    return ("basic", [front, back], list(tags), deck)


def reversed_note(front: str, back: str, deck: str = "Words") -> Note:
    return ("reversed", [front, back], [], deck)


def cloze(text: str, extra: str = "", deck: str = "Words") -> Note:
    return ("cloze", [text, extra], [], deck)


def make_package(
    path: Path, notes: list[Note], *, guids: dict[int, str] | None = None, media: list[str] = ()
) -> Path:
    """A legacy .apkg (collection.anki2 inside) written by genanki."""
    genanki = _genanki()
    models = {
        "basic": genanki.BASIC_MODEL,
        "reversed": genanki.BASIC_AND_REVERSED_CARD_MODEL,
        "optional": genanki.BASIC_OPTIONAL_REVERSED_CARD_MODEL,
        "typing": genanki.BASIC_TYPE_IN_THE_ANSWER_MODEL,
        "cloze": genanki.CLOZE_MODEL,
    }
    decks: dict[str, Any] = {}
    for index, (model, fields, tags, deck_name) in enumerate(notes):
        deck = decks.get(deck_name)
        if deck is None:
            deck = decks[deck_name] = genanki.Deck(1_700_000_000 + len(decks), deck_name)
        guid = (guids or {}).get(index)
        deck.add_note(genanki.Note(model=models[model], fields=fields, tags=tags, guid=guid))
    package = genanki.Package(list(decks.values()))
    package.media_files = list(media)
    package.write_to_file(str(path), timestamp=GENANKI_CRT)
    return path


def edit_collection(package: Path, *statements: tuple[str, tuple[Any, ...]]) -> Path:
    """Run SQL on the collection inside a legacy package (to give cards scheduling)."""
    folder = Path(tempfile.mkdtemp())
    try:
        with zipfile.ZipFile(package) as archive:
            names = archive.namelist()
            archive.extractall(folder)
        connection = sqlite3.connect(folder / "collection.anki2")
        with connection:
            for sql, parameters in statements:
                connection.execute(sql, parameters)
        connection.close()
        with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in names:
                archive.write(folder / name, name)
    finally:
        shutil.rmtree(folder)
    return package


def rezip(
    source: Path, target: Path, change: Callable[[str, bytes], tuple[str, bytes] | None]
) -> Path:
    """A copy of the zip `source`, each member passed through `change` (None drops it)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            changed = change(info.filename, old.read(info.filename))
            if changed is not None:
                new.writestr(changed[0], changed[1])
    return target


@pytest.fixture
def seeded_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A database that exists, with the built-in deck installed (as after a first run)."""
    db = tmp_path / "learner.db"
    assert main(["--db", str(db), "--lang", "en", "decks"]) == 0
    capsys.readouterr()
    return db


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def import_json(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> Any:
    code, out, err = run_cli(capsys, "--db", str(db), "import", "--json", *args)
    assert code == 0, err
    return json.loads(out)
