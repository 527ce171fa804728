"""The deck reader with the real exercise engine: kinds and params are the engine's to judge."""

from __future__ import annotations

import pytest

from srs_wb import engine
from srs_wb.errors import ImportFailed
from srs_wb.formats.spec import CardKind
from srs_wb.formats.toml_deck import parse_deck_text

HEADER = 'format = 1\nid = "wb"\nname = "Тежести"\nlanguage = "bg"\n\n[[cards]]\nid = "ex"\n'


def test_a_real_kind_with_good_params_is_read_without_a_catalog_argument():
    deck = parse_deck_text(HEADER + 'exercise = "neuron_output"\nparams = { inputs = 3 }\n', "d")
    (card,) = deck.cards
    assert card.kind is CardKind.EXERCISE
    assert (card.exercise, dict(card.params)) == ("neuron_output", {"inputs": 3})


def test_an_unknown_kind_is_refused_and_the_engine_kinds_are_listed():
    with pytest.raises(ImportFailed) as failed:
        parse_deck_text(HEADER + 'exercise = "no_such_kind"\n', "d.toml")
    (problem,) = failed.value.problems
    assert problem.startswith(
        "d.toml:8: card ex: unknown exercise kind 'no_such_kind'; known kinds: "
    )
    listed = problem.split("known kinds: ")[1].split(", ")
    assert sorted(listed) == sorted(engine.kind_names())
    assert "neuron_output" in listed


def test_params_the_engine_rejects_are_reported_with_its_reasons():
    text = HEADER + 'exercise = "neuron_output"\nparams = { inputs = 99, colour = "red" }\n'
    with pytest.raises(ImportFailed) as failed:
        parse_deck_text(text, "d.toml")
    expected = engine.validate_params("neuron_output", {"inputs": 99, "colour": "red"}, 1)
    assert len(expected) == 2
    assert failed.value.problems == [
        f"d.toml:9: card ex: params for 'neuron_output': {message}" for message in expected
    ]
