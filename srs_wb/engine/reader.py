"""Reading what people type as an answer: numbers, fractions, vectors and yes/no words.

Accepted numbers: `0.4`, `0,4`, `.4`, `-0.4`, `−0.4` (and other dash-like minus signs),
`+0.4`, `2/5`, `-3/4`, `4e-1`, `1.5E+2`, with spaces around. Vectors: `[0.1, 0.2]`,
`0.1 0.2`, `0,1; 0,2`. Yes/no: да/не, yes/no, y/n, д/н, converges/diverges, сходи/разходи...
Nothing here raises: an unreadable text gives a Reading with a message and no value.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from srs_wb.engine.types import Answer, AnswerType, Text

_MAX_LENGTH = 400  # nobody types a longer answer; longer text is not worth parsing

_TRANSLATE = str.maketrans(
    {
        "\u2212": "-",  # minus sign
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\ufe63": "-",  # small hyphen-minus
        "\uff0d": "-",  # fullwidth hyphen-minus
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\uff0b": "+",
        "\u2044": "/",  # fraction slash
        "\u2215": "/",  # division slash
        "\u00f7": "/",
        "\uff0f": "/",
        "\uff0c": ",",
        "\uff0e": ".",
        "\uff1b": ";",
        "\u066b": ".",  # Arabic decimal separator
        **{chr(0xFF10 + d): str(d) for d in range(10)},  # fullwidth digits
    }
)

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_NUMBER_RE = re.compile(_NUMBER, re.ASCII)
_FRACTION_RE = re.compile(rf"({_NUMBER})\s*/\s*({_NUMBER})", re.ASCII)
_LEADING = "=≈~"  # "≈ 0.62" is still an answer
_OPEN, _CLOSE = "[({", "])}"
_COMMA_SPACE_RE = re.compile(r",\s+")
_PUNCTUATION = ".!?,;:\"'„“”«»()[]"
# Enum members fetched once: on Python 3.11 `AnswerType.NUMBER` goes through the enum
# metaclass's `__getattr__` hook, as slow as a function call, and every grade reads.
_NUMBER_TYPE = AnswerType.NUMBER
_VECTOR = AnswerType.VECTOR
_YES_NO = AnswerType.YES_NO


class Reading(NamedTuple):
    """What was read from a typed answer: a value, or the message saying what was expected.

    (A named tuple: immutable, and cheaper to make than a frozen dataclass; every grade
    makes one.)
    """

    value: Answer | None
    problem: Text | None = None


def _number_message() -> Text:
    return {
        "bg": "Очаква се число, например 0.4, -0.4 или 2/5.",
        "en": "Expected a number, such as 0.4, -0.4 or 2/5.",
    }


def _vector_message(size: int, got: int | None = None) -> Text:
    example = "[0.1, -0.2] или 0.1 -0.2" if size == 2 else "[0.1, -0.2, 0.3] или 0.1 -0.2 0.3"
    example_en = example.replace("или", "or")
    if got is None or got == 0:
        return {
            "bg": f"Очакват се {size} числа, например {example}.",
            "en": f"Expected {size} numbers, such as {example_en}.",
        }
    entered = "а е въведено само едно" if got == 1 else f"а са въведени {got}"
    return {
        "bg": f"Очакват се {size} числа, {entered}.",
        "en": f"Expected {size} numbers, got {got}.",
    }


def _yes_no_message() -> Text:
    return {
        "bg": "Очаква се „да“ или „не“ (конвергира / не конвергира).",
        "en": "Expected yes or no (converges / diverges).",
    }


def _clean(text: str) -> str:
    if not text.isascii():  # every sign that _TRANSLATE maps is outside ASCII
        text = text.translate(_TRANSLATE)
    text = " ".join(text.split())
    while text and text[0] in _LEADING:
        text = text[1:].lstrip()
    return text


def _strip_brackets(text: str) -> str:
    if len(text) >= 2 and text[0] in _OPEN and text[-1] in _CLOSE:
        return text[1:-1].strip()
    return text


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def parse_number(text: str) -> float | None:
    """One number (a decimal comma, a fraction, an exponent allowed), or None."""
    if _NUMBER_RE.fullmatch(text) is None:  # not a plain number such as "0.4": the full rules
        text = text.strip()
        if "," in text and "." not in text and text.count(",") == 1:
            text = text.replace(",", ".")
        if _NUMBER_RE.fullmatch(text) is None:
            return _fraction(text)
    value = float(text)
    return value if math.isfinite(value) else None  # "1e999"


def _fraction(text: str) -> float | None:
    match = _FRACTION_RE.fullmatch(text)
    if match is None:
        return None
    numerator, denominator = float(match.group(1)), float(match.group(2))
    if denominator == 0 or not (math.isfinite(numerator) and math.isfinite(denominator)):
        return None
    return _finite(numerator / denominator)


def _vector_parts(text: str, size: int) -> list[str]:
    if ";" in text:
        parts = text.split(";")
    elif "," in text:
        parts = text.split(",")
        if len(parts) != size and "." not in text:
            # Decimal commas: "0,1, 0,2" (comma and a space between) or "0,1 0,2".
            if _COMMA_SPACE_RE.search(text):
                parts = _COMMA_SPACE_RE.split(text)
            elif " " in text:
                parts = text.split()
    else:
        parts = text.split()
    return [part for part in map(str.strip, parts) if part]


def read_vector(text: str, size: int) -> Reading:
    parts = _vector_parts(_strip_brackets(text), size)
    if len(parts) != size:
        return Reading(None, _vector_message(size, len(parts)))
    if all(map(_NUMBER_RE.fullmatch, parts)):  # plain numbers: `parse_number` in one go
        numbers = tuple(map(float, parts))
        if all(map(math.isfinite, numbers)):
            return Reading(numbers)
    values: list[float] = []
    for part in parts:
        value = parse_number(part)
        if value is None:
            return Reading(None, _vector_message(size))
        values.append(value)
    return Reading(tuple(values))


# fmt: off
_YES = frozenset({
    "yes", "y", "yeah", "yep", "true", "converges", "converge", "convergent", "converging",
    "it converges", "да", "д", "da", "сходи", "сходи се", "схожда се", "сходящ", "сходящо",
    "сходим", "сходимо", "конвергира", "клони", "клони към минимума",
})
_NO = frozenset({
    "no", "n", "nope", "false", "diverges", "diverge", "divergent", "diverging", "it diverges",
    "не", "н", "ne", "разходи", "разходи се", "разхожда се", "разходящ", "разходящо",
    "разходим", "разходимо", "дивергира",
})
# fmt: on
_NEGATIONS = ("не ", "not ", "does not ", "doesn't ", "doesnt ", "it does not ", "it doesn't ")


def parse_yes_no(text: str) -> bool | None:
    words = " ".join(text.lower().strip(_PUNCTUATION + " ").split())
    if words in _YES:
        return True
    if words in _NO:
        return False
    for negation in _NEGATIONS:
        if words.startswith(negation) and words[len(negation) :] in _YES:
            return False
    return None


def read(typed: object, answer_type: AnswerType, size: int = 1) -> Reading:
    """Read `typed` as an answer of the given shape; never raises."""
    value = read_usual(typed, answer_type, size)
    return read_by_rules(typed, answer_type, size) if value is None else Reading(value)


def read_by_rules(typed: object, answer_type: AnswerType, size: int = 1) -> Reading:
    """`read` by the full rules alone, without the quick path for the usual answers."""
    if not isinstance(typed, str) or len(typed) > _MAX_LENGTH:
        return Reading(None, _expected(answer_type, size))
    text = _clean(typed)
    if not text:
        return Reading(None, _expected(answer_type, size))
    if answer_type is _YES_NO:
        flag = parse_yes_no(text)
        return Reading(flag, None if flag is not None else _yes_no_message())
    if answer_type is _VECTOR:
        return read_vector(text, size)
    number = parse_number(_strip_brackets(text))
    return Reading(number, None if number is not None else _number_message())


def read_usual(typed: object, answer_type: AnswerType, size: int = 1) -> Answer | None:
    """The value of an answer written as the engine writes them ("0.4", "[0.1, -0.2]"), else None.

    The quick path of `read` (which grading tries first, without making a Reading). On
    ASCII text without "_", what `float` reads beyond the numbers of `_NUMBER` (spaces
    around them, "inf", "nan") gives no finite value or the same one as the full rules,
    so `float` alone settles it, quicker than the regular expression (`isascii` is one
    flag test). Anything else, or anything `float` turns down, gives None, and `read`
    applies the full rules.
    """
    if type(typed) is not str or len(typed) > _MAX_LENGTH or not typed.isascii() or "_" in typed:
        return None
    try:
        if answer_type is _NUMBER_TYPE:
            value = float(typed)
            if math.isfinite(value):
                return value
        elif answer_type is _VECTOR and typed[:1] == "[" and typed[-1:] == "]":
            values = tuple(map(float, typed[1:-1].split(", ")))
            # A finite sum means finite values; a sum that overflows is read by the full rules.
            if len(values) == size and math.isfinite(sum(values)):
                return values
    except ValueError:
        pass
    return None


def _expected(answer_type: AnswerType, size: int) -> Text:
    """What an answer of this shape looks like (written only when the text is unreadable)."""
    if answer_type is _YES_NO:
        return _yes_no_message()
    if answer_type is _VECTOR:
        return _vector_message(size)
    return _number_message()
