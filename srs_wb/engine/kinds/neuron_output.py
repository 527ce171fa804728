"""Kind `neuron_output`: the output z = w·x + b of one neuron (the seed's Example 1)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from srs_wb.engine.draft import Draft
from srs_wb.engine.draws import Draw
from srs_wb.engine.formatting import approx, full, num, vec
from srs_wb.engine.mistakes import MistakeCode
from srs_wb.engine.params import IntParam
from srs_wb.engine.phrases import rounding, step2, sum_terms, weighted_sum
from srs_wb.engine.registry import KindSpec
from srs_wb.engine.types import SolutionStep, Text

INPUTS = IntParam("inputs", 2, 4, "number of inputs; by default 2-3, 3-4, 4 by difficulty")

# difficulty -> (input count choices, x range, x places, w range, w places, answer decimals)
_LEVELS: dict[int, tuple[tuple[int, ...], float, int, float, int, int]] = {
    1: ((2, 3), 3.0, 0, 1.0, 1, 1),
    2: ((3, 4), 5.0, 1, 2.0, 1, 2),
    3: ((4,), 10.0, 2, 3.0, 2, 2),
}


def build(draw: Draw, difficulty: int, options: Mapping[str, Any]) -> Draft:
    sizes, x_range, x_places, w_range, w_places, decimals = _LEVELS[difficulty]
    n = options.get("inputs") or draw.choice(sizes)
    x = draw.vector(n, -x_range, x_range, x_places, nonzero=True)
    w = draw.vector(n, -w_range, w_range, w_places, nonzero=True)
    b = draw.decimal(-w_range, w_range, w_places, nonzero=True)
    products = [xi * wi for xi, wi in zip(x, w, strict=True)]
    dot = sum(products)
    z = dot + b

    def prompt() -> Text:
        ask = rounding(decimals)
        return {
            "bg": f"Невронът има входове x = {vec(x)}, тежести w = {vec(w)} и пристрастие b = "
            f"{num(b)}. Пресметнете изхода му z = w·x + b (без функция на активация). " + ask["bg"],
            "en": f"A neuron has inputs x = {vec(x)}, weights w = {vec(w)} and bias b = "
            f"{num(b)}. Compute its output z = w·x + b (no activation function). " + ask["en"],
        }

    def solution() -> list[SolutionStep]:
        terms = ", ".join(
            f"{weighted_sum([xi], [wi])} = {full(p)}"
            for xi, wi, p in zip(x, w, products, strict=True)
        )
        total = f"w·x = {sum_terms(products)} = {full(dot)}"
        line = f"z = {weighted_sum(x, w, b)} {approx(z, decimals)}"
        return [
            step2(
                f"Всеки вход, умножен по тежестта си: {terms}.",
                f"Each input times its weight: {terms}.",
            ),
            step2(f"Сборът им: {total}.", f"Their sum: {total}."),
            step2(f"Добавяме пристрастието: {line}", f"Add the bias: {line}"),
        ]

    return Draft(
        params={"inputs": n, "x": x, "w": w, "b": b, "decimals": decimals},
        prompt=prompt,
        answer=z,
        solution=solution,
        decimals=decimals,
        mistakes=((MistakeCode.FORGOT_BIAS, dot), (MistakeCode.SUBTRACTED_BIAS, dot - b)),
    )


KIND = KindSpec(
    name="neuron_output",
    summary={
        "bg": "Изход на един неврон: z = w·x + b за 2–4 входа.",
        "en": "Output of one neuron: z = w·x + b for 2–4 inputs.",
    },
    params=(INPUTS,),
    build=build,
)
