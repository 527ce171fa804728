"""The project keeps its own promises: layers, docstrings, the README's commands, CI."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_layers_point_one_way() -> None:
    """import-linter contracts in pyproject.toml: the pure core imports neither the database
    nor the UI, the TUI never touches SQLAlchemy, and the layers point one way."""
    beside = Path(sys.executable).parent / "lint-imports"
    lint = str(beside) if beside.exists() else shutil.which("lint-imports")
    if lint is None:
        pytest.skip("import-linter is not installed (pip install '.[test]')")
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_module_opens_with_a_docstring() -> None:
    missing = []
    for path in sorted((ROOT / "srs_wb").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if ast.get_docstring(tree) is None:
            missing.append(str(path.relative_to(ROOT)))
    assert missing == []


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", quick_start, flags=re.S)
    commands = []
    for block in blocks:
        commands += [line for line in block.splitlines() if line and not line.startswith("#")]
    return commands


def test_readme_quick_start_has_exactly_two_commands() -> None:
    install_and_run, install_and_test = readme_commands()
    assert "pip install ." in install_and_run and install_and_run.endswith("srs-wb")
    assert "pytest" in install_and_test


def test_ci_runs_the_readme_test_command() -> None:
    test_command = readme_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_no_dangerous_calls_on_data() -> None:
    """No eval, exec, pickle or shell in the package (ruff's S rules check this in CI too)."""
    offenders = []
    for path in (ROOT / "srs_wb").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for pattern in (
            r"\beval\(",
            r"\bexec\(",
            r"\bpickle\b",
            r"shell\s*=\s*True",
            r"os\.system\(",
        ):
            if re.search(pattern, text):
                offenders.append(f"{path.relative_to(ROOT)}: {pattern}")
    assert offenders == []
