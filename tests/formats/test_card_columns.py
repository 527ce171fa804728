"""`RecallColumns`: a spreadsheet's cards held column by column, read as `CardSpec`s."""

from __future__ import annotations

import pytest

from srs_wb.formats.card_build import (
    CARD_VALUES,
    RecallColumns,
    card_keys,
    card_values,
    recall_card,
)
from srs_wb.formats.spec import CardSpec, DeckSpec


def columns() -> RecallColumns:
    cards = RecallColumns()
    cards.add("h-1", "What is z?", "w·x + b", ("neuron",), 2)
    cards.add("h-2", "Какво е тежест?", "множител", (), 3)
    return cards


def as_built() -> tuple[CardSpec, ...]:
    return (
        recall_card("h-1", "What is z?", "w·x + b", ("neuron",), line=2),
        recall_card("h-2", "Какво е тежест?", "множител", (), line=3),
    )


def test_columns_read_as_the_cards_recall_card_builds() -> None:
    cards = columns()
    assert len(cards) == 2
    assert list(cards) == list(as_built())
    assert cards[1] == as_built()[1]
    assert cards[-1] == as_built()[-1]
    assert cards[:1] == as_built()[:1]
    assert cards == as_built()
    assert as_built() == cards  # from the tuple's side too
    assert cards != as_built()[:1]
    with pytest.raises(IndexError):
        cards[2]


def test_a_deck_of_columns_equals_the_deck_of_the_same_cards() -> None:
    assert DeckSpec("d", "D", columns()) == DeckSpec("d", "D", as_built())
    assert DeckSpec("d", "D", columns()) != DeckSpec("d", "D", as_built()[:1])


def test_the_writer_reads_the_same_values_from_columns_and_from_cards() -> None:
    from operator import attrgetter

    expected = [attrgetter(*CARD_VALUES)(card) for card in as_built()]
    assert list(card_values(columns())) == expected
    assert list(card_values(as_built())) == expected
    assert card_keys(columns()) == card_keys(as_built()) == ["h-1", "h-2"]
