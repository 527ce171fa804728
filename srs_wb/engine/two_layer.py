"""The small 2-H-1 network of the network exercises: drawing it, running it, describing it.

The hidden layer has an activation f; the output unit is linear, ŷ = w⁽²⁾·h + b⁽²⁾, and the
loss is L = ½(ŷ − y)². Values and gradients come from the autograd.
"""

from __future__ import annotations

from functools import cache
from operator import mul
from typing import TYPE_CHECKING, Any, NamedTuple

from srs_wb.engine import activations as act_
from srs_wb.engine.activations import Activation
from srs_wb.engine.draws import Draw
from srs_wb.engine.formatting import full, num, paren, pfull, vec
from srs_wb.engine.phrases import sub
from srs_wb.engine.types import Text

if TYPE_CHECKING:
    from srs_wb.engine.autograd import Tensor
    from srs_wb.engine.nn import MLP, Dense

# difficulty -> (x range, x places, weight range, weight places)
NUMBERS = {1: (2.0, 0, 1.0, 1), 2: (2.0, 1, 1.0, 1), 3: (3.0, 1, 1.5, 2)}
KINK = 0.05  # hidden pre-activations of ReLU-like units stay this far from 0
# Enum members and values fetched once rather than per instance: on Python 3.11 each
# `Activation.RELU` goes through the enum metaclass and each `.value` through a property,
# each as slow as a function call.
_LEAKY_RELU = Activation.LEAKY_RELU
_KINKED = frozenset((Activation.RELU, _LEAKY_RELU))  # not smooth, and not the identity
_NAMES = {f: f.value for f in Activation}


class Network(NamedTuple):
    """A 2-H-1 network's input and parameters (a named tuple: made several times faster than
    a frozen dataclass, which sets each field through `object.__setattr__`)."""

    x: tuple[float, ...]
    w1: tuple[tuple[float, ...], ...]  # row i: the weights into hidden unit i
    b1: tuple[float, ...]
    w2: tuple[float, ...]
    b2: float
    f: Activation
    alpha: float = 0.0

    @property
    def hidden(self) -> int:
        return len(self.b1)

    def params(self) -> dict[str, Any]:
        """The network as exercise params; a new dict, which the caller may add to."""
        x, w1, b1, w2, b2, f, alpha = self
        data: dict[str, Any] = {"sizes": [len(x), len(b1), 1], "activation": _NAMES[f]}
        if f is _LEAKY_RELU:
            data["alpha"] = alpha
        data["x"] = list(x)
        data["W1"] = [list(row) for row in w1]
        data["b1"] = list(b1)
        data["w2"] = list(w2)
        data["b2"] = b2
        return data

    def with_weight(self, layer: int, i: int, j: int, value: float) -> Network:
        """The same network with one weight (1-based i, j; j unused for layer 2) replaced."""
        w1, w2 = self.w1, self.w2
        if layer == 2:
            w2 = (*w2[: i - 1], value, *w2[i:])
        else:
            row = w1[i - 1]
            w1 = (*w1[: i - 1], (*row[: j - 1], value, *row[j:]), *w1[i:])
        # Made directly rather than with `_replace`, which costs more than the rest.
        return Network(self.x, w1, self.b1, w2, self.b2, self.f, self.alpha)

    def weight(self, layer: int, i: int, j: int) -> float:
        return self.w2[i - 1] if layer == 2 else self.w1[i - 1][j - 1]

    def forward(self) -> Run:
        """The forward pass alone, in plain floats (a closed form: no gradients needed)."""
        z1 = tuple(pre_activations(self))
        h = tuple(act_.value(self.f, z, self.alpha) for z in z1)
        y_hat = sum(map(mul, self.w2, h)) + self.b2
        return Run(z1, h, y_hat)

    def run(self, y: float | None = None, *, wrt_output: bool = False) -> Run:
        """A forward pass through the autograd; gradients of L (given y) or of ŷ itself."""
        Tensor, MLP, Dense = _autograd()
        x, w1, b1, w2, b2, f, alpha = self
        hidden = Dense(Tensor(w1), Tensor(b1), f, alpha)
        output = Dense(Tensor((w2,)), Tensor((b2,)))
        (z1, _), (h, y_hat) = MLP((hidden, output)).trace(Tensor(x))
        if y is not None:
            y_hat.squared_error(y).backward()
        elif wrt_output:
            y_hat.sum().backward()
        return Run(
            tuple(z1.data.tolist()),
            tuple(h.data.tolist()),
            y_hat.data.item(),
            tuple(map(tuple, hidden.weight.grad.tolist())),
            tuple(hidden.bias.grad.tolist()),
            tuple(output.weight.grad.tolist()[0]),
            output.bias.grad.item(),
        )

    # --- text -------------------------------------------------------------------------------

    def describe(self) -> Text:
        sizes = f"{len(self.x)}-{self.hidden}-1"
        name = act_.named(self.f, self.alpha)
        w1 = "[" + ", ".join(vec(row) for row in self.w1) + "]"
        return {
            "bg": f"Мрежа {sizes}: входове x = {vec(self.x)}; скрит слой h = f(W⁽¹⁾x + b⁽¹⁾) "
            f"с тежести W⁽¹⁾ = {w1} (ред i съдържа тежестите към скрития неврон hᵢ) и "
            f"пристрастия b⁽¹⁾ = {vec(self.b1)}; функцията на активация f е {name['bg']}; "
            f"линеен изход ŷ = w⁽²⁾·h + b⁽²⁾ с w⁽²⁾ = {vec(self.w2)} и b⁽²⁾ = {num(self.b2)}.",
            "en": f"A {sizes} network: inputs x = {vec(self.x)}; hidden layer h = f(W⁽¹⁾x + b⁽¹⁾) "
            f"with weights W⁽¹⁾ = {w1} (row i holds the weights into hidden unit hᵢ) and biases "
            f"b⁽¹⁾ = {vec(self.b1)}; the activation function f is {name['en']}; linear output "
            f"ŷ = w⁽²⁾·h + b⁽²⁾ with w⁽²⁾ = {vec(self.w2)} and b⁽²⁾ = {num(self.b2)}.",
        }

    def forward_lines(self, run: Run, mark: str = "") -> list[str]:
        """z⁽¹⁾, h and ŷ worked out; `mark` ("′") tells a recomputed pass from the first."""
        rows = []
        for row, b in zip(self.w1, self.b1, strict=True):
            terms = [f"{paren(w)}·{paren(x)}" for w, x in zip(row, self.x, strict=True)]
            rows.append(" + ".join([*terms, paren(b)]))
        z1 = ", ".join(full(v) for v in run.z1)
        z = f"z⁽¹⁾{mark} = W⁽¹⁾x + b⁽¹⁾ = [{', '.join(rows)}] = [{z1}]"
        h = f"h{mark} = f(z⁽¹⁾{mark}) = [{', '.join(full(v) for v in run.h)}]"
        terms = [f"{paren(w)}·{pfull(h)}" for w, h in zip(self.w2, run.h, strict=True)]
        out = f"ŷ{mark} = w⁽²⁾·h{mark} + b⁽²⁾ = {' + '.join([*terms, paren(self.b2)])}"
        return [z, h, f"{out} = {full(run.y_hat)}"]


@cache
def _autograd() -> tuple[type[Tensor], type[MLP], type[Dense]]:
    """The autograd's types, imported on first use: they load NumPy, which only the network
    exercises need."""
    from srs_wb.engine.autograd import Tensor
    from srs_wb.engine.nn import MLP, Dense

    return Tensor, MLP, Dense


class Run(NamedTuple):
    """One forward (and backward) pass: hidden z and h, the output, and the gradients."""

    z1: tuple[float, ...]
    h: tuple[float, ...]
    y_hat: float
    g_w1: tuple[tuple[float, ...], ...] = ()
    g_b1: tuple[float, ...] = ()
    g_w2: tuple[float, ...] = ()
    g_b2: float = 0.0


def alpha_for(f: Activation, draw: Draw, difficulty: int) -> float:
    if f is not _LEAKY_RELU:
        return 0.0
    return 0.1 if difficulty == 1 else draw.choice((0.1, 0.2))


def draw_network(
    draw: Draw, difficulty: int, f: Activation, hidden: int = 2, *, inputs: int = 2
) -> Network:
    """Random weights of hand-friendly size, with ReLU-like units kept off their kink."""
    x_range, x_places, w_range, w_places = NUMBERS[difficulty]
    alpha = alpha_for(f, draw, difficulty)
    kinked = f in _KINKED  # ReLU-like
    while True:
        x = tuple(draw.vector(inputs, -x_range, x_range, x_places, nonzero=True))
        weights = draw.vector(hidden * inputs + hidden, -w_range, w_range, w_places, nonzero=True)
        w1 = tuple([tuple(weights[i * inputs : (i + 1) * inputs]) for i in range(hidden)])
        w2 = tuple(weights[hidden * inputs :])
        biases = draw.vector(hidden + 1, -w_range, w_range, w_places)
        net = Network(x, w1, tuple(biases[:hidden]), w2, biases[hidden], f, alpha)
        if not kinked or min(map(abs, pre_activations(net))) >= KINK:
            return net


def pre_activations(net: Network) -> list[float]:
    """z⁽¹⁾ = W⁽¹⁾x + b⁽¹⁾ in plain floats."""
    x = net.x
    return [sum(map(mul, row, x)) + b for row, b in zip(net.w1, net.b1, strict=True)]


def weight_name(layer: int, i: int, j: int) -> str:
    return f"w⁽²⁾{sub(i)}" if layer == 2 else f"w⁽¹⁾{sub(i)}{sub(j)}"


def weight_link(layer: int, i: int, j: int) -> Text:
    """What a weight connects, without the word "weight": "from x₁ into h₂"."""
    if layer == 2:
        return {"bg": f"от h{sub(i)} към изхода", "en": f"from h{sub(i)} to the output"}
    return {"bg": f"от x{sub(j)} към h{sub(i)}", "en": f"from x{sub(j)} into h{sub(i)}"}


def weight_role(layer: int, i: int, j: int) -> Text:
    if layer == 2:
        return {
            "bg": f"тежестта от h{sub(i)} към изхода",
            "en": f"the weight from h{sub(i)} to the output",
        }
    return {
        "bg": f"тежестта от x{sub(j)} към h{sub(i)}",
        "en": f"the weight from x{sub(j)} into h{sub(i)}",
    }
