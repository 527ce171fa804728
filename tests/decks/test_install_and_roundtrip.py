"""The built-in decks on first run and on update; native import and export-deck round trips."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from srs_wb.cli.main import main
from srs_wb.errors import ImportFailed
from srs_wb.formats.toml_deck import read_deck
from srs_wb.resources import decks_dir
from srs_wb.scheduling import Rating
from srs_wb.services import builtin
from srs_wb.services.collection import Collection
from srs_wb.services.exporting import deck_spec
from srs_wb.services.study import StudySession, overview
from srs_wb.storage.models import Card, Review

DECK_TOML = """\
format = 1
id = "my-deck"
name = "My deck"
language = "en"

[[cards]]
id = "one"
front = "What does a weight do?"
back = "It scales its input."

[[cards]]
id = "two"
front = "What does a bias do?"
back = "It shifts the weighted sum."
"""


def deck_keys(collection: Collection) -> list[str]:
    return sorted(d.key for d in overview(collection).decks)


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("bg_BG.UTF-8", "weights-and-biases-bg"),
        ("en_GB.UTF-8", "weights-and-biases-en"),
        ("C", "weights-and-biases-en"),
    ],
)
def test_first_run_installs_the_deck_of_the_locale(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, locale: str, expected: str
) -> None:
    monkeypatch.setenv("LANG", locale)
    with Collection(db_path) as collection:
        assert deck_keys(collection) == [expected]
        deck = overview(collection).decks[0]
        assert deck.total == len(
            read_deck(decks_dir() / Path(builtin.BUILTIN_FILES[expected[-2:]])).cards
        )
    # A later start with another locale does not add a second deck unasked.
    monkeypatch.setenv("LANG", "bg_BG.UTF-8" if expected.endswith("en") else "en_US.UTF-8")
    with Collection(db_path) as collection:
        assert deck_keys(collection) == [expected]


def test_lang_option_chooses_and_both_can_be_installed(db_path: Path) -> None:
    with Collection(db_path, lang="bg") as collection:
        assert deck_keys(collection) == ["weights-and-biases-bg"]
    with Collection(db_path, lang="en") as collection:
        assert deck_keys(collection) == ["weights-and-biases-bg", "weights-and-biases-en"]


def test_an_updated_builtin_deck_keeps_review_history(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock
) -> None:
    shipped = tmp_path / "shipped"
    shutil.copytree(decks_dir(), shipped)
    monkeypatch.setattr("srs_wb.resources.decks_dir", lambda: shipped)
    with Collection(db_path, lang="en", now=clock) as collection:
        session = StudySession(collection)
        card = session.next_card()
        assert card is not None
        session.answer(Rating.GOOD)
        answered_key = card.key
    # The app is updated: one card's text changes in the shipped file.
    path = shipped / builtin.BUILTIN_FILES["en"]
    text = path.read_text(encoding="utf-8")
    spec = read_deck(path)
    original = next(c for c in spec.cards if c.key == answered_key).front
    path.write_text(
        text.replace(original.strip(), "Updated: " + original.strip(), 1), encoding="utf-8"
    )
    with Collection(db_path, now=clock) as collection:
        with collection.reading() as s:
            row = s.execute(select(Card).where(Card.key == answered_key)).scalar_one()
            reviews = s.execute(select(func.count()).select_from(Review)).scalar_one()
        assert row.front.startswith("Updated: ")
        assert row.reps == 1 and reviews == 1


def test_unchanged_builtin_deck_is_not_parsed_again(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Collection(db_path, lang="en"):
        pass
    monkeypatch.setattr(
        "srs_wb.formats.toml_deck.read_deck", lambda *a, **k: pytest.fail("parsed again")
    )
    with Collection(db_path, lang="en"):
        pass


def write(tmp_path: Path, text: str, name: str = "deck.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_then_reimport_then_edit(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, DECK_TOML)
    db = ["--db", str(db_path)]
    assert main([*db, "import", str(path), "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert (first["added"], first["updated"], first["unchanged"], first["missing"]) == (2, 0, 0, [])
    assert main([*db, "import", str(path), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 2)
    edited = DECK_TOML.replace("It scales its input.", "It multiplies its input.")
    edited = (
        edited[: edited.index('[[cards]]\nid = "two"')]
        + '[[cards]]\nid = "three"\nfront = "x"\nback = "y"\n'
    )
    assert main([*db, "import", str(write(tmp_path, edited)), "--json"]) == 0
    third = json.loads(capsys.readouterr().out)
    assert (third["added"], third["updated"], third["unchanged"], third["missing"]) == (
        1,
        1,
        0,
        ["two"],
    )


def test_dry_run_writes_nothing(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Collection(db_path):  # first run: the built-in deck is installed
        pass
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    path = write(tmp_path, DECK_TOML)
    assert main(["--db", str(db_path), "import", str(path), "--dry-run"]) == 0
    assert "would import" in capsys.readouterr().out
    with Collection(db_path, install_builtin=False) as collection:
        assert "my-deck" not in deck_keys(collection)
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


def test_a_bad_deck_is_refused_whole_with_every_problem(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path, DECK_TOML, "good.toml")
    bad = write(
        tmp_path,
        DECK_TOML.replace('front = "What does a bias do?"', 'frnt = "x"').replace(
            'id = "two"', 'id = "one"'
        ),
        "bad.toml",
    )
    code = main(["--db", str(db_path), "import", str(good), str(bad)])
    err = capsys.readouterr().err
    assert code == 1
    assert "bad.toml" in err and "frnt" in err and "one" in err
    with Collection(db_path, install_builtin=False) as collection:
        assert "my-deck" not in deck_keys(collection)  # the good file was not written either


def test_import_failed_lists_problems_in_its_message() -> None:
    error = ImportFailed("f.toml: deck not imported", ["f.toml:3: card a: empty front"])
    assert "f.toml:3: card a: empty front" in str(error)


@pytest.mark.parametrize("lang", ["bg", "en"])
def test_export_deck_reimports_into_an_empty_database_identically(
    tmp_path: Path, lang: str
) -> None:
    source_db = tmp_path / "a.db"
    out = tmp_path / "exported.toml"
    key = f"weights-and-biases-{lang}"
    assert main(["--db", str(source_db), "--lang", lang, "export-deck", key, "-o", str(out)]) == 0
    target_db = tmp_path / "b.db"
    with Collection(target_db, install_builtin=False) as target:
        from srs_wb.services.importing import import_paths

        [summary] = import_paths(target, [out])
        assert summary.added == len(read_deck(out).cards)
        copy = deck_spec(target, key)
    with Collection(source_db, install_builtin=False) as source:
        original = deck_spec(source, key)
    assert copy == original


def test_export_unknown_deck_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["--db", str(tmp_path / "x.db"), "export-deck", "nope", "-o", str(tmp_path / "o.toml")]
    )
    assert code == 1
    assert "no deck 'nope'" in capsys.readouterr().err
    assert not (tmp_path / "o.toml").exists()
