"""Writing decks as TOML: the layout people see, exact escaping, and the round trip."""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from srs_wb.formats.spec import AfterLast, CardKind, CardSpec, DeckSpec, LadderSpec
from srs_wb.formats.toml_deck import parse_deck_text, write_deck
from srs_wb.formats.toml_writer import _string, _text


class AnyParams:
    """A catalog that knows three kinds and accepts any plain params."""

    KINDS = ("neuron_output", "relu", "gradient_step")

    def kind_names(self) -> list[str]:
        return list(self.KINDS)

    def validate_params(self, kind: str, params: Mapping[str, Any], difficulty: int) -> list[str]:
        return []


def recall(key: str, front: str = "Въпрос?", back: str = "Отговор.", **more: Any) -> CardSpec:
    return CardSpec(key=key, kind=CardKind.RECALL, front=front, back=back, **more)


def deck(*cards: CardSpec, **more: Any) -> DeckSpec:
    fields: dict[str, Any] = {"key": "wb", "name": "Тежести", "language": "bg"}
    fields.update(more)
    return DeckSpec(cards=cards, **fields)


def without_positions(spec: DeckSpec) -> DeckSpec:
    cards = tuple(dataclasses.replace(card, line=None) for card in spec.cards)
    return dataclasses.replace(spec, source="", cards=cards)


def read_back(text: str) -> DeckSpec:
    return parse_deck_text(text, "written.toml", exercises=AnyParams())


def test_a_deck_is_written_in_the_documented_layout():
    spec = deck(
        recall("concept-weights", "Какво са\n**тежестите**?", "Коефициенти.", tags=("ключови",)),
        CardSpec(
            key="ex-neuron",
            kind=CardKind.EXERCISE,
            exercise="neuron_output",
            params={"inputs": 3, "range": [-1.5, 2], "name with space": True},
            difficulty=2,
            unlock_after_days=7,
        ),
        description="По текста.",
        ladder=LadderSpec(steps_days=(1, 3, 7, 30), after_last=AfterLast.DOUBLE),
        new_per_day=20,
    )

    assert write_deck(spec) == (
        "format = 1\n"
        'id = "wb"\n'
        'name = "Тежести"\n'
        'language = "bg"\n'
        'description = "По текста."\n'
        "\n"
        "[ladder]\n"
        'steps = ["1d", "3d", "1w", "1mo"]\n'
        'after_last = "double"\n'
        "\n"
        "[limits]\n"
        "new_per_day = 20\n"
        "\n"
        "[[cards]]\n"
        'id = "concept-weights"\n'
        'tags = ["ключови"]\n'
        'front = """\n'
        "Какво са\n"
        '**тежестите**?"""\n'
        'back = "Коефициенти."\n'
        "\n"
        "[[cards]]\n"
        'id = "ex-neuron"\n'
        'exercise = "neuron_output"\n'
        "difficulty = 2\n"
        'params = { inputs = 3, range = [-1.5, 2], "name with space" = true }\n'
        'unlock_after = "1w"\n'
    )
    assert without_positions(read_back(write_deck(spec))) == spec


def test_a_plain_deck_leaves_out_the_optional_sections():
    text = write_deck(deck(recall("a")))
    assert "[ladder]" not in text
    assert "[limits]" not in text
    assert "description" not in text
    assert "unlock_after" not in text


@pytest.mark.parametrize(
    ("days", "written"), [(0, "0d"), (1, "1d"), (14, "2w"), (60, "2mo"), (365, "1y"), (10, "10d")]
)
def test_durations_are_written_as_people_write_them(days, written):
    text = write_deck(deck(recall("a", unlock_after_days=days)))
    assert f'unlock_after = "{written}"' in text
    assert read_back(text).cards[0].unlock_after_days == days


TRICKY = [
    'He said "hi"',
    "C:\\path\\to",
    "$\\sigma(z) = \\frac{1}{1+e^{-z}}$",
    "it's",
    "it's a \\ and a \"",
    'ends with a quote"',
    'ends with two quotes""',
    '"""',
    '""""""""',
    "ends with a backslash\\",
    "tab\there",
    "bell\x07 nul\x00 del\x7f esc\x1b",
    "line\r\nwindows\rmac",
    "многоредов\nтекст на български\n",
    "\nstarts with a newline",
    "\n\n",
    'multi\n"""quoted"""\n',
    'multi\nends with a quote"',
    "multi\nends with\\",
    "multi\n\\ and '''",
    "multi\n\\ and '",
    "[[cards]]\n[[cards]]",
    'a # not a comment\nid = "x"',
    "\u2028\u0085\ufeff\U0001f600",
]


@pytest.mark.parametrize("text", TRICKY)
@pytest.mark.parametrize("write", [_string, _text])
def test_any_text_is_written_so_that_toml_reads_it_back_exactly(write, text):
    assert tomllib.loads(f"value = {write(text)}\n")["value"] == text


def test_multiline_text_is_written_as_multiline_strings():
    assert _text("първи\nвтори") == '"""\nпърви\nвтори"""'
    assert _string("първи\nвтори") == '"първи\\nвтори"'


def test_backslashes_are_kept_readable_with_literal_strings():
    assert _string("$\\sigma$") == "'$\\sigma$'"
    assert _text("$\\sigma$\n$\\tanh$") == "'''\n$\\sigma$\n$\\tanh$'''"
    assert _string("it's \\") == '"it\'s \\\\"'


def test_params_that_are_not_plain_data_cannot_be_written():
    card = CardSpec(key="e", kind=CardKind.EXERCISE, exercise="relu", params={"f": object()})
    with pytest.raises(TypeError, match="a deck cannot hold object values"):
        write_deck(deck(card))


# --- The round trip ---------------------------------------------------------------------------

# Text that is hard for a TOML writer and for finding [[cards]] headers: quotes, backslashes,
# headers, comments, control characters and Cyrillic, mixed with arbitrary text.
PIECES = ["[[cards]]", "\n[[cards]]\n", '"""', "'''", '"', "'", "\\", "\n", "\r\n", "#", "= ", "\t"]
tricky_text = st.lists(
    st.sampled_from(PIECES) | st.text(max_size=8) | st.sampled_from(["тежести", "пристрастия"]),
    max_size=12,
).map("".join)
nonblank = tricky_text.filter(lambda text: bool(text.strip()))
one_line = st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=30).filter(
    str.strip
)
tags = st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=12).filter(
    lambda tag: not any(ch.isspace() for ch in tag)
)
card_ids = st.from_regex(r"[a-z0-9._-]{1,24}", fullmatch=True)
scalars = (
    tricky_text
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans()
)


def plain(depth: int) -> st.SearchStrategy[Any]:
    if depth == 0:
        return scalars
    inner = plain(depth - 1)
    return scalars | st.lists(inner, max_size=3) | st.dictionaries(tricky_text, inner, max_size=3)


params = st.dictionaries(tricky_text, plain(3), max_size=4)
unlock = st.none() | st.integers(min_value=0, max_value=3650)


@st.composite
def cards(draw: st.DrawFn, key: str) -> CardSpec:
    common = {
        "key": key,
        "tags": tuple(draw(st.lists(tags, max_size=3))),
        "unlock_after_days": draw(unlock),
    }
    if draw(st.booleans()):
        return CardSpec(kind=CardKind.RECALL, front=draw(nonblank), back=draw(nonblank), **common)
    return CardSpec(
        kind=CardKind.EXERCISE,
        exercise=draw(st.sampled_from(AnyParams.KINDS)),
        params=draw(params),
        difficulty=draw(st.integers(min_value=1, max_value=3)),
        **common,
    )


@st.composite
def decks(draw: st.DrawFn) -> DeckSpec:
    keys = draw(st.lists(card_ids, min_size=1, max_size=5, unique=True))
    steps = draw(
        st.lists(st.integers(min_value=1, max_value=3650), min_size=1, max_size=12, unique=True)
    )
    ladder = LadderSpec(
        steps_days=tuple(sorted(steps)), after_last=draw(st.sampled_from(AfterLast))
    )
    return DeckSpec(
        key=draw(st.from_regex(r"[a-z0-9._-]{1,64}", fullmatch=True)),
        name=draw(one_line),
        language=draw(st.sampled_from(["bg", "en", "pt-BR", "sr-Latn"])),
        description=draw(st.just("") | tricky_text),
        ladder=draw(st.none() | st.just(ladder)),
        new_per_day=draw(st.none() | st.integers(min_value=0, max_value=9999)),
        reviews_per_day=draw(st.none() | st.integers(min_value=0, max_value=99999)),
        cards=tuple(draw(cards(key)) for key in keys),
    )


def check_round_trip(spec: DeckSpec) -> None:
    text = write_deck(spec)
    again = read_back(text)
    assert without_positions(again) == spec
    # Every card's line is its own [[cards]] header, whatever its text holds.
    lines = text.split("\n")
    assert [lines[card.line - 1] for card in again.cards] == ["[[cards]]"] * len(spec.cards)
    assert [lines[card.line].removeprefix("id = ") for card in again.cards] == [
        f'"{card.key}"' for card in spec.cards
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(decks())
def test_any_deck_survives_writing_and_reading(spec):
    check_round_trip(spec)


@pytest.mark.slow
@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(decks())
def test_any_deck_survives_writing_and_reading_at_length(spec):
    check_round_trip(spec)


@settings(max_examples=300, deadline=None)
@given(st.text() | tricky_text)
def test_any_string_survives_both_string_forms(text):
    assert tomllib.loads(f"a = {_string(text)}\nb = {_text(text)}\n") == {"a": text, "b": text}
