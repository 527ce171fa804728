"""The autograd against central finite differences on randomly built graphs, and its layers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from srs_wb.engine.activations import Activation
from srs_wb.engine.autograd import Tensor
from srs_wb.engine.nn import MLP, Dense

REL_TOL = 1e-6  # |autograd − finite difference| ≤ REL_TOL · max(1, |autograd|, |fd|)
STEP = 1e-6
ALPHA = 0.1
ACTS = ("identity", "relu", "leaky_relu", "sigmoid", "tanh")

# --- a tiny program language, run either on Tensors or on plain NumPy arrays ------------------
# Pools by shape: vectors (n,), matrices (n, n), scalars (). Leaves: vectors a, b, t (a target),
# matrix m, column c (n, 1), scalar s. Each instruction reads from pools by index and appends
# its result; broadcasting a scalar, a vector or a column against a matrix is exercised too.

Instruction = tuple[str, int, int]
OPS = (
    *(f"act:{name}:v" for name in ACTS),
    *(f"act:{name}:m" for name in ACTS),
    "add:vv", "mul:vv", "add:mm", "mul:mm", "add:vs", "mul:vs", "mul:mv", "add:mv",
    "add:mc", "mul:cm", "add:ms",
    "matmul:mv", "matmul:vm", "matmul:mm", "matmul:vv",
    "sum:v", "sum:m", "se:v", "mse:v", "mul:ss",
)  # fmt: skip


def _np_act(name: str, x: Any, kinks: list[float]) -> Any:
    if name in ("relu", "leaky_relu"):
        kinks.append(float(np.min(np.abs(x))))
    if name == "identity":
        return x
    if name == "relu":
        return np.where(x > 0, x, 0.0)
    if name == "leaky_relu":
        return np.where(x > 0, x, ALPHA * x)
    if name == "sigmoid":
        return 1 / (1 + np.exp(-x))
    return np.tanh(x)


def _t_act(name: str, x: Tensor) -> Tensor:
    if name == "leaky_relu":
        return x.leaky_relu(ALPHA)
    method: Callable[[], Tensor] = getattr(x, name)
    return method()


def run_program(
    program: list[Instruction], leaves: dict[str, Any], *, tensors: bool, kinks: list[float]
) -> Any:
    v, m, s = [leaves["a"], leaves["b"]], [leaves["m"]], [leaves["s"]]
    t, c = leaves["t"], leaves["c"]

    def act(name: str, x: Any) -> Any:
        return _t_act(name, x) if tensors else _np_act(name, x, kinks)

    for op, i, j in program:
        vi, vj = v[i % len(v)], v[j % len(v)]
        mi, mj = m[i % len(m)], m[j % len(m)]
        sj, si = s[j % len(s)], s[i % len(s)]
        kind, _, shape = op.partition(":")
        if kind == "act":
            name, target = shape.split(":")
            (v if target == "v" else m).append(act(name, vi if target == "v" else mi))
        elif op == "add:vv":
            v.append(vi + vj)
        elif op == "mul:vv":
            v.append(vi * vj)
        elif op == "add:mm":
            m.append(mi + mj)
        elif op == "mul:mm":
            m.append(mi * mj)
        elif op == "add:vs":
            v.append(vi + sj)
        elif op == "mul:vs":
            v.append(vi * sj)
        elif op == "mul:mv":
            m.append(mi * vj)
        elif op == "add:mv":
            m.append(mi + vj)
        elif op == "add:mc":
            m.append(mi + c)
        elif op == "mul:cm":
            m.append(c * mi)
        elif op == "add:ms":
            m.append(mi + sj)
        elif op == "matmul:mv":
            v.append(mi @ vj)
        elif op == "matmul:vm":
            v.append(vi @ mj)
        elif op == "matmul:mm":
            m.append(mi @ mj)
        elif op == "matmul:vv":
            s.append(vi @ vj if tensors else np.dot(vi, vj))
        elif op == "sum:v":
            s.append(vi.sum())
        elif op == "sum:m":
            s.append(mi.sum())
        elif op == "se:v":
            s.append(vi.squared_error(t) if tensors else 0.5 * np.sum((vi - t) ** 2))
        elif op == "mse:v":
            s.append(vi.mse(t) if tensors else np.mean((vi - t) ** 2))
        elif op == "mul:ss":
            s.append(si * sj)
        else:  # pragma: no cover
            raise AssertionError(op)
    total = v[-1].sum() + m[-1].sum()
    for scalar in s:
        total = total + scalar
    return total


@st.composite
def graphs(draw: st.DrawFn) -> tuple[list[Instruction], dict[str, np.ndarray]]:
    n = draw(st.integers(1, 3))
    values = st.floats(-2, 2, allow_nan=False, allow_infinity=False)

    def array(*shape: int) -> np.ndarray:
        size = int(np.prod(shape)) if shape else 1
        data = draw(st.lists(values, min_size=size, max_size=size))
        return np.array(data, dtype=np.float64).reshape(shape)

    leaves = {
        "a": array(n),
        "b": array(n),
        "t": array(n),
        "m": array(n, n),
        "c": array(n, 1),
        "s": array(),
    }
    program = draw(
        st.lists(
            st.tuples(st.sampled_from(OPS), st.integers(0, 20), st.integers(0, 20)),
            min_size=1,
            max_size=10,
        )
    )
    return program, leaves


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_gradients_match_central_differences(graph: Any) -> None:
    program, leaves = graph
    kinks: list[float] = []
    value = run_program(program, leaves, tensors=False, kinks=kinks)
    assume(np.isfinite(value) and abs(value) < 100)
    assume(all(k > 1e-3 for k in kinks))  # finite differences across a ReLU kink are meaningless

    inputs = {name: Tensor(array.copy()) for name, array in leaves.items()}
    out = run_program(program, inputs, tensors=True, kinks=[])
    # The forward pass agrees with plain NumPy ...
    assert out.shape == ()
    assert np.isclose(out.item(), value, rtol=1e-12, atol=1e-12)
    out.backward()
    # ... and every gradient agrees with a central difference.
    for name, array in leaves.items():
        for index in np.ndindex(array.shape or ()):
            up, down = (
                {k: a.copy() for k, a in leaves.items()},
                {k: a.copy() for k, a in leaves.items()},
            )
            up[name][index] += STEP
            down[name][index] -= STEP
            fd = (
                run_program(program, up, tensors=False, kinks=[])
                - run_program(program, down, tensors=False, kinks=[])
            ) / (2 * STEP)
            grad = float(inputs[name].grad[index])
            assert abs(grad - fd) <= REL_TOL * max(1.0, abs(grad), abs(fd)), (name, index, grad, fd)


def test_each_operation_has_its_textbook_derivative() -> None:
    z = Tensor([-2.0, 0.5, 3.0])
    (z.relu().sum()).backward()
    assert z.grad.tolist() == [0.0, 1.0, 1.0]
    (z.leaky_relu(0.1).sum()).backward()
    assert z.grad.tolist() == [0.1, 1.0, 1.0]
    zero = Tensor(0.0)
    zero.sigmoid().backward()
    assert zero.grad == pytest.approx(0.25)
    zero.tanh().backward()
    assert zero.grad == pytest.approx(1.0)
    zero.identity().backward()
    assert zero.grad == 1.0
    a, b = Tensor([1.0, 2.0]), Tensor([3.0, -4.0])
    (a * b).sum().backward()
    assert a.grad.tolist() == [3.0, -4.0] and b.grad.tolist() == [1.0, 2.0]
    a.dot(b).backward()
    assert a.grad.tolist() == [3.0, -4.0]
    (a + b).sum().backward()
    assert a.grad.tolist() == [1.0, 1.0]
    (a - b).sum().backward()
    assert b.grad.tolist() == [-1.0, -1.0]


def test_squared_error_uses_the_half_convention_and_mse_does_not() -> None:
    y_hat, y = Tensor([0.8]), Tensor([1.0])
    loss = y_hat.squared_error(y)
    loss.backward()
    assert loss.item() == pytest.approx(0.02)
    assert y_hat.grad.tolist() == pytest.approx([-0.2])  # dL/dŷ = e = ŷ − y
    pred = Tensor([1.0, 3.0])
    loss = pred.mse([0.0, 0.0])
    loss.backward()
    assert loss.item() == pytest.approx(5.0)
    assert pred.grad.tolist() == pytest.approx([1.0, 3.0])  # 2(ŷ − y)/n


def test_backward_twice_gives_the_same_gradients() -> None:
    w = Tensor([0.5, -0.5])
    loss = (w * Tensor([2.0, 3.0])).sum().sigmoid()
    loss.backward()
    first = w.grad.copy()
    loss.backward()
    assert np.array_equal(first, w.grad)


def test_a_tensor_reused_in_a_new_graph_gets_only_the_new_gradient() -> None:
    w = Tensor([0.5, -0.5])
    (w * Tensor([2.0, 3.0])).sum().backward()
    assert w.grad.tolist() == [2.0, 3.0]
    (w * Tensor([-1.0, 4.0])).sum().backward()  # no gradient left over from the first graph
    assert w.grad.tolist() == [-1.0, 4.0]
    assert Tensor([1.0, 2.0]).grad.tolist() == [0.0, 0.0]  # a new tensor starts at zero


def test_a_deep_graph_does_not_hit_the_recursion_limit() -> None:
    x = Tensor(1.0)
    y = x
    for _ in range(5000):
        y = y * 1.0001
    y.backward()
    assert x.grad == pytest.approx(1.0001**5000)


def test_dense_layer_matches_the_seed_example() -> None:
    layer = Dense.of([[0.2, 0.8, -0.5]], [0.1])
    out = layer(Tensor([1.0, 2.0, 3.0]))
    assert out.data.tolist() == pytest.approx([0.4])
    relu = Dense.of([[0.2, 0.8, -0.5]], [-1.0], Activation.RELU)
    assert relu(Tensor([1.0, 2.0, 3.0])).data.tolist() == [0.0]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.floats(-1.5, 1.5), min_size=13, max_size=13),
    st.sampled_from(list(Activation)),
)
def test_mlp_gradients_match_central_differences(numbers: list[float], act: Activation) -> None:
    x, w1, b1 = numbers[0:2], [numbers[2:4], numbers[4:6]], numbers[6:8]
    w2, b2, y = [numbers[8:10]], [numbers[10]], numbers[11]

    def loss(w1_: Any, b1_: Any, w2_: Any, b2_: Any) -> float:
        net = MLP((Dense.of(w1_, b1_, act, 0.1), Dense.of(w2_, b2_)))
        return float(net(Tensor(x)).squared_error([y]).item())

    z1 = np.array(w1) @ np.array(x) + np.array(b1)
    assume(act not in (Activation.RELU, Activation.LEAKY_RELU) or np.min(np.abs(z1)) > 1e-3)
    net = MLP((Dense.of(w1, b1, act, 0.1), Dense.of(w2, b2)))
    trace = net.trace(Tensor(x))
    trace.output.squared_error([y]).backward()
    arrays = [np.array(w1), np.array(b1), np.array(w2), np.array(b2)]
    for k, param in enumerate(net.parameters()):
        for index in np.ndindex(arrays[k].shape):
            up = [a.copy() for a in arrays]
            down = [a.copy() for a in arrays]
            up[k][index] += STEP
            down[k][index] -= STEP
            fd = (loss(*up) - loss(*down)) / (2 * STEP)
            grad = float(param.grad[index])
            assert abs(grad - fd) <= REL_TOL * max(1.0, abs(grad), abs(fd))
    assert np.allclose(trace.pre[0].data, z1)
