"""Activation functions on plain floats: values, derivatives, names and worked-out text."""

from __future__ import annotations

import enum
import math
from collections.abc import Callable

from srs_wb.engine.formatting import full, neg, num, pfull
from srs_wb.engine.types import Text


class Activation(enum.StrEnum):
    IDENTITY = "identity"
    RELU = "relu"
    LEAKY_RELU = "leaky_relu"
    SIGMOID = "sigmoid"
    TANH = "tanh"

    @property
    def smooth(self) -> bool:
        """True when the values are transcendental, so the learner needs a calculator."""
        return self in _SMOOTH


# A module constant rather than a tuple built on every call: kinds ask this several times each.
_SMOOTH = frozenset((Activation.SIGMOID, Activation.TANH))

NAMES: dict[Activation, Text] = {
    Activation.IDENTITY: {"bg": "тъждествената функция", "en": "the identity"},
    Activation.RELU: {"bg": "ReLU", "en": "ReLU"},
    Activation.LEAKY_RELU: {"bg": "leaky ReLU", "en": "leaky ReLU"},
    Activation.SIGMOID: {"bg": "сигмоидата σ", "en": "the sigmoid σ"},
    Activation.TANH: {"bg": "tanh", "en": "tanh"},
}


def named(act: Activation, alpha: float) -> Text:
    """The function's name as a prompt gives it, with the slope of leaky ReLU."""
    if act is Activation.LEAKY_RELU:
        return {
            "bg": f"leaky ReLU с наклон α = {num(alpha)} при отрицателни стойности",
            "en": f"leaky ReLU with slope α = {num(alpha)} for negative inputs",
        }
    return NAMES[act]


SYMBOL: dict[Activation, str] = {
    Activation.IDENTITY: "id",
    Activation.RELU: "ReLU",
    Activation.LEAKY_RELU: "LeakyReLU",
    Activation.SIGMOID: "σ",
    Activation.TANH: "tanh",
}

# How f and f′ are defined, shown in worked solutions.
DEFINITION: dict[Activation, str] = {
    Activation.IDENTITY: "f(z) = z, f′(z) = 1",
    Activation.RELU: "ReLU(z) = max(0, z), ReLU′(z) = 1 for z > 0, 0 for z < 0",
    Activation.LEAKY_RELU: "LeakyReLU(z) = z for z > 0, α·z for z < 0; LeakyReLU′(z) = 1 or α",
    Activation.SIGMOID: "σ(z) = 1 / (1 + e^(−z)), σ′(z) = σ(z)·(1 − σ(z))",
    Activation.TANH: "tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)), tanh′(z) = 1 − tanh²(z)",
}

DEFINITION_BG: dict[Activation, str] = {
    Activation.IDENTITY: "f(z) = z, f′(z) = 1",
    Activation.RELU: "ReLU(z) = max(0, z), ReLU′(z) = 1 при z > 0 и 0 при z < 0",
    Activation.LEAKY_RELU: "LeakyReLU(z) = z при z > 0 и α·z при z < 0; LeakyReLU′(z) = 1 или α",
    Activation.SIGMOID: "σ(z) = 1 / (1 + e^(−z)), σ′(z) = σ(z)·(1 − σ(z))",
    Activation.TANH: "tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)), tanh′(z) = 1 − tanh²(z)",
}


def definition(act: Activation) -> Text:
    return {"bg": DEFINITION_BG[act], "en": DEFINITION[act]}


def sigmoid(z: float) -> float:
    # Split by sign so that exp never overflows for large |z|.
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    ez = math.exp(z)
    return ez / (1.0 + ez)


def value(act: Activation, z: float, alpha: float = 0.0) -> float:
    return _VALUE[act](z, alpha)


def derivative(act: Activation, z: float, alpha: float = 0.0) -> float:
    """f′(z); at the kink of ReLU and leaky ReLU the left derivative (exercises avoid z = 0)."""
    return _DERIVATIVE[act](z, alpha)


def _sigmoid_derivative(z: float) -> float:
    s = sigmoid(z)
    return s * (1.0 - s)


def _tanh_derivative(z: float) -> float:
    t = math.tanh(z)
    return 1.0 - t * t


# f(z) and f′(z) of each function, given z and the slope α of leaky ReLU (a table rather than
# a chain of ifs: the kinds ask for these on every instance).
_VALUE: dict[Activation, Callable[[float, float], float]] = {
    Activation.IDENTITY: lambda z, alpha: z,
    Activation.RELU: lambda z, alpha: z if z > 0 else 0.0,
    Activation.LEAKY_RELU: lambda z, alpha: z if z > 0 else alpha * z,
    Activation.SIGMOID: lambda z, alpha: sigmoid(z),
    Activation.TANH: lambda z, alpha: math.tanh(z),
}
_DERIVATIVE: dict[Activation, Callable[[float, float], float]] = {
    Activation.IDENTITY: lambda z, alpha: 1.0,
    Activation.RELU: lambda z, alpha: 1.0 if z > 0 else 0.0,
    Activation.LEAKY_RELU: lambda z, alpha: 1.0 if z > 0 else alpha,
    Activation.SIGMOID: lambda z, alpha: _sigmoid_derivative(z),
    Activation.TANH: lambda z, alpha: _tanh_derivative(z),
}


def apply_text(act: Activation, z: float, alpha: float = 0.0) -> str:
    """ "σ(0.5) = 1 / (1 + e^(−0.5)) = 1 / 1.606531": f(z) worked out, up to its value."""
    zs = full(z)
    if act is Activation.IDENTITY:
        return f"f({zs})"
    if act is Activation.RELU:
        return f"ReLU({zs}) = max(0, {zs})"
    if act is Activation.LEAKY_RELU:
        if z > 0:
            return f"LeakyReLU({zs})"
        return f"LeakyReLU({zs}) = α·z = {num(alpha)}·{pfull(z)}"
    if act is Activation.SIGMOID:
        e = math.exp(-z)
        return f"σ({zs}) = 1 / (1 + e^({neg(zs)})) = 1 / (1 + {full(e)})"
    ep, en = math.exp(z), math.exp(-z)
    return (
        f"tanh({zs}) = (e^({zs}) − e^({neg(zs)})) / (e^({zs}) + e^({neg(zs)}))"
        f" = ({full(ep)} − {full(en)}) / ({full(ep)} + {full(en)})"
    )


def derivative_text(act: Activation, z: float, alpha: float = 0.0) -> str:
    """ "σ′(z) = σ(z)·(1 − σ(z)) = 0.622459·(1 − 0.622459) = 0.235004", value included."""
    d = derivative(act, z, alpha)
    zs = full(z)
    if act is Activation.IDENTITY:
        return "f′(z) = 1"
    if act is Activation.RELU:
        return f"ReLU′({zs}) = {full(d)}"
    if act is Activation.LEAKY_RELU:
        return f"LeakyReLU′({zs}) = {full(d)}"
    if act is Activation.SIGMOID:
        s = full(sigmoid(z))
        return f"σ′({zs}) = σ(z)·(1 − σ(z)) = {s}·(1 − {s}) = {full(d)}"
    return f"tanh′({zs}) = 1 − tanh²(z) = 1 − {pfull(math.tanh(z))}² = {full(d)}"
