"""Reading typed answers: every accepted format, unreadable input as INVALID, and fuzzing."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srs_wb.engine import Exercise, GradeStatus, generate, grade
from srs_wb.engine.reader import read, read_by_rules, read_usual
from srs_wb.engine.types import AnswerType


def number_exercise() -> Exercise:
    return generate("neuron_output", 1, 1)


def vector_exercise() -> Exercise:
    exercise = generate("error_gradient", 1, 1, {"target": "weights", "inputs": 2})
    assert isinstance(exercise.answer, tuple) and len(exercise.answer) == 2
    return exercise


def yes_no_exercise() -> Exercise:
    exercise = generate("learning_rate", 1, 1, {"ask": "converge"})
    assert isinstance(exercise.answer, bool)
    return exercise


EXERCISES = (number_exercise, vector_exercise, yes_no_exercise)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("0.4", 0.4),
        ("0,4", 0.4),
        (".4", 0.4),
        (",4", 0.4),
        ("-0.4", -0.4),
        ("\u22120.4", -0.4),  # the real minus sign
        ("\u20130.4", -0.4),  # an en dash, as word processors make of "-"
        ("+0.4", 0.4),
        ("2/5", 0.4),
        ("-3/4", -0.75),
        ("\u22123 / 4", -0.75),
        ("4e-1", 0.4),
        ("1.5E+2", 150.0),
        ("  0.4  ", 0.4),
        ("\t0.4\n", 0.4),
        ("\u00a00.4\u2003", 0.4),  # no-break and em spaces
        ("4.", 4.0),
        ("-.5", -0.5),
        ("(−0.5)", -0.5),
        ("[0.4]", 0.4),
        ("≈ 0.62", 0.62),
        ("= 0.4", 0.4),
        ("０.４", 0.4),  # fullwidth digits
        ("1e-400", 0.0),
        ("1e308", 1e308),
        ("1⁄2", 0.5),  # the fraction slash
    ],
)
def test_numbers_people_type(typed: str, value: float) -> None:
    reading = read(typed, AnswerType.NUMBER)
    assert reading.problem is None
    assert reading.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("[0.1, 0.2]", (0.1, 0.2)),
        ("0.1 0.2", (0.1, 0.2)),
        ("0,1; 0,2", (0.1, 0.2)),
        ("0,1;0,2", (0.1, 0.2)),
        ("0.1, 0.2", (0.1, 0.2)),
        ("0.1,0.2", (0.1, 0.2)),
        ("(0.1, -0.2)", (0.1, -0.2)),
        ("[−0.1; 2/5]", (-0.1, 0.4)),
        ("0,1, 0,2", (0.1, 0.2)),
        ("0,1 0,2", (0.1, 0.2)),
        ("1, 2", (1.0, 2.0)),
        ("1,2", (1.0, 2.0)),
        ("  [ 1e-1 ,  -2E0 ]  ", (0.1, -2.0)),
        ("0.1; 0.2;", (0.1, 0.2)),
    ],
)
def test_vectors_people_type(typed: str, value: tuple[float, float]) -> None:
    reading = read(typed, AnswerType.VECTOR, 2)
    assert reading.problem is None
    assert reading.value == pytest.approx(value)


@pytest.mark.parametrize(
    "typed",
    ["да", "Да", "ДА", "д", "yes", "Yes!", "y", "Y", "converges", "it converges", "сходи",
     "сходящ", "конвергира", "true", "da", " yes. "],
)  # fmt: skip
def test_yes_words(typed: str) -> None:
    assert read(typed, AnswerType.YES_NO).value is True


@pytest.mark.parametrize(
    "typed",
    ["не", "Не", "н", "no", "NO", "n", "diverges", "it diverges", "разходи", "разходящ",
     "не конвергира", "does not converge", "doesn't converge", "не сходи", "false", "ne"],
)  # fmt: skip
def test_no_words(typed: str) -> None:
    assert read(typed, AnswerType.YES_NO).value is False


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "abc", "0.4.5", "1/0", "0/0", "nan", "NaN", "inf", "-inf", "Infinity", "1e309",
     "--1", "0,4,5", "4 5", "1/2/3", "e5", "0x10", "½", "4²", "٤", "1_000", "0.4 m", "maybe"],
)  # fmt: skip
def test_unreadable_numbers_are_invalid_not_wrong(typed: str) -> None:
    exercise = number_exercise()
    verdict = grade(exercise, typed)
    assert verdict.status is GradeStatus.INVALID
    assert verdict.invalid and not verdict.correct
    assert verdict.value is None and verdict.suggested is None and verdict.mistake is None
    assert verdict.message is not None
    assert "0.4" in verdict.message["en"] and "2/5" in verdict.message["en"]
    assert "число" in verdict.message["bg"]


def test_a_vector_with_the_wrong_count_says_how_many() -> None:
    exercise = vector_exercise()
    verdict = grade(exercise, "0.1 0.2 0.3")
    assert verdict.invalid and verdict.message is not None
    assert verdict.message["en"] == "Expected 2 numbers, got 3."
    assert verdict.message["bg"] == "Очакват се 2 числа, а са въведени 3."
    one = grade(exercise, "0.1")
    assert one.invalid and one.message is not None and "2 numbers" in one.message["en"]
    assert "само едно" in one.message["bg"]
    bad = grade(exercise, "0.1 x")
    assert bad.invalid and bad.message is not None
    assert bad.message["en"].startswith("Expected 2 numbers, such as")


def test_yes_no_accepts_no_numbers_and_explains() -> None:
    exercise = yes_no_exercise()
    for typed in ("1", "0", "maybe", "yes no", "не знам"):
        verdict = grade(exercise, typed)
        assert verdict.invalid, typed
        assert verdict.message is not None and "yes or no" in verdict.message["en"]
        assert "„да“" in verdict.message["bg"]


def test_grade_reports_what_was_read_and_the_error() -> None:
    exercise = number_exercise()
    answer = exercise.answer
    assert isinstance(answer, float)
    right = grade(exercise, exercise.answer_text)
    assert right.correct and right.suggested == "good"
    assert right.expected == answer and right.value == float(exercise.answer_text)
    assert right.error is not None and right.error <= exercise.tolerance
    wrong = grade(exercise, f"{answer + 1:.3f}")
    assert wrong.status is GradeStatus.INCORRECT and wrong.suggested == "again"
    assert wrong.error == pytest.approx(1.0, abs=1e-3)
    data = wrong.to_json("en")
    assert data["status"] == "incorrect" and data["suggested"] == "again"
    assert data["error"] == pytest.approx(1.0, abs=1e-3)
    assert set(grade(exercise, "?").to_json()["message"]) == {"bg", "en"}


HUGE = [
    "9" * 10_000,
    "1" * 5_000 + "e" + "9" * 4_999,
    "0." + "0" * 9_998,
    "1e" + "9" * 9_998,
    "-" * 10_000,
    "[" + "0.1, " * 2_000 + "]",
    "да" * 5_000,
    "1/" + "0" * 9_998,
    "\u0000" * 10_000,
    "𝟘" * 10_000,
]


@pytest.mark.parametrize("make", EXERCISES)
@pytest.mark.parametrize("typed", HUGE)
def test_huge_inputs_are_handled(make: object, typed: str) -> None:
    exercise = make()  # type: ignore[operator]
    verdict = grade(exercise, typed)
    assert verdict.status in GradeStatus


def check_never_raises(exercise: Exercise, typed: str) -> None:
    verdict = grade(exercise, typed)
    assert verdict.status in GradeStatus
    if verdict.invalid:
        assert verdict.value is None and verdict.message is not None
        assert set(verdict.message) == {"bg", "en"}
    else:
        value = verdict.value
        if isinstance(value, tuple):
            assert all(math.isfinite(v) for v in value)
        elif not isinstance(value, bool):
            assert value is not None and math.isfinite(value)
    verdict.to_json()


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_fuzz_arbitrary_unicode(typed: str) -> None:
    for make in EXERCISES:
        check_never_raises(make(), typed)


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1, max_size=40).map(lambda s: (s * 10_000)[:10_000]))
def test_fuzz_ten_thousand_characters(typed: str) -> None:
    # Hypothesis cannot draw 10,000 characters at once; a drawn pattern repeated can.
    assert len(typed) == 10_000
    for make in EXERCISES:
        check_never_raises(make(), typed)


number_like = st.builds(
    lambda sign, mantissa, exp: f"{sign}{mantissa}e{exp}",
    st.sampled_from(["", "-", "+", "\u2212"]),
    st.from_regex(r"\A[0-9]{0,30}(\.[0-9]{0,30})?\Z"),
    st.integers(-100_000, 100_000),
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(number_like, st.from_regex(r"\A[-+0-9.,;/eE \[\]]{0,60}\Z")))
def test_fuzz_number_like_text(typed: str) -> None:
    for make in EXERCISES:
        check_never_raises(make(), typed)


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_any_finite_float_reads_back_exactly(x: float) -> None:
    assert read(repr(x), AnswerType.NUMBER).value == x
    assert read(repr(x).replace("-", "\u2212"), AnswerType.NUMBER).value == x


@settings(max_examples=200, deadline=None)
@given(
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(allow_nan=False, allow_infinity=False),
)
def test_any_pair_reads_back_in_every_vector_style(x: float, y: float) -> None:
    for text in (f"[{x!r}, {y!r}]", f"{x!r} {y!r}", f"{x!r}; {y!r}"):
        assert read(text, AnswerType.VECTOR, 2).value == (x, y), text


# Text near the usual answers: what `float` reads beyond plain numbers (spaces, "inf",
# "nan", "1_000", other scripts' digits) mixed with the signs and separators people type.
near_usual = st.one_of(
    st.text(alphabet="0123456789.,-+eE[] _\t\n\x0b\x1cinfatyINFATY\u0663\u2212", max_size=30),
    st.lists(number_like, min_size=1, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
    st.lists(st.floats(), min_size=1, max_size=4).map(
        lambda xs: "[" + ", ".join(map(repr, xs)) + "]"
    ),
    st.floats().map(repr),
    st.from_regex(r"\A\s?[-+]?[0-9](_?[0-9]){0,4}(\.[0-9_]{0,3})?\s?\Z"),
)


@settings(max_examples=1000, deadline=None)
@given(near_usual, st.sampled_from([AnswerType.NUMBER, AnswerType.VECTOR]), st.integers(1, 4))
def test_the_quick_path_reads_what_the_full_rules_read(
    typed: str, answer_type: AnswerType, size: int
) -> None:
    quick = read_usual(typed, answer_type, size)
    if quick is not None:
        assert read_by_rules(typed, answer_type, size).value == quick


def test_the_quick_path_leaves_the_unusual_to_the_full_rules() -> None:
    for typed in ("1_000", "inf", "nan", " 1e999", "\u0661", "0,4", "2/5", "[1_0, 2]"):
        assert read_usual(typed, AnswerType.NUMBER) is None, typed
    assert read_usual("[0.1, 0.2]", AnswerType.VECTOR, 3) is None  # the wrong count
    assert read_usual("[0.1, 0.2]", AnswerType.VECTOR, 2) == (0.1, 0.2)
    assert read_usual(" 0.4 ", AnswerType.NUMBER) == 0.4


@pytest.mark.parametrize("value", [None, 4, 0.4, b"0.4", ["0.4"]])
def test_non_text_is_invalid(value: object) -> None:
    verdict = grade(number_exercise(), value)  # type: ignore[arg-type]
    assert verdict.invalid
