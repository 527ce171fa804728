"""Fuzzing the answer reader and grading: a parsed answer or "could not read", never an exception.

Whatever a learner types — control characters and escape sequences, lone surrogates (what a
terminal's undecodable bytes become), numbers too large or too small for a float, digits of
other scripts, the Bulgarian decimal comma in every position — grading gives a verdict: a
value read (finite, as JSON without NaN or Infinity) and judged, or INVALID with the message
saying what was expected, in both languages. tests/engine/test_engine_reader.py has the
accepted forms one by one; this file throws everything else at them.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from srs_wb.engine import Exercise, GradeStatus, generate, grade
from srs_wb.engine.reader import parse_number, read
from srs_wb.engine.types import AnswerType

EXERCISES = {
    "number": lambda: generate("neuron_output", 1, 1),
    "vector2": lambda: generate("error_gradient", 1, 1, {"target": "weights", "inputs": 2}),
    "vector3": lambda: generate("error_gradient", 2, 1, {"target": "weights", "inputs": 3}),
    "yes_no": lambda: generate("learning_rate", 1, 1, {"ask": "converge"}),
}
_made: dict[str, Exercise] = {}


def exercises() -> list[Exercise]:
    if not _made:
        _made.update((name, make()) for name, make in EXERCISES.items())
    return list(_made.values())


def check(typed: str) -> None:
    """Every kind of exercise grades `typed` without raising, and the verdict is well formed."""
    for exercise in exercises():
        verdict = grade(exercise, typed)
        assert verdict.status in GradeStatus
        if verdict.invalid:
            assert verdict.value is None and verdict.suggested is None
            assert verdict.message is not None and set(verdict.message) == {"bg", "en"}
            assert all(verdict.message.values())
        else:
            values = verdict.value if isinstance(verdict.value, tuple) else (verdict.value,)
            if exercise.answer_type is AnswerType.YES_NO:
                assert isinstance(verdict.value, bool)
            else:
                assert len(values) == exercise.size
                assert all(isinstance(v, float) and math.isfinite(v) for v in values)
                assert verdict.error is not None and not math.isnan(verdict.error)
            assert verdict.suggested in ("good", "again")
        json.dumps(verdict.to_json())  # the CLI's --json prints it


# Characters a terminal can deliver: any code point, lone surrogates (undecodable input
# read with surrogateescape), controls and escapes included.
anything = st.text(alphabet=st.characters(exclude_categories=()), max_size=60)
CONTROLS = ["\x00", "\x07", "\x08", "\x1b", "\x1b[2J", "\x1b]52;c;aGk=\x07", "\r", "\x7f",
            "\x9b", "\u202e", "\u200b", "\ufeff", "\udcff", "\t", "\n", "\x0c"]  # fmt: skip
# Digits people may have on their keyboard or paste, that are not ASCII.
DIGITS = ["٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "०१२३४५६७८९", "০১২৩৪৫৬৭৮৯", "０１２３４５６７８９",
          "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗", "⁰¹²³⁴⁵⁶⁷⁸⁹", "₀₁₂₃₄₅₆₇₈₉", "①②③④⑤⑥⑦⑧⑨"]  # fmt: skip
SIGNS = ["", "-", "+", "\u2212", "\u2013", "\u2014", "--", "+-", "\ufe63"]


@st.composite
def numbers_people_type(draw: Any) -> str:
    """A number as typed: any sign, decimal point or comma, exponent, digits of any script,
    sometimes huge, sometimes a fraction, sometimes with a control character inside."""
    whole = draw(st.from_regex(r"\A[0-9]{0,12}\Z") | st.sampled_from(["9" * 400, "0" * 300]))
    fraction = draw(st.from_regex(r"\A[0-9]{0,12}\Z"))
    point = draw(st.sampled_from([".", ",", "", "٫", "·", ", ", ".,"]))
    exponent = draw(
        st.one_of(
            st.just(""),
            st.integers(-400_000, 400_000).map(lambda n: f"e{n}"),
            st.sampled_from(["e", "E+", "e-", "E05"]),
        )
    )
    text = draw(st.sampled_from(SIGNS)) + whole + point + fraction + exponent
    if draw(st.booleans()):
        script = draw(st.sampled_from(DIGITS))
        text = text.translate(str.maketrans("0123456789", script[:10].ljust(10, script[0])))
    if draw(st.booleans()):
        text = f"{text}/{draw(st.sampled_from(['0', '0.0', '1e-400', '3', '-7', '1e308', '']))}"
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(CONTROLS)) + text[at:]
    return draw(st.sampled_from(["{}", " {} ", "[{}]", "({})", "≈ {}", "= {}", "{}."])).format(text)


vectors_people_type = st.lists(numbers_people_type(), min_size=0, max_size=4).flatmap(
    lambda parts: st.sampled_from(["; ", ", ", " ", ",", ";", "\t", "  ,  "]).map(
        lambda separator: "[" + separator.join(parts) + "]"
    )
)
HUGE = [
    "1e308", "-1.7976931348623157e308", "1.7976931348623157e308 -1.7976931348623157e308",
     "1e309", "1e-400", "9" * 399, "1" + "0" * 399 + "/" + "0." + "0" * 300 + "1", "1e308/1e-308",
     "-1e308; 1e308", "[1e308, -1e308, 1e308]", "0x10", "1_000", "inf", "nan", "-inf", "NaN",
     "∞", "1e", "e5", ".", ",", "-", "/", "1/", "/2", "1//2", "1/2/3", "١٫٥", "0,4", "-0,4",
     "1 000,5", "0,1; 0,2", "0,1, 0,2", "0,1 0,2", "[0,1, 0,2, 0,3]", "да", "Не", "DA!",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(anything)
@example("\udcff0.4")  # an undecodable byte before the number
@example("0.4\x1b[2J")
@example("٠٫٤")
def test_any_text_at_all(typed: str) -> None:
    check(typed)


@settings(max_examples=200, deadline=None)
@given(numbers_people_type())
def test_numbers_in_every_form(typed: str) -> None:
    check(typed)


@settings(max_examples=150, deadline=None)
@given(vectors_people_type)
def test_vectors_in_every_form(typed: str) -> None:
    check(typed)


@pytest.mark.parametrize("typed", HUGE)
def test_huge_tiny_and_odd_numbers(typed: str) -> None:
    check(typed)


@settings(max_examples=200, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False), st.sampled_from(SIGNS[:4]))
def test_a_decimal_comma_reads_as_the_point(x: float, sign: str) -> None:
    """What Bulgarian keyboards type: the same number with a comma for the point."""
    written = repr(abs(x))
    if "e" in written or "," in written:
        return
    typed = sign + written.replace(".", ",")
    expected = -abs(x) if sign in ("-", "\u2212") else abs(x)
    assert parse_number(typed.replace("\u2212", "-")) == expected
    assert read(typed, AnswerType.NUMBER).value == expected


@pytest.mark.slow
@settings(max_examples=5_000, deadline=None)
@given(st.one_of(anything, numbers_people_type(), vectors_people_type))
def test_answers_at_length(typed: str) -> None:
    check(typed)


def test_undecodable_bytes_typed_in_the_plain_review_are_an_unreadable_answer(
    tmp_path: Path,
) -> None:
    """Found here: a terminal that sends bytes that are not UTF-8 (a cp1251 keyboard, a
    paste) stopped the plain review with a UnicodeDecodeError where stdin is strict (any
    UTF-8 locale). Now they read as U+FFFD: the answer is unreadable, and asked again."""
    from srs_wb.services.collection import Collection
    from srs_wb.services.importing import import_paths

    deck = tmp_path / "ex.toml"
    deck.write_text(
        'format = 1\nid = "ex"\nname = "Ex"\nlanguage = "en"\n\n'
        '[[cards]]\nid = "n"\nexercise = "neuron_output"\n',
        encoding="utf-8",
    )
    db = tmp_path / "x.db"
    with Collection(db, install_builtin=False) as collection:
        import_paths(collection, [deck])
    result = subprocess.run(
        [sys.executable, "-m", "srs_wb", "--db", str(db), "review", "--plain", "--deck", "ex"],
        input=b"0,\xe4\xee\n\x1b[2J\xff\nq\n",  # "0,до" in cp1251; an escape, a stray byte
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"},
        timeout=120,
    )
    out, err = result.stdout.decode(), result.stderr.decode()
    assert result.returncode == 0 and "Traceback" not in err, err
    assert out.count("try again") == 2
    assert "\x1b" not in out
