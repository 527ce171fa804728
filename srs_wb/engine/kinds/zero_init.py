"""Kind `zero_init`: with all-equal initial weights, every hidden unit gets the same gradient."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from srs_wb.engine import activations as act_
from srs_wb.engine.activations import Activation
from srs_wb.engine.draft import Draft
from srs_wb.engine.draws import Draw
from srs_wb.engine.formatting import approx_vec, full, num, paren, pfull, vec
from srs_wb.engine.mistakes import MistakeCode
from srs_wb.engine.params import ChoiceParam, IntParam
from srs_wb.engine.phrases import loss_convention, rounding, step, step2, sub
from srs_wb.engine.registry import KindSpec
from srs_wb.engine.two_layer import KINK, NUMBERS, Network, alpha_for
from srs_wb.engine.types import Answer, SolutionStep, Text

ACTIVATION = ChoiceParam(
    "activation",
    tuple(Activation),
    "f of the hidden layer; by default relu, then relu, sigmoid or tanh, then all",
    many=True,
)
LAYER = IntParam("layer", 1, 2, "gradients of first- or second-layer weights; by default either")
HIDDEN = IntParam("hidden", 2, 3, "hidden units; by default 2, 2, 2-3 by difficulty")

_ACTIVATIONS = {
    1: (Activation.RELU,),
    2: (Activation.RELU, Activation.SIGMOID, Activation.TANH),
    3: tuple(Activation),
}


def build(draw: Draw, difficulty: int, options: Mapping[str, Any]) -> Draft:
    f = ACTIVATION.pick(draw, options, _ACTIVATIONS[difficulty])
    layer = LAYER.pick(draw, options, 1, 2)
    hidden = HIDDEN.pick(draw, options, 2, 3 if difficulty == 3 else 2)
    x_range, x_places, w_range, w_places = NUMBERS[difficulty]
    alpha = alpha_for(f, draw, difficulty)
    while True:
        x = tuple(draw.vector(2, -x_range, x_range, x_places, nonzero=True))
        # Sometimes all zeros, the seed's own question; otherwise one shared non-zero value.
        c = 0.0 if draw.chance(0.25) else draw.decimal(-w_range, w_range, w_places, nonzero=True)
        bias = 0.0 if difficulty == 1 else draw.decimal(-w_range, w_range, w_places)
        v = draw.decimal(-w_range, w_range, w_places, nonzero=True)
        b2 = draw.decimal(-w_range, w_range, w_places)
        y = draw.decimal(-1.0, 2.0, 1)
        z = c * sum(x) + bias
        # A ReLU unit below 0 would make every gradient 0: equal, but it shows nothing.
        if (
            f.smooth
            or f is Activation.IDENTITY
            or (abs(z) >= KINK and (z > 0 or f is not Activation.RELU))
        ):
            break
    net = Network(
        x, tuple((c, c) for _ in range(hidden)), (bias,) * hidden, (v,) * hidden, b2, f, alpha
    )
    run = net.run(y)
    e = run.y_hat - y
    h = run.h[0]
    d = act_.derivative(f, z, alpha)
    j = draw.integer(1, 2)
    xj = x[j - 1]
    if layer == 1:
        answer: tuple[float, ...] = tuple(row[j - 1] for row in run.g_w1)
        values = {
            MistakeCode.SIGN_ERROR: -e * v * d * xj,
            MistakeCode.FORGOT_DERIVATIVE: e * v * xj,
            MistakeCode.FORGOT_OUTPUT_WEIGHT: e * d * xj,
            MistakeCode.FORGOT_INPUT: e * v * d,
            MistakeCode.DOUBLED: 2 * e * v * d * xj,
        }
    else:
        answer = run.g_w2
        values = {
            MistakeCode.SIGN_ERROR: -e * h,
            MistakeCode.USED_PREACTIVATION: e * z,
            MistakeCode.FORGOT_INPUT: e,
            MistakeCode.DOUBLED: 2 * e * h,
        }
    mistakes: list[tuple[MistakeCode, Answer]] = [
        (code, (value,) * hidden) for code, value in values.items()
    ]
    decimals = 2 if difficulty == 1 else 3
    params: dict[str, Any] = {"sizes": [2, hidden, 1], "activation": f.value}
    if f is Activation.LEAKY_RELU:
        params["alpha"] = alpha
    params.update(
        x=list(x),
        w1_value=c,
        b1_value=bias,
        w2_value=v,
        b2=b2,
        y=y,
        layer=layer,
        decimals=decimals,
    )
    if layer == 1:
        params["input"] = j
    if layer == 1:
        names = [f"∂L/∂w⁽¹⁾{sub(i)}{sub(j)}" for i in range(1, hidden + 1)]
    else:
        names = [f"∂L/∂w⁽²⁾{sub(i)}" for i in range(1, hidden + 1)]
    listed = "[" + ", ".join(names) + "]"

    def prompt() -> Text:
        if layer == 1:
            what = {
                "bg": f"градиентите на тежестите от x{sub(j)} към всеки скрит неврон",
                "en": f"the gradients of the weights from x{sub(j)} into each hidden unit",
            }
        else:
            what = {
                "bg": "градиентите на изходните тежести",
                "en": "the gradients of the output weights",
            }
        ask = rounding(decimals, exact=not f.smooth, vector=True)
        name = act_.named(f, alpha)
        sizes = f"2-{hidden}-1"
        loss = loss_convention()
        return {
            "bg": f"Мрежа {sizes} започва с еднакви тежести: всеки елемент на W⁽¹⁾ е {num(c)}, "
            f"пристрастието на всеки скрит неврон е {num(bias)}, всяка изходна тежест w⁽²⁾ᵢ е "
            f"{num(v)}, а пристрастието на изхода е b⁽²⁾ = {num(b2)}. Функцията на активация "
            f"на скрития слой е {name['bg']}, а изходът е линеен: ŷ = w⁽²⁾·h + b⁽²⁾. Входът е "
            f"x = {vec(x)}, а желаният изход е y = {num(y)}. {loss['bg']} Пресметнете "
            f"{listed} — {what['bg']}. {ask['bg']}",
            "en": f"A {sizes} network starts with all weights equal: every entry of W⁽¹⁾ is "
            f"{num(c)}, every hidden unit has bias {num(bias)}, every output weight w⁽²⁾ᵢ is "
            f"{num(v)}, and the output bias is b⁽²⁾ = {num(b2)}. The hidden layer's "
            f"activation function is {name['en']} and the output is linear: "
            f"ŷ = w⁽²⁾·h + b⁽²⁾. The input is x = {vec(x)} and the target output is "
            f"y = {num(y)}. {loss['en']} Compute {listed}, {what['en']}. {ask['en']}",
        }

    def solution() -> list[SolutionStep]:
        if layer == 1:
            chain = (
                f"∂L/∂w⁽¹⁾ᵢ{sub(j)} = e·w⁽²⁾ᵢ·f′(zᵢ)·x{sub(j)} = "
                f"{pfull(e)}·{pfull(v)}·{pfull(d)}·{pfull(xj)} = {full(e * v * d * xj)}"
            )
        else:
            chain = f"∂L/∂w⁽²⁾ᵢ = e·hᵢ = {pfull(e)}·{pfull(h)} = {full(e * h)}"
        terms = " + ".join(f"{paren(c)}·{paren(xi)}" for xi in x)
        z_line = f"z = {terms} + {paren(bias)} = {full(z)}"
        h_line = f"h = {act_.apply_text(f, z, alpha)} = {full(h)}"
        out_terms = " + ".join([f"{paren(v)}·{pfull(h)}"] * hidden + [paren(b2)])
        steps = [
            step2(
                f"Всички скрити неврони пресмятат едно и също: {z_line}, {h_line}.",
                f"Every hidden unit computes the same: {z_line}, {h_line}.",
            ),
            step(f"ŷ = {out_terms} = {full(run.y_hat)}; e = ŷ − y = {full(e)}"),
        ]
        if layer == 1:
            steps.append(step(act_.derivative_text(f, z, alpha)))
        steps.append(
            step2(f"За всеки скрит неврон i: {chain}.", f"For every hidden unit i: {chain}.")
        )
        final = f"{listed} {approx_vec(answer, decimals)}"
        steps.append(
            step2(
                f"{final}: градиентите са равни, затова след всяко обновяване скритите неврони "
                "остават еднакви — еднаквата инициализация не нарушава симетрията.",
                f"{final}: the gradients are equal, so after every update the hidden units stay "
                "identical — equal initial weights never break the symmetry.",
            )
        )
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
    name="zero_init",
    summary={
        "bg": "Инициализация с еднакви тежести: скритите неврони получават равни градиенти.",
        "en": "Equal initial weights: the hidden units receive equal gradients (symmetry).",
    },
    params=(ACTIVATION, LAYER, HIDDEN),
    build=build,
)
