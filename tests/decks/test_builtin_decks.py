"""The two built-in decks: they parse, mirror each other and cover every section of the seed.

Only `tomllib` and the seed text are used here, so these checks hold whatever the deck reader
in `srs_wb` does with the files.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parents[2]
DECKS = ROOT / "decks"
SEED = ROOT / "docs" / "seed.md"
LANGUAGES = ("bg", "en")

# Every `## N. Heading` of the seed, in order, and the tag its cards carry.
SECTION_TAGS = {
    "Activate Prior Knowledge": "prior-knowledge",
    "Overview": "overview",
    "Key Concepts": "key-concepts",
    "Step-by-step Learning Path": "learning-path",
    "Examples": "examples",
    "Common Pitfalls": "pitfalls",
    "Short Retrieval Quiz": "quiz",
    "Quick Recap": "recap",
    "Spaced Review Plan": "review-plan",
}

CONCEPTS = ("weights", "biases", "activation", "backpropagation", "gradient-descent")

QUIZ_IDS = (
    "quiz-weights-role",
    "quiz-biases-why",
    "quiz-activation",
    "quiz-backpropagation",
    "quiz-gradient-descent",
    "quiz-large-learning-rate",
    "quiz-zero-init",
)

PLAN_UNLOCKS = {"plan-1d": "1d", "plan-3d": "3d", "plan-1w": "1w", "plan-1mo": "1mo"}

EXERCISE_KINDS = (
    "neuron_output",
    "activation",
    "error_gradient",
    "gradient_step",
    "learning_rate",
    "backprop_mlp",
    "weight_sensitivity",
    "zero_init",
    "normalization",
)

# The term each concept stands for, per language: a definition → term card must not give
# it away on its front, and must name it on its back.
CONCEPT_TERMS = {
    "bg": {
        "weights": "тежест",
        "biases": "пристраст",
        "activation": "функция на активация",
        "backpropagation": "обратно разпространение",
        "gradient-descent": "градиентен спуск",
    },
    "en": {
        "weights": "weight",
        "biases": "bias",
        "activation": "activation function",
        "backpropagation": "backprop",
        "gradient-descent": "gradient descent",
    },
}

# The seed's Bulgarian terms (DESIGN.md, "Words") and the synonyms that must not replace them.
BG_TERMS = (
    "тежести",
    "пристрастия",
    "функция на активация",
    "обратно разпространение",
    "градиентен спуск",
    "скорост на учене",
    "пренасищане",
    "нормализация",
    "инициализация",
)
BG_FORBIDDEN_SYNONYMS = (
    "отместван",  # bias
    "скорост на обучение",  # learning rate
    "темп на обучение",
    "преобучен",  # overfitting
    "свръхнапасване",
    "обратно предаване",  # backpropagation
    "градиентно спускане",  # gradient descent
)

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
CYRILLIC = re.compile(r"[А-Яа-яЁёЪъЬьЮюЯяЩщ]")


def _load(lang: str) -> dict[str, Any]:
    with (DECKS / f"weights_and_biases.{lang}.toml").open("rb") as fh:
        return tomllib.load(fh)


@pytest.fixture(scope="module", params=LANGUAGES)
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def deck(lang: str) -> dict[str, Any]:
    return _load(lang)


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.is_file():
        pytest.skip(f"the seed text is expected at {SEED} (a copy of the study text)")
    return SEED.read_text(encoding="utf-8")


def _cards(deck: dict[str, Any]) -> list[dict[str, Any]]:
    return list(deck["cards"])


def _ids(deck: dict[str, Any]) -> list[str]:
    return [card["id"] for card in _cards(deck)]


def _tagged(deck: dict[str, Any], tag: str, *, recall_only: bool = False) -> list[dict[str, Any]]:
    return [
        card
        for card in _cards(deck)
        if tag in card.get("tags", ()) and not (recall_only and "exercise" in card)
    ]


def _section(seed: str, number: int) -> str:
    """The body of `## <number>. …` up to the next `## ` heading."""
    match = re.search(rf"^## {number}\. .*?$(.*?)(?=^## |\Z)", seed, re.M | re.S)
    assert match is not None, f"section {number} not found in the seed"
    return match.group(1)


# --- the files themselves ---------------------------------------------------------------


def test_deck_parses_with_a_complete_header(lang: str, deck: dict[str, Any]) -> None:
    assert deck["format"] == 1
    assert deck["id"] == f"weights-and-biases-{lang}"
    assert deck["language"] == lang
    assert deck["name"].strip()
    assert deck["description"].strip()
    assert isinstance(deck["cards"], list)
    assert len(deck["cards"]) >= 80


def test_both_languages_have_the_same_ids_in_the_same_order() -> None:
    bg, en = _load("bg"), _load("en")
    assert _ids(bg) == _ids(en)
    for bg_card, en_card in zip(_cards(bg), _cards(en), strict=True):
        assert bg_card.get("exercise") == en_card.get("exercise"), bg_card["id"]
        assert bg_card.get("difficulty") == en_card.get("difficulty"), bg_card["id"]
        assert bg_card.get("unlock_after") == en_card.get("unlock_after"), bg_card["id"]
        assert bg_card.get("tags") == en_card.get("tags"), bg_card["id"]


def test_card_ids_are_unique_and_well_formed(deck: dict[str, Any]) -> None:
    ids = _ids(deck)
    duplicates = sorted({card_id for card_id in ids if ids.count(card_id) > 1})
    assert duplicates == []
    malformed = [card_id for card_id in ids if not ID_PATTERN.match(card_id)]
    assert malformed == []


def test_no_question_is_asked_twice(deck: dict[str, Any]) -> None:
    fronts = [
        " ".join(card["front"].split()).casefold() for card in _cards(deck) if "front" in card
    ]
    repeated = sorted({front for front in fronts if fronts.count(front) > 1})
    assert repeated == []


def test_recall_cards_have_text_and_exercise_cards_do_not(deck: dict[str, Any]) -> None:
    for card in _cards(deck):
        if "exercise" in card:
            assert "front" not in card and "back" not in card, card["id"]
            assert isinstance(card["difficulty"], int) and 1 <= card["difficulty"] <= 3, card["id"]
        else:
            assert isinstance(card.get("front"), str) and card["front"].strip(), card["id"]
            assert isinstance(card.get("back"), str) and card["back"].strip(), card["id"]


def test_every_card_carries_a_section_tag(deck: dict[str, Any]) -> None:
    section_tags = set(SECTION_TAGS.values())
    untagged = [card["id"] for card in _cards(deck) if not section_tags & set(card.get("tags", ()))]
    assert untagged == []


def test_review_plan_cards_unlock_on_the_seed_schedule(deck: dict[str, Any]) -> None:
    unlocks = {card["id"]: card["unlock_after"] for card in _cards(deck) if "unlock_after" in card}
    assert unlocks == PLAN_UNLOCKS
    plan_ids = {card["id"] for card in _tagged(deck, "review-plan")}
    assert plan_ids == set(PLAN_UNLOCKS)


# --- coverage of the seed ---------------------------------------------------------------


def test_every_seed_section_maps_to_a_used_tag(deck: dict[str, Any], seed: str) -> None:
    headings = re.findall(r"^## (\d+)\. (.+?)\s*$", seed, re.M)
    assert [int(number) for number, _ in headings] == list(range(1, 10))
    assert [title for _, title in headings] == list(SECTION_TAGS)
    used = {tag for card in _cards(deck) for tag in card.get("tags", ())}
    missing = [SECTION_TAGS[title] for _, title in headings if SECTION_TAGS[title] not in used]
    assert missing == []


def test_each_seed_item_has_at_least_one_card(deck: dict[str, Any], seed: str) -> None:
    prior = re.findall(r"^- ", _section(seed, 1), re.M)
    concepts = re.findall(r"^- \*\*", _section(seed, 3), re.M)
    steps = re.findall(r"^\d+\. \*\*", _section(seed, 4), re.M)
    examples = re.findall(r"^### ", _section(seed, 5), re.M)
    pitfalls = re.findall(r"^- \*\*", _section(seed, 6), re.M)
    quiz = re.findall(r"^\d+\. ", _section(seed, 7), re.M)
    recap = re.findall(r"^- ", _section(seed, 8), re.M)
    plan = re.findall(r"^\|(.+)\|\s*$", _section(seed, 9), re.M)[2:]  # past the header
    assert (len(prior), len(concepts), len(steps), len(examples)) == (3, 5, 5, 3)
    assert (len(pitfalls), len(quiz), len(recap), len(plan)) == (5, 7, 7, 4)

    assert len(_tagged(deck, "prior-knowledge", recall_only=True)) >= len(prior)
    concept_ids = {c["id"] for c in _tagged(deck, "key-concepts") if c["id"].startswith("concept-")}
    assert len(concept_ids) == 2 * len(concepts)
    ids = set(_ids(deck))
    assert {f"lp{step}-task" for step in range(1, len(steps) + 1)} <= ids
    for n in range(1, len(examples) + 1):
        assert any(card_id.startswith(f"example{n}-") for card_id in ids), f"example {n}"
    assert len(_tagged(deck, "pitfalls", recall_only=True)) >= len(pitfalls)
    assert len(_tagged(deck, "quiz", recall_only=True)) >= len(quiz)
    assert len(_tagged(deck, "recap", recall_only=True)) >= len(recap)
    assert len(_tagged(deck, "review-plan", recall_only=True)) == len(plan)


def test_quiz_questions_are_all_present(deck: dict[str, Any]) -> None:
    quiz_ids = [card["id"] for card in _tagged(deck, "quiz")]
    assert [card_id for card_id in quiz_ids if card_id in QUIZ_IDS] == list(QUIZ_IDS)


def test_key_concepts_are_asked_both_ways(deck: dict[str, Any]) -> None:
    ids = set(_ids(deck))
    for name in CONCEPTS:
        assert f"concept-{name}-term" in ids, name
        assert f"concept-{name}-def" in ids, name


def test_definition_cards_do_not_give_the_term_away(lang: str, deck: dict[str, Any]) -> None:
    by_id = {card["id"]: card for card in _cards(deck)}
    other = "en" if lang == "bg" else "bg"
    for name in CONCEPTS:
        card = by_id[f"concept-{name}-def"]
        term = CONCEPT_TERMS[lang][name]
        assert term not in card["front"].casefold(), name
        assert term in card["back"].casefold(), name
        assert CONCEPT_TERMS[other][name] in card["back"].casefold(), name


def test_every_exercise_kind_is_practised(deck: dict[str, Any]) -> None:
    exercises = [card for card in _cards(deck) if "exercise" in card]
    assert {card["exercise"] for card in exercises} == set(EXERCISE_KINDS)
    for card in exercises:
        prefix = "ex-" + card["exercise"].replace("_", "-") + "-"
        assert card["id"].startswith(prefix) and card["id"][len(prefix) :].isdigit(), card["id"]


# --- language -----------------------------------------------------------------------------


def test_bulgarian_deck_uses_the_seed_terms() -> None:
    deck = _load("bg")
    text = " ".join(
        " ".join(card.get(field, "") for field in ("front", "back")) for card in _cards(deck)
    ).casefold()
    assert [term for term in BG_TERMS if term not in text] == []
    assert [word for word in BG_FORBIDDEN_SYNONYMS if word in text] == []
    no_cyrillic = [
        card["id"]
        for card in _cards(deck)
        if "front" in card and not CYRILLIC.search(card["front"])
    ]
    assert no_cyrillic == []


def test_english_deck_is_english_outside_the_glossary_pairs() -> None:
    deck = _load("en")
    assert not CYRILLIC.search(deck["name"] + deck["description"])
    leaking = [
        card["id"]
        for card in _cards(deck)
        if "key-concepts" not in card.get("tags", ())
        and CYRILLIC.search(card.get("front", "") + card.get("back", ""))
    ]
    assert leaking == []
