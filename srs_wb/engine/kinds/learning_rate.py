"""Kind `learning_rate`: does gradient descent on a(θ − c)² converge for η; θ after k steps."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from srs_wb.engine.draft import Draft
from srs_wb.engine.draws import Draw
from srs_wb.engine.formatting import approx, full, num, pfull
from srs_wb.engine.mistakes import MistakeCode
from srs_wb.engine.params import ChoiceParam, IntParam
from srs_wb.engine.phrases import rounding, step, step2, sub
from srs_wb.engine.registry import KindSpec
from srs_wb.engine.types import Answer, SolutionStep, Text


class Ask(enum.StrEnum):
    CONVERGE = "converge"  # does it converge? yes/no
    VALUE = "value"  # θ after k steps


ASK = ChoiceParam("ask", tuple(Ask), "converge or diverge (yes/no), or θ after k steps")
STEPS = IntParam("steps", 1, 10, "k for value; by default 1-2, 2-4, 3-6 by difficulty")

_SUPER = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_STEPS = {1: (1, 2), 2: (2, 4), 3: (3, 6)}
# Enum members fetched once rather than per instance: on Python 3.11 each `Ask.CONVERGE` or
# `MistakeCode.X` goes through the enum metaclass's `__getattr__` hook, as slow as a call.
_CONVERGE = Ask.CONVERGE
_SMALL_ENOUGH, _TOO_LARGE = MistakeCode.RATE_SMALL_ENOUGH, MistakeCode.TOO_LARGE_RATE
_ASK_NAMES = {ask: ask.value for ask in Ask}
# The mistakes of θ after k steps, in the order `build` computes their values.
_VALUE_MISTAKES = (
    MistakeCode.ADDED_GRADIENT,  # θ − c grows by 1 + 2aη every step
    MistakeCode.FORGOT_FACTOR_TWO,  # L′(θ) = a(θ − c): the factor is 1 − aη
    MistakeCode.OFF_BY_ONE_STEP,  # k − 1 steps
    MistakeCode.OFF_BY_ONE_STEP,  # k + 1 steps
)


def _sup(k: int) -> str:
    return str(k).translate(_SUPER)


def _draw(draw: Draw, difficulty: int) -> tuple[float, float, float, float]:
    """a, c, θ₀ and η, with |1 − 2aη| kept clear of 1 so the verdict is plain."""
    while True:
        if difficulty == 1:
            a = draw.choice((0.5, 1.0, 2.0))
            eta = draw.decimal(0.1, 1.5, 1, nonzero=True)
            theta0 = draw.decimal(-5.0, 5.0, 0)
        elif difficulty == 2:
            a = draw.decimal(0.5, 3.0, 1)
            eta = draw.decimal(0.05, 1.0, 2)
            theta0 = draw.decimal(-5.0, 5.0, 1)
        else:
            a = draw.decimal(0.25, 5.0, 2)
            eta = draw.decimal(0.01, 1.0, 2)
            theta0 = draw.decimal(-8.0, 8.0, 1)
        c = draw.decimal(-3.0, 3.0, 0)
        r = 1 - 2 * a * eta
        if abs(abs(r) - 1) >= 0.1 and abs(r) <= 3 and theta0 != c:
            return a, c, theta0, eta


def _after(theta0: float, c: float, r: float, k: int) -> float:
    return c + (theta0 - c) * r**k


def build(draw: Draw, difficulty: int, options: Mapping[str, Any]) -> Draft:
    ask = ASK.pick(draw, options, ASK.members)
    k = STEPS.pick(draw, options, *_STEPS[difficulty])
    a, c, theta0, eta = _draw(draw, difficulty)
    r = 1 - 2 * a * eta
    params: dict[str, Any] = {"ask": _ASK_NAMES[ask], "a": a, "c": c, "theta0": theta0, "eta": eta}
    converge = ask is _CONVERGE
    converges = abs(r) < 1
    decimals = 2 if difficulty == 1 else 3
    theta_k = _after(theta0, c, r, k)
    if not converge:
        params.update(steps=k, decimals=decimals)

    def shift() -> str:
        return f"θ − {num(c)}" if c >= 0 else f"θ + {num(-c)}"

    def prompt() -> Text:
        loss = f"L(θ) = {num(a)}·({shift()})²"
        lead = {
            "bg": f"Градиентният спуск минимизира {loss}, като започва от θ₀ = {num(theta0)} "
            f"със скорост на учене η = {num(eta)}; всяка стъпка е θ ← θ − η·L′(θ).",
            "en": f"Gradient descent minimises {loss}, starting from θ₀ = {num(theta0)} with "
            f"learning rate η = {num(eta)}; each step is θ ← θ − η·L′(θ).",
        }
        if converge:
            return {
                "bg": f"{lead['bg']} Конвергира ли θ към минимума? Отговорете с „да“ или „не“.",
                "en": f"{lead['en']} Does θ converge to the minimum? Answer yes or no.",
            }
        rd = rounding(decimals)
        words = ("1 стъпка", "1 step") if k == 1 else (f"{k} стъпки", f"{k} steps")
        return {
            "bg": f"{lead['bg']} Пресметнете θ след k = {words[0]}. {rd['bg']}",
            "en": f"{lead['en']} Compute θ after k = {words[1]}. {rd['en']}",
        }

    def solution() -> list[SolutionStep]:
        factor = f"L′(θ) = 2a(θ − c) = 2·{num(a)}·({shift()})"
        rate = f"r = 1 − 2aη = 1 − 2·{num(a)}·{num(eta)} = {full(r)}"
        steps = [
            step2(
                f"{factor}; θ − c се умножава по {rate} на всяка стъпка.",
                f"{factor}; θ − c is multiplied by {rate} at every step.",
            )
        ]
        shown = 3 if converge else k - 1
        if shown:
            path = (f"θ{sub(t)} = {full(_after(theta0, c, r, t))}" for t in range(1, shown + 1))
            steps.append(step(", ".join(path)))
        if not converge:
            power = f"{pfull(theta0 - c)}·{pfull(r)}{_sup(k)}"
            steps.append(
                step(
                    f"θ{sub(k)} = c + (θ₀ − c)·r{_sup(k)} = {num(c)} + {power} "
                    f"{approx(theta_k, decimals)}"
                )
            )
            return steps
        size, limit = full(abs(r)), f"1/a = {full(1 / a)}"
        if converges:
            steps.append(
                step2(
                    f"|r| = {size} < 1: разстоянието до минимума намалява на всяка стъпка "
                    f"(η е под границата {limit}), така че θ конвергира към c = {num(c)}. "
                    "Отговор: да",
                    f"|r| = {size} < 1: the distance to the minimum shrinks at every step "
                    f"(η is below the limit {limit}), so θ converges to c = {num(c)}. "
                    "Answer: yes",
                )
            )
        else:
            steps.append(
                step2(
                    f"|r| = {size} > 1: всяка стъпка прескача минимума и разстоянието расте "
                    f"(η е над границата {limit}), така че градиентният спуск не конвергира. "
                    "Отговор: не",
                    f"|r| = {size} > 1: every step overshoots the minimum and the distance "
                    f"grows (η is above the limit {limit}), so gradient descent diverges. "
                    "Answer: no",
                )
            )
        return steps

    if converge:
        code = _SMALL_ENOUGH if converges else _TOO_LARGE
        return Draft(
            params=params,
            prompt=prompt,
            answer=converges,
            solution=solution,
            mistakes=((code, not converges),),
        )
    wrong = (
        _after(theta0, c, 1 + 2 * a * eta, k),
        _after(theta0, c, 1 - a * eta, k),
        _after(theta0, c, r, k - 1),
        _after(theta0, c, r, k + 1),
    )
    mistakes: list[tuple[MistakeCode, Answer]] = list(zip(_VALUE_MISTAKES, wrong, strict=True))
    return Draft(
        params=params,
        prompt=prompt,
        answer=theta_k,
        solution=solution,
        decimals=decimals,
        mistakes=mistakes,
    )


KIND = KindSpec(
    name="learning_rate",
    summary={
        "bg": "Скорост на учене: конвергира ли градиентният спуск за дадено η, и θ след k стъпки.",
        "en": "Learning rate: does gradient descent converge for a given η, and θ after k steps.",
    },
    params=(ASK, STEPS),
    build=build,
)
