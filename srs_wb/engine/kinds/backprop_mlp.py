"""Kind `backprop_mlp`: one partial derivative of the loss in a 2-2-1 network (backpropagation)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from srs_wb.engine import activations as act_
from srs_wb.engine.activations import Activation
from srs_wb.engine.draft import Draft
from srs_wb.engine.draws import Draw
from srs_wb.engine.formatting import approx, full, num, pfull
from srs_wb.engine.mistakes import MistakeCode
from srs_wb.engine.params import ChoiceParam, IntParam
from srs_wb.engine.phrases import loss_convention, rounding, step, step2, sub
from srs_wb.engine.registry import KindSpec
from srs_wb.engine.two_layer import draw_network, weight_name, weight_role
from srs_wb.engine.types import Answer, SolutionStep, Text


class Parameter(enum.StrEnum):
    WEIGHT = "weight"
    BIAS = "bias"


ACTIVATION = ChoiceParam(
    "activation",
    tuple(Activation),
    "f of the hidden layer; by default relu, then relu, leaky_relu, sigmoid or tanh",
    many=True,
)
LAYER = IntParam("layer", 1, 2, "ask about a first- or a second-layer parameter; by default either")
PARAMETER = ChoiceParam(
    "parameter", tuple(Parameter), "a weight or a bias; by default mostly weights"
)

_NONLINEAR = (Activation.RELU, Activation.LEAKY_RELU, Activation.SIGMOID, Activation.TANH)
_ACTIVATIONS = {1: (Activation.RELU,), 2: _NONLINEAR, 3: _NONLINEAR}
_PARAMETERS = (Parameter.WEIGHT, Parameter.WEIGHT, Parameter.BIAS)  # a weight two times in three
# Enum members and values fetched once rather than per instance: on Python 3.11 each
# `Parameter.WEIGHT` or `MistakeCode.X` goes through the enum metaclass's `__getattr__` hook
# and each `.value` through a property, each as slow as a function call.
_WEIGHT = Parameter.WEIGHT
_NAMES = {member: member.value for member in Parameter}
_SIGN_ERROR, _DOUBLED = MistakeCode.SIGN_ERROR, MistakeCode.DOUBLED
_USED_PREACTIVATION, _FORGOT_INPUT = MistakeCode.USED_PREACTIVATION, MistakeCode.FORGOT_INPUT
_FORGOT_DERIVATIVE, _FORGOT_OUTPUT_WEIGHT = (
    MistakeCode.FORGOT_DERIVATIVE,
    MistakeCode.FORGOT_OUTPUT_WEIGHT,
)


def build(draw: Draw, difficulty: int, options: Mapping[str, Any]) -> Draft:
    f = ACTIVATION.pick(draw, options, _ACTIVATIONS[difficulty])
    layer = LAYER.pick(draw, options, 1, 2)
    parameter = PARAMETER.pick(draw, options, _PARAMETERS)
    net = draw_network(draw, difficulty, f)
    y = draw.decimal(-1.0, 2.0, 1)
    i, j = draw.integer(1, net.hidden), draw.integer(1, len(net.x))
    run = net.run(y)
    e = run.y_hat - y
    z_i, h_i, v_i, x_j = run.z1[i - 1], run.h[i - 1], net.w2[i - 1], net.x[j - 1]
    d_i = act_.derivative(f, z_i, net.alpha)
    decimals = 2 if difficulty == 1 else 3
    weight = parameter is _WEIGHT
    mistakes: list[tuple[MistakeCode, Answer]]
    if layer == 2 and weight:
        answer = run.g_w2[i - 1]
        mistakes = [
            (_SIGN_ERROR, -answer),
            (_USED_PREACTIVATION, e * z_i),
            (_FORGOT_INPUT, e),
            (_DOUBLED, 2 * answer),
        ]
    elif layer == 2:
        answer = run.g_b2
        mistakes = [(_SIGN_ERROR, -answer), (_DOUBLED, 2 * answer)]
    else:
        answer = run.g_w1[i - 1][j - 1] if weight else run.g_b1[i - 1]
        scale = x_j if weight else 1.0
        mistakes = [
            (_SIGN_ERROR, -answer),
            (_FORGOT_DERIVATIVE, e * v_i * scale),
            (_FORGOT_OUTPUT_WEIGHT, e * d_i * scale),
            (_DOUBLED, 2 * answer),
        ]
        if weight:
            mistakes.append((_FORGOT_INPUT, e * v_i * d_i))
    params = net.params()
    params["y"] = y
    params["layer"] = layer
    params["parameter"] = _NAMES[parameter]
    if layer == 1 or weight:
        params["unit"] = i
    if layer == 1 and weight:
        params["input"] = j
    params["decimals"] = decimals

    def named() -> tuple[str, Text]:
        """The asked parameter's symbol and what it connects."""
        if layer == 2 and weight:
            return weight_name(2, i, j), weight_role(2, i, j)
        if layer == 2:
            return "b⁽²⁾", {"bg": "пристрастието на изхода", "en": "the bias of the output"}
        if weight:
            return weight_name(1, i, j), weight_role(1, i, j)
        return f"b⁽¹⁾{sub(i)}", {
            "bg": f"пристрастието на h{sub(i)}",
            "en": f"the bias of h{sub(i)}",
        }

    def prompt() -> Text:
        name, role = named()
        ask = rounding(decimals, exact=not f.smooth)
        network, loss = net.describe(), loss_convention()
        return {
            "bg": f"{network['bg']} Желаният изход е y = {num(y)}. {loss['bg']} Пресметнете "
            f"∂L/∂{name} ({role['bg']}). {ask['bg']}",
            "en": f"{network['en']} The target output is y = {num(y)}. {loss['en']} Compute "
            f"∂L/∂{name} ({role['en']}). {ask['en']}",
        }

    def solution() -> list[SolutionStep]:
        name = named()[0]
        if layer == 2 and weight:
            chain = f"∂L/∂{name} = e·h{sub(i)} = {pfull(e)}·{pfull(h_i)}"
        elif layer == 2:
            chain = "∂L/∂b⁽²⁾ = e·1"
        else:
            back = f"e·w⁽²⁾{sub(i)}·f′(z⁽¹⁾{sub(i)})"
            values = f"{pfull(e)}·{pfull(v_i)}·{pfull(d_i)}"
            if weight:
                chain = f"∂L/∂{name} = {back}·x{sub(j)} = {values}·{pfull(x_j)}"
            else:
                chain = f"∂L/∂{name} = {back}·1 = {values}"
        definition = act_.definition(f)
        steps = [step2(definition["bg"], definition["en"])]
        steps += [step(line) for line in net.forward_lines(run)]
        steps.append(step(f"e = ∂L/∂ŷ = ŷ − y = {full(run.y_hat)} − {pfull(y)} = {full(e)}"))
        if layer == 1:
            steps.append(step(act_.derivative_text(f, z_i, net.alpha)))
        steps.append(step(f"{chain} {approx(answer, decimals)}"))
        return steps

    return Draft(
        params=params,
        prompt=prompt,
        answer=answer,
        solution=solution,
        decimals=decimals,
        exact=not f.smooth,
        mistakes=mistakes,
    )


KIND = KindSpec(
    name="backprop_mlp",
    summary={
        "bg": "Обратно разпространение в мрежа 2-2-1: една частна производна на загубата.",
        "en": "Backpropagation in a 2-2-1 network: one partial derivative of the loss.",
    },
    params=(ACTIVATION, LAYER, PARAMETER),
    build=build,
)
