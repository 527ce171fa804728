"""The benchmark runner (`python -m bench`) runs at a tiny size and writes a complete report."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench.run import ANKI_MISSING, main

ROOT = Path(__file__).resolve().parent.parent
Run = tuple[dict[str, Any], str]  # the JSON report and the table printed


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    out = tmp_path_factory.mktemp("bench") / "report.json"
    command = [sys.executable, "-m", "bench", "--cards", "200", "--reviews", "1500"]
    command += ["--answers", "15", "--only", "size,answer,open", "--out", str(out)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text()), done.stdout


def test_report_says_what_it_ran_on(tiny_run: Run) -> None:
    report, _ = tiny_run
    machine = report["machine"]
    assert machine["cores"] >= 1 and machine["ram_gb"] > 0
    assert machine["cpu"] and machine["os"]
    versions = report["versions"]
    assert versions["python"] == ".".join(map(str, sys.version_info[:3]))
    assert versions["srs_wb"] and versions["sqlite"]
    assert report["git"] is None or len(report["git"]["commit"]) == 40
    assert report["options"]["cards"] == 200 and report["options"]["seed"] == 1
    workload = report["workload"]["srs_wb"]
    assert workload["cards"] == 200 and 0 < workload["due_today"] < 200


def test_report_has_only_the_chosen_operations_in_suite_order(tiny_run: Run) -> None:
    report, table = tiny_run
    assert list(report["operations"]) == ["open", "answer", "size"]
    opened = report["operations"]["open"]["srs_wb"]
    assert opened["runs"] == 10
    assert 0 < opened["min_ms"] <= opened["median_ms"] <= opened["max_ms"]
    assert opened["cpu_median_ms"] > 0 and opened["peak_rss_mb"] > 10
    answered = report["operations"]["answer"]["srs_wb"]
    assert answered["runs"] == 15
    assert answered["p50_ms"] == answered["median_ms"] <= answered["p99_ms"] <= answered["max_ms"]
    assert report["operations"]["size"]["srs_wb"]["mb"] == workload_mb(report)
    assert "anki" not in report["operations"]["open"]
    assert "open the database" in table and "answer: next" in table


def workload_mb(report: dict[str, Any]) -> float:
    return report["workload"]["srs_wb"]["db_file_mb"]


def test_an_unknown_operation_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--only", "open,fly"])
    assert exited.value.code == 2
    assert "unknown operation fly" in capsys.readouterr().err


@pytest.mark.skipif(importlib.util.find_spec("anki") is not None, reason="anki is installed")
def test_vs_anki_without_anki_says_how_to_install_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--vs-anki", "--only", "open"]) == 2
    captured = capsys.readouterr()
    assert captured.err.strip() == ANKI_MISSING
    assert "pip install" in captured.err and "Traceback" not in captured.err
    assert captured.out == ""
