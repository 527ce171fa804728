"""`srs-wb exercise`: one instance as text or JSON, the list of kinds, grading and exit codes."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from srs_wb.cli import exercise_cmd
from srs_wb.cli.main import main
from srs_wb.engine import generate, kind_names

Capsys = pytest.CaptureFixture[str]


def run(capsys: Capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["exercise", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: Capsys, *argv: str) -> tuple[int, Any]:
    code, out, _ = run(capsys, *argv, "--json")
    return code, json.loads(out)


def test_json_instance_is_the_engine_instance(capsys: Capsys) -> None:
    code, data = run_json(capsys, "neuron_output", "--seed", "42", "--difficulty", "2")
    assert code == 0
    exercise = generate("neuron_output", 42, 2)
    assert data == json.loads(json.dumps(exercise.to_json()))
    for key in ("kind", "seed", "difficulty", "params", "prompt", "answer", "tolerance",
                "solution", "decimals", "answer_text"):  # fmt: skip
        assert key in data
    assert data["seed"] == 42 and data["difficulty"] == 2
    assert set(data["prompt"]) == {"bg", "en"}
    assert isinstance(data["solution"], list) and data["solution"]


def test_json_in_one_language(capsys: Capsys) -> None:
    code, data = run_json(capsys, "activation", "--seed", "3", "--lang", "bg")
    assert code == 0
    assert data["prompt"] == generate("activation", 3).prompt["bg"]
    assert all(isinstance(step, str) for step in data["solution"])


def test_text_instance_shows_prompt_answer_and_solution(capsys: Capsys) -> None:
    code, out, _ = run(capsys, "error_gradient", "--seed", "5", "--lang", "en")
    exercise = generate("error_gradient", 5)
    assert code == 0
    assert "seed 5" in out and "difficulty 1" in out
    assert exercise.prompt["en"] in out
    assert f"Answer: {exercise.answer_text}" in out
    for step in exercise.solution:
        assert step.text["en"] in out


def test_text_follows_the_locale(capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "bg_BG.UTF-8")
    code, out, _ = run(capsys, "neuron_output", "--seed", "5")
    assert code == 0 and generate("neuron_output", 5).prompt["bg"] in out
    assert "Отговор:" in out
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    _, out, _ = run(capsys, "neuron_output", "--seed", "5")
    assert generate("neuron_output", 5).prompt["en"] in out
    monkeypatch.setenv("LC_ALL", "bg_BG.UTF-8")
    assert exercise_cmd.interface_language(exercise_cmd.argparse.Namespace()) == "bg"


def test_without_a_seed_a_random_one_is_shown_and_reproducible(capsys: Capsys) -> None:
    code, out, _ = run(capsys, "learning_rate", "--lang", "en")
    assert code == 0
    match = re.search(r"seed (\d+) \(random; again: --seed \1\)", out)
    assert match, out
    _, again, _ = run(capsys, "learning_rate", "--lang", "en", "--seed", match.group(1))
    assert again.split("\n", 1)[1] == out.split("\n", 1)[1]
    codes = {run_json(capsys, "neuron_output")[1]["seed"] for _ in range(5)}
    assert len(codes) > 1


def test_list_kinds(capsys: Capsys) -> None:
    code, out, _ = run(capsys, "--list", "--lang", "en")
    assert code == 0
    lines = out.strip().splitlines()
    assert [line.split()[0] for line in lines] == kind_names()
    assert "Output of one neuron" in lines[0]
    code, data = run_json(capsys, "--list")
    assert code == 0
    assert [item["name"] for item in data] == kind_names()
    assert all(set(item["summary"]) == {"bg", "en"} and item["params"] for item in data)
    _, out, _ = run(capsys, "--list", "--lang", "bg")
    assert "Изход на един неврон" in out


def test_check_correct_incorrect_invalid_exit_codes(capsys: Capsys) -> None:
    exercise = generate("neuron_output", 9, 1)
    assert isinstance(exercise.answer, float)
    code, data = run_json(capsys, "neuron_output", "--seed", "9", "--check", exercise.answer_text)
    assert code == exercise_cmd.EXIT_CORRECT == 0
    assert data["status"] == "correct" and data["suggested"] == "good"
    assert data["exit_code"] == 0 and data["answer_text"] == exercise.answer_text

    wrong = f"{exercise.answer + 3:.1f}"
    code, data = run_json(capsys, "neuron_output", "--seed", "9", "--check", wrong)
    assert code == exercise_cmd.EXIT_INCORRECT == 3
    assert data["status"] == "incorrect" and data["suggested"] == "again"
    assert data["value"] == float(wrong) and data["error"] == pytest.approx(3.0)

    code, data = run_json(capsys, "neuron_output", "--seed", "9", "--check", "zero point four")
    assert code == exercise_cmd.EXIT_INVALID == 4
    assert data["status"] == "invalid" and data["suggested"] is None
    assert set(data["message"]) == {"bg", "en"}


def test_check_names_the_mistake_in_text(capsys: Capsys) -> None:
    exercise = generate("neuron_output", 9, 1)
    p = exercise.params
    forgot = sum(x * w for x, w in zip(p["x"], p["w"], strict=True))
    code, out, _ = run(
        capsys, "neuron_output", "--seed", "9", "--check", f"{forgot:.1f}", "--lang", "en"
    )
    assert code == 3
    assert out.startswith("Incorrect:")
    assert "bias b was left out" in out
    assert "Solution:" in out
    code, out, _ = run(capsys, "neuron_output", "--seed", "9", "--check", "x", "--lang", "bg")
    assert code == 4 and "Очаква се число" in out
    code, out, _ = run(
        capsys, "neuron_output", "--seed", "9", "--check", exercise.answer_text, "--lang", "bg"
    )
    assert code == 0 and out.startswith("Вярно")


def test_yes_no_check(capsys: Capsys) -> None:
    exercise = generate("learning_rate", 2, 1, {"ask": "converge"})
    right = "да" if exercise.answer else "не"
    wrong = "diverges" if exercise.answer else "converges"
    params = '{"ask": "converge"}'
    code, _, _ = run(capsys, "learning_rate", "--seed", "2", "--params", params, "--check", right)
    assert code == 0
    code, data = run_json(
        capsys, "learning_rate", "--seed", "2", "--params", params, "--check", wrong
    )
    assert code == 3 and data["mistake"] in ("too_large_rate", "rate_small_enough")


def test_unknown_kind_is_a_one_line_error_listing_the_kinds(capsys: Capsys) -> None:
    code, out, err = run(capsys, "neuron")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("srs-wb: unknown exercise kind 'neuron'")
    for name in kind_names():
        assert name in err
    code, _, err = run(capsys)
    assert code == 1 and "--list" in err and "neuron_output" in err


def test_bad_params_are_a_one_line_error(capsys: Capsys) -> None:
    code, _, err = run(capsys, "neuron_output", "--params", '{"inputs": 9}')
    assert code == 1 and "'inputs' must be between 2 and 4" in err
    code, _, err = run(capsys, "neuron_output", "--params", "{inputs: 9}")
    assert code == 1 and "not valid JSON" in err
    code, _, err = run(capsys, "neuron_output", "--params", "[1]")
    assert code == 1 and "JSON object" in err


def test_params_steer_the_instance(capsys: Capsys) -> None:
    code, data = run_json(capsys, "neuron_output", "--seed", "1", "--params", '{"inputs": 4}')
    assert code == 0 and len(data["params"]["x"]) == 4


def test_bad_difficulty_is_a_usage_error(capsys: Capsys) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["exercise", "neuron_output", "--difficulty", "4"])
    assert raised.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_negative_seed(capsys: Capsys) -> None:
    code, data = run_json(capsys, "neuron_output", "--seed", "-3")
    assert code == 0 and data["seed"] == -3


def test_the_command_module_imports_no_numpy_at_import_time() -> None:
    import subprocess
    import sys

    code = (
        "import sys, srs_wb.cli.exercise_cmd\n"
        "print('numpy' in sys.modules, 'srs_wb.engine' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
