"""A kind's raw instance (Draft) and how it becomes an Exercise: rounding, tolerance, mistakes."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import partial
from operator import sub
from typing import Any, NamedTuple

from srs_wb.engine.mistakes import TEXTS, MistakeCode
from srs_wb.engine.types import (
    Answer,
    AnswerType,
    Exercise,
    Mistake,
    SolutionStep,
    Text,
)

_SLACK = 1e-9  # float noise allowed on top of a tolerance
SLACK_FACTOR = 1 + _SLACK  # worked out once: a tolerance is checked on every grade
_TIDY_SHIFT = 1e-11  # more than `_tidy` ever moves a number (half of 1e-12, and float noise)


class Draft(NamedTuple):
    """One candidate instance, before its tolerance and its known mistakes are settled.

    (A named tuple: immutable, and cheaper to make than a frozen dataclass on this hot path.)

    `exact` says whether the answer can be reached without rounding anything on the way
    (sums and products of the given decimals). Then the tolerance is half a unit of the
    last asked decimal, which accepts any correct rounding; otherwise (a sigmoid, a square
    root) it is a whole unit, so rounding intermediate results does not cost a lapse.
    """

    params: dict[str, Any]
    prompt: Callable[[], Text]  # written only when shown
    answer: Answer
    solution: Callable[[], Sequence[SolutionStep]]  # written only when shown
    decimals: int | None = None
    exact: bool = True
    mistakes: Sequence[tuple[MistakeCode, Answer]] = ()


def within(error: float, tolerance: float) -> bool:
    return error <= tolerance * SLACK_FACTOR + 1e-12


def distance(a: Answer, b: Answer) -> float:
    """The largest absolute difference between two answers of the same shape."""
    if type(a) is float and type(b) is float:  # the common case first
        return abs(a - b)
    if isinstance(a, tuple) and isinstance(b, tuple):
        if len(a) != len(b):
            return float("inf")
        # `max(..., default=0.0)` without the keyword, whose parsing costs more than the max.
        return max(map(abs, map(sub, a, b))) if a else 0.0
    if isinstance(a, bool) or isinstance(b, bool):
        return 0.0 if a == b else 1.0
    if isinstance(a, tuple) or isinstance(b, tuple):
        return float("inf")
    return abs(a - b)


def tolerance_for(decimals: int, exact: bool) -> float:
    unit = 10.0**-decimals
    return unit / 2 if exact else unit


# The tolerances of the usual roundings, worked out once (indexed by decimals).
_UNITS = tuple(tolerance_for(decimals, False) for decimals in range(13))
_HALF_UNITS = tuple(tolerance_for(decimals, True) for decimals in range(13))
_new_object = object.__new__


def answer_text(answer: Answer, decimals: int | None) -> str:
    """The answer rounded as the prompt asks, as `formatting.rounded` writes each number.

    `answer` is tidied already (see `_tidy`), and rounding a tidied value to 12 places, the
    first step of `rounded`, leaves it as it is; so formatting alone gives the same text.
    """
    if isinstance(answer, bool):
        return "yes" if answer else "no"
    places = 6 if decimals is None else decimals
    # The format of one number, and what it makes of a tiny negative value ("-0.00", which
    # is written "0.00").
    number, negative_zero = _FIXED[places] if places < len(_FIXED) else _fixed(places)
    if type(answer) is tuple:
        size = len(answer)
        layout = _LAYOUTS.get((places, size)) or _layout(number, places, size)
        text = layout % answer
        if negative_zero in text:  # only ever a whole number: each has `places` decimals
            parts = text[1:-1].split(", ")
            text = ", ".join([part[1:] if part == negative_zero else part for part in parts])
            return "[" + text + "]"
        return text
    text = number % answer
    return text[1:] if text == negative_zero else text


def _layout(number: str, places: int, size: int) -> str:
    """The format of a vector of `size` numbers, "[%.2f, %.2f]", kept for the next one."""
    layout = "[" + ", ".join([number] * size) + "]"
    if len(_LAYOUTS) < 256:  # decks choose sizes and roundings: keep the cache bounded
        _LAYOUTS[places, size] = layout
    return layout


_LAYOUTS: dict[tuple[int, int], str] = {}


def _fixed(places: int) -> tuple[str, str]:
    number = f"%.{places}f"
    return number, number % -0.0


_FIXED = tuple(_fixed(places) for places in range(13))


def _roundings(x: float, decimals: int) -> tuple[float, ...]:
    """How a learner may round `x`: to the nearest value, or either way at a tie (0.0685)."""
    scale = 10.0**decimals
    scaled = x * scale
    low = math.floor(scaled)
    if abs(scaled - low - 0.5) < 1e-6:
        return (low / scale, (low + 1) / scale)
    return (round(x, decimals),)


def _typed_gap(value: Answer, answer: Answer, decimals: int) -> float:
    """The smallest error a wrong value can have once rounded as the prompt asks."""
    if isinstance(value, tuple) and isinstance(answer, tuple):
        return max(
            min(abs(r - a) for r in _roundings(x, decimals))
            for x, a in zip(value, answer, strict=True)
        )
    if isinstance(value, float) and isinstance(answer, float):
        return min(abs(r - answer) for r in _roundings(value, decimals))
    return distance(value, answer)


def _tidy(value: Answer) -> Answer:
    """Float noise cut off (0.30000000000000004 -> 0.3); far below any tolerance."""
    if isinstance(value, bool):
        return value
    if isinstance(value, tuple):
        return _tidy_vector(value)
    return tidy_number(value)


def _tidy_vector(value: tuple[float, ...]) -> tuple[float, ...]:
    """`tidy_number` of every number, its body inlined: calling a Python function from `map`
    costs more than the arithmetic, and every vector answer is tidied as it is generated."""
    tidied = []
    for x in value:
        if -1000.0 < x < 1000.0:
            scaled = x * 1e12
            n = (scaled + 0.5) // 1.0  # as in `tidy_number`
            if -0.4 < scaled - n < 0.4:
                tidied.append(n / 1e12)
                continue
        tidied.append(round(x, 12) + 0.0)
    return tuple(tidied)


def tidy_number(x: float) -> float:
    """`round(x, 12) + 0.0`: the number to 12 places, without float noise and never -0.0.

    `round` writes the number out in decimal and reads it back, which costs more than all
    the arithmetic of an exercise; integer arithmetic gives the same float whenever it is
    exact. For |x| < 1000 the product x·10¹² is within 2⁻⁴ of its exact value, so when it
    lies within 0.4 of an integer n, n is what rounding the exact x·10¹² gives, and n / 10¹²
    (a correctly rounded division of two exact floats) is the float `round` reads back.
    A value next to a tie, a large one or a non-finite one is left to `round`.

    n is found as a float, `(scaled + 0.5) // 1.0`, rather than by `math.floor`: the same
    integer, exactly (|scaled| < 2⁵³), without making an int and turning it back to a float.
    """
    if -1000.0 < x < 1000.0:
        scaled = x * 1e12
        n = (scaled + 0.5) // 1.0
        if -0.4 < scaled - n < 0.4:
            return n / 1e12
    return round(x, 12) + 0.0


def answer_type(answer: Answer) -> AnswerType:
    if isinstance(answer, bool):
        return AnswerType.YES_NO
    if isinstance(answer, tuple):
        return AnswerType.VECTOR
    return AnswerType.NUMBER


_ANSWER_TYPES = {float: AnswerType.NUMBER, tuple: AnswerType.VECTOR, bool: AnswerType.YES_NO}


def finish(kind: str, seed: int, difficulty: int, draft: Draft, strict: bool) -> Exercise | None:
    """The exercise for a draft, or None when `strict` and a known mistake lands too close.

    One whose rounded value would be graded correct, though the value itself is wrong,
    makes the instance ambiguous, and the generator draws again. Which mistakes the
    instance names is settled on first use of `Exercise.mistakes` (see `_named`).
    """
    params, write_prompt, raw, write_solution, decimals, exact, candidates = draft
    kind_of = type(raw)
    if kind_of is float:
        answer: Answer = tidy_number(raw)  # type: ignore[arg-type]
    else:
        answer = _tidy_vector(raw) if kind_of is tuple else _tidy(raw)  # type: ignore[arg-type]
    if decimals is None:  # yes/no: a mistake is the other answer
        tol = 0.0
        named = partial(_other_answers, answer, candidates)
    else:
        if 0 <= decimals < len(_UNITS):
            tol = (_HALF_UNITS if exact else _UNITS)[decimals]
        else:
            tol = tolerance_for(decimals, exact)
        if strict and _ambiguous(answer, candidates, tol, decimals):
            return None
        named = partial(_named, answer, candidates, tol, decimals)
    # Made as `assemble` makes it, written out: every exercise passes here.
    exercise = _new_object(Exercise)
    exercise.__dict__.update(
        {
            "kind": kind,
            "seed": seed,
            "difficulty": difficulty,
            "params": params,
            "answer": answer,
            "answer_text": answer_text(answer, decimals),
            "tolerance": tol,
            "decimals": decimals,
            "answer_type": _ANSWER_TYPES.get(kind_of) or answer_type(answer),
            "write_mistakes": named,
            "write_prompt": write_prompt,
            "write_solution": write_solution,
        }
    )
    return exercise


def _ambiguous(
    answer: Answer, mistakes: Sequence[tuple[MistakeCode, Answer]], tol: float, decimals: int
) -> bool:
    """Whether a wrong value among `mistakes`, rounded as the prompt asks, is graded correct.

    The same verdict as `_screen` gives, mistake by mistake. Tidying moves a value by less
    than `_TIDY_SHIFT`, so only a mistake that lands about a unit from the answer, but not
    on it, is tidied and checked in full (`_near_miss`).
    """
    accept = tol * SLACK_FACTOR + 1e-12  # as `within`
    near = accept + (_UNITS[decimals] if 0 <= decimals < len(_UNITS) else 10.0**-decimals)
    low, high = accept - _TIDY_SHIFT, near + _TIDY_SHIFT
    if type(answer) is float:  # the usual case, with `distance` inlined: this loop is hot
        for _, mistaken in mistakes:
            rough = (
                abs(mistaken - answer) if type(mistaken) is float else distance(mistaken, answer)
            )
            if low <= rough <= high and _near_miss(mistaken, answer, accept, near, decimals):
                return True
        return False
    size = len(answer) if type(answer) is tuple else 0
    # For vectors, the Euclidean distance e (one C call) bounds the largest difference d,
    # d ≤ e ≤ √n·d, which is enough to set most mistakes aside; 1e-9 covers its rounding.
    far = high * math.sqrt(size) * (1 + 1e-9)
    for _, mistaken in mistakes:
        if size and type(mistaken) is tuple and len(mistaken) == size:
            euclid = math.dist(mistaken, answer)  # type: ignore[arg-type]
            if euclid > far or euclid * (1 + 1e-9) < low:
                continue
        rough = distance(mistaken, answer)
        if low <= rough <= high and _near_miss(mistaken, answer, accept, near, decimals):
            return True
    return False


def _near_miss(mistaken: Answer, answer: Answer, accept: float, near: float, decimals: int) -> bool:
    """Whether a mistake that lands near the answer is graded correct once rounded."""
    value = _tidy(mistaken)
    gap = distance(value, answer)
    return accept < gap <= near and _typed_gap(value, answer, decimals) <= accept


def _other_answers(answer: Answer, mistakes: Sequence[tuple[MistakeCode, Answer]]) -> list[Mistake]:
    """The mistakes of a yes/no instance: those that lead to the other answer."""
    return [Mistake(code, value, TEXTS[code]) for code, value in mistakes if value != answer]


def _named(
    answer: Answer, mistakes: Sequence[tuple[MistakeCode, Answer]], tol: float, decimals: int
) -> list[Mistake]:
    """The mistakes worth naming in an instance.

    A mistake whose value equals the answer is no mistake in this instance and is dropped,
    and so is one that rounds to the answer (only the last draw of an instance may hold
    one, see `finish`). Of two mistakes closer than one unit of the last decimal (they round
    alike), only the first is kept.
    """
    if type(answer) is float and all(type(value) is float for _, value in mistakes):
        return _screen_numbers(answer, mistakes, tol, decimals)
    if type(answer) is tuple and all(
        type(value) is tuple and len(value) == len(answer) for _, value in mistakes
    ):
        return _screen_vectors(answer, mistakes, tol, decimals)
    return _screen(answer, mistakes, tol, decimals)


def _screen(
    answer: Answer,
    mistakes: Sequence[tuple[MistakeCode, Answer]],
    tol: float,
    decimals: int,
) -> list[Mistake]:
    """The mistakes worth naming (see `_named`), for answers and mistakes of any shape."""
    accept = tol * SLACK_FACTOR + 1e-12  # as `within`
    unit = 10.0**-decimals
    kept: list[Mistake] = []
    seen: list[Answer] = []
    for code, mistaken in mistakes:
        value = _tidy(mistaken)
        gap = distance(value, answer)
        if gap <= accept:
            continue  # no mistake here: it gives the right answer
        # Rounding moves a value by half a unit at most: only a near miss needs the check.
        if gap <= accept + unit and _typed_gap(value, answer, decimals) <= accept:
            continue
        for other in seen:
            if distance(value, other) < unit - 1e-12:
                break
        else:
            seen.append(value)
            kept.append(Mistake(code, value, TEXTS[code]))
    return kept


def _screen_numbers(
    answer: float,
    mistakes: Sequence[tuple[MistakeCode, Answer]],
    tol: float,
    decimals: int,
) -> list[Mistake]:
    """`_screen` for a number and numeric mistakes (the common case), with plain arithmetic.

    The same steps and the same float operations as `_screen`, so the same verdicts;
    only the calls of `_tidy` and `distance` are inlined.
    """
    accept = tol * SLACK_FACTOR + 1e-12
    unit = 10.0**-decimals
    apart = unit - 1e-12
    kept: list[Mistake] = []
    seen: list[float] = []
    for code, mistaken in mistakes:
        value = tidy_number(mistaken)  # type: ignore[arg-type]  # a float, checked by the caller
        gap = abs(value - answer)
        if gap <= accept:
            continue
        if gap <= accept + unit and _typed_gap(value, answer, decimals) <= accept:
            continue
        for other in seen:
            if abs(value - other) < apart:
                break
        else:
            seen.append(value)
            kept.append(Mistake(code, value, TEXTS[code]))
    return kept


def _screen_vectors(
    answer: tuple[float, ...],
    mistakes: Sequence[tuple[MistakeCode, Answer]],
    tol: float,
    decimals: int,
) -> list[Mistake]:
    """`_screen` for a vector and mistakes of its length, with `_tidy` and `distance` inlined."""
    accept = tol * SLACK_FACTOR + 1e-12
    unit = 10.0**-decimals
    apart = unit - 1e-12
    kept: list[Mistake] = []
    seen: list[tuple[float, ...]] = []
    for code, mistaken in mistakes:
        value = _tidy_vector(mistaken)  # type: ignore[arg-type]
        gap = max(map(abs, map(sub, value, answer))) if value else 0.0
        if gap <= accept:
            continue
        if gap <= accept + unit and _typed_gap(value, answer, decimals) <= accept:
            continue
        for other in seen:
            if (max(map(abs, map(sub, value, other))) if value else 0.0) < apart:
                break
        else:
            seen.append(value)
            kept.append(Mistake(code, value, TEXTS[code]))
    return kept
