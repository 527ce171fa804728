"""Ids of imported decks and cards: stable, valid in the native format, readable."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from srs_wb.formats.naming import anki_card_key, content_key, deck_key, guess_language, split_tags

DECK_ID = re.compile(r"[a-z0-9._-]{1,64}")
CARD_ID = re.compile(r"[a-z0-9._-]{1,128}")


def test_deck_ids_are_slugs_of_the_name() -> None:
    assert deck_key("Parent::Child") == "parent-child"
    assert deck_key("Невронни мрежи::Основи") == "nevronni-mrezhi-osnovi"
    assert deck_key("Щастие и юнаци") == "shtastie-i-yunatsi"
    assert deck_key("Café déjà vu") == "cafe-deja-vu"
    assert deck_key("my_words") == "my-words"


def test_a_name_without_letters_still_gets_an_id() -> None:
    assert re.fullmatch(r"deck-[0-9a-f]{16}", deck_key("日本語"))
    assert deck_key("日本語") != deck_key("中文")


def test_long_names_are_cut_but_stay_apart() -> None:
    a, b = deck_key("x" * 100 + "a"), deck_key("x" * 100 + "b")
    assert len(a) == 64 and len(b) == 64 and a != b


@given(st.text(min_size=1, max_size=120))
def test_every_deck_id_is_a_valid_native_id(name: str) -> None:
    assert DECK_ID.fullmatch(deck_key(name))


def test_card_ids_from_content_ignore_surrounding_whitespace() -> None:
    assert content_key("What is a bias?") == content_key("  What is a bias?\r\n")
    assert content_key("What is a bias?") != content_key("What is a weight?")
    assert CARD_ID.fullmatch(content_key("Какво е тежест?"))


def test_anki_card_ids_are_valid_native_ids_for_any_guid() -> None:
    key = anki_card_key("tXd,[rF*ok", 1)
    assert CARD_ID.fullmatch(key) and key.startswith("anki-") and key.endswith("-1")
    assert anki_card_key("tXd,[rF*ok", 0) != anki_card_key("tXd,[rF*oK", 0)


def test_tags() -> None:
    assert split_tags(" bg  key-concepts bg ") == ("bg", "key-concepts")
    assert split_tags("a", ["b", "a"]) == ("a", "b")
    assert split_tags("") == ()
    assert split_tags("x" * 150) == ("x" * 100,)


def test_language_guess() -> None:
    assert guess_language(["Какво е тежест?", "What?", "Защо?"]) == "bg"
    assert guess_language(["What?", "Why?", "Защо?"]) == "en"
