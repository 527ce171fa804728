"""Kind `activation`: f(z) for ReLU, leaky ReLU, sigmoid or tanh, alone or as a = f(w·x + b)."""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from operator import mul
from typing import Any

from srs_wb.engine import activations as act_
from srs_wb.engine.activations import Activation
from srs_wb.engine.draft import Draft
from srs_wb.engine.draws import Draw
from srs_wb.engine.formatting import approx, full, num, vec
from srs_wb.engine.mistakes import MistakeCode
from srs_wb.engine.params import ChoiceParam
from srs_wb.engine.phrases import rounding, step, step2, weighted_sum
from srs_wb.engine.registry import KindSpec
from srs_wb.engine.types import Answer, SolutionStep, Text


class Form(enum.StrEnum):
    Z = "z"  # f of a given z
    NEURON = "neuron"  # a = f(w·x + b)


FUNCTIONS = ChoiceParam(
    "functions",
    (Activation.RELU, Activation.LEAKY_RELU, Activation.SIGMOID, Activation.TANH),
    "which activation functions to ask",
    many=True,
)
FORM = ChoiceParam(
    "form", tuple(Form), "f of a given z, or a = f(w·x + b); by default z, either, neuron"
)
_FORMS = {1: (Form.Z,), 2: (Form.Z, Form.NEURON), 3: (Form.NEURON,)}
_Z_RANGE = {1: (3.0, 1), 2: (4.0, 2), 3: (6.0, 2)}  # |z| bound and decimals, for form z
# For form neuron: (input count, x range, x places, w range, w places)
_NEURON = {1: (2, 3.0, 0, 1.0, 1), 2: (3, 5.0, 1, 1.0, 1), 3: (3, 5.0, 2, 2.0, 2)}


def _alpha(draw: Draw, difficulty: int) -> float:
    return 0.1 if difficulty == 1 else draw.choice((0.01, 0.1, 0.2))


def _decimals(f: Activation, z_places: int, alpha: float, difficulty: int) -> int:
    if f.smooth:
        return 2 if difficulty == 1 else 3
    if f is Activation.LEAKY_RELU:
        return min(z_places + (1 if alpha == round(alpha, 1) else 2), 3)
    return min(max(z_places, 1), 2)


def _mistakes(f: Activation, z: float, alpha: float) -> list[tuple[MistakeCode, Answer]]:
    found: list[tuple[MistakeCode, Answer]] = [(MistakeCode.USED_PREACTIVATION, z)]
    if f is Activation.LEAKY_RELU:
        found.append((MistakeCode.LEAKY_AS_RELU, max(z, 0.0)))
    elif f is Activation.SIGMOID:
        found.append((MistakeCode.SIGMOID_SIGN, act_.sigmoid(-z)))
        found.append((MistakeCode.SIGMOID_TANH, math.tanh(z)))
    elif f is Activation.TANH:
        found.append((MistakeCode.SIGMOID_TANH, act_.sigmoid(z)))
    return found


def build(draw: Draw, difficulty: int, options: Mapping[str, Any]) -> Draft:
    f = FUNCTIONS.pick(draw, options, FUNCTIONS.members)
    form = FORM.pick(draw, options, _FORMS[difficulty])
    alpha = _alpha(draw, difficulty) if f is Activation.LEAKY_RELU else 0.0
    params: dict[str, Any] = {"form": form.value, "function": f.value}
    if f is Activation.LEAKY_RELU:
        params["alpha"] = alpha
    x: list[float] = []
    w: list[float] = []
    b = 0.0
    if form is Form.Z:
        bound, z_places = _Z_RANGE[difficulty]
        z = draw.decimal(-bound, bound, z_places, nonzero=True)
        params["z"] = z
        mistakes = _mistakes(f, z, alpha)
    else:
        n, x_range, x_places, w_range, w_places = _NEURON[difficulty]
        x = draw.vector(n, -x_range, x_range, x_places, nonzero=True)
        w = draw.vector(n, -w_range, w_range, w_places, nonzero=True)
        b = draw.decimal(-w_range, w_range, w_places, nonzero=True)
        z = sum(map(mul, x, w)) + b
        z_places = min(x_places + w_places, 4)
        params.update(x=x, w=w, b=b)
        mistakes = [
            *_mistakes(f, z, alpha),
            (MistakeCode.FORGOT_BIAS, act_.value(f, z - b, alpha)),
        ]
    a = act_.value(f, z, alpha)
    decimals = _decimals(f, z_places, alpha, difficulty)
    params["decimals"] = decimals

    def prompt() -> Text:
        name = act_.named(f, alpha)
        if form is Form.Z:
            lead = {
                "bg": f"Пресметнете активацията a = f(z) при z = {num(z)}, където f е "
                f"{name['bg']}.",
                "en": f"Compute the activation a = f(z) for z = {num(z)}, where f is {name['en']}.",
            }
        else:
            lead = {
                "bg": f"Невронът има входове x = {vec(x)}, тежести w = {vec(w)} и пристрастие "
                f"b = {num(b)}; функцията на активация е {name['bg']}. "
                "Пресметнете изхода му a = f(w·x + b).",
                "en": f"A neuron has inputs x = {vec(x)}, weights w = {vec(w)} and bias "
                f"b = {num(b)}; its activation function is {name['en']}. "
                "Compute its output a = f(w·x + b).",
            }
        ask = rounding(decimals, exact=not f.smooth)
        return {"bg": f"{lead['bg']} {ask['bg']}", "en": f"{lead['en']} {ask['en']}"}

    def solution() -> list[SolutionStep]:
        definition = act_.definition(f)
        steps = [step2(definition["bg"], definition["en"])]
        if form is Form.NEURON:
            steps.append(step(f"z = w·x + b = {weighted_sum(x, w, b)} = {full(z)}"))
        steps.append(step(f"a = {act_.apply_text(f, z, alpha)} {approx(a, decimals)}"))
        return steps

    return Draft(
        params=params,
        prompt=prompt,
        answer=a,
        solution=solution,
        decimals=decimals,
        exact=not f.smooth,
        mistakes=mistakes,
    )


KIND = KindSpec(
    name="activation",
    summary={
        "bg": "Функция на активация: ReLU, leaky ReLU, сигмоида или tanh на z или на w·x + b.",
        "en": "Activation function: ReLU, leaky ReLU, sigmoid or tanh of z or of w·x + b.",
    },
    params=(FUNCTIONS, FORM),
    build=build,
)
