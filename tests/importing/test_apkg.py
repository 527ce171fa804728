"""Anki packages: both layouts, every note type, subdecks, HTML, media, and scheduling."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from srs_wb.formats.anki_notes import anki_progress, ladder_step
from srs_wb.formats.apkg import read_apkg
from srs_wb.formats.naming import anki_card_key
from srs_wb.formats.read_result import ReadOptions, ReadResult
from srs_wb.formats.spec import CardProgress
from tests.importing.conftest import (
    ANKI_FIXTURES,
    GENANKI_CRT,
    anki_manifest,
    basic,
    cloze,
    edit_collection,
    make_package,
    reversed_note,
)

MANIFEST = anki_manifest()
# The Anki-made fixtures' collections were created at `crt`; 40 days and 8 hours later:
FIXTURE_NOW = datetime.fromtimestamp(MANIFEST["crt"], UTC) + timedelta(days=40, hours=8)


def read(path: Path, **options: object) -> ReadResult:
    return read_apkg(path, ReadOptions(**options))  # type: ignore[arg-type]


def sides(result: ReadResult) -> dict[str, list[tuple[str, str]]]:
    return {deck.name: [(c.front, c.back) for c in deck.cards] for deck in result.decks}


@pytest.mark.parametrize("name", ["current.apkg", "legacy21.apkg"])
def test_anki_made_packages(name: str) -> None:
    """current.apkg is the current layout (collection.anki21b: zstd + protobuf, beside a
    dummy collection.anki2); legacy21.apkg the legacy one (collection.anki21)."""
    result = read(ANKI_FIXTURES / name)
    assert result.origin == "anki" and result.skipped == ()
    assert [(d.key, d.name, len(d.cards)) for d in result.decks] == [
        ("nevronni-mrezhi-osnovi", "Невронни мрежи::Основи", 3),
        ("nevronni-mrezhi-rechnik", "Невронни мрежи::Речник", 6),
        ("nevronni-mrezhi", "Невронни мрежи", 2),
    ]
    decks = sides(result)
    assert decks["Невронни мрежи::Основи"][1] == (
        "Line one\nLine two & more text",
        "• first\n• second\n[image: neuron.png]",
    )
    assert decks["Невронни мрежи::Основи"][2] == ("Say hello", "hello")  # the sound dropped
    assert ("тежест", "weight") in decks["Невронни мрежи::Речник"]
    assert decks["Невронни мрежи"][1][0] == "Backpropagation computes [what?] of the loss."


def test_the_dummy_collection_of_a_current_package_is_ignored() -> None:
    with zipfile.ZipFile(ANKI_FIXTURES / "current.apkg") as archive:
        assert {"collection.anki21b", "collection.anki2", "meta"} <= set(archive.namelist())
    cards = [c.front for d in read(ANKI_FIXTURES / "current.apkg").decks for c in d.cards]
    assert not any("update" in front.casefold() for front in cards)


def test_progress_from_an_anki_made_package() -> None:
    notes = MANIFEST["notes"]
    result = read(ANKI_FIXTURES / "current.apkg", with_progress=True, now=FIXTURE_NOW)
    cards = {c.key: c for d in result.decks for c in d.cards}

    def card(label: str, ordinal: int):
        return cards[anki_card_key(notes[label]["guid"], ordinal)]

    # ivl 45, due on day 50, today is day 40: the last step, due in 10 days.
    assert card("bulgarian", 0).progress == CardProgress(step=4, due_in_days=10, reps=7, lapses=1)
    # ivl 8, due on day 38 (overdue): step 3, due today.
    assert card("reversed", 0).progress == CardProgress(step=3, due_in_days=0, reps=4, lapses=0)
    # ivl 3 and suspended: step 2, and it stays suspended.
    assert card("reversed", 1).progress == CardProgress(step=2, due_in_days=1, reps=3, lapses=2)
    assert card("reversed", 1).suspended and not card("reversed", 0).suspended
    assert card("cloze", 0).progress == CardProgress(step=1, due_in_days=0, reps=2, lapses=0)
    assert card("cloze", 1).progress is None and card("html", 0).progress is None


def test_without_progress_every_card_arrives_new() -> None:
    result = read(ANKI_FIXTURES / "current.apkg")
    assert all(c.progress is None and not c.suspended for d in result.decks for c in d.cards)


def test_genanki_packages_every_note_type(tmp_path: Path) -> None:
    package = make_package(
        tmp_path / "deck.apkg",
        [
            basic("Какво е <b>тежест</b>?", "Множител<br>на входа", ["bg", "basics"]),
            reversed_note("bias", "пристрастие"),
            cloze("{{c1::Weights}} scale {{c2::inputs::what?}}.", "from the seed"),
            ("optional", ["neuron", "неврон", ""], [], "Words"),
            ("optional", ["layer", "слой", "y"], [], "Words"),
            ("typing", ["gradient", "градиент"], [], "Words"),
        ],
    )
    [deck] = read(package).decks
    assert (deck.key, deck.name) == ("words", "Words")
    assert [(c.front, c.back, c.tags) for c in deck.cards] == [
        ("Какво е тежест?", "Множител\nна входа", ("bg", "basics")),
        ("bias", "пристрастие", ()),
        ("пристрастие", "bias", ()),
        ("[...] scale inputs.", "Weights scale inputs.\n\nfrom the seed", ()),
        ("Weights scale [what?].", "Weights scale inputs.\n\nfrom the seed", ()),
        ("neuron", "неврон", ()),
        ("layer", "слой", ()),
        ("слой", "layer", ()),
        ("gradient", "градиент", ()),
    ]


def test_subdecks_become_decks_with_slug_ids(tmp_path: Path) -> None:
    package = make_package(
        tmp_path / "deck.apkg",
        [
            basic("q1", "a1", deck="Parent::Child"),
            basic("q2", "a2", deck="Parent"),
            basic("q3", "a3", deck="Parent::Child"),
            basic("q4", "a4", deck="Parent-Child"),  # the same slug as Parent::Child
        ],
    )
    decks = [(d.key, d.name, [c.front for c in d.cards]) for d in read(package).decks]
    assert decks[0] == ("parent-child", "Parent::Child", ["q1", "q3"])
    assert decks[1] == ("parent", "Parent", ["q2"])
    assert decks[2][0].startswith("parent-child-") and decks[2][1:] == ("Parent-Child", ["q4"])


def test_the_deck_option_puts_every_card_in_one_deck(tmp_path: Path) -> None:
    package = make_package(
        tmp_path / "deck.apkg", [basic("q1", "a1", deck="A"), basic("q2", "a2", deck="B::C")]
    )
    [deck] = read(package, deck="Всичко от Anki").decks
    assert (deck.key, deck.name, len(deck.cards)) == ("vsichko-ot-anki", "Всичко от Anki", 2)


def test_cards_are_keyed_by_guid_and_ordinal(tmp_path: Path) -> None:
    package = make_package(
        tmp_path / "deck.apkg",
        [reversed_note("bias", "пристрастие"), basic("q", "a")],
        guids={0: "fixed,Guid`1", 1: "another"},
    )
    keys = [c.key for d in read(package).decks for c in d.cards]
    assert keys == [
        anki_card_key("fixed,Guid`1", 0),
        anki_card_key("fixed,Guid`1", 1),
        anki_card_key("another", 0),
    ]


def test_empty_notes_and_missing_cloze_numbers_are_skipped(tmp_path: Path) -> None:
    package = make_package(
        tmp_path / "deck.apkg",
        [basic("q", "a"), basic("", ""), basic("only a front", ""), cloze("{{c1::one}} only")],
        guids={1: "empty", 2: "front-only", 3: "one-cloze"},
    )
    # A card for cloze 2, which the text does not have (Anki calls it an empty card).
    edit_collection(
        package,
        (
            "INSERT INTO cards SELECT id + 1, nid, did, 1, mod, usn, type, queue, due, ivl, "
            "factor, reps, lapses, left, odue, odid, flags, data FROM cards "
            "WHERE nid = (SELECT id FROM notes WHERE guid = 'one-cloze')",
            (),
        ),
    )
    result = read(package)
    assert sides(result) == {"Words": [("q", "a"), ("[...] only", "one only")]}
    assert [(s.item, s.reason) for s in result.skipped] == [
        ("note empty", "all its fields are empty"),  # genanki gave it no card
        ("note front-only", "the back is empty"),
        ("note one-cloze card 2", "cloze 2 is not in the text"),
    ]


def test_a_package_of_only_empty_notes_is_refused(tmp_path: Path) -> None:
    from srs_wb.errors import ImportFailed

    package = make_package(tmp_path / "deck.apkg", [basic("", "")], guids={0: "g"})
    with pytest.raises(ImportFailed) as caught:
        read(package)
    assert "no cards to import" in str(caught.value) and "note g" in str(caught.value)


def test_images_and_sounds_in_a_package_with_media(tmp_path: Path) -> None:
    picture = tmp_path / "w.png"
    picture.write_bytes(b"\x89PNG not really")
    package = make_package(
        tmp_path / "deck.apkg",
        [basic('<img src="w.png">[sound:w.mp3]', "weight")],
        media=[str(picture)],
    )
    assert sides(read(package)) == {"Words": [("[image: w.png]", "weight")]}


def test_scheduling_thresholds_in_a_genanki_package(tmp_path: Path) -> None:
    """genanki writes new cards only; the collection is edited as Anki would have it."""
    fronts = ["month", "week", "three", "day", "learning", "relearn", "filtered", "new"]
    package = make_package(
        tmp_path / "deck.apkg",
        [basic(front, "a") for front in fronts],
        guids={i: front for i, front in enumerate(fronts)},
    )
    today = 100  # days since genanki's crt
    now = datetime.fromtimestamp(GENANKI_CRT, UTC) + timedelta(days=today, hours=1)
    states = {
        # front: (type, queue, due, ivl, odue, odid)
        "month": (2, 2, today + 20, 30, 0, 0),
        "week": (2, 2, today + 5, 7, 0, 0),
        "three": (2, -1, today - 3, 3, 0, 0),  # suspended, overdue
        "day": (2, 2, today, 1, 0, 0),
        "learning": (1, 1, 1_800_000_000, 0, 0, 0),
        "relearn": (3, 1, 1_800_000_000, 12, 0, 0),
        "filtered": (2, 2, -100_000, 8, today + 4, 1_700_000_000),  # in a filtered deck
    }
    statements = [
        (
            "UPDATE cards SET type=?, queue=?, due=?, ivl=?, odue=?, odid=?, reps=5, lapses=1 "
            "WHERE nid = (SELECT id FROM notes WHERE guid = ?)",
            (*state, front),
        )
        for front, state in states.items()
    ]
    edit_collection(package, *statements)
    result = read(package, with_progress=True, now=now)
    got = {c.front: (c.progress, c.suspended) for d in result.decks for c in d.cards}

    def on(step: int, due: int) -> CardProgress:
        return CardProgress(step=step, due_in_days=due, reps=5, lapses=1)

    assert got == {
        "month": (on(4, 20), False),
        "week": (on(3, 5), False),
        "three": (on(2, 0), True),
        "day": (on(1, 0), False),
        "learning": (None, False),
        "relearn": (on(3, 0), False),
        "filtered": (on(3, 4), False),
        "new": (None, False),
    }
    assert [d.name for d in result.decks] == ["Words"]  # the filtered card's own deck


@pytest.mark.parametrize(
    ("interval", "step"),
    [(0, 0), (1, 1), (2, 1), (3, 2), (6, 2), (7, 3), (29, 3), (30, 4), (400, 4)],
)
def test_ladder_steps_for_anki_intervals(interval: int, step: int) -> None:
    assert ladder_step(interval) == step


def test_anki_progress_of_new_and_suspended_new_cards() -> None:
    common = {"due": 5, "interval": 0, "reps": 0, "lapses": 0, "days_elapsed": 3}
    assert anki_progress(card_type=0, queue=0, **common) == (None, False)
    assert anki_progress(card_type=0, queue=-1, **common) == (None, True)


def test_a_collection_package_reads_as_a_deck_package(tmp_path: Path) -> None:
    """A .colpkg has the same layout as an .apkg (the whole collection instead of decks)."""
    from srs_wb.services.importing import read_file

    colpkg = tmp_path / "collection.colpkg"
    colpkg.write_bytes((ANKI_FIXTURES / "current.apkg").read_bytes())
    result = read_file(colpkg, ReadOptions())
    assert sides(result) == sides(read(ANKI_FIXTURES / "current.apkg"))
