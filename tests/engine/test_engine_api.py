"""The engine's public API: kinds, deck params, errors, frozen values, and purity."""

from __future__ import annotations

import dataclasses
import json
import random
import subprocess
import sys
from typing import Any

import numpy as np
import pytest

from srs_wb import engine
from srs_wb.engine import (
    Exercise,
    Grade,
    GradeStatus,
    KindInfo,
    generate,
    grade,
    kind_names,
    list_kinds,
    validate_params,
)
from srs_wb.errors import NotFoundError, SrsError


def test_list_kinds_describes_every_kind_in_both_languages() -> None:
    infos = list_kinds()
    assert [info.name for info in infos] == kind_names()
    for info in infos:
        assert isinstance(info, KindInfo)
        assert set(info.summary) == {"bg", "en"}
        assert info.summary["bg"] and info.summary["en"]
        assert info.params_doc
        assert json.dumps(info.to_json())
    assert kind_names() == kind_names()  # stable


def test_unknown_kind_is_not_found_and_lists_the_kinds() -> None:
    with pytest.raises(NotFoundError) as raised:
        generate("neuron_outptu", 1)
    assert isinstance(raised.value, SrsError)
    for name in kind_names():
        assert name in str(raised.value)
    problems = validate_params("neuron_outptu", {}, 1)
    assert len(problems) == 1 and "neuron_output" in problems[0]


@pytest.mark.parametrize(
    ("kind", "params", "difficulty", "needle"),
    [
        ("neuron_output", {"inputs": 9}, 1, "'inputs' must be between 2 and 4"),
        ("neuron_output", {"inputs": "3"}, 1, "'inputs' must be an integer"),
        ("neuron_output", {"inputs": True}, 1, "'inputs' must be an integer"),
        ("neuron_output", {"inputs": 3.0}, 1, "'inputs' must be an integer"),
        ("neuron_output", {"size": 3}, 1, "unknown parameter 'size' for neuron_output"),
        ("neuron_output", {}, 4, "difficulty must be 1, 2 or 3"),
        ("neuron_output", {}, 0, "difficulty must be 1, 2 or 3"),
        ("neuron_output", {}, True, "difficulty must be 1, 2 or 3"),
        (
            "activation",
            {"functions": ["relu", "softmax"]},
            1,
            "'functions': unknown value 'softmax'",
        ),
        ("activation", {"functions": []}, 1, "'functions' must not be an empty list"),
        ("activation", {"functions": 3}, 1, "'functions' must be a name or a list of names"),
        ("activation", {"form": ["z"]}, 1, "'form' must be a name"),
        ("activation", {"form": "vector"}, 1, "'form': unknown value 'vector'"),
        ("error_gradient", {"activation": "swish"}, 2, "'activation': unknown value 'swish'"),
        ("error_gradient", {"target": "x"}, 2, "'target': unknown value 'x'"),
        ("backprop_mlp", {"layer": 3}, 1, "'layer' must be between 1 and 2"),
        ("gradient_step", {"steps": 0}, 1, "'steps' must be between 1 and 10"),
        ("normalization", {"method": "l2"}, 1, "'method': unknown value 'l2'"),
    ],
)
def test_bad_deck_params_are_named(kind: str, params: Any, difficulty: Any, needle: str) -> None:
    problems = validate_params(kind, params, difficulty)
    assert any(needle in problem for problem in problems), problems
    with pytest.raises(ValueError, match=r"must|unknown"):
        generate(kind, 1, difficulty, params)


def test_several_problems_are_all_reported() -> None:
    problems = validate_params("neuron_output", {"inputs": 0, "colour": "red"}, 5)
    assert len(problems) == 3


@pytest.mark.parametrize(
    ("kind", "params"),
    [
        ("neuron_output", {"inputs": 2}),
        ("activation", {"functions": "any", "form": "any"}),
        ("activation", {"functions": ["relu", "tanh"]}),
        ("error_gradient", {"activation": ["identity", "sigmoid"], "target": "any", "inputs": 1}),
        ("gradient_step", {"mode": "loss_after", "steps": 10, "inputs": 4}),
        ("learning_rate", {"ask": "value", "steps": 1}),
        ("backprop_mlp", {"activation": "leaky_relu", "layer": 2, "parameter": "weight"}),
        ("weight_sensitivity", {"activation": "identity", "layer": 1, "hidden": 2}),
        ("zero_init", {"activation": "any", "layer": 1, "hidden": 3}),
        ("normalization", {"method": "any", "output": "any", "size": 8}),
        ("normalization", {}),
    ],
)
def test_good_deck_params_pass(kind: str, params: dict[str, Any]) -> None:
    for difficulty in (1, 2, 3):
        assert validate_params(kind, params, difficulty) == []
        exercise = generate(kind, 11, difficulty, params)
        assert grade(exercise, exercise.answer_text).correct


def test_validate_params_never_raises_on_odd_input() -> None:
    for params in ({1: 2}, {"inputs": None}, {"inputs": [3]}, {"": ""}):
        assert validate_params("neuron_output", params, 1)
    assert validate_params("neuron_output", "inputs=3", 1)  # type: ignore[arg-type]
    assert validate_params(None, {}, 1)  # type: ignore[arg-type]


def test_seed_must_be_an_integer() -> None:
    with pytest.raises(ValueError, match="seed"):
        generate("neuron_output", "7", 1)  # type: ignore[arg-type]
    # Any integer works, negative and huge ones too, and they differ.
    assert generate("neuron_output", -5) != generate("neuron_output", 5)
    assert generate("neuron_output", 2**80).kind == "neuron_output"


def test_instances_are_frozen_dataclasses() -> None:
    exercise = generate("neuron_output", 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        exercise.answer = 1.0  # type: ignore[misc]
    verdict = grade(exercise, "0")
    with pytest.raises(dataclasses.FrozenInstanceError):
        verdict.status = GradeStatus.CORRECT  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        exercise.solution[0].text = {}  # type: ignore[misc]
    assert isinstance(exercise, Exercise) and isinstance(verdict, Grade)


def test_to_json_in_one_language_or_both() -> None:
    exercise = generate("backprop_mlp", 3, 2)
    both = exercise.to_json()
    assert set(both) >= {
        "kind", "seed", "difficulty", "params", "prompt", "answer", "answer_text",
        "tolerance", "decimals", "solution",
    }  # fmt: skip
    assert set(both["prompt"]) == {"bg", "en"}
    assert all(set(step) == {"bg", "en"} for step in both["solution"])
    bg = exercise.to_json("bg")
    assert bg["prompt"] == exercise.prompt["bg"]
    assert bg["solution"] == [step.text["bg"] for step in exercise.solution]
    assert bg["params"] == both["params"] and bg["answer"] == both["answer"]


def test_generating_touches_no_global_random_state() -> None:
    random.seed(1234)
    np.random.seed(1234)
    before = (random.getstate(), np.random.get_state()[1].copy())
    for name in kind_names():
        for seed in range(20):
            generate(name, seed, 2)
    assert random.getstate() == before[0]
    assert np.array_equal(np.random.get_state()[1], before[1])


def test_the_engine_imports_neither_database_nor_ui_and_numpy_only_on_demand() -> None:
    code = (
        "import sys, srs_wb.engine as e\n"
        "first = 'numpy' in sys.modules\n"
        "e.grade(e.generate('neuron_output', 1), '0.4')\n"
        "after_neuron = 'numpy' in sys.modules\n"
        "e.generate('backprop_mlp', 1)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'textual', 'alembic') or m.startswith(('srs_wb.storage', "
        "'srs_wb.services', 'srs_wb.tui', 'srs_wb.cli')))\n"
        "print(first, after_neuron, 'numpy' in sys.modules, bad)\n"
    )
    out = (
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
        )
        .stdout.strip()
        .split(maxsplit=3)
    )
    assert out == ["False", "False", "True", "[]"]


def test_public_names() -> None:
    for name in ("kind_names", "list_kinds", "validate_params", "generate", "grade"):
        assert callable(getattr(engine, name))
    for name in ("Exercise", "Grade", "GradeStatus", "KindInfo", "SolutionStep"):
        assert hasattr(engine, name)
    assert [s.value for s in GradeStatus] == ["correct", "incorrect", "invalid"]
