"""A tiny reverse-mode autograd on float64 NumPy arrays, each backward rule beside its forward rule.

In the spirit of micrograd, but a node holds an array (a scalar, a vector or a matrix), so
that a dense layer is one matrix product rather than a heap of scalar nodes.

A backward rule takes the gradient g of its node and returns the part of it that goes to each
of the node's parents, in the order of the parents; `backward()` sums the parts per node.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from operator import attrgetter
from typing import Any

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]
Rule = Callable[[Array], tuple[Array, ...]]


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


def _leaf(grad: Array) -> tuple[Array, ...]:
    return ()  # a leaf has no parents to pass its gradient on to


_made = itertools.count()  # numbers the tensors in the order they are made
_made_at = attrgetter("_made")
# 0-d arrays rather than the floats 0.0 and 1.0 as operands: NumPy converts a Python number
# on every call, which costs as much as the operation itself on these small arrays.
_ZERO = np.zeros(())
_ONE = np.ones(())


class Tensor:
    """A value in a computation graph, with the gradient of the final output with respect to it."""

    __slots__ = ("_backward", "_grad", "_made", "_parents", "data", "op")

    def __init__(self, data: Any, parents: tuple[Tensor, ...] = (), op: str = "") -> None:
        self.data: Array = np.asarray(data, dtype=np.float64)
        # The sum of the parts from the latest backward pass, None before any: no array of
        # zeros to add them into for every node (`grad` adds the zero when it is read).
        self._grad: Array | None = None
        self._parents = parents
        self._made = next(_made)  # parents are always made before their children
        # The backward rule receives this node's gradient rather than reading it from the
        # node: a rule that referred to its own output would make every node a reference
        # cycle, left for the cyclic garbage collector (which then dominates the run time).
        self._backward: Rule = _leaf
        self.op = op

    def __repr__(self) -> str:
        return f"Tensor({self.data!r}, op={self.op!r})"

    @property
    def shape(self) -> tuple[int, ...]:
        return self.data.shape

    @property
    def grad(self) -> Array:
        """d(output)/d(self) from the latest backward pass through this tensor; zeros before."""
        if self._grad is None:
            return np.zeros(self.data.shape)
        # 0 + g, the gradient as if summed into zeros: the same numbers as the sum of the parts,
        # except that a -0.0 becomes 0.0. (A 0-d sum comes back from NumPy as a scalar.)
        grad = self._grad + _ZERO
        return grad if grad.ndim else np.asarray(grad)

    def item(self) -> float:
        return float(self.data)

    # --- elementwise arithmetic -------------------------------------------------------------

    def __add__(self, other: Tensor | float) -> Tensor:
        other = as_tensor(other)
        a_shape, b_shape = self.data.shape, other.data.shape

        def backward(g: Array) -> tuple[Array, ...]:
            return _unbroadcast(g, a_shape), _unbroadcast(g, b_shape)

        return _node(self.data + other.data, (self, other), "+", backward)

    def __mul__(self, other: Tensor | float) -> Tensor:
        other = as_tensor(other)
        a, b = self.data, other.data

        def backward(g: Array) -> tuple[Array, ...]:
            return _unbroadcast(b * g, a.shape), _unbroadcast(a * g, b.shape)

        return _node(a * b, (self, other), "*", backward)

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

        def backward(g: Array) -> tuple[Array, ...]:
            if a.ndim == 1 and b.ndim == 1:  # dot product -> scalar
                return g * b, g * a
            if a.ndim == 2 and b.ndim == 1:  # matrix times vector
                return g[:, None] * b[None, :], a.T @ g
            if a.ndim == 1:  # vector times matrix
                return b @ g, a[:, None] * g[None, :]
            return g @ b.T, a.T @ g

        return _node(a @ b, (self, other), "@", backward)

    def affine(self, weight: Tensor, bias: Tensor) -> Tensor:
        """weight @ self + bias in one node: a dense layer's pre-activation z = W·x + b.

        The same value and gradients as `weight @ self + bias` (the rules of @ and + side by
        side), in one step instead of two; it is the hot path of every network exercise.
        """
        w, x, b = weight.data, self.data, bias.data
        if w.ndim != 2 or x.ndim != 1 or b.shape != (w.shape[0],):
            return weight @ self + bias

        def backward(g: Array) -> tuple[Array, ...]:
            # The outer product g·xᵀ as a matrix product of a column and a row: each entry is
            # the one product gᵢ·xⱼ either way, and BLAS is cheaper than a broadcast multiply.
            return g[:, None].dot(x[None, :]), g.dot(w), g  # then Wᵀg, then g

        # `ndarray.dot` is the same BLAS product as `@` on these shapes, without the ufunc
        # machinery of `@` that costs more than the product itself on a 2x2 matrix.
        return _node(w.dot(x) + b, (weight, self, bias), "affine", backward)

    def dot(self, other: Tensor) -> Tensor:
        return self @ other

    def sum(self) -> Tensor:
        shape = self.data.shape

        def backward(g: Array) -> tuple[Array, ...]:
            return (np.zeros(shape) + g,)  # every element gets the scalar g

        # `np.add.reduce` is what `ndarray.sum` calls, without its Python wrapper.
        return _node(np.add.reduce(self.data, axis=None), (self,), "sum", backward)

    # --- activation functions ---------------------------------------------------------------

    def identity(self) -> Tensor:
        # The same array as the input's: arrays are never changed in place.
        return _node(self.data, (self,), "identity", _pass_on)

    def relu(self) -> Tensor:
        z = self.data

        def backward(g: Array) -> tuple[Array, ...]:
            # The step function H(z) (0 at z = 0) times g: (z > 0)·g without a bool-to-float cast.
            return (np.heaviside(z, _ZERO) * g,)

        return _node(np.maximum(z, _ZERO), (self,), "relu", backward)

    def leaky_relu(self, alpha: float) -> Tensor:
        z = self.data

        def backward(g: Array) -> tuple[Array, ...]:
            return (np.where(z > 0, 1.0, alpha) * g,)

        return _node(np.where(z > 0, z, alpha * z), (self,), "leaky_relu", backward)

    def sigmoid(self) -> Tensor:
        # 1/(1+e^-z) written through tanh, which never overflows.
        s = 0.5 * (1.0 + np.tanh(0.5 * self.data))

        def backward(g: Array) -> tuple[Array, ...]:
            return (s * (1.0 - s) * g,)

        return _node(s, (self,), "sigmoid", backward)

    def tanh(self) -> Tensor:
        t = np.tanh(self.data)

        def backward(g: Array) -> tuple[Array, ...]:
            return ((1.0 - t * t) * g,)

        return _node(t, (self,), "tanh", backward)

    # --- losses -----------------------------------------------------------------------------

    def squared_error(self, target: Tensor | Any) -> Tensor:
        """½·Σ(ŷ − y)², the seed's convention: its gradient is the error e = ŷ − y itself.

        A plain number or array as `target` is a constant; a Tensor gets its gradient too.
        """
        diff, parents = self._error(target)

        def backward(g: Array) -> tuple[Array, ...]:
            grad = diff * g
            return (grad, -grad) if len(parents) == 2 else (grad,)

        # Σ(ŷ − y)² as the dot product diff·diff: one BLAS call rather than a square and a sum.
        return _node(0.5 * float(np.dot(diff, diff)), parents, "squared_error", backward)

    def mse(self, target: Tensor | Any) -> Tensor:
        """The mean squared error (1/n)·Σ(ŷ − y)², without the ½."""
        diff, parents = self._error(target)
        n = max(diff.size, 1)

        def backward(g: Array) -> tuple[Array, ...]:
            grad = (2.0 / n) * diff * g
            return (grad, -grad) if len(parents) == 2 else (grad,)

        return _node(float((diff * diff).sum()) / n, parents, "mse", backward)

    def _error(self, target: Tensor | Any) -> tuple[Array, tuple[Tensor, ...]]:
        """ŷ − y, and the loss node's parents: the target too if it is a Tensor."""
        if isinstance(target, Tensor):
            return self.data - target.data, (self, target)
        return self.data - np.asarray(target, dtype=np.float64), (self,)

    # --- the backward pass ------------------------------------------------------------------

    def backward(self) -> None:
        """Fill `.grad` of every tensor this one depends on with d(self)/d(tensor)."""
        order = self._operations()
        # Gradients are never changed in place (the parts are summed into new arrays), so a
        # scalar output can start from one shared 1.
        self._grad = _ONE if self.data.shape == () else np.ones(self.data.shape)
        for node in order:  # children first: a node's sum is complete when it is read
            # Set for every node here, as every one of them feeds this one.
            grad: Array = node._grad  # type: ignore[assignment]
            for parent, part in zip(node._parents, node._backward(grad), strict=True):
                parent._grad = part if parent._grad is None else parent._grad + part

    def _operations(self) -> list[Tensor]:
        """This node and every node with parents that it depends on, children before parents.

        Clears the gradient of every node it reaches, the leaves too (which have no rule to
        run, so they are left out). The reverse of the order the nodes were made in is such an
        order. A loop over a growing list rather than recursion, so a deep graph cannot hit the
        recursion limit.
        """
        nodes = [self]
        seen = {self}
        for node in nodes:
            for parent in node._parents:
                if parent not in seen:
                    seen.add(parent)
                    parent._grad = None  # forget an earlier pass
                    if parent._parents:
                        nodes.append(parent)
        nodes.sort(key=_made_at, reverse=True)
        return nodes


_new_tensor = object.__new__


def _node(data: Any, parents: tuple[Tensor, ...], op: str, backward: Rule) -> Tensor:
    """The result of an operation on float64 arrays, with its backward rule.

    Made without `Tensor.__init__`, whose conversion it does not need: the data is already a
    float64 array, or a float64 scalar (NumPy's result for 0-d operands) made a 0-d array here.
    """
    out: Tensor = _new_tensor(Tensor)
    out.data = data if type(data) is np.ndarray else np.asarray(data, dtype=np.float64)
    out._grad = None
    out._parents = parents
    out._made = next(_made)
    out._backward = backward
    out.op = op
    return out


def _pass_on(grad: Array) -> tuple[Array, ...]:
    return (grad,)  # the identity's rule: the gradient goes through unchanged


def as_tensor(value: Tensor | Any) -> Tensor:
    return value if isinstance(value, Tensor) else Tensor(value)
