"""Every kind, over many seeds and every difficulty: right answers, honest prompts, fair grading."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from engine_oracle import expected

from srs_wb.engine import Exercise, GradeStatus, generate, grade, kind_names

KINDS = kind_names()
LIGHT_SEEDS = range(50)
HEAVY_SEEDS = range(1000)
MINUS = "\u2212"
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def numbers_in(value: Any) -> Iterator[float]:
    """Every number inside plain JSON data."""
    if isinstance(value, bool | str) or value is None:
        return
    if isinstance(value, int | float):
        yield float(value)
    elif isinstance(value, dict):
        for item in value.values():
            yield from numbers_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from numbers_in(item)


def shown(answer_text: str) -> str:
    return answer_text.replace("-", MINUS)


def close(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, tuple) or isinstance(b, tuple):
        return False
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def typed(value: Any, decimals: int) -> str:
    """A value as a learner would type it, rounded as asked."""
    if isinstance(value, tuple):
        return "[" + ", ".join(f"{v:.{decimals}f}" for v in value) + "]"
    return f"{value:.{decimals}f}"


def typed_ways(value: Any, decimals: int) -> set[str]:
    """Every way a learner may round `value` as asked: at a tie (0.0685) both ways count."""
    unit = Decimal(1).scaleb(-decimals)

    def way(x: float, rounding: str) -> str:
        return str(Decimal(repr(x)).quantize(unit, rounding=rounding))

    ways = {typed(value, decimals)}
    for rounding in (ROUND_HALF_UP, ROUND_HALF_DOWN):
        if isinstance(value, tuple):
            ways.add("[" + ", ".join(way(v, rounding) for v in value) + "]")
        else:
            ways.add(way(value, rounding))
    return ways


def check_instance(exercise: Exercise) -> None:
    kind, params = exercise.kind, exercise.params
    where = f"{kind} seed={exercise.seed} difficulty={exercise.difficulty}"

    # The answer, recomputed independently from the params alone.
    assert close(exercise.answer, expected(kind, params)), where

    # Params are plain JSON (no Enum members posing as text), and JSON round-trips it all.
    assert json.loads(json.dumps(params)) == params, where
    assert all(type(v) in (str, int, float, list, dict) for v in params.values()), where
    assert json.loads(json.dumps(exercise.to_json())) == exercise.to_json(), where

    # Every number the prompt shows is in params (so the instance can be recomputed).
    available = [abs(v) for v in numbers_in(params)]
    for lang in ("bg", "en"):
        prompt = exercise.prompt[lang]
        assert prompt, where
        for token in _NUMBER.findall(prompt):
            assert any(math.isclose(float(token), v, abs_tol=1e-12) for v in available), (
                f"{where}: {token} in the {lang} prompt is not in params"
            )

    # The last step of the worked solution shows the answer, as the prompt asks for it.
    assert exercise.solution, where
    for lang in ("bg", "en"):
        last = exercise.solution[-1].text[lang]
        if isinstance(exercise.answer, bool):
            word = {"bg": ("да", "не"), "en": ("yes", "no")}[lang][0 if exercise.answer else 1]
            assert last.rstrip(".").endswith(word), (where, last)
        else:
            pattern = r"(?<![\d.])" + re.escape(shown(exercise.answer_text)) + r"(?![\d])"
            assert re.search(pattern, last), (where, lang, last, exercise.answer_text)

    # The formatted answer is correct, in both decimal styles, and so is any correct rounding.
    verdict = grade(exercise, exercise.answer_text)
    assert verdict.status is GradeStatus.CORRECT and verdict.suggested == "good", (where, verdict)
    if exercise.decimals is not None:
        for entry in typed_ways(exercise.answer, exercise.decimals):
            assert grade(exercise, entry).correct, (where, entry)
    if isinstance(exercise.answer, tuple):
        comma = "; ".join(v.replace(".", ",") for v in exercise.answer_text[1:-1].split(", "))
        assert grade(exercise, comma).correct, (where, comma)
    elif isinstance(exercise.answer, float):
        assert grade(exercise, exercise.answer_text.replace(".", ",")).correct, where

    # A value just outside the tolerance is incorrect; for yes/no, the other answer.
    if isinstance(exercise.answer, bool):
        other = "no" if exercise.answer else "yes"
        assert grade(exercise, other).status is GradeStatus.INCORRECT, where
        assert exercise.decimals is None
    else:
        assert exercise.decimals is not None and exercise.tolerance > 0, where
        # Rounding as asked costs at most half a unit of the last decimal: always accepted.
        assert exercise.tolerance >= 0.5 * 10.0**-exercise.decimals, where
        # ... and the tolerance is at most one unit, so a wrong digit is noticed.
        assert exercise.tolerance <= 10.0**-exercise.decimals + 1e-15, where
        step = 2.5 * exercise.tolerance
        for sign in (1, -1):
            if isinstance(exercise.answer, tuple):
                wrong: Any = (exercise.answer[0] + sign * step, *exercise.answer[1:])
            else:
                wrong = exercise.answer + sign * step
            verdict = grade(exercise, typed(wrong, exercise.decimals + 2))
            assert verdict.status is GradeStatus.INCORRECT, (where, wrong, verdict)
            assert verdict.suggested == "again"

    # Every known mistake of the instance, typed as asked (either way at a tie), is
    # incorrect and named as a known mistake.
    for mistake in exercise.mistakes:
        if isinstance(mistake.value, bool):
            entries = {"yes" if mistake.value else "no"}
        else:
            assert exercise.decimals is not None
            entries = typed_ways(mistake.value, exercise.decimals)
        for entry in entries:
            verdict = grade(exercise, entry)
            assert verdict.status is GradeStatus.INCORRECT, (where, mistake, entry, verdict)
            assert verdict.mistake is not None and verdict.mistake_text is not None, (where, entry)

    # Same seed, same instance.
    again = generate(kind, exercise.seed, exercise.difficulty)
    assert again == exercise and again.to_json() == exercise.to_json(), where


def sweep(kind: str, difficulty: int, seeds: range) -> None:
    prompts = set()
    for seed in seeds:
        exercise = generate(kind, seed, difficulty)
        check_instance(exercise)
        prompts.add(exercise.prompt["en"])
    # Different seeds give different problems (small kinds at difficulty 1 have a few hundred).
    assert len(prompts) > min(len(seeds) // 2, 150)


@pytest.mark.parametrize("difficulty", [1, 2, 3])
@pytest.mark.parametrize("kind", KINDS)
def test_kind_sweep(kind: str, difficulty: int) -> None:
    sweep(kind, difficulty, LIGHT_SEEDS)


@pytest.mark.slow
@pytest.mark.parametrize("difficulty", [1, 2, 3])
@pytest.mark.parametrize("kind", KINDS)
def test_kind_sweep_heavy(kind: str, difficulty: int) -> None:
    sweep(kind, difficulty, HEAVY_SEEDS)


def test_all_required_kinds_are_registered() -> None:
    assert KINDS == [
        "neuron_output",
        "activation",
        "error_gradient",
        "gradient_step",
        "learning_rate",
        "backprop_mlp",
        "weight_sensitivity",
        "zero_init",
        "normalization",
    ]


def test_seed_example_one_is_worked_out_like_the_seed() -> None:
    """The seed's Example 1: inputs [1, 2, 3], weights [0.2, 0.8, −0.5], bias 0.1 gives 0.4."""
    found = None
    for seed in range(20000):
        exercise = generate("neuron_output", seed, 1, {"inputs": 3})
        p = exercise.params
        if math.isclose(exercise.answer, 0.4) and p["b"] == 0.1 and all(v > 0 for v in p["x"]):
            found = exercise
            break
    assert found is not None
    last = found.solution[-1].text["en"]
    assert last.endswith("= 0.4") and "·" in last
    assert grade(found, "0,4").correct and grade(found, "2/5").correct
    assert grade(found, ".4").correct and grade(found, "4e-1").correct


def test_difficulty_one_numbers_are_hand_friendly() -> None:
    for kind in KINDS:
        for seed in range(40):
            exercise = generate(kind, seed, 1)
            for key, value in exercise.params.items():
                for v in numbers_in(value):
                    # One decimal at most (two for a sigmoid's slope, min-max ranges aside).
                    assert round(v, 2) == v, (kind, seed, key, v)
            if exercise.decimals is not None:
                assert exercise.decimals <= 4, (kind, exercise.decimals)


@pytest.mark.parametrize("kind", KINDS)
def test_difficulties_widen_the_problems(kind: str) -> None:
    """Higher difficulties give more numbers, or numbers with more decimals, to work with."""

    def work(difficulty: int) -> float:
        count = places = 0
        for seed in range(60):
            values = [abs(v) for v in numbers_in(generate(kind, seed, difficulty).params)]
            count += len(values)
            places += sum(len(f"{v:.6f}".rstrip("0").split(".")[1]) for v in values)
        return (count + places) / 60

    assert work(1) < work(3)
    assert work(2) <= work(3) * 1.1


STEERED: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("neuron_output", {"inputs": 4}, {"inputs": 4, "len:x": 4, "len:w": 4}),
    ("activation", {"functions": ["sigmoid"], "form": "z"}, {"function": "sigmoid", "form": "z"}),
    ("activation", {"functions": "tanh", "form": "neuron"}, {"function": "tanh", "form": "neuron"}),
    ("error_gradient", {"activation": "sigmoid", "target": "b"}, {"activation": "sigmoid"}),
    ("error_gradient", {"target": "weights", "inputs": 3}, {"target": "weights", "len:x": 3}),
    ("gradient_step", {"mode": "loss_after", "steps": 4}, {"mode": "loss_after", "steps": 4}),
    ("gradient_step", {"mode": "step"}, {"mode": "step"}),
    ("learning_rate", {"ask": "value", "steps": 5}, {"ask": "value", "steps": 5}),
    ("learning_rate", {"ask": "converge"}, {"ask": "converge"}),
    (
        "backprop_mlp",
        {"activation": ["tanh"], "layer": 1, "parameter": "bias"},
        {"activation": "tanh", "layer": 1, "parameter": "bias"},
    ),
    ("weight_sensitivity", {"layer": 2, "hidden": 3}, {"layer": 2, "sizes": [2, 3, 1]}),
    (
        "zero_init",
        {"activation": "sigmoid", "layer": 2, "hidden": 3},
        {"activation": "sigmoid", "layer": 2, "sizes": [2, 3, 1]},
    ),
    (
        "normalization",
        {"method": "minmax", "output": "vector", "size": 6},
        {"method": "minmax", "output": "vector", "len:data": 6},
    ),
    ("normalization", {"method": "zscore", "output": "value"}, {"method": "zscore"}),
]


@pytest.mark.parametrize(("kind", "params", "expect"), STEERED)
def test_deck_params_steer_the_instances(
    kind: str, params: dict[str, Any], expect: dict[str, Any]
) -> None:
    for difficulty in (1, 2, 3):
        for seed in range(30):
            exercise = generate(kind, seed, difficulty, params)
            for key, value in expect.items():
                if key.startswith("len:"):
                    assert len(exercise.params[key[4:]]) == value, (kind, exercise.params)
                else:
                    assert exercise.params[key] == value, (kind, key, exercise.params)
            check_instance_with(exercise, params)


def check_instance_with(exercise: Exercise, params: dict[str, Any]) -> None:
    assert close(exercise.answer, expected(exercise.kind, exercise.params))
    again = generate(exercise.kind, exercise.seed, exercise.difficulty, params)
    assert again == exercise
    assert grade(exercise, exercise.answer_text).correct


def test_any_means_every_choice() -> None:
    functions = {
        generate("activation", seed, 2, {"functions": "any"}).params["function"]
        for seed in range(200)
    }
    assert functions == {"relu", "leaky_relu", "sigmoid", "tanh"}
    targets = {
        generate("error_gradient", seed, 1, {"target": ["w", "b", "weights"]}).params["target"]
        for seed in range(200)
    }
    assert targets == {"w", "b", "weights"}


def test_learning_rate_covers_both_verdicts_and_the_pitfall() -> None:
    verdicts = [generate("learning_rate", s, 1, {"ask": "converge"}).answer for s in range(200)]
    assert True in verdicts and False in verdicts
    diverging = next(
        generate("learning_rate", s, 1, {"ask": "converge"})
        for s in range(200)
        if generate("learning_rate", s, 1, {"ask": "converge"}).answer is False
    )
    p = diverging.params
    assert p["eta"] > 1 / p["a"]  # the seed's pitfall: too large a learning rate
    verdict = grade(diverging, "converges")
    assert verdict.mistake == "too_large_rate" and "too large" in verdict.mistake_text["en"]


def test_zero_init_gradients_are_equal_and_nonzero_mostly() -> None:
    nonzero = 0
    for seed in range(100):
        exercise = generate("zero_init", seed, 2)
        assert isinstance(exercise.answer, tuple)
        assert len(set(exercise.answer)) == 1
        nonzero += exercise.answer[0] != 0
    assert nonzero > 80
