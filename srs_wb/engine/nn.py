"""A dense layer and a tiny multi-layer network, built on the autograd."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from srs_wb.engine.activations import Activation
from srs_wb.engine.autograd import Tensor


def activate(z: Tensor, activation: Activation, alpha: float = 0.0) -> Tensor:
    return _ACTIVATE[activation](z, alpha)


_ACTIVATE: dict[Activation, Callable[[Tensor, float], Tensor]] = {
    Activation.IDENTITY: lambda z, alpha: z,  # the identity adds nothing to the graph
    Activation.RELU: lambda z, alpha: z.relu(),
    Activation.LEAKY_RELU: lambda z, alpha: z.leaky_relu(alpha),
    Activation.SIGMOID: lambda z, alpha: z.sigmoid(),
    Activation.TANH: lambda z, alpha: z.tanh(),
}

# The layer, the network and the trace are named tuples rather than frozen dataclasses: as
# immutable, and made several times faster (a frozen dataclass sets each field through
# `object.__setattr__`), which counts when every network exercise builds a network.


class Dense(NamedTuple):
    """f(W·x + b): `weight` has one row per unit, `bias` one entry per unit."""

    weight: Tensor
    bias: Tensor
    activation: Activation = Activation.IDENTITY
    alpha: float = 0.0  # the negative slope of leaky ReLU

    @classmethod
    def of(
        cls,
        weight: Sequence[Sequence[float]],
        bias: Sequence[float],
        activation: Activation = Activation.IDENTITY,
        alpha: float = 0.0,
    ) -> Dense:
        return cls(Tensor(weight), Tensor(bias), activation, alpha)

    def pre_activation(self, x: Tensor) -> Tensor:
        return x.affine(self.weight, self.bias)

    def __call__(self, x: Tensor) -> Tensor:
        return _ACTIVATE[self.activation](x.affine(self.weight, self.bias), self.alpha)

    def parameters(self) -> tuple[Tensor, Tensor]:
        return (self.weight, self.bias)


class Trace(NamedTuple):
    """Every intermediate value of one forward pass: z and a = f(z) of each layer."""

    pre: tuple[Tensor, ...]
    post: tuple[Tensor, ...]

    @property
    def output(self) -> Tensor:
        return self.post[-1]


class MLP(NamedTuple):
    """Dense layers applied in order."""

    layers: tuple[Dense, ...]

    def __call__(self, x: Tensor) -> Tensor:
        for layer in self.layers:
            x = layer(x)
        return x

    def trace(self, x: Tensor) -> Trace:
        """A forward pass that keeps every layer's z and a; call backward() on what you need."""
        pre: list[Tensor] = []
        post: list[Tensor] = []
        a = x
        for weight, bias, activation, alpha in self.layers:
            z = a.affine(weight, bias)
            a = _ACTIVATE[activation](z, alpha)
            pre.append(z)
            post.append(a)
        return Trace(tuple(pre), tuple(post))

    def parameters(self) -> list[Tensor]:
        return [p for layer in self.layers for p in layer.parameters()]
