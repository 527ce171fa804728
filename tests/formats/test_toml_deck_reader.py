"""Reading native TOML decks: the spec they become, and every problem reported with its line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from srs_wb.errors import ImportFailed
from srs_wb.formats.spec import AfterLast, CardKind
from srs_wb.formats.toml_deck import is_native_deck, parse_deck_text, read_deck
from srs_wb.formats.toml_reader import MAX_CARDS, MAX_FILE_BYTES, MAX_TEXT_CHARS

HEADER = 'format = 1\nid = "wb"\nname = "Тежести и пристрастия"\nlanguage = "bg"\n'
CARD = '\n[[cards]]\nid = "c1"\nfront = "Какво са тежестите?"\nback = "Коефициенти."\n'

FULL = textwrap.dedent('''\
    format = 1
    id = "weights-and-biases-bg"
    name = "Тежести и пристрастия"
    language = "bg"
    description = """
    Тесте по текста за тежести и пристрастия."""

    [ladder]
    steps = ["1d", "3d", "1w", "1mo"]
    after_last = "double"

    [limits]
    new_per_day = 20
    reviews_per_day = 200

    [[cards]]
    id = "concept-weights"
    tags = ["key-concepts", "тежести"]
    front = """
    Какво представляват **тежестите**?"""
    back = """
    Числови коефициенти, които умножават входовете."""
    unlock_after = "3d"

    [[cards]]
    id = "ex-neuron-output"
    tags = ["examples"]
    exercise = "neuron_output"
    difficulty = 2
    params = { inputs = 3 }
''')


def problems(text: str, catalog: object, source: str = "deck.toml") -> list[str]:
    with pytest.raises(ImportFailed) as failed:
        parse_deck_text(text, source, exercises=catalog)  # type: ignore[arg-type]
    assert str(failed.value).startswith(f"{source}: deck not imported")
    return failed.value.problems


def only_problem(text: str, catalog: object) -> str:
    found = problems(text, catalog)
    assert len(found) == 1, found
    return found[0]


# --- A good deck ------------------------------------------------------------------------------


def test_a_full_deck_becomes_its_spec(catalog):
    deck = parse_deck_text(FULL, "decks/wb.toml", exercises=catalog)

    assert deck.key == "weights-and-biases-bg"
    assert deck.name == "Тежести и пристрастия"
    assert deck.language == "bg"
    assert deck.description == "Тесте по текста за тежести и пристрастия."
    assert deck.format_version == 1
    assert deck.source == "decks/wb.toml"
    assert deck.ladder is not None
    assert deck.ladder.steps_days == (1, 3, 7, 30)
    assert deck.ladder.after_last is AfterLast.DOUBLE
    assert (deck.new_per_day, deck.reviews_per_day) == (20, 200)

    recall, exercise = deck.cards
    assert recall.key == "concept-weights"
    assert recall.kind is CardKind.RECALL
    assert recall.front == "Какво представляват **тежестите**?"
    assert recall.back == "Числови коефициенти, които умножават входовете."
    assert recall.tags == ("key-concepts", "тежести")
    assert recall.unlock_after_days == 3
    assert recall.line == 16

    assert exercise.kind is CardKind.EXERCISE
    assert exercise.exercise == "neuron_output"
    assert exercise.difficulty == 2
    assert dict(exercise.params) == {"inputs": 3}
    assert exercise.line == 25
    assert catalog.checked == [("neuron_output", {"inputs": 3}, 2)]


def test_optional_parts_take_their_defaults(catalog):
    deck = parse_deck_text(
        HEADER + '\n[[cards]]\nid = "ex"\nexercise = "relu"\n', "d.toml", exercises=catalog
    )

    assert deck.ladder is None
    assert deck.new_per_day is None and deck.reviews_per_day is None
    assert deck.description == ""
    (card,) = deck.cards
    assert (card.difficulty, dict(card.params), card.tags, card.unlock_after_days) == (
        1,
        {},
        (),
        None,
    )


def test_a_ladder_may_leave_out_after_last(catalog):
    deck = parse_deck_text(
        HEADER + '[ladder]\nsteps = ["2d", "2w"]\n' + CARD, "d", exercises=catalog
    )
    assert deck.ladder is not None
    assert deck.ladder.steps_days == (2, 14)
    assert deck.ladder.after_last is AfterLast.REPEAT


def test_cards_headers_inside_multiline_strings_are_text(catalog):
    text = HEADER + textwrap.dedent('''
        [[cards]]
        id = "first"
        front = """
        Как се пише карта?
        [[cards]]
        id = "fake"
        """
        back = \'\'\'
        [[cards]]
        \'\'\'

        [[cards]]
        id = "second"
        front = "A [[cards]] header"
        back = 'also [[cards]]'

        [[cards]]
        id = "third"
        front = "x"
        back = "y"
    ''')
    deck = parse_deck_text(text, "d", exercises=catalog)

    assert [card.key for card in deck.cards] == ["first", "second", "third"]
    assert [card.line for card in deck.cards] == [6, 17, 22]
    assert deck.cards[0].front == 'Как се пише карта?\n[[cards]]\nid = "fake"\n'


def test_windows_line_endings_and_a_byte_order_mark_are_read(catalog, tmp_path):
    path = tmp_path / "deck.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + CARD).replace("\n", "\r\n").encode())

    deck = read_deck(path, exercises=catalog)

    assert deck.cards[0].line == 6
    assert deck.cards[0].back == "Коефициенти."


def test_cards_may_be_written_as_an_inline_array(catalog):
    text = (
        HEADER
        + 'cards = [\n  { id = "a", front = "F", back = "B" },\n  { id = "b", front = "F" },\n]\n'
    )
    assert only_problem(text, catalog) == "deck.toml:5: card b: missing required key 'back'"


def test_read_deck_reads_a_file_and_names_it(catalog, tmp_path):
    path = tmp_path / "тесте.toml"
    path.write_text(FULL, encoding="utf-8")

    deck = read_deck(path, exercises=catalog)

    assert deck.source == str(path)
    assert [card.line for card in deck.cards] == [16, 25]


def test_a_recall_deck_never_asks_the_engine():
    class NoEngine:
        def kind_names(self) -> list[str]:
            raise AssertionError("asked")

        def validate_params(self, *args: object) -> list[str]:
            raise AssertionError("asked")

    deck = parse_deck_text(HEADER + CARD, "d", exercises=NoEngine())
    assert deck.cards[0].kind is CardKind.RECALL


def test_a_recall_deck_reads_without_a_catalog():
    # The default catalog is the engine, imported only when a card needs it.
    assert parse_deck_text(HEADER + CARD, "d").cards[0].key == "c1"


def test_is_native_deck_goes_by_the_extension():
    assert is_native_deck(Path("decks/wb.toml"))
    assert is_native_deck("WB.TOML")
    assert not is_native_deck("wb.apkg")
    assert not is_native_deck("toml")


# --- Every problem at once --------------------------------------------------------------------

BROKEN = textwrap.dedent("""\
    format = 1
    id = "Weights And Biases"
    nme = "Тежести"
    language = "bulgarian"

    [ladder]
    steps = ["1d", "3 days"]
    after_lst = "repeat"

    [limits]
    new_per_day = -5

    [[cards]]
    id = "w"
    frnt = "Какво?"
    back = ""

    [[cards]]
    id = "w"
    front = "   "
    back = "b"

    [[cards]]
    id = "ex"
    exercise = "neuron_outptu"
""")


def test_every_problem_of_a_file_is_reported_at_once_in_file_order(catalog):
    found = problems(BROKEN, catalog)

    assert found == [
        "deck.toml: missing required key 'name'",
        "deck.toml:2: bad deck id 'Weights And Biases': use 1–64 lowercase letters, digits, "
        "'-', '_' or '.'",
        "deck.toml:3: unknown key 'nme' (did you mean 'name'?)",
        "deck.toml:4: bad language code 'bulgarian': use a code such as bg or en",
        "deck.toml:7: ladder step: expected a duration such as 1d, 3d, 1w or 1mo, got '3 days'",
        "deck.toml:8: unknown key 'after_lst' (did you mean 'after_last'?)",
        "deck.toml:11: 'new_per_day' must be a whole number from 0 to 9999, not the number -5",
        "deck.toml:13: card w: missing required key 'front'",
        "deck.toml:15: card w: unknown key 'frnt' (did you mean 'front'?)",
        "deck.toml:16: card w: 'back' is empty",
        "deck.toml:19: card w: duplicate card id, already used by the card at line 13",
        "deck.toml:20: card w: 'front' is empty",
        "deck.toml:25: card ex: unknown exercise kind 'neuron_outptu' (did you mean "
        "'neuron_output'?); known kinds: neuron_output, relu",
    ]


def test_the_headline_counts_the_problems(catalog):
    with pytest.raises(ImportFailed) as failed:
        parse_deck_text(BROKEN, "my.toml", exercises=catalog)
    assert str(failed.value).splitlines()[0] == "my.toml: deck not imported (13 problems)"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            'descripton = "x"\n' + HEADER + CARD,
            1,
            "unknown key 'descripton' (did you mean 'description'?)",
        ),
        (
            HEADER + '[ladder]\nsteps = ["1d"]\nstepz = 1\n' + CARD,
            7,
            "unknown key 'stepz' (did you mean 'steps'?)",
        ),
        (
            HEADER + "[limits]\nnew_per_dya = 1\n" + CARD,
            6,
            "unknown key 'new_per_dya' (did you mean 'new_per_day'?)",
        ),
        (
            HEADER + CARD + 'unlock = "3d"\n',
            10,
            "card c1: unknown key 'unlock' (did you mean 'unlock_after'?)",
        ),
        (
            HEADER + CARD + 'colour = "red"\n',
            10,
            "card c1: unknown key 'colour' (known keys: id, tags, front, back, exercise, "
            "difficulty, params, unlock_after)",
        ),
    ],
)
def test_unknown_keys_are_named_with_the_closest_known_key(catalog, text, line, message):
    assert only_problem(text, catalog) == f"deck.toml:{line}: {message}"


def test_a_misspelt_cards_table_is_an_unknown_key(catalog):
    found = problems(HEADER + '\n[[card]]\nid = "c"\nfront = "f"\nback = "b"\n', catalog)
    assert found == [
        "deck.toml: the deck has no cards: add at least one [[cards]] table",
        "deck.toml:6: unknown key 'card' (did you mean 'cards'?)",
    ]


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("format", "deck.toml: missing required key 'format' (write format = 1)"),
        ("id", "deck.toml: missing required key 'id'"),
        ("name", "deck.toml: missing required key 'name'"),
        ("language", "deck.toml: missing required key 'language'"),
    ],
)
def test_missing_deck_keys_are_named(catalog, missing, message):
    header = "".join(line + "\n" for line in HEADER.splitlines() if not line.startswith(missing))
    assert only_problem(header + CARD, catalog) == message


@pytest.mark.parametrize(
    ("card", "message"),
    [
        ('front = "f"\nback = "b"', "deck.toml:6: card #1: missing required key 'id'"),
        ('id = "c"\nback = "b"', "deck.toml:6: card c: missing required key 'front'"),
        ('id = "c"\nfront = "f"', "deck.toml:6: card c: missing required key 'back'"),
        (
            'id = "c"\ntags = ["x"]',
            "deck.toml:6: card c: a card needs 'front' and 'back' (a question card) "
            "or 'exercise' (an exercise card)",
        ),
        ('id = "c"\nfront = " \\n\\t"\nback = "b"', "deck.toml:8: card c: 'front' is empty"),
    ],
)
def test_cards_missing_what_they_need_are_named(catalog, card, message):
    assert only_problem(HEADER + "\n[[cards]]\n" + card + "\n", catalog) == message


def test_a_deck_without_cards_is_refused(catalog):
    assert only_problem(HEADER, catalog) == (
        "deck.toml: the deck has no cards: add at least one [[cards]] table"
    )
    assert only_problem(HEADER + "cards = []\n", catalog) == (
        "deck.toml:5: the deck has no cards: add at least one [[cards]] table"
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("name = 42", "'name' must be text, not the number 42"),
        ('name = "two\\nlines"', "'name' must be one line of text"),
        ('name = "  "', "'name' is empty"),
        ("description = true", "'description' must be text, not true"),
        ("id = 7", "'id' must be text, not the number 7"),
        ('language = "BG"', "bad language code 'BG': use a code such as bg or en"),
        (
            'id = "wb deck"',
            "bad deck id 'wb deck': use 1–64 lowercase letters, digits, '-', '_' or '.'",
        ),
        (
            f'id = "{"d" * 65}"',
            "bad deck id 'ddddddddddddddddddddddddddddddddddddddd…': "
            "use 1–64 lowercase letters, digits, '-', '_' or '.'",
        ),
        (
            'ladder = "1d"',
            "'ladder' must be a table ([ladder] with steps = [...]), not the text '1d'",
        ),
        (
            "limits = 5",
            "'limits' must be a table ([limits] with new_per_day = ...), not the number 5",
        ),
        ("cards = 5", "'cards' must be [[cards]] tables, not the number 5"),
    ],
)
def test_deck_values_of_the_wrong_type_or_shape_are_named(catalog, line, message):
    key = line.split(" =")[0]
    header = "".join(row + "\n" for row in HEADER.splitlines() if not row.startswith(key))
    text = line + "\n" + header + ("" if key == "cards" else CARD)
    assert only_problem(text, catalog) == f"deck.toml:1: {message}"


def test_the_language_may_carry_a_region(catalog):
    text = HEADER.replace('"bg"', '"pt-BR"') + CARD
    assert parse_deck_text(text, "d", exercises=catalog).language == "pt-BR"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            'id = "Card 1"',
            "card #1: bad card id 'Card 1': use 1–128 lowercase letters, digits, '-', '_' or '.'",
        ),
        (
            "id = 3",
            "card #1: 'id' must be text, not the number 3",
        ),
        ('tags = "one"', "card c: 'tags' must be a list of words, not the text 'one'"),
        ('tags = ["two words"]', "card c: tag 'two words' must be one word, without spaces"),
        ('tags = [""]', "card c: a tag must have 1 to 100 characters"),
        ("tags = [1]", "card c: a tag must be text, not the number 1"),
        (
            "difficulty = 2",
            "card c: 'difficulty' belongs to exercise cards; "
            "a card with 'front' and 'back' has none",
        ),
        (
            "params = { inputs = 2 }",
            "card c: 'params' belongs to exercise cards; a card with 'front' and 'back' has none",
        ),
        ("front = 1", "card c: 'front' must be text, not the number 1"),
    ],
)
def test_card_values_of_the_wrong_type_or_shape_are_named(catalog, line, message):
    key = line.split(" =")[0]
    card = {"id": 'id = "c"', "front": 'front = "f"', "back": 'back = "b"'}
    card[key] = line
    text = HEADER + "\n[[cards]]\n" + "\n".join(card.values()) + "\n"
    row = 7 + list(card).index(key)
    assert only_problem(text, catalog) == f"deck.toml:{row}: {message}"


def test_duplicate_card_ids_name_both_lines(catalog):
    text = HEADER + CARD + CARD.replace('"c1"', '"c2"') + CARD
    assert only_problem(text, catalog) == (
        "deck.toml:17: card c1: duplicate card id, already used by the card at line 6"
    )


# --- Exercise cards ---------------------------------------------------------------------------


def exercise(body: str) -> str:
    return HEADER + '\n[[cards]]\nid = "ex"\n' + textwrap.dedent(body)


def test_an_unknown_exercise_kind_lists_the_known_ones(catalog):
    assert only_problem(exercise('exercise = "sigmoid"\n'), catalog) == (
        "deck.toml:8: card ex: unknown exercise kind 'sigmoid'; known kinds: neuron_output, relu"
    )


def test_params_the_kind_rejects_are_reported_at_the_params_line(catalog):
    text = exercise(
        'exercise = "neuron_output"\ndifficulty = 3\nparams = { inputs = 9, size = 2 }\n'
    )
    assert problems(text, catalog) == [
        "deck.toml:10: card ex: params for 'neuron_output': unknown param 'size'",
        "deck.toml:10: card ex: params for 'neuron_output': "
        "inputs must be a whole number from 1 to 5",
    ]
    assert catalog.checked == [("neuron_output", {"inputs": 9, "size": 2}, 3)]


def test_params_in_a_subtable_or_dotted_keys_are_found_by_line(catalog):
    subtable = exercise('exercise = "relu"\n\n[cards.params]\ninputs = 2\nsize = 1\n')
    dotted = exercise('exercise = "relu"\nparams.size = 1\n')
    assert problems(subtable, catalog) == [
        "deck.toml:10: card ex: params for 'relu': unknown param 'inputs'",
        "deck.toml:10: card ex: params for 'relu': unknown param 'size'",
    ]
    assert only_problem(dotted, catalog) == (
        "deck.toml:9: card ex: params for 'relu': unknown param 'size'"
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "exercise = 3\n",
            "deck.toml:8: card ex: 'exercise' must be a kind name, not the number 3",
        ),
        (
            'exercise = "relu"\ndifficulty = 4\n',
            "deck.toml:9: card ex: 'difficulty' must be 1, 2 or 3, not the number 4",
        ),
        (
            'exercise = "relu"\ndifficulty = true\n',
            "deck.toml:9: card ex: 'difficulty' must be 1, 2 or 3, not true",
        ),
        (
            'exercise = "relu"\nparams = [1]\n',
            "deck.toml:9: card ex: 'params' must be a table such as { inputs = 3 }, not a list",
        ),
        (
            'exercise = "relu"\nparams = { when = 2024-01-01 }\n',
            "deck.toml:9: card ex: params.when is a date or time: "
            "params hold only text, numbers, true/false, lists and tables",
        ),
        (
            'exercise = "relu"\nparams = { rate = nan }\n',
            "deck.toml:9: card ex: params.rate must be a finite number, not nan",
        ),
        (
            'exercise = "relu"\nparams = { rate = -inf }\n',
            "deck.toml:9: card ex: params.rate must be a finite number, not -inf",
        ),
        (
            'exercise = "relu"\nparams = { a = [[{ b = [1] }]] }\n',
            "deck.toml:9: card ex: params.a[0][0].b is nested too deeply: "
            "params allow 3 levels of lists and tables",
        ),
    ],
)
def test_exercise_cards_hold_only_what_they_may(catalog, body, message):
    assert only_problem(exercise(body), catalog) == message
    assert catalog.checked == []


@pytest.mark.parametrize("key", ["front", "back"])
def test_an_exercise_card_has_no_front_or_back(catalog, key):
    assert only_problem(exercise(f'exercise = "relu"\n{key} = "Title"\n'), catalog) == (
        f"deck.toml:9: card ex: an exercise card has no '{key}': "
        "the engine writes its question and answer"
    )


def test_params_three_levels_deep_are_plain_data(catalog):
    class AnyParams:
        def kind_names(self) -> list[str]:
            return ["relu"]

        def validate_params(self, kind, params, difficulty) -> list[str]:
            return []

    text = exercise('exercise = "relu"\nparams = { a = [{ b = [1, 2.5, "x", true] }] }\n')
    card = parse_deck_text(text, "d", exercises=AnyParams()).cards[0]
    assert card.params == {"a": [{"b": [1, 2.5, "x", True]}]}


def test_an_engine_that_fails_gives_a_problem_not_a_crash():
    class Broken:
        def kind_names(self) -> list[str]:
            return ["relu"]

        def validate_params(self, kind, params, difficulty) -> list[str]:
            raise KeyError("size")

    assert only_problem(exercise('exercise = "relu"\nparams = { size = 1 }\n'), Broken()) == (
        "deck.toml:9: card ex: params for 'relu': could not be checked (KeyError: 'size')"
    )


# --- Durations and the ladder -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "days"),
    [('"0d"', 0), ('"3d"', 3), ('"2w"', 14), ('"1mo"', 30), ('"1y"', 365), ("5", 5)],
)
def test_unlock_after_reads_durations(catalog, value, days):
    deck = parse_deck_text(HEADER + CARD + f"unlock_after = {value}\n", "d", exercises=catalog)
    assert deck.cards[0].unlock_after_days == days


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"3 days"', "'unlock_after': expected a duration such as 1d, 3d, 1w or 1mo, got '3 days'"),
        (
            '"10m"',
            "'unlock_after' '10m': write months as 'mo' (such as 1mo); srs-wb counts whole days",
        ),
        ("-1", "'unlock_after' '-1' must be from 0 to 3650 days"),
        ('"11y"', "'unlock_after' '11y' must be from 0 to 3650 days"),
        ("1.5", "'unlock_after' must be a duration such as \"3d\", not the number 1.5"),
    ],
)
def test_bad_durations_are_named(catalog, value, message):
    text = HEADER + CARD + f"unlock_after = {value}\n"
    assert only_problem(text, catalog) == f"deck.toml:10: card c1: {message}"


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ('["1d", "3d", "2d"]', "ladder steps must strictly increase, got ['1d', '3d', '2d']"),
        ('["1d", "1d"]', "ladder steps must strictly increase, got ['1d', '1d']"),
        ('["0d", "1d"]', "ladder step '0d' must be from 1 to 3650 days"),
        ("[]", "'steps' must be a list of 1 to 12 durations such as \"1d\""),
        (
            str([f"{n}d" for n in range(1, 14)]).replace("'", '"'),
            "'steps' must be a list of 1 to 12 durations such as \"1d\"",
        ),
        ('"1d"', "'steps' must be a list of 1 to 12 durations such as \"1d\""),
    ],
)
def test_bad_ladders_are_named(catalog, steps, message):
    text = HEADER + f"[ladder]\nsteps = {steps}\n" + CARD
    assert only_problem(text, catalog) == f"deck.toml:6: {message}"


def test_a_ladder_needs_steps_and_a_known_after_last(catalog):
    text = HEADER + '[ladder]\nafter_last = "stop"\n' + CARD
    assert problems(text, catalog) == [
        "deck.toml:5: missing required key 'steps' in [ladder]",
        "deck.toml:6: 'after_last' must be 'repeat' or 'double', not the text 'stop'",
    ]


def test_limits_have_ranges(catalog):
    text = HEADER + "[limits]\nnew_per_day = 10000\nreviews_per_day = 100000\n" + CARD
    assert problems(text, catalog) == [
        "deck.toml:6: 'new_per_day' must be a whole number from 0 to 9999, not the number 10000",
        "deck.toml:7: 'reviews_per_day' must be a whole number from 0 to 99999, "
        "not the number 100000",
    ]
    top = HEADER + "[limits]\nnew_per_day = 0\nreviews_per_day = 99999\n" + CARD
    deck = parse_deck_text(top, "d", exercises=catalog)
    assert (deck.new_per_day, deck.reviews_per_day) == (0, 99999)


# --- The format version and the syntax --------------------------------------------------------


def test_a_newer_format_says_so_and_nothing_else(catalog):
    text = HEADER.replace("format = 1", "format = 2") + "shiny_new_key = 1\n"
    assert only_problem(text, catalog) == (
        "deck.toml:1: this deck needs a newer srs-wb: it is format 2, this version reads format 1"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "unknown format 0; write format = 1"),
        ('"1"', "'format' must be a whole number, not the text '1'"),
    ],
)
def test_a_bad_format_version_is_named(catalog, value, message):
    text = HEADER.replace("format = 1", f"format = {value}") + CARD
    assert only_problem(text, catalog) == f"deck.toml:1: {message}"


def test_a_toml_syntax_error_gives_its_line_and_column(catalog):
    text = HEADER + CARD + 'tags = ["a" "b"]\n'
    assert only_problem(text, catalog) == (
        "deck.toml:10: not valid TOML: Unclosed array (column 13)"
    )


def test_a_syntax_error_at_the_end_of_the_file_names_the_last_line(catalog):
    assert only_problem(HEADER + "back =", catalog) == (
        "deck.toml:5: not valid TOML: Invalid value (at the end of the file)"
    )


def test_a_key_given_twice_is_a_syntax_error(catalog):
    assert only_problem(HEADER + CARD + 'front = "again"\n', catalog).startswith("deck.toml:10:")


# --- Hostile files ----------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_reading(catalog, tmp_path):
    path = tmp_path / "big.toml"
    with path.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written

    with pytest.raises(ImportFailed) as failed:
        read_deck(path, exercises=catalog)

    assert failed.value.problems == [
        f"{path}: the file is 5.0 MB (5,000,001 bytes); decks are limited to 5 MB"
    ]


def test_text_over_the_size_limit_is_refused(catalog):
    text = HEADER + "# " + "я" * (MAX_FILE_BYTES // 2) + "\n"
    assert only_problem(text, catalog).startswith("deck.toml: the file is 5.0 MB (5,000,0")


def test_too_many_cards_are_refused(catalog):
    text = HEADER + '[[cards]]\nid = "c"\nfront = "f"\nback = "b"\n' * (MAX_CARDS + 1)
    assert (
        only_problem(text, catalog) == "deck.toml:5: the deck has 20,001 cards; the limit is 20,000"
    )


def test_long_texts_are_refused(catalog):
    text = HEADER + CARD.replace("Коефициенти.", "я" * (MAX_TEXT_CHARS + 1))
    assert only_problem(text, catalog) == (
        "deck.toml:9: card c1: 'back' is 20,001 characters long; the limit is 20,000"
    )


@pytest.mark.parametrize("opening", ["[", "{ a = "])
def test_deeply_nested_values_are_refused_cleanly(catalog, opening):
    closing = "]" if opening == "[" else "}"
    text = HEADER + "x = " + opening * 5000 + "1" + closing * 5000 + "\n" + CARD
    assert only_problem(text, catalog) == (
        "deck.toml: values are nested too deeply (lists or tables inside each other)"
    )


def test_an_integer_with_thousands_of_digits_is_refused_cleanly(catalog):
    assert only_problem(HEADER + "x = " + "9" * 5000 + "\n", catalog).startswith(
        "deck.toml: not a readable deck:"
    )


def test_a_file_that_is_not_utf8_names_the_byte(catalog, tmp_path):
    path = tmp_path / "cp1251.toml"
    path.write_bytes(
        (HEADER + CARD).encode("utf-8").replace('"Коефициенти."'.encode(), b'"\xca\xee"')
    )

    with pytest.raises(ImportFailed) as failed:
        read_deck(path, exercises=catalog)

    offset = len((HEADER + CARD).split("Коефициенти.")[0].encode())
    assert failed.value.problems == [
        f"{path}:9: the file is not UTF-8 text: byte 0xCA at byte offset {offset} cannot be read; "
        "save the deck as UTF-8"
    ]


@pytest.mark.parametrize("make", ["missing", "directory"])
def test_a_file_that_cannot_be_read_is_an_import_failure(catalog, tmp_path, make):
    path = tmp_path / "deck.toml"
    if make == "directory":
        path.mkdir()

    with pytest.raises(ImportFailed) as failed:
        read_deck(path, exercises=catalog)

    assert str(failed.value).startswith(f"{path}: deck not imported")
    assert failed.value.problems[0].startswith(f"{path}: cannot read the file: ")


def test_a_flood_of_problems_is_listed_up_to_a_limit(catalog):
    text = HEADER + '[[cards]]\nid = "c"\nfront = ""\nback = ""\n' * 600
    found = problems(text, catalog)
    assert len(found) == 1001
    assert found[-1] == f"… and {600 * 2 + 599 - 1000} more problems"
