"""Every exercise card of the built-in decks poses problems its own answer solves."""

from __future__ import annotations

from pathlib import Path

import pytest

from srs_wb import engine
from srs_wb.formats.spec import CardKind
from srs_wb.formats.toml_deck import read_deck
from srs_wb.resources import decks_dir

CARDS = [
    (path.name, card)
    for path in sorted(decks_dir().glob("weights_and_biases.*.toml"))
    for card in read_deck(Path(path)).cards
    if card.kind is CardKind.EXERCISE
]


@pytest.mark.parametrize(("deck", "card"), CARDS, ids=[f"{d}:{c.key}" for d, c in CARDS])
def test_exercise_cards_generate_and_grade(deck: str, card) -> None:  # type: ignore[no-untyped-def]
    for seed in range(25):
        exercise = engine.generate(card.exercise, seed, card.difficulty, card.params)
        assert exercise.kind == card.exercise and exercise.difficulty == card.difficulty
        assert exercise.prompt["bg"].strip() and exercise.prompt["en"].strip()
        assert engine.grade(exercise, exercise.answer_text).correct
        for name, value in card.params.items():
            chosen = exercise.params.get(name)
            if chosen is not None and isinstance(value, list) and not isinstance(chosen, list):
                assert chosen in value, (name, chosen, value)


def test_both_decks_carry_the_same_exercise_params() -> None:
    by_deck: dict[str, dict[str, object]] = {}
    for deck, card in CARDS:
        by_deck.setdefault(deck, {})[card.key] = (card.exercise, card.difficulty, dict(card.params))
    bg, en = by_deck["weights_and_biases.bg.toml"], by_deck["weights_and_biases.en.toml"]
    assert bg == en
