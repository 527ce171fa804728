"""Kind `weight_sensitivity`: how much, and which way, the output moves when a weight changes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from srs_wb.engine import activations as act_
from srs_wb.engine.activations import Activation
from srs_wb.engine.draft import Draft
from srs_wb.engine.draws import Draw
from srs_wb.engine.formatting import approx, full, num, pfull
from srs_wb.engine.mistakes import MistakeCode
from srs_wb.engine.params import ChoiceParam, IntParam
from srs_wb.engine.phrases import rounding, step, step2
from srs_wb.engine.registry import KindSpec
from srs_wb.engine.two_layer import KINK, draw_network, pre_activations, weight_link, weight_name
from srs_wb.engine.types import Answer, SolutionStep, Text

ACTIVATION = ChoiceParam(
    "activation",
    tuple(Activation),
    "f of the hidden layer; by default relu, then relu, sigmoid or tanh, then all",
    many=True,
)
LAYER = IntParam("layer", 1, 2, "change a first- or a second-layer weight; by default either")
HIDDEN = IntParam("hidden", 2, 3, "hidden units; by default 2, 2, 2-3 by difficulty")

_ACTIVATIONS = {
    1: (Activation.RELU,),
    2: (Activation.RELU, Activation.SIGMOID, Activation.TANH),
    3: tuple(Activation),
}
# difficulty -> (|Δ| range, Δ places)
_DELTA = {1: (0.5, 1), 2: (1.0, 1), 3: (1.0, 2)}


def build(draw: Draw, difficulty: int, options: Mapping[str, Any]) -> Draft:
    f = ACTIVATION.pick(draw, options, _ACTIVATIONS[difficulty])
    layer = LAYER.pick(draw, options, 1, 2)
    hidden = HIDDEN.pick(draw, options, 2, 3 if difficulty == 3 else 2)
    bound, places = _DELTA[difficulty]
    kinked = not f.smooth and f is not Activation.IDENTITY  # ReLU-like
    while True:  # the changed network, too, keeps its ReLU-like units off the kink
        net = draw_network(draw, difficulty, f, hidden)
        i, j = draw.integer(1, hidden), draw.integer(1, len(net.x))
        delta = draw.magnitude(0.1 if places == 1 else 0.05, bound, places)
        old = net.weight(layer, i, j)
        new_value = round(old + delta, 10) + 0.0
        changed = net.with_weight(layer, i, j, new_value)
        if not kinked or min(map(abs, pre_activations(changed))) >= KINK:
            break
    before = net.run(wrt_output=True)
    after = changed.forward()
    change = after.y_hat - before.y_hat
    slope = before.g_w2[i - 1] if layer == 2 else before.g_w1[i - 1][j - 1]
    decimals = 2 if difficulty == 1 else 3
    mistakes: list[tuple[MistakeCode, Answer]] = [
        (MistakeCode.WRONG_DIRECTION, -change),
        (MistakeCode.GAVE_OUTPUT, after.y_hat),
        (MistakeCode.LINEAR_ESTIMATE, slope * delta),
    ]
    params = {
        **net.params(),
        "layer": layer,
        "unit": i,
        **({"input": j} if layer == 1 else {}),
        "delta": delta,
        "old_weight": old,
        "new_weight": new_value,
        "decimals": decimals,
    }
    name = weight_name(layer, i, j)

    def prompt() -> Text:
        role = weight_link(layer, i, j)
        ask = rounding(decimals, exact=not f.smooth)
        network = net.describe()
        return {
            "bg": f"{network['bg']} Тежестта {name} ({role['bg']}) се променя с "
            f"Δ = {num(delta)}: от {num(old)} на {num(new_value)}; всички останали параметри "
            "остават същите. С колко се променя изходът ŷ? Дайте ŷ′ − ŷ със знака му "
            f"(положително число, ако изходът расте). {ask['bg']}",
            "en": f"{network['en']} The weight {name} ({role['en']}) changes by "
            f"Δ = {num(delta)}, from {num(old)} to {num(new_value)}; every other parameter "
            "stays the same. By how much does the output ŷ change? Give ŷ′ − ŷ with its sign "
            f"(positive if the output grows). {ask['en']}",
        }

    def solution() -> list[SolutionStep]:
        definition = act_.definition(f)
        steps = [step2(definition["bg"], definition["en"])]
        steps += [step(line) for line in net.forward_lines(before)]
        again = f"{name} = {num(new_value)}:"
        steps.append(step2(f"Наново с {again}", f"Again with {again}"))
        steps += [step(line) for line in changed.forward_lines(after, "′")]
        if abs(change) < 10.0**-decimals / 2:
            way = {"bg": "изходът не се променя", "en": "the output does not change"}
        elif change > 0:
            way = {"bg": "изходът расте", "en": "the output grows"}
        else:
            way = {"bg": "изходът намалява", "en": "the output shrinks"}
        diff = f"ŷ′ − ŷ = {full(after.y_hat)} − {pfull(before.y_hat)} {approx(change, decimals)}"
        steps.append(step2(f"{diff}: {way['bg']}.", f"{diff}: {way['en']}."))
        return steps

    return Draft(
        params=params,
        prompt=prompt,
        answer=change,
        solution=solution,
        decimals=decimals,
        exact=not f.smooth,
        mistakes=mistakes,
    )


KIND = KindSpec(
    name="weight_sensitivity",
    summary={
        "bg": "Чувствителност към тежест: с колко и накъде се променя изходът на мрежата, когато "
        "една тежест се промени с Δ.",
        "en": "Weight sensitivity: how much and which way a network's output moves when a weight "
        "changes by Δ.",
    },
    params=(ACTIVATION, LAYER, HIDDEN),
    build=build,
)
