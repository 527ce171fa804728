"""Kind `gradient_step`: one update w ← w − η·∂L/∂w, or the loss after k steps of training."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from operator import mul
from typing import Any

from srs_wb.engine.draft import Draft
from srs_wb.engine.draws import Draw
from srs_wb.engine.formatting import approx, approx_vec, full, num, pfull, vec
from srs_wb.engine.mistakes import MistakeCode
from srs_wb.engine.params import ChoiceParam, IntParam
from srs_wb.engine.phrases import loss_convention, rounding, step, step2, sub, weighted_sum
from srs_wb.engine.registry import KindSpec
from srs_wb.engine.types import Answer, SolutionStep, Text


class Mode(enum.StrEnum):
    STEP = "step"  # one update of [w, b]
    LOSS_AFTER = "loss_after"  # the loss after k steps


MODE = ChoiceParam(
    "mode",
    tuple(Mode),
    "one update of [w, b], or the loss after k steps; by default step, then either",
)
STEPS = IntParam("steps", 1, 10, "k for loss_after; by default 1-2, 2-3, 3-5 by difficulty")
INPUTS = IntParam("inputs", 1, 4, "number of inputs; by default 2, 2, 3 (loss_after: 1, 2, 2-3)")

_MODES = {1: (Mode.STEP,), 2: tuple(Mode), 3: tuple(Mode)}
_STEPS = {1: (1, 2), 2: (2, 3), 3: (3, 5)}
_RATES = {1: (0.1, 0.5), 2: (0.01, 0.05, 0.1, 0.2), 3: (0.01, 0.02, 0.05, 0.1)}
_LOSS_RATES = {1: (0.1, 0.2), 2: (0.05, 0.1, 0.2), 3: (0.02, 0.05, 0.1, 0.15)}
_STEP_INPUTS = {1: (2, 2), 2: (2, 2), 3: (3, 3)}
_LOSS_INPUTS = {1: (1, 1), 2: (2, 2), 3: (2, 3)}
_LOSS_X = {1: (2.0, 0), 2: (2.0, 1), 3: (3.0, 1)}  # difficulty -> (x range, x places)
# Enum members and values fetched once rather than per instance: on Python 3.11 each
# `Mode.STEP` or `MistakeCode.X` goes through the enum metaclass's `__getattr__` hook, and
# `.value` through a property, which together cost more than the arithmetic of an update.
_STEP, _STEP_NAME, _LOSS_NAME = Mode.STEP, Mode.STEP.value, Mode.LOSS_AFTER.value
_ADDED = MistakeCode.ADDED_GRADIENT
_NO_RATE = MistakeCode.FORGOT_LEARNING_RATE
_BIAS_KEPT = MistakeCode.BIAS_NOT_UPDATED
_FORGOT_INPUT = MistakeCode.FORGOT_INPUT
_FORGOT_HALF = MistakeCode.FORGOT_HALF
_OFF_BY_ONE = MistakeCode.OFF_BY_ONE_STEP


def _steps_word(k: int) -> Text:
    return {
        "bg": "1 стъпка" if k == 1 else f"{k} стъпки",
        "en": "1 step" if k == 1 else f"{k} steps",
    }


def _names(n: int) -> str:
    return "[" + ", ".join(f"w{sub(i + 1)}" for i in range(n)) + ", b]"


# "[w₁, w₂, b]" for every input count, written once rather than for every instance.
_NAMES = {n: _names(n) for n in range(INPUTS.low, INPUTS.high + 1)}


def _step_mode(draw: Draw, difficulty: int, options: Mapping[str, Any]) -> Draft:
    fewest, most = _STEP_INPUTS[difficulty]
    n = INPUTS.pick(draw, options, fewest, most)
    eta = draw.choice(_RATES[difficulty])
    places = 1 if difficulty < 3 else 2
    # w and b come from the same grid, one after the other: one draw of n + 1 numbers gives
    # the same values as drawing w, then b, for a call less (likewise the given gradients).
    *w, b = draw.vector(n + 1, -1.0, 1.0, places, nonzero=True)
    given_grads = difficulty == 1  # the gradients are given; otherwise computed from an example
    x: list[float] = []
    y = z = 0.0
    decimals = 2 if given_grads else 3
    # The keys in the same order for either source of the gradients.
    params: dict[str, Any] = {"mode": _STEP_NAME, "inputs": n, "w": w, "b": b, "eta": eta}
    if given_grads:
        *gw, gb = draw.vector(n + 1, -2.0, 2.0, 1, nonzero=True)
        params["grad_w"] = gw
        params["grad_b"] = gb
    else:
        x = draw.vector(n, -2.0, 2.0, places, nonzero=True)
        y = draw.decimal(-2.0, 2.0, 1)
        z = sum(map(mul, x, w)) + b
        gb = z - y
        gw = [gb * xi for xi in x]
        params["x"] = x
        params["y"] = y
    params["decimals"] = decimals
    # The update θ − η·g of [w, b], and those of the usual mistakes, in one loop (one pass
    # costs less than a mapped pass per result on these few numbers).
    stepped, added, no_rate = [], [], []
    for theta, g in zip([*w, b], [*gw, gb], strict=True):
        change = eta * g
        stepped.append(theta - change)
        added.append(theta + change)
        no_rate.append(theta - g)
    new = tuple(stepped)
    mistakes: list[tuple[MistakeCode, Answer]] = [
        (_ADDED, tuple(added)),  # θ + η·g
        (_NO_RATE, tuple(no_rate)),  # θ − g
        (_BIAS_KEPT, (*new[:-1], b)),  # b kept
    ]
    if not given_grads:  # every weight stepped by η·e, as b is (the gradients are not given)
        step_b = eta * gb  # η·e
        mistakes.append((_FORGOT_INPUT, tuple([wi - step_b for wi in w] + [b - step_b])))
    names = _NAMES[n]

    def prompt() -> Text:
        if given_grads:
            given = {
                "bg": f"Невронът има тежести w = {vec(w)} и пристрастие b = {num(b)}; "
                f"градиентите на загубата са ∂L/∂w = {vec(gw)} и ∂L/∂b = {num(gb)}.",
                "en": f"A neuron has weights w = {vec(w)} and bias b = {num(b)}; the gradients "
                f"of the loss are ∂L/∂w = {vec(gw)} and ∂L/∂b = {num(gb)}.",
            }
        else:
            loss = loss_convention()
            given = {
                "bg": f"Линеен неврон ŷ = w·x + b има тежести w = {vec(w)} и пристрастие b = "
                f"{num(b)}. За примера x = {vec(x)} желаният изход е y = {num(y)}. "
                f"{loss['bg']}",
                "en": f"A linear neuron ŷ = w·x + b has weights w = {vec(w)} and bias "
                f"b = {num(b)}. For the example x = {vec(x)} the target output is "
                f"y = {num(y)}. {loss['en']}",
            }
        ask = rounding(decimals, vector=True)
        return {
            "bg": f"{given['bg']} Направете една стъпка на градиентен спуск със скорост на "
            f"учене η = {num(eta)} и дайте новите параметри {names}. {ask['bg']}",
            "en": f"{given['en']} Take one gradient-descent step with learning rate "
            f"η = {num(eta)} and give the new parameters {names}. {ask['en']}",
        }

    def solution() -> list[SolutionStep]:
        steps: list[SolutionStep] = []
        if not given_grads:
            grads = ", ".join(full(g) for g in gw)
            steps += [
                step(f"ŷ = w·x + b = {weighted_sum(x, w, b)} = {full(z)}"),
                step(f"e = ŷ − y = {full(z)} − {pfull(y)} = {full(gb)}"),
                step(f"∂L/∂w = e·x = {pfull(gb)}·{vec(x)} = [{grads}], ∂L/∂b = e = {full(gb)}"),
            ]
        for i, (wi, gi, vi) in enumerate(zip([*w, b], [*gw, gb], new, strict=True)):
            name = f"w{sub(i + 1)}" if i < n else "b"
            update = f"{num(wi)} − {num(eta)}·{pfull(gi)} = {full(vi)}"
            steps.append(step(f"{name} ← {name} − η·∂L/∂{name} = {update}"))
        final = f"{names} {approx_vec(new, decimals)}"
        steps.append(step2(f"Новите параметри: {final}", f"The new parameters: {final}"))
        return steps

    # Positional: a keyword call of the named tuple builds a dict first, on every instance.
    return Draft(params, prompt, new, solution, decimals, True, mistakes)


def train(
    x: list[float], y: float, w: list[float], b: float, eta: float, k: int
) -> tuple[list[tuple[float, float, list[float], float]], float]:
    """k steps of gradient descent on one example: per step (ŷ, e, new w, new b), and the final e.

    The worked solution shows these steps; the answer itself uses the closed form
    e_k = e₀·(1 − η(‖x‖² + 1))^k, which this loop reproduces.
    """
    history = []
    for _ in range(k):
        y_hat = sum(xi * wi for xi, wi in zip(x, w, strict=True)) + b
        e = y_hat - y
        w = [wi - eta * e * xi for wi, xi in zip(w, x, strict=True)]
        b = b - eta * e
        history.append((y_hat, e, w, b))
    return history, sum(xi * wi for xi, wi in zip(x, w, strict=True)) + b - y


def _loss_mode(draw: Draw, difficulty: int, options: Mapping[str, Any]) -> Draft:
    fewest, most = _LOSS_INPUTS[difficulty]
    n = INPUTS.pick(draw, options, fewest, most)
    fewest_steps, most_steps = _STEPS[difficulty]
    k = STEPS.pick(draw, options, fewest_steps, most_steps)
    x_range, places = _LOSS_X[difficulty]
    rates = _LOSS_RATES[difficulty]
    for attempt in range(1000):
        x = draw.vector(n, -x_range, x_range, places, nonzero=True)
        # e is multiplied by r = 1 − η(‖x‖² + 1) at every step: keep r in (−1, 1), not 0.
        norm: float = sum(map(mul, x, x))
        norm1 = norm + 1
        stable = [rate for rate in rates if 0.05 < abs(rate * norm1 - 1) < 0.95]
        if not stable:
            continue
        eta = draw.choice(stable)
        # w and b come from the same grid, one after the other: one draw of n + 1 numbers
        # gives the same values as drawing w, then b, for a call less on every attempt.
        *w, b = draw.vector(n + 1, -1.0, 1.0, 1)
        y = draw.decimal(-2.0, 2.0, 1)
        e0: float = sum(map(mul, x, w)) + b - y
        r = 1 - eta * norm1
        # ½e² after k steps, each multiplying the error by r (the closed form of `train`).
        loss = 0.5 * (e0 * r**k) ** 2
        # A loss that rounds to 0.0000 teaches nothing; after many draws (many steps), accept it.
        if loss >= 0.005 or attempt >= 50:
            break

    decimals = 4
    # The same closed form for each mistake: the factor per step, or the count of steps, is
    # what goes wrong. Written out rather than through a helper: a call costs more here
    # than the arithmetic.
    mistakes: list[tuple[MistakeCode, Answer]] = [
        (_FORGOT_HALF, 2 * loss),  # e² rather than ½e²
        (_OFF_BY_ONE, 0.5 * (e0 * r ** (k - 1)) ** 2),  # k − 1 steps
        (_OFF_BY_ONE, 0.5 * (e0 * r ** (k + 1)) ** 2),  # k + 1 steps
        (_ADDED, 0.5 * (e0 * (1 + eta * norm1) ** k) ** 2),  # e grows by 1 + η(‖x‖² + 1)
        (_BIAS_KEPT, 0.5 * (e0 * (1 - eta * norm) ** k) ** 2),  # e shrinks by 1 − η‖x‖² only
    ]
    params = {
        "mode": _LOSS_NAME,
        "inputs": n,
        "x": x,
        "y": y,
        "w": w,
        "b": b,
        "eta": eta,
        "steps": k,
        "decimals": decimals,
    }

    def prompt() -> Text:
        ask = rounding(decimals)
        kk = _steps_word(k)
        return {
            "bg": f"Линеен неврон ŷ = w·x + b (без функция на активация) се обучава с "
            f"градиентен спуск върху един пример: x = {vec(x)}, y = {num(y)}. Началните "
            f"стойности са w = {vec(w)} и b = {num(b)}, скоростта на учене е η = {num(eta)}, "
            "а функцията на загубата е L = ½(ŷ − y)². Пресметнете загубата L след "
            f"k = {kk['bg']}. {ask['bg']}",
            "en": f"A linear neuron ŷ = w·x + b (no activation function) is trained by gradient "
            f"descent on one example: x = {vec(x)}, y = {num(y)}. It starts from w = {vec(w)} "
            f"and b = {num(b)}, the learning rate is η = {num(eta)} and the loss is "
            f"L = ½(ŷ − y)². Compute the loss L after k = {kk['en']}. {ask['en']}",
        }

    def solution() -> list[SolutionStep]:
        history, e_k = train(x, y, w, b, eta, k)
        steps = [
            step2(
                "На всяка стъпка: e = ŷ − y, w ← w − η·e·x, b ← b − η·e.",
                "At every step: e = ŷ − y, w ← w − η·e·x, b ← b − η·e.",
            )
        ]
        for t, (y_hat, e, w_t, b_t) in enumerate(history, start=1):
            weights = ", ".join(full(v) for v in w_t)
            line = f"ŷ = {full(y_hat)}, e = {full(e)}; w ← [{weights}], b ← {full(b_t)}"
            steps.append(step2(f"Стъпка {t}: {line}", f"Step {t}: {line}"))
        kk = _steps_word(k)
        final = (
            f"ŷ = {full(e_k + y)}, e = {full(e_k)}, L = ½e² = ½·{pfull(e_k)}² "
            f"{approx(loss, decimals)}"
        )
        steps.append(step2(f"След {kk['bg']}: {final}", f"After {kk['en']}: {final}"))
        return steps

    return Draft(params, prompt, loss, solution, decimals, True, mistakes)  # positional, as above


def build(draw: Draw, difficulty: int, options: Mapping[str, Any]) -> Draft:
    if MODE.pick(draw, options, _MODES[difficulty]) is _STEP:
        return _step_mode(draw, difficulty, options)
    return _loss_mode(draw, difficulty, options)


KIND = KindSpec(
    name="gradient_step",
    summary={
        "bg": "Стъпка на градиентен спуск: w ← w − η·∂L/∂w, или загубата след k стъпки.",
        "en": "A gradient-descent step: w ← w − η·∂L/∂w, or the loss after k steps.",
    },
    params=(MODE, STEPS, INPUTS),
    build=build,
)
