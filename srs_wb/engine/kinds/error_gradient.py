"""Kind `error_gradient`: ∂L/∂wᵢ = e·f′(z)·xᵢ and ∂L/∂b for one neuron (the seed's Example 3)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from operator import mul
from typing import Any

from srs_wb.engine import activations as act_
from srs_wb.engine.activations import Activation
from srs_wb.engine.draft import Draft
from srs_wb.engine.draws import Draw
from srs_wb.engine.formatting import approx, approx_vec, full, num, pfull, vec
from srs_wb.engine.mistakes import MistakeCode
from srs_wb.engine.params import ChoiceParam, IntParam
from srs_wb.engine.phrases import loss_convention, rounding, step, step2, sub, weighted_sum
from srs_wb.engine.registry import KindSpec
from srs_wb.engine.types import Answer, SolutionStep, Text


class Target(enum.StrEnum):
    W = "w"  # ∂L/∂wᵢ for one weight
    B = "b"  # ∂L/∂b
    WEIGHTS = "weights"  # the vector ∂L/∂w


ACTIVATION = ChoiceParam(
    "activation",
    tuple(Activation),
    "f of the neuron; by default identity or relu, then + leaky_relu and sigmoid, then all",
    many=True,
)
TARGET = ChoiceParam(
    "target",
    tuple(Target),
    "∂L/∂wᵢ for one weight, ∂L/∂b, or the vector of ∂L/∂w (by default w or b; "
    "weights too at difficulty 3)",
    many=True,
)
INPUTS = IntParam("inputs", 1, 4, "number of inputs; by default 2, 2-3, 3 by difficulty")

_ACTIVATIONS = {
    1: (Activation.IDENTITY, Activation.RELU),
    2: (Activation.IDENTITY, Activation.RELU, Activation.LEAKY_RELU, Activation.SIGMOID),
    3: tuple(Activation),
}
_TARGETS = {1: (Target.W, Target.B), 2: (Target.W, Target.B), 3: tuple(Target)}
_INPUTS = {1: (2, 2), 2: (2, 3), 3: (3, 3)}
# The mistakes that put a wrong value in place of ∂L/∂z (see `build`).
_SCALE_MISTAKES = (
    MistakeCode.SIGN_ERROR,  # used y − ŷ
    MistakeCode.FORGOT_DERIVATIVE,  # e without f′(z)
    MistakeCode.USED_PREACTIVATION,  # (z − y)·f′(z)
    MistakeCode.DOUBLED,  # 2e·f′(z)
)
_FORGOT_INPUT = MistakeCode.FORGOT_INPUT  # ∂L/∂z given for ∂L/∂wᵢ
# difficulty -> (x range, x places, w range, w places)
_NUMBERS = {1: (3.0, 0, 1.0, 1), 2: (3.0, 1, 1.0, 1), 3: (5.0, 1, 2.0, 2)}
# Enum members and values fetched once rather than per instance: on Python 3.11 each
# `Target.W` goes through the enum metaclass's `__getattr__` hook and each `.value` through
# a property, as slow as the arithmetic of the gradient itself.
_W, _B = Target.W, Target.B
_LEAKY = Activation.LEAKY_RELU
_KINKED = frozenset((Activation.RELU, Activation.LEAKY_RELU))  # f′ undefined at z = 0
_NAMES = {member: member.value for member in (*Activation, *Target)}


def activation_sentence(f: Activation, alpha: float) -> dict[str, str]:
    if f is Activation.IDENTITY:
        return {
            "bg": "Невронът няма функция на активация: ŷ = z = w·x + b.",
            "en": "The neuron has no activation function: ŷ = z = w·x + b.",
        }
    name = act_.named(f, alpha)
    return {
        "bg": f"Изходът му е ŷ = f(z), където z = w·x + b, а функцията на активация f е "
        f"{name['bg']}.",
        "en": f"Its output is ŷ = f(z) with z = w·x + b, and its activation function f is "
        f"{name['en']}.",
    }


def build(draw: Draw, difficulty: int, options: Mapping[str, Any]) -> Draft:
    f = ACTIVATION.pick(draw, options, _ACTIVATIONS[difficulty])
    target = TARGET.pick(draw, options, _TARGETS[difficulty])
    fewest, most = _INPUTS[difficulty]
    n = INPUTS.pick(draw, options, fewest, most)
    x_range, x_places, w_range, w_places = _NUMBERS[difficulty]
    leaky = f is _LEAKY
    alpha = 0.1 if leaky else 0.0
    smooth = f.smooth
    kinked = f in _KINKED
    while True:  # keep z off the kink
        x = draw.vector(n, -x_range, x_range, x_places, nonzero=True)
        w = draw.vector(n, -w_range, w_range, w_places, nonzero=True)
        b = draw.decimal(-w_range, w_range, w_places, nonzero=True)
        y = draw.decimal(-2.0, 2.0, 1)
        z = sum(map(mul, x, w)) + b
        if not kinked or abs(z) >= 0.05:
            break
    index = draw.integer(1, n)
    y_hat = act_.value(f, z, alpha)
    e = y_hat - y
    d = act_.derivative(f, z, alpha)
    delta = e * d  # ∂L/∂z
    decimals = 2 if difficulty == 1 else 3
    # ∂L/∂z, then what each mistake of `_SCALE_MISTAKES` puts in its place; the asked
    # gradient is ∂L/∂z times the input (w), itself (b), or times every input (weights).
    scales = (delta, -delta, e, (z - y) * d, 2 * delta)
    one_weight = target is _W
    values: list[Answer]
    if one_weight:
        xi = x[index - 1]
        values = [scale * xi for scale in scales]
    elif target is _B:
        values = list(scales)
    else:
        values = [tuple([scale * xj for xj in x]) for scale in scales]
    answer = values[0]
    mistakes: list[tuple[MistakeCode, Answer]] = list(zip(_SCALE_MISTAKES, values[1:], strict=True))
    if one_weight:
        mistakes.append((_FORGOT_INPUT, delta))
    params: dict[str, Any] = {"activation": _NAMES[f]}
    if leaky:
        params["alpha"] = alpha
    params.update(target=_NAMES[target], x=x, w=w, b=b, y=y, decimals=decimals)
    if one_weight:
        params["index"] = index

    def prompt() -> Text:
        if target is Target.B:
            asked = {"bg": "Пресметнете ∂L/∂b.", "en": "Compute ∂L/∂b."}
        elif target is Target.W:
            asked = {
                "bg": f"Пресметнете ∂L/∂w{sub(index)}.",
                "en": f"Compute ∂L/∂w{sub(index)}.",
            }
        else:
            names = ", ".join(f"∂L/∂w{sub(i + 1)}" for i in range(n))
            asked = {
                "bg": f"Пресметнете градиента спрямо тежестите [{names}].",
                "en": f"Compute the gradient with respect to the weights, [{names}].",
            }
        ask = rounding(decimals, exact=not smooth, vector=target is Target.WEIGHTS)
        lead = {
            "bg": f"Невронът има входове x = {vec(x)}, тежести w = {vec(w)} и пристрастие b = "
            f"{num(b)}.",
            "en": f"A neuron has inputs x = {vec(x)}, weights w = {vec(w)} and bias b = {num(b)}.",
        }
        goal = {
            "bg": f"Желаният изход е y = {num(y)}.",
            "en": f"The target output is y = {num(y)}.",
        }
        parts = (lead, activation_sentence(f, alpha), goal, loss_convention(), asked, ask)
        return {lang: " ".join(part[lang] for part in parts) for lang in ("bg", "en")}

    def solution() -> list[SolutionStep]:
        steps = forward_steps(f, alpha, x, w, b, y, z, y_hat, e)
        steps.append(chain_step(f, alpha, z, e, d, delta))
        if target is Target.B:
            steps.append(step(f"∂L/∂b = ∂L/∂z·1 {approx(delta, decimals)}"))
        elif target is Target.W:
            xi = x[index - 1]
            line = f"∂L/∂w{sub(index)} = ∂L/∂z·x{sub(index)} = {pfull(delta)}·{pfull(xi)}"
            steps.append(step(f"{line} {approx(delta * xi, decimals)}"))
        else:
            vector = tuple(delta * xi for xi in x)
            line = f"∂L/∂w = ∂L/∂z·x = {pfull(delta)}·{vec(x)}"
            steps.append(step(f"{line} {approx_vec(vector, decimals)}"))
        return steps

    # Positional (params, prompt, answer, solution, decimals, exact, mistakes): a keyword call
    # of the named tuple builds a dict first, on every instance.
    return Draft(params, prompt, answer, solution, decimals, not smooth, mistakes)


def forward_steps(
    f: Activation,
    alpha: float,
    x: list[float],
    w: list[float],
    b: float,
    y: float,
    z: float,
    y_hat: float,
    e: float,
) -> list[SolutionStep]:
    """z, ŷ and e of one neuron, as solution lines."""
    steps = [step(f"z = w·x + b = {weighted_sum(x, w, b)} = {full(z)}")]
    if f is not Activation.IDENTITY:
        steps.append(step(f"ŷ = {act_.apply_text(f, z, alpha)} = {full(y_hat)}"))
    else:
        steps.append(step(f"ŷ = z = {full(y_hat)}"))
    steps.append(step(f"e = ŷ − y = {full(y_hat)} − {pfull(y)} = {full(e)}"))
    return steps


def chain_step(
    f: Activation, alpha: float, z: float, e: float, d: float, delta: float
) -> SolutionStep:
    """∂L/∂z = e·f′(z), as a solution line (just e when there is no activation)."""
    if f is Activation.IDENTITY:
        return step2(
            f"Без функция на активация ∂L/∂z = e = {full(delta)}.",
            f"Without an activation function ∂L/∂z = e = {full(delta)}.",
        )
    derivative = act_.derivative_text(f, z, alpha)
    chain = f"∂L/∂z = e·f′(z) = {pfull(e)}·{pfull(d)} = {full(delta)}"
    return step2(
        f"Верижното правило: {derivative}; {chain}.",
        f"Chain rule: {derivative}; {chain}.",
    )


KIND = KindSpec(
    name="error_gradient",
    summary={
        "bg": "Градиент на грешката за един неврон: ∂L/∂wᵢ = e·f′(z)·xᵢ и ∂L/∂b.",
        "en": "Error gradient of one neuron: ∂L/∂wᵢ = e·f′(z)·xᵢ and ∂L/∂b.",
    },
    params=(ACTIVATION, TARGET, INPUTS),
    build=build,
)
