"""Which cards a note makes: note types told apart by their templates, not their names."""

from __future__ import annotations

import pytest

from srs_wb.formats.anki_notes import (
    NoteStyle,
    note_cards,
    note_type_from_name,
    note_type_from_templates,
)
from srs_wb.formats.anki_protobuf import ProtobufError, fields, first_bytes, first_int
from srs_wb.formats.card_build import recall_card
from srs_wb.formats.spec import CardKind, CardProgress, CardSpec


def test_a_translated_reversed_type_is_known_by_its_templates() -> None:
    note_type = note_type_from_templates(
        "Основен (и обърната карта)",
        is_cloze=False,
        field_names=["Лице", "Гръб"],
        questions=["{{Лице}}", "{{Гръб}}"],
    )
    assert note_type.style is NoteStyle.REVERSIBLE
    cards = note_cards(note_type, ["тежест", "weight"], html=True, ordinals=[0, 1])
    assert [(c.front, c.back) for c in cards] == [("тежест", "weight"), ("weight", "тежест")]


def test_the_optional_reversed_type_knows_its_switch() -> None:
    note_type = note_type_from_templates(
        "Basic (optional reversed card)",
        is_cloze=False,
        field_names=["Front", "Back", "Add Reverse"],
        questions=["{{Front}}", "{{#Add Reverse}}{{Back}}{{/Add Reverse}}"],
    )
    assert (note_type.style, note_type.reverse_if) == (NoteStyle.REVERSIBLE, 2)
    assert len(note_cards(note_type, ["a", "b", ""], html=True)) == 1
    assert len(note_cards(note_type, ["a", "b", "y"], html=True)) == 2


def test_any_other_type_is_first_field_front_and_the_rest_back() -> None:
    note_type = note_type_from_templates(
        "Vocabulary",
        is_cloze=False,
        field_names=["Word", "Meaning", "Example", "Audio"],
        questions=["{{Word}}", "{{Meaning}}", "{{Example}}"],
    )
    assert note_type.style is NoteStyle.PLAIN
    [card] = note_cards(
        note_type, ["weight", "тежест", "<i>a big weight</i>", "[sound:w.mp3]"], html=True,
        ordinals=[0, 1, 2],
    )  # fmt: skip
    assert (card.ordinal, card.front, card.back) == (0, "weight", "тежест\n\na big weight")


def test_a_cloze_type_finds_its_cloze_field_by_template() -> None:
    note_type = note_type_from_templates(
        "My cloze",
        is_cloze=True,
        field_names=["Source", "Text"],
        questions=["{{cloze:Text}}"],
    )
    assert note_type.cloze_fields == (1,)
    cards = note_cards(note_type, ["the seed", "{{c1::Bias}} shifts z."], html=True, ordinals=[0])
    assert [(c.front, c.back) for c in cards] == [("[...] shifts z.", "Bias shifts z.\n\nthe seed")]


def test_names_in_text_files() -> None:
    assert note_type_from_name(None).style is NoteStyle.PLAIN
    assert note_type_from_name("Cloze").style is NoteStyle.CLOZE
    assert note_type_from_name("Basic (and reversed card)").style is NoteStyle.REVERSIBLE
    assert note_type_from_name("Basic (optional reversed card)").reverse_if == 2


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        (["", "back"], "the front is empty"),
        (["front", "   "], "the back is empty"),
        (["q", "x" * 20_001], "the back is 20,001 characters long; the limit is 20,000"),
    ],
)
def test_cards_that_cannot_be_shown_are_skipped_with_a_reason(
    fields: list[str], reason: str
) -> None:
    [card] = note_cards(note_type_from_name("Basic"), fields, html=True)
    assert card.skipped == reason


def test_a_note_with_every_field_empty_makes_no_card() -> None:
    assert note_cards(note_type_from_name("Basic"), ["", " "], html=True) == []


def test_protobuf_fields() -> None:
    # kind = 1 (varint), css = "x" (string), a fixed32 and a fixed64
    message = b"\x08\x01\x1a\x01x\x25\x01\x00\x00\x00\x29" + (7).to_bytes(8, "little")
    assert list(fields(message)) == [(1, 1), (3, b"x"), (4, 1), (5, 7)]
    assert first_int(message, 1) == 1 and first_int(message, 9, 42) == 42
    assert first_bytes(message, 3) == b"x"
    for broken in (b"\x08", b"\x1a\x05ab", b"\x0b", b"\x00\x01"):
        with pytest.raises(ProtobufError):
            list(fields(broken))


def test_bulk_built_cards_equal_constructed_ones() -> None:
    progress = CardProgress(step=2, due_in_days=3, reps=4, lapses=1)
    built = recall_card("k", "f", "b", ("t",), line=3, suspended=True, progress=progress)
    made = CardSpec(
        key="k",
        kind=CardKind.RECALL,
        front="f",
        back="b",
        tags=("t",),
        line=3,
        suspended=True,
        progress=progress,
    )
    assert built == made and repr(built) == repr(made)
    assert recall_card("a", "b", "c").params is not recall_card("a", "b", "c").params
