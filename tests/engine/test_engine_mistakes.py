"""Known mistakes: a wrong answer made the usual wrong way is named, in both languages.

Each wrong value is computed here from the instance's params, the way a learner would get
it wrong, independently of the engine.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest
from engine_oracle import _network, df, dot, expected, f

from srs_wb.engine import Exercise, GradeStatus, generate, grade

Wrong = Callable[[dict[str, Any]], Any]


def _z(p: dict[str, Any]) -> float:
    return dot(p["x"], p["w"]) + p["b"]


def _e(p: dict[str, Any]) -> float:
    return f(p["activation"], _z(p), p.get("alpha", 0.0)) - p["y"]


def _d(p: dict[str, Any]) -> float:
    return df(p["activation"], _z(p), p.get("alpha", 0.0))


def _x(p: dict[str, Any]) -> float:
    return p["x"][p["index"] - 1]


def _train_loss(p: dict[str, Any], steps: int, sign: float = 1.0, bias: bool = True) -> float:
    w, b = list(p["w"]), p["b"]
    for _ in range(steps):
        e = dot(p["x"], w) + b - p["y"]
        w = [wi - sign * p["eta"] * e * xi for wi, xi in zip(w, p["x"], strict=True)]
        b -= sign * p["eta"] * e if bias else 0.0
    e = dot(p["x"], w) + b - p["y"]
    return 0.5 * e * e


def _theta(p: dict[str, Any], factor: float, steps: int) -> float:
    return p["c"] + (p["theta0"] - p["c"]) * factor**steps


def _mlp(p: dict[str, Any]) -> tuple[list[float], list[float], float, float]:
    z1, h, y_hat = _network(p, p["W1"], p["w2"])
    return z1, h, y_hat, y_hat - p["y"]


def _bp_back(p: dict[str, Any]) -> tuple[float, float, float]:
    z1, _, _, e = _mlp(p)
    u = p["unit"] - 1
    return e, p["w2"][u], df(p["activation"], z1[u], p.get("alpha", 0.0))


def _ws_new_output(p: dict[str, Any]) -> float:
    return _network(p, p["W1"], p["w2"])[2] + expected("weight_sensitivity", p)


def _ws_slope(p: dict[str, Any]) -> float:
    z1, h, _ = _network(p, p["W1"], p["w2"])
    u = p["unit"] - 1
    if p["layer"] == 2:
        return h[u]
    return p["w2"][u] * df(p["activation"], z1[u], p.get("alpha", 0.0)) * p["x"][p["input"] - 1]


def _zi(p: dict[str, Any]) -> tuple[float, float, float, float]:
    """z, h, e and f′(z) of the equal hidden units of a zero_init instance."""
    z = p["w1_value"] * sum(p["x"]) + p["b1_value"]
    alpha = p.get("alpha", 0.0)
    h = f(p["activation"], z, alpha)
    y_hat = p["w2_value"] * h * p["sizes"][1] + p["b2"]
    return z, h, y_hat - p["y"], df(p["activation"], z, alpha)


def _both(p: dict[str, Any], value: float) -> tuple[float, ...]:
    return (value,) * p["sizes"][1]


def _mean_std(p: dict[str, Any]) -> tuple[float, float]:
    if "mean" in p:
        return p["mean"], p["std"]
    return sum(p["data"]) / len(p["data"]), _std(p["data"], 0)


def _min_max(p: dict[str, Any]) -> tuple[float, float]:
    return (p["min"], p["max"]) if "min" in p else (min(p["data"]), max(p["data"]))


def _std(data: list[float], ddof: int) -> float:
    mean = sum(data) / len(data)
    return math.sqrt(sum((v - mean) ** 2 for v in data) / (len(data) - ddof))


CASES: list[tuple[str, dict[str, Any], str, Wrong]] = [
    ("neuron_output", {}, "forgot_bias", lambda p: dot(p["x"], p["w"])),
    ("neuron_output", {}, "subtracted_bias", lambda p: dot(p["x"], p["w"]) - p["b"]),
    ("activation", {"form": "neuron", "functions": "sigmoid"}, "forgot_bias",
     lambda p: f("sigmoid", dot(p["x"], p["w"]), 0)),
    ("activation", {"form": "neuron", "functions": "relu"}, "used_preactivation", _z),
    ("activation", {"form": "z", "functions": "relu"}, "used_preactivation", lambda p: p["z"]),
    ("activation", {"form": "z", "functions": "leaky_relu"}, "leaky_as_relu",
     lambda p: max(p["z"], 0.0)),
    ("activation", {"form": "z", "functions": "sigmoid"}, "sigmoid_sign",
     lambda p: 1 - f("sigmoid", p["z"], 0)),
    ("activation", {"form": "z", "functions": "sigmoid"}, "sigmoid_tanh_swapped",
     lambda p: math.tanh(p["z"])),
    ("activation", {"form": "z", "functions": "tanh"}, "sigmoid_tanh_swapped",
     lambda p: f("sigmoid", p["z"], 0)),
    ("error_gradient", {"target": "w"}, "sign_error", lambda p: -_e(p) * _d(p) * _x(p)),
    ("error_gradient", {"target": "b"}, "sign_error", lambda p: -_e(p) * _d(p)),
    ("error_gradient", {"target": "w", "activation": "sigmoid"}, "forgot_activation_derivative",
     lambda p: _e(p) * _x(p)),
    ("error_gradient", {"target": "b", "activation": "tanh"}, "forgot_activation_derivative",
     lambda p: _e(p)),
    ("error_gradient", {"target": "w", "activation": "sigmoid"}, "used_preactivation",
     lambda p: (_z(p) - p["y"]) * _d(p) * _x(p)),
    ("error_gradient", {"target": "w"}, "forgot_input", lambda p: _e(p) * _d(p)),
    ("error_gradient", {"target": "w"}, "ignored_half", lambda p: 2 * _e(p) * _d(p) * _x(p)),
    ("error_gradient", {"target": "weights"}, "sign_error",
     lambda p: tuple(-_e(p) * _d(p) * xi for xi in p["x"])),
    ("gradient_step", {"mode": "step"}, "added_gradient",
     lambda p: tuple(v + p["eta"] * g for v, g in zip([*p["w"], p["b"]], _grads(p), strict=True))),
    ("gradient_step", {"mode": "step"}, "forgot_learning_rate",
     lambda p: tuple(v - g for v, g in zip([*p["w"], p["b"]], _grads(p), strict=True))),
    ("gradient_step", {"mode": "step"}, "bias_not_updated",
     lambda p: (*expected("gradient_step", p)[:-1], p["b"])),
    ("gradient_step", {"mode": "loss_after"}, "forgot_half",
     lambda p: 2 * _train_loss(p, p["steps"])),
    ("gradient_step", {"mode": "loss_after"}, "off_by_one_step",
     lambda p: [_train_loss(p, p["steps"] - 1), _train_loss(p, p["steps"] + 1)]),
    ("gradient_step", {"mode": "loss_after"}, "added_gradient",
     lambda p: _train_loss(p, p["steps"], sign=-1.0)),
    ("gradient_step", {"mode": "loss_after"}, "bias_not_updated",
     lambda p: _train_loss(p, p["steps"], bias=False)),
    ("learning_rate", {"ask": "value"}, "added_gradient",
     lambda p: _theta(p, 1 + 2 * p["a"] * p["eta"], p["steps"])),
    ("learning_rate", {"ask": "value"}, "forgot_factor_two",
     lambda p: _theta(p, 1 - p["a"] * p["eta"], p["steps"])),
    ("learning_rate", {"ask": "value"}, "off_by_one_step",
     lambda p: [_theta(p, 1 - 2 * p["a"] * p["eta"], p["steps"] + k) for k in (-1, 1)]),
    ("learning_rate", {"ask": "converge"}, "too_large_rate", lambda p: True),
    ("learning_rate", {"ask": "converge"}, "rate_small_enough", lambda p: False),
    ("backprop_mlp", {"layer": 1, "parameter": "weight"}, "sign_error",
     lambda p: -expected("backprop_mlp", p)),
    ("backprop_mlp", {"layer": 1, "parameter": "weight"}, "forgot_activation_derivative",
     lambda p: _bp_back(p)[0] * _bp_back(p)[1] * p["x"][p["input"] - 1]),
    ("backprop_mlp", {"layer": 1, "parameter": "bias"}, "forgot_output_weight",
     lambda p: _bp_back(p)[0] * _bp_back(p)[2]),
    ("backprop_mlp", {"layer": 1, "parameter": "weight"}, "forgot_input",
     lambda p: _bp_back(p)[0] * _bp_back(p)[1] * _bp_back(p)[2]),
    ("backprop_mlp", {"layer": 2, "parameter": "weight", "activation": "sigmoid"},
     "used_preactivation", lambda p: _mlp(p)[3] * _mlp(p)[0][p["unit"] - 1]),
    ("backprop_mlp", {"layer": 2, "parameter": "bias"}, "ignored_half", lambda p: 2 * _mlp(p)[3]),
    ("weight_sensitivity", {}, "wrong_direction", lambda p: -expected("weight_sensitivity", p)),
    ("weight_sensitivity", {}, "gave_new_output", _ws_new_output),
    ("weight_sensitivity", {"activation": "sigmoid", "layer": 1}, "linear_estimate",
     lambda p: _ws_slope(p) * p["delta"]),
    ("zero_init", {"layer": 1}, "forgot_output_weight",
     lambda p: _both(p, _zi(p)[2] * _zi(p)[3] * p["x"][p["input"] - 1])),
    ("zero_init", {"layer": 1, "activation": "tanh"}, "forgot_activation_derivative",
     lambda p: _both(p, _zi(p)[2] * p["w2_value"] * p["x"][p["input"] - 1])),
    ("zero_init", {"layer": 2, "activation": "sigmoid"}, "used_preactivation",
     lambda p: _both(p, _zi(p)[2] * _zi(p)[0])),
    ("zero_init", {"layer": 2}, "sign_error", lambda p: _both(p, -_zi(p)[2] * _zi(p)[1])),
    ("normalization", {"method": "zscore", "output": "value"}, "forgot_mean",
     lambda p: p["x"] / _mean_std(p)[1]),
    ("normalization", {"method": "zscore", "output": "value"}, "used_variance",
     lambda p: (p["x"] - _mean_std(p)[0]) / _mean_std(p)[1] ** 2),
    ("normalization", {"method": "zscore", "output": "value"}, "sample_std",
     lambda p: (p["x"] - sum(p["data"]) / len(p["data"])) / _std(p["data"], 1)),
    ("normalization", {"method": "minmax", "output": "value"}, "forgot_min",
     lambda p: p["x"] / (_min_max(p)[1] - _min_max(p)[0])),
    ("normalization", {"method": "minmax", "output": "value"}, "divided_by_max",
     lambda p: (p["x"] - _min_max(p)[0]) / _min_max(p)[1]),
    ("normalization", {"method": "minmax", "output": "vector"}, "reversed_scale",
     lambda p: tuple((max(p["data"]) - v) / (max(p["data"]) - min(p["data"])) for v in p["data"])),
]  # fmt: skip


def _grads(p: dict[str, Any]) -> list[float]:
    if "grad_w" in p:
        return [*p["grad_w"], p["grad_b"]]
    e = dot(p["x"], p["w"]) + p["b"] - p["y"]
    return [*(e * xi for xi in p["x"]), e]


def typed(value: Any, decimals: int | None) -> str:
    if isinstance(value, bool):
        return "да" if value else "не"
    assert decimals is not None
    if isinstance(value, tuple):
        return "; ".join(f"{v:.{decimals}f}".replace(".", ",") for v in value)
    return f"{value:.{decimals}f}"


def instances(kind: str, params: dict[str, Any], code: str) -> list[Exercise]:
    """Instances (over seeds and difficulties) in which `code` is a possible mistake."""
    found = []
    for difficulty in (1, 2, 3):
        for seed in range(300):
            exercise = generate(kind, seed, difficulty, params)
            if code in {m.code for m in exercise.mistakes}:
                found.append(exercise)
            if len(found) >= 5 * difficulty:
                break
    return found


@pytest.mark.parametrize(("kind", "params", "code", "wrong"), CASES)
def test_known_mistake_is_named(kind: str, params: dict[str, Any], code: str, wrong: Wrong) -> None:
    found = instances(kind, params, code)
    assert len(found) >= 5, f"{code} never arises for {kind} {params}"
    for exercise in found:
        value = wrong(exercise.params)
        engine_values = [m.value for m in exercise.mistakes if m.code == code]
        if isinstance(value, list):  # one code, several slips (a step too few or too many)
            value = next(v for v in value if any(_close(v, e) for e in engine_values))
        assert any(_close(value, e) for e in engine_values), (exercise.params, value)
        verdict = grade(exercise, typed(value, exercise.decimals))
        assert verdict.status is GradeStatus.INCORRECT
        assert verdict.mistake == code, (exercise.params, value, verdict)
        assert verdict.mistake_text is not None
        assert verdict.mistake_text["bg"] and verdict.mistake_text["en"]
        assert verdict.to_json("bg")["mistake_text"] == verdict.mistake_text["bg"]


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, tuple):
        return all(math.isclose(x, y, abs_tol=1e-9) for x, y in zip(a, b, strict=True))
    return math.isclose(a, b, abs_tol=1e-9)


def test_the_seed_pitfall_texts_use_the_seed_words() -> None:
    texts = {}
    for kind, params, code, _ in CASES:
        exercise = instances(kind, params, code)[0]
        texts[code] = next(m.text for m in exercise.mistakes if m.code == code)
    assert "пристрастието" in texts["forgot_bias"]["bg"]
    assert "f′(z)" in texts["forgot_activation_derivative"]["en"]
    assert "градиентният спуск" in texts["added_gradient"]["bg"]
    assert "скоростта на учене" in texts["forgot_learning_rate"]["bg"]
    assert "Скоростта на учене е твърде голяма" in texts["too_large_rate"]["bg"]


def test_a_wrong_answer_like_no_known_mistake_names_none() -> None:
    exercise = generate("neuron_output", 5, 1)
    assert isinstance(exercise.answer, float)
    far = exercise.answer + 123.456
    verdict = grade(exercise, f"{far:.1f}")
    assert verdict.status is GradeStatus.INCORRECT
    assert verdict.mistake is None and verdict.mistake_text is None


def test_a_correct_answer_names_no_mistake_even_when_one_coincides() -> None:
    # With ReLU and z > 0, "used the pre-activation value" gives the right answer: not a mistake.
    for seed in range(200):
        exercise = generate("activation", seed, 1, {"functions": "relu", "form": "z"})
        if exercise.params["z"] > 0:
            assert "used_preactivation" not in {m.code for m in exercise.mistakes}
            verdict = grade(exercise, exercise.answer_text)
            assert verdict.correct and verdict.mistake is None
            return
    raise AssertionError("no instance with z > 0")
