"""A tiny reverse-mode autograd on float64 NumPy arrays, each backward rule beside its forward rule.

In the spirit of micrograd, but a node holds an array (a scalar, a vector or a matrix), so
that a dense layer is one matrix product rather than a heap of scalar nodes.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from operator import attrgetter
from typing import Any

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def _unbroadcast(grad: Array, shape: tuple[int, ...]) -> Array:
    """Sum `grad` over the axes that broadcasting added or stretched, back to `shape`."""
    if grad.shape == shape:
        return grad
    while grad.ndim > len(shape):
        grad = grad.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1 and grad.shape[axis] != 1:
            grad = grad.sum(axis=axis, keepdims=True)
    return grad


def _noop(grad: Array) -> None:
    return None


_made = itertools.count()  # numbers the tensors in the order they are made
_made_at = attrgetter("_made")


class Tensor:
    """A value in a computation graph, with the gradient of the final output with respect to it."""

    __slots__ = ("_backward", "_made", "_parents", "_used", "data", "grad", "op")

    def __init__(self, data: Any, parents: tuple[Tensor, ...] = (), op: str = "") -> None:
        self.data: Array = np.asarray(data, dtype=np.float64)
        self.grad: Array = np.zeros(self.data.shape)
        self._parents = parents
        self._made = next(_made)  # parents are always made before their children
        # The backward rule receives this node's gradient rather than reading it from the
        # node: a rule that referred to its own output would make every node a reference
        # cycle, left for the cyclic garbage collector (which then dominates the run time).
        self._backward: Callable[[Array], None] = _noop
        self.op = op
        self._used = False  # True once a backward pass has written into `grad`

    def __repr__(self) -> str:
        return f"Tensor({self.data!r}, op={self.op!r})"

    @property
    def shape(self) -> tuple[int, ...]:
        return self.data.shape

    def item(self) -> float:
        return float(self.data)

    # --- elementwise arithmetic -------------------------------------------------------------

    def __add__(self, other: Tensor | float) -> Tensor:
        other = as_tensor(other)
        out = Tensor(self.data + other.data, (self, other), "+")

        def backward(g: Array) -> None:
            self.grad += g if self.data.shape == g.shape else _unbroadcast(g, self.data.shape)
            other.grad += g if other.data.shape == g.shape else _unbroadcast(g, other.data.shape)

        out._backward = backward
        return out

    def __mul__(self, other: Tensor | float) -> Tensor:
        other = as_tensor(other)
        out = Tensor(self.data * other.data, (self, other), "*")

        def backward(g: Array) -> None:
            self.grad += _unbroadcast(other.data * g, self.shape)
            other.grad += _unbroadcast(self.data * g, other.shape)

        out._backward = backward
        return out

    def __neg__(self) -> Tensor:
        return self * -1.0

    def __sub__(self, other: Tensor | float) -> Tensor:
        return self + (-as_tensor(other))

    def __radd__(self, other: float) -> Tensor:
        return as_tensor(other) + self

    def __rmul__(self, other: float) -> Tensor:
        return as_tensor(other) * self

    def __rsub__(self, other: float) -> Tensor:
        return as_tensor(other) + (-self)

    # --- products and reductions ------------------------------------------------------------

    def __matmul__(self, other: Tensor) -> Tensor:
        a, b = self.data, other.data
        out = Tensor(a @ b, (self, other), "@")

        def backward(g: Array) -> None:
            if a.ndim == 1 and b.ndim == 1:  # dot product -> scalar
                self.grad += g * b
                other.grad += g * a
            elif a.ndim == 2 and b.ndim == 1:  # matrix times vector
                self.grad += g[:, None] * b[None, :]
                other.grad += a.T @ g
            elif a.ndim == 1:  # vector times matrix
                self.grad += b @ g
                other.grad += a[:, None] * g[None, :]
            else:
                self.grad += g @ b.T
                other.grad += a.T @ g

        out._backward = backward
        return out

    def affine(self, weight: Tensor, bias: Tensor) -> Tensor:
        """weight @ self + bias in one node: a dense layer's pre-activation z = W·x + b.

        The same value and gradients as `weight @ self + bias` (the rules of @ and + side by
        side), in one step instead of two; it is the hot path of every network exercise.
        """
        w, x, b = weight.data, self.data, bias.data
        if w.ndim != 2 or x.ndim != 1 or b.shape != (w.shape[0],):
            return weight @ self + bias
        # `ndarray.dot` is the same BLAS product as `@` on these shapes, without the ufunc
        # machinery of `@` that costs more than the product itself on a 2x2 matrix.
        out = Tensor(w.dot(x) + b, (weight, self, bias), "affine")

        def backward(g: Array) -> None:
            weight.grad += g[:, None] * x  # the outer product g·xᵀ
            self.grad += g.dot(w)  # Wᵀg
            bias.grad += g

        out._backward = backward
        return out

    def dot(self, other: Tensor) -> Tensor:
        return self @ other

    def sum(self) -> Tensor:
        # `np.add.reduce` is what `ndarray.sum` calls, without its Python wrapper.
        out = Tensor(np.add.reduce(self.data, axis=None), (self,), "sum")

        def backward(g: Array) -> None:
            self.grad += g  # every element gets the scalar g (broadcast: g·1 is g itself)

        out._backward = backward
        return out

    # --- activation functions ---------------------------------------------------------------

    def identity(self) -> Tensor:
        out = Tensor(self.data, (self,), "identity")  # arrays are never changed in place

        def backward(g: Array) -> None:
            self.grad += g

        out._backward = backward
        return out

    def relu(self) -> Tensor:
        out = Tensor(np.maximum(self.data, 0.0), (self,), "relu")

        def backward(g: Array) -> None:
            self.grad += (self.data > 0) * g

        out._backward = backward
        return out

    def leaky_relu(self, alpha: float) -> Tensor:
        out = Tensor(np.where(self.data > 0, self.data, alpha * self.data), (self,), "leaky_relu")

        def backward(g: Array) -> None:
            self.grad += np.where(self.data > 0, 1.0, alpha) * g

        out._backward = backward
        return out

    def sigmoid(self) -> Tensor:
        # 1/(1+e^-z) written through tanh, which never overflows.
        s = 0.5 * (1.0 + np.tanh(0.5 * self.data))
        out = Tensor(s, (self,), "sigmoid")

        def backward(g: Array) -> None:
            self.grad += s * (1.0 - s) * g

        out._backward = backward
        return out

    def tanh(self) -> Tensor:
        t = np.tanh(self.data)
        out = Tensor(t, (self,), "tanh")

        def backward(g: Array) -> None:
            self.grad += (1.0 - t * t) * g

        out._backward = backward
        return out

    # --- losses -----------------------------------------------------------------------------

    def squared_error(self, target: Tensor | Any) -> Tensor:
        """½·Σ(ŷ − y)², the seed's convention: its gradient is the error e = ŷ − y itself.

        A plain number or array as `target` is a constant; a Tensor gets its gradient too.
        """
        y = target.data if isinstance(target, Tensor) else np.asarray(target, dtype=np.float64)
        diff = self.data - y
        parents = (self, target) if isinstance(target, Tensor) else (self,)
        out = Tensor(0.5 * float(np.add.reduce(diff * diff, axis=None)), parents, "squared_error")

        def backward(g: Array) -> None:
            self.grad += diff * g
            if isinstance(target, Tensor):
                target.grad -= diff * g

        out._backward = backward
        return out

    def mse(self, target: Tensor | Any) -> Tensor:
        """The mean squared error (1/n)·Σ(ŷ − y)², without the ½."""
        y = target.data if isinstance(target, Tensor) else np.asarray(target, dtype=np.float64)
        diff = self.data - y
        n = max(diff.size, 1)
        parents = (self, target) if isinstance(target, Tensor) else (self,)
        out = Tensor(float((diff * diff).sum()) / n, parents, "mse")

        def backward(g: Array) -> None:
            self.grad += (2.0 / n) * diff * g
            if isinstance(target, Tensor):
                target.grad -= (2.0 / n) * diff * g

        out._backward = backward
        return out

    # --- the backward pass ------------------------------------------------------------------

    def backward(self) -> None:
        """Fill `.grad` of every tensor this one depends on with d(self)/d(tensor)."""
        order = self._topological()
        for node in order:
            # A new node's gradient is still the zeros it was made with; only a node that an
            # earlier pass wrote into needs fresh ones (this saves an array per node per pass).
            if node._used:
                node.grad = np.zeros(node.data.shape)
            node._used = True
        self.grad = np.empty(self.data.shape)  # `np.ones`, without its Python wrapper
        self.grad.fill(1.0)
        for node in reversed(order):
            node._backward(node.grad)

    def _topological(self) -> list[Tensor]:
        """Every node this one depends on, parents before children (itself last).

        The order the nodes were made in is such an order. A loop over a growing list rather
        than recursion, so a deep graph cannot hit the recursion limit.
        """
        nodes = [self]
        seen = {self}
        for node in nodes:
            for parent in node._parents:
                if parent not in seen:
                    seen.add(parent)
                    nodes.append(parent)
        nodes.sort(key=_made_at)
        return nodes


def as_tensor(value: Tensor | Any) -> Tensor:
    return value if isinstance(value, Tensor) else Tensor(value)
