"""Kind `normalization`: standardise an input (z-score) or scale it with min-max normalisation."""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from typing import Any

from srs_wb.engine.draft import Draft
from srs_wb.engine.draws import Draw
from srs_wb.engine.formatting import approx, approx_vec, full, num, paren, pfull, vec
from srs_wb.engine.mistakes import MistakeCode
from srs_wb.engine.params import ChoiceParam, IntParam
from srs_wb.engine.phrases import rounding, step
from srs_wb.engine.registry import KindSpec
from srs_wb.engine.types import Answer, SolutionStep, Text


class Method(enum.StrEnum):
    ZSCORE = "zscore"
    MINMAX = "minmax"


class Output(enum.StrEnum):
    VALUE = "value"  # one normalised input
    VECTOR = "vector"  # the whole data set


METHOD = ChoiceParam("method", tuple(Method), "z-score standardisation or min-max scaling")
OUTPUT = ChoiceParam(
    "output",
    tuple(Output),
    "one normalised value, or the whole data set (vector); by default value, value, vector",
)
SIZE = IntParam("size", 3, 8, "how many data values are given; by default 4-5")

_METHODS = METHOD.members
_OUTPUTS = {1: (Output.VALUE,), 2: (Output.VALUE,), 3: (Output.VECTOR,)}
_SIGMAS = (2.0, 4.0, 5.0, 10.0)
_RANGES = (4.0, 5.0, 8.0, 10.0, 20.0, 25.0, 40.0, 50.0)
# Enum members and values fetched once rather than per instance: on Python 3.11 each
# `Method.ZSCORE` or `MistakeCode.X` goes through the enum metaclass's `__getattr__` hook
# and each `.value` through a property, each as slow as a function call.
_ZSCORE, _VALUE, _VECTOR = Method.ZSCORE, Output.VALUE, Output.VECTOR
_NAMES = {member: member.value for member in (*Method, *Output)}
_FORGOT_MEAN, _USED_VARIANCE, _SAMPLE_STD = (
    MistakeCode.FORGOT_MEAN,
    MistakeCode.USED_VARIANCE,
    MistakeCode.SAMPLE_STD,
)
_FORGOT_MIN, _DIVIDED_BY_MAX, _REVERSED_SCALE = (
    MistakeCode.FORGOT_MIN,
    MistakeCode.DIVIDED_BY_MAX,
    MistakeCode.REVERSED_SCALE,
)


def _stats_mode(draw: Draw, method: Method) -> Draft:
    """Difficulty 1: the statistics are given, one value is normalised."""
    decimals = 2
    zscore = method is _ZSCORE
    if zscore:
        mean = draw.decimal(0.0, 50.0, 0)
        std = draw.choice(_SIGMAS)
        x = mean + draw.decimal(-3.0 * std, 3.0 * std, 0, nonzero=True)
        answer = (x - mean) / std
        mistakes: list[tuple[MistakeCode, Answer]] = [
            (_FORGOT_MEAN, x / std),
            (_USED_VARIANCE, (x - mean) / std**2),
        ]
        params: dict[str, Any] = {
            "method": _NAMES[method],
            "output": "value",
            "mean": mean,
            "std": std,
        }
    else:
        low = draw.decimal(0.0, 20.0, 0)
        high = low + draw.choice(_RANGES)
        x = draw.decimal(low, high, 0)
        answer = (x - low) / (high - low)
        mistakes = _minmax_mistakes(x, low, high)
        params = {"method": _NAMES[method], "output": "value", "min": low, "max": high}
    params.update(x=x, decimals=decimals)

    def prompt() -> Text:
        if zscore:
            lead = {
                "bg": f"В обучаващите данни един входен признак има средна стойност "
                f"μ = {num(mean)} и стандартно отклонение σ = {num(std)}. Стандартизирайте "
                f"входа x = {num(x)} (z-оценка).",
                "en": f"On the training data an input feature has mean μ = {num(mean)} and "
                f"standard deviation σ = {num(std)}. Standardise the input x = {num(x)} "
                "(z-score).",
            }
        else:
            lead = {
                "bg": f"В обучаващите данни един входен признак е в интервала от "
                f"min = {num(low)} до max = {num(high)}. Мащабирайте входа x = {num(x)} с "
                "min-max нормализация.",
                "en": f"On the training data an input feature ranges from min = {num(low)} to "
                f"max = {num(high)}. Scale the input x = {num(x)} with min-max normalisation.",
            }
        ask = rounding(decimals)
        return {lang: f"{lead[lang]} {ask[lang]}" for lang in ("bg", "en")}

    def solution() -> list[SolutionStep]:
        if zscore:
            line = f"z = (x − μ) / σ = ({num(x)} − {num(mean)}) / {num(std)}"
        else:
            line = (
                f"x′ = (x − min) / (max − min) = ({num(x)} − {num(low)}) / "
                f"({num(high)} − {num(low)})"
            )
        return [step(f"{line} {approx(answer, decimals)}")]

    return Draft(
        params=params,
        prompt=prompt,
        answer=answer,
        solution=solution,
        decimals=decimals,
        mistakes=mistakes,
    )


def _minmax_mistakes(x: float, low: float, high: float) -> list[tuple[MistakeCode, Answer]]:
    found: list[tuple[MistakeCode, Answer]] = [
        (_FORGOT_MIN, x / (high - low)),
        (_REVERSED_SCALE, (high - x) / (high - low)),
    ]
    if high != 0:
        found.insert(1, (_DIVIDED_BY_MAX, (x - low) / high))
    return found


def _data_mode(draw: Draw, difficulty: int, method: Method, output: Output, n: int) -> Draft:
    """Difficulties 2-3: a small data set is given; its statistics are computed first."""
    low, high, places = (0.0, 20.0, 0) if difficulty < 3 else (-5.0, 15.0, 1)
    while True:
        data = draw.vector(n, low, high, places)
        lo, hi = min(data), max(data)
        if hi - lo >= 1:
            break
    index = draw.integer(1, n)
    decimals = 2
    vector = output is _VECTOR
    zscore = method is _ZSCORE
    mean = sum(data) / n
    # `sum` of the squares, term by term as `sum` adds them, without a list of them.
    squares = 0.0
    for v in data:
        squares += (v - mean) ** 2
    var = squares / n
    std = math.sqrt(var)
    params: dict[str, Any] = {
        "method": _NAMES[method],
        "output": _NAMES[output],
        "size": n,
        "data": data,
    }
    x = data[index - 1]
    # Both methods subtract a shift and divide by a scale, x′ = (x − shift) / scale, and so
    # does each mistake, with a wrong shift or scale (dividing x itself when it forgets the
    # shift; x − 0.0 is x).
    answer: Answer
    mistakes: list[tuple[MistakeCode, Answer]]
    if zscore:
        sample = math.sqrt(var * n / (n - 1))
        if vector:
            # The answer and all mistakes in one loop: a comprehension or a `map` per
            # vector costs more than the arithmetic of the whole data set.
            normed_l: list[float] = []
            forgot: list[float] = []
            squared: list[float] = []
            sampled: list[float] = []
            for v in data:
                shifted = v - mean
                normed_l.append(shifted / std)
                forgot.append(v / std)
                squared.append(shifted / var)
                sampled.append(shifted / sample)
            normed = tuple(normed_l)
            mistakes = [
                (_FORGOT_MEAN, tuple(forgot)),
                (_USED_VARIANCE, tuple(squared)),
                (_SAMPLE_STD, tuple(sampled)),
            ]
        else:
            shifted = x - mean
            normed = (shifted / std,)
            mistakes = [
                (_FORGOT_MEAN, x / std),
                (_USED_VARIANCE, shifted / var),
                (_SAMPLE_STD, shifted / sample),
            ]
    else:
        span, back = hi - lo, lo - hi  # (max − x) / (max − min) is (x − max) / (min − max)
        forgot_min: Answer
        reversed_scale: Answer
        divided: Answer
        if vector:
            normed_l, forgot, reversed_l, by_max = [], [], [], []
            for v in data:
                shifted = v - lo
                normed_l.append(shifted / span)
                forgot.append(v / span)
                reversed_l.append((v - hi) / back)
                if hi:  # no such mistake when max is 0
                    by_max.append(shifted / hi)
            normed = tuple(normed_l)
            forgot_min, reversed_scale, divided = tuple(forgot), tuple(reversed_l), tuple(by_max)
        else:
            shifted = x - lo
            normed = (shifted / span,)
            forgot_min, reversed_scale = x / span, (x - hi) / back
            divided = shifted / hi if hi else 0.0  # named only when max is not 0
        mistakes = [(_FORGOT_MIN, forgot_min), (_REVERSED_SCALE, reversed_scale)]
        if hi != 0:
            mistakes.append((_DIVIDED_BY_MAX, divided))
    if vector:
        answer = normed
    else:
        params["x"] = x
        answer = normed[0]
    params["decimals"] = decimals
    formula = "z = (x − μ) / σ" if zscore else "x′ = (x − min) / (max − min)"

    def prompt() -> Text:
        if zscore:
            what = {
                "bg": "z-оценка; използвайте стандартното отклонение на съвкупността, "
                "с деление на n",
                "en": "z-score; use the population standard deviation, dividing by n",
            }
            verb = {"bg": "Стандартизирайте", "en": "Standardise"}
        else:
            what = {"bg": "min-max нормализация", "en": "min-max normalisation"}
            verb = {"bg": "Мащабирайте", "en": "Scale"}
        lead = {
            "bg": f"Стойностите на един входен признак в обучаващите данни са {vec(data)}.",
            "en": f"The values of an input feature over the training set are {vec(data)}.",
        }
        if vector:
            asked = {
                "bg": f"{verb['bg']} всяка стойност ({what['bg']}) и дайте списъка.",
                "en": f"{verb['en']} every value ({what['en']}) and give the list.",
            }
        else:
            asked = {
                "bg": f"{verb['bg']} x = {num(x)} ({what['bg']}).",
                "en": f"{verb['en']} x = {num(x)} ({what['en']}).",
            }
        ask = rounding(decimals, exact=not zscore, vector=vector)
        return {lang: f"{lead[lang]} {asked[lang]} {ask[lang]}" for lang in ("bg", "en")}

    def solution() -> list[SolutionStep]:
        if zscore:
            squares = " + ".join(f"({num(v)} − {full(mean)})²" for v in data)
            steps = [
                step(f"μ = ({' + '.join(paren(v) for v in data)}) / {n} = {full(mean)}"),
                step(f"σ² = ({squares}) / {n} = {full(var)}, σ = √{full(var)} = {full(std)}"),
            ]
        else:
            steps = [step(f"min = {num(lo)}, max = {num(hi)}, max − min = {full(hi - lo)}")]
        if vector:
            values = ", ".join(full(v) for v in normed)
            steps.append(step(f"{formula}: [{values}] {approx_vec(normed, decimals)}"))
        elif zscore:
            line = f"{formula} = ({num(x)} − {full(mean)}) / {full(std)}"
            steps.append(step(f"{line} {approx(normed[0], decimals)}"))
        else:
            line = f"{formula} = ({num(x)} − {num(lo)}) / {pfull(hi - lo)}"
            steps.append(step(f"{line} {approx(normed[0], decimals)}"))
        return steps

    # Positional: a keyword call of the named tuple builds a dict first, on every instance.
    return Draft(params, prompt, answer, solution, decimals, not zscore, mistakes)


def build(draw: Draw, difficulty: int, options: Mapping[str, Any]) -> Draft:
    if options:
        method = METHOD.pick(draw, options, _METHODS)
        output = OUTPUT.pick(draw, options, _OUTPUTS[difficulty])
        n = SIZE.pick(draw, options, 4, 5)
    else:  # no deck params (the usual call): the defaults drawn as `pick` draws them
        method = draw.choice(_METHODS)
        output = draw.choice(_OUTPUTS[difficulty])
        n = draw.integer(4, 5)
    if output is _VALUE and difficulty == 1:
        return _stats_mode(draw, method)
    return _data_mode(draw, difficulty, method, output, n)


KIND = KindSpec(
    name="normalization",
    summary={
        "bg": "Нормализация на входа: z-оценка (x − μ) / σ или min-max мащабиране.",
        "en": "Input normalisation: z-score (x − μ) / σ or min-max scaling.",
    },
    params=(METHOD, OUTPUT, SIZE),
    build=build,
)
