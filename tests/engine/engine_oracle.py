"""An independent recomputation of every exercise's answer from its params alone.

Written from the definitions, in plain Python and `math`, without importing the engine:
if the engine and this file agree on thousands of instances, both are right or both are
wrong in the same way, and they share no code.
"""

from __future__ import annotations

import math
from typing import Any

Answer = float | tuple[float, ...] | bool


def f(name: str, z: float, alpha: float) -> float:
    if name == "identity":
        return z
    if name == "relu":
        return max(0.0, z)
    if name == "leaky_relu":
        return z if z > 0 else alpha * z
    if name == "sigmoid":
        return 1.0 / (1.0 + math.exp(-z))
    if name == "tanh":
        return math.tanh(z)
    raise AssertionError(name)


def df(name: str, z: float, alpha: float) -> float:
    if name == "identity":
        return 1.0
    if name == "relu":
        return 1.0 if z > 0 else 0.0
    if name == "leaky_relu":
        return 1.0 if z > 0 else alpha
    if name == "sigmoid":
        s = 1.0 / (1.0 + math.exp(-z))
        return s * (1 - s)
    if name == "tanh":
        return 1 - math.tanh(z) ** 2
    raise AssertionError(name)


def dot(a: list[float], b: list[float]) -> float:
    assert len(a) == len(b)
    return sum(x * y for x, y in zip(a, b, strict=True))


def neuron_output(p: dict[str, Any]) -> Answer:
    return dot(p["x"], p["w"]) + p["b"]


def activation(p: dict[str, Any]) -> Answer:
    alpha = p.get("alpha", 0.0)
    z = p["z"] if p["form"] == "z" else dot(p["x"], p["w"]) + p["b"]
    return f(p["function"], z, alpha)


def error_gradient(p: dict[str, Any]) -> Answer:
    alpha = p.get("alpha", 0.0)
    z = dot(p["x"], p["w"]) + p["b"]
    e = f(p["activation"], z, alpha) - p["y"]
    delta = e * df(p["activation"], z, alpha)
    if p["target"] == "b":
        return delta
    if p["target"] == "w":
        return delta * p["x"][p["index"] - 1]
    return tuple(delta * xi for xi in p["x"])


def _train(p: dict[str, Any], steps: int) -> float:
    w, b = list(p["w"]), p["b"]
    for _ in range(steps):
        e = dot(p["x"], w) + b - p["y"]
        w = [wi - p["eta"] * e * xi for wi, xi in zip(w, p["x"], strict=True)]
        b -= p["eta"] * e
    e = dot(p["x"], w) + b - p["y"]
    return 0.5 * e * e


def gradient_step(p: dict[str, Any]) -> Answer:
    if p["mode"] == "loss_after":
        return _train(p, p["steps"])
    if "grad_w" in p:
        gw, gb = p["grad_w"], p["grad_b"]
    else:
        e = dot(p["x"], p["w"]) + p["b"] - p["y"]
        gw, gb = [e * xi for xi in p["x"]], e
    return (
        *(wi - p["eta"] * gi for wi, gi in zip(p["w"], gw, strict=True)),
        p["b"] - p["eta"] * gb,
    )


def learning_rate(p: dict[str, Any]) -> Answer:
    a, c, eta = p["a"], p["c"], p["eta"]
    if p["ask"] == "converge":
        # Simulate rather than use the |1 − 2aη| < 1 rule: the distance after many steps.
        theta = p["theta0"]
        for _ in range(200):
            theta -= eta * 2 * a * (theta - c)
        return abs(theta - c) < abs(p["theta0"] - c)
    theta = p["theta0"]
    for _ in range(p["steps"]):
        theta -= eta * 2 * a * (theta - c)
    return theta


def _network(
    p: dict[str, Any], w1: list[list[float]], w2: list[float]
) -> tuple[list[float], list[float], float]:
    alpha = p.get("alpha", 0.0)
    z1 = [dot(row, p["x"]) + b for row, b in zip(w1, p["b1"], strict=True)]
    h = [f(p["activation"], z, alpha) for z in z1]
    return z1, h, dot(w2, h) + p["b2"]


def backprop_mlp(p: dict[str, Any]) -> Answer:
    assert p["sizes"] == [2, 2, 1]
    alpha = p.get("alpha", 0.0)
    z1, h, y_hat = _network(p, p["W1"], p["w2"])
    e = y_hat - p["y"]
    if p["layer"] == 2:
        return e * h[p["unit"] - 1] if p["parameter"] == "weight" else e
    u = p["unit"] - 1
    back = e * p["w2"][u] * df(p["activation"], z1[u], alpha)
    return back * p["x"][p["input"] - 1] if p["parameter"] == "weight" else back


def weight_sensitivity(p: dict[str, Any]) -> Answer:
    w1 = [list(row) for row in p["W1"]]
    w2 = list(p["w2"])
    u = p["unit"] - 1
    if p["layer"] == 1:
        assert w1[u][p["input"] - 1] == p["old_weight"]
        w1[u][p["input"] - 1] = p["old_weight"] + p["delta"]
    else:
        assert w2[u] == p["old_weight"]
        w2[u] = p["old_weight"] + p["delta"]
    assert math.isclose(p["new_weight"], p["old_weight"] + p["delta"], abs_tol=1e-9)
    return _network(p, w1, w2)[2] - _network(p, p["W1"], p["w2"])[2]


def zero_init(p: dict[str, Any]) -> Answer:
    hidden = p["sizes"][1]
    alpha = p.get("alpha", 0.0)
    q = {**p, "b1": [p["b1_value"]] * hidden}
    w1 = [[p["w1_value"]] * 2 for _ in range(hidden)]
    w2 = [p["w2_value"]] * hidden
    z1, h, y_hat = _network(q, w1, w2)
    e = y_hat - p["y"]
    if p["layer"] == 2:
        return tuple(e * hi for hi in h)
    j = p["input"] - 1
    return tuple(e * w2[i] * df(p["activation"], z1[i], alpha) * p["x"][j] for i in range(hidden))


def normalization(p: dict[str, Any]) -> Answer:
    if "data" in p:
        data = p["data"]
        n = len(data)
        if p["method"] == "zscore":
            mean = sum(data) / n
            std = math.sqrt(sum((v - mean) ** 2 for v in data) / n)

            def norm(v: float) -> float:
                return (v - mean) / std
        else:

            def norm(v: float) -> float:
                return (v - min(data)) / (max(data) - min(data))

        if p["output"] == "vector":
            return tuple(norm(v) for v in data)
        assert p["x"] in data
        return norm(p["x"])
    if p["method"] == "zscore":
        return (p["x"] - p["mean"]) / p["std"]
    return (p["x"] - p["min"]) / (p["max"] - p["min"])


ORACLE = {
    "neuron_output": neuron_output,
    "activation": activation,
    "error_gradient": error_gradient,
    "gradient_step": gradient_step,
    "learning_rate": learning_rate,
    "backprop_mlp": backprop_mlp,
    "weight_sensitivity": weight_sensitivity,
    "zero_init": zero_init,
    "normalization": normalization,
}


def expected(kind: str, params: dict[str, Any]) -> Answer:
    return ORACLE[kind](params)
