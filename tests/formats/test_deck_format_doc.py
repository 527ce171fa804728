"""docs/deck-format.md cannot drift from the reader: its examples are read with the real engine."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from srs_wb.errors import ImportFailed
from srs_wb.formats.spec import CardKind
from srs_wb.formats.toml_deck import EngineCatalog, parse_deck_text
from srs_wb.formats.toml_reader import CARD_KEYS, DECK_KEYS, LADDER_KEYS, LIMITS_KEYS

DOC = Path(__file__).parents[2] / "docs" / "deck-format.md"
# A fence of three or more backticks, closed by the same fence: cards may hold ``` blocks.
FENCE = re.compile(r"^(?P<fence>`{3,})(?P<lang>\w*)\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.M | re.S)


def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


def blocks(lang: str) -> list[str]:
    return [m["body"] for m in FENCE.finditer(doc_text()) if m["lang"] == lang]


def section(heading: str) -> str:
    text = doc_text()
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else len(text)]


def test_every_toml_block_of_the_doc_is_valid_toml():
    found = blocks("toml")
    assert len(found) >= 5
    for body in found:
        tomllib.loads(body)


def test_every_whole_deck_in_the_doc_imports_with_the_real_engine():
    decks = [body for body in blocks("toml") if body.startswith("format = ")]
    assert len(decks) == 2  # the shortest deck and the complete example
    for body in decks:
        assert parse_deck_text(body, "doc.toml", exercises=EngineCatalog()).cards


def test_the_complete_example_uses_every_key_of_the_format():
    (example,) = [m["body"] for m in FENCE.finditer(section("A complete example"))]
    deck = parse_deck_text(example, "example.toml", exercises=EngineCatalog())

    raw = tomllib.loads(example)
    assert set(raw) == set(DECK_KEYS)
    assert set(raw["ladder"]) == set(LADDER_KEYS)
    assert set(raw["limits"]) == set(LIMITS_KEYS)
    assert set().union(*(card.keys() for card in raw["cards"])) == set(CARD_KEYS)
    assert {card.kind for card in deck.cards} == {CardKind.RECALL, CardKind.EXERCISE}
    assert any("```python" in card.front for card in deck.cards)


def test_every_key_is_documented():
    text = doc_text()
    for key in {*DECK_KEYS, *LADDER_KEYS, *LIMITS_KEYS, *CARD_KEYS} - {"ladder", "limits", "cards"}:
        assert f"| `{key}` |" in text, key
    for table in ("[ladder]", "[limits]", "[[cards]]"):
        assert f"| `{table}` |" in text, table


def test_the_broken_example_gives_the_messages_the_doc_shows():
    checks = section("Checks and messages")
    (broken,) = [m["body"] for m in FENCE.finditer(checks) if m["lang"] == "toml"]
    (shown,) = [m["body"] for m in FENCE.finditer(checks) if m["lang"] == "text"]

    with pytest.raises(ImportFailed) as failed:
        parse_deck_text(broken, "broken.toml", exercises=EngineCatalog())

    assert str(failed.value) + "\n" == shown
