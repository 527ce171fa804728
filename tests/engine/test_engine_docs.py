"""docs/exercises.md cannot drift from the engine: its examples are regenerated and compared."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from srs_wb.cli import exercise_cmd
from srs_wb.cli.main import main
from srs_wb.engine import kind_names
from srs_wb.engine.mistakes import MistakeCode
from srs_wb.engine.registry import lookup

DOC = Path(__file__).resolve().parents[2] / "docs" / "exercises.md"
EXAMPLE = re.compile(r"```sh\n(srs-wb exercise [^\n]*)\n```\n\n```json\n(.*?)\n```", re.DOTALL)


def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


def test_every_kind_has_a_section_and_an_example() -> None:
    text = doc_text()
    examples = [shlex.split(command)[2] for command, _ in EXAMPLE.findall(text)]
    for kind in kind_names():
        assert f"### `{kind}`" in text
        assert kind in examples, kind


@pytest.mark.parametrize("example", EXAMPLE.findall(DOC.read_text(encoding="utf-8")))
def test_each_example_is_what_the_command_prints(
    example: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    command, shown = example
    assert main(shlex.split(command)[1:]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(shown)


def test_every_param_and_mistake_code_is_documented() -> None:
    text = doc_text()
    for kind in kind_names():
        section = text.split(f"### `{kind}`", 1)[1].split("\n### ", 1)[0]
        for spec in lookup(kind).params:
            assert f"`{spec.key}`" in section, (kind, spec.key)
    for code in MistakeCode:
        assert f"`{code.value}`" in text, code


def test_exit_codes_are_documented() -> None:
    text = doc_text()
    assert exercise_cmd.EXIT_INCORRECT == 3 and "**3** for an\nincorrect one" in text
    assert exercise_cmd.EXIT_INVALID == 4 and "**4** for an answer that cannot be read" in text
