"""`srs-wb stats` and `srs-wb export-stats` as users and scripts meet them."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from freezegun import freeze_time

from srs_wb.cli.main import main
from tests.stats import json_shape

NOON_TODAY = "2026-03-06 10:00:00"  # the history's last day, 12:00 in Sofia


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "srs_wb", *args],
        capture_output=True,
        text=True,
        env={**os.environ},
        timeout=120,
    )


def cli(*args: str) -> int:
    with freeze_time(NOON_TODAY):
        return main(list(args))


def test_stats_json(history, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("--db", str(db_path), "stats", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    json_shape.check(data)
    assert (data["schema_version"], data["today"], data["since"]) == (1, "2026-03-06", "2025-03-07")
    assert (data["totals"]["reviews"], data["totals"]["passed"]) == (32, 24)
    assert data["streaks"] == {"current": 2, "longest": 2, "reviewed_today": True}


def test_stats_json_of_one_deck_and_a_range(
    history, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--db", str(db_path), "stats", "--json", "--deck", "beta"]
    assert cli(*args, "--since", "2026-03-03", "--until", "2026-03-05") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["deck"] == {"id": "beta", "name": "Beta"}
    assert (data["since"], data["until"], len(data["days"])) == ("2026-03-03", "2026-03-05", 3)
    assert data["exercises"]["answers"] == 4  # x0 twice and once more, x1 once


def test_stats_summary(history, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("--db", str(db_path), "stats", "--deck", "alpha") == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "Progress · Alpha · 2025-03-07 – 2026-03-06",
        "Reviews    14 on 4 of 365 days · 79% passed · 2 min",
        "Streak     2 days (longest 2)",
        "Cards      7: new 2 · learning 0 · 1d 1 · 3d 2 · 1w 1 · 1mo 0 · suspended 1",
        "           0 completed the plan (reached the last step)",
        "Due        today 0 · tomorrow 1 · next 7 days 3 · next 30 days 4",
        "Plan       1d: done 2026-03-03",
        "           3d: done 2026-03-05",
        "           1w: unlocks 2026-03-09",
        "           1mo: unlocks 2026-04-01",
    ]


def test_stats_summary_with_exercises_and_no_reviews_yet(
    history, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("--db", str(db_path), "stats", "--deck", "beta") == 0
    out = capsys.readouterr().out
    assert (
        "Exercises  70% of 10 correct · weakest: gradient_step (d2) 60% · "
        "most common mistake: forgot_bias ×2"
    ) in out
    assert cli("--db", str(db_path), "stats", "--until", "2026-03-01") == 0
    out = capsys.readouterr().out
    assert "Reviews    none yet in this range" in out
    assert "Streak     2 days (longest 2)" in out  # today's streak, whatever the range


@pytest.mark.parametrize(
    "args, message",
    [
        (["--since", "2026-13-01"], "srs-wb: --since: expected a date such as 2026-03-01"),
        (["--until", "tomorrow"], "srs-wb: --until: expected a date such as 2026-03-01"),
        (["--since", "2026-03-06", "--until", "2026-03-01"], "srs-wb: the range is empty"),
        (["--deck", "nope"], "srs-wb: no deck 'nope'; decks: alpha, beta, gamma"),
    ],
)
def test_stats_errors_are_one_line(
    history, db_path: Path, capsys: pytest.CaptureFixture[str], args, message
) -> None:
    assert cli("--db", str(db_path), "stats", *args) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(message) and captured.err.count("\n") == 1


def test_errors_from_a_real_process(history, db_path: Path) -> None:
    result = run_cli("--db", str(db_path), "stats", "--since", "nope")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == (
        "srs-wb: --since: expected a date such as 2026-03-01, got 'nope'"
    )
    result = run_cli("--db", str(db_path), "export-stats")  # -o is required
    assert result.returncode == 2 and "Traceback" not in result.stderr
    result = run_cli("--db", str(db_path), "export-stats", "-o", "x.csv", "--table", "decks")
    assert result.returncode == 2


def test_help_lists_the_commands() -> None:
    result = run_cli("--help")
    assert "stats" in result.stdout and "export-stats" in result.stdout
    result = run_cli("export-stats", "--help")
    for option in ("--format", "--table", "--deck", "--since", "--until", "--output"):
        assert option in result.stdout


def test_export_stats(history, db_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "log.csv"
    assert cli("--db", str(db_path), "export-stats", "-o", str(out)) == 0
    assert capsys.readouterr().out.strip() == (f"{out}: wrote 32 reviews (2025-03-07 – 2026-03-06)")
    with out.open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.reader(handle))) == 33
    cards = tmp_path / "cards.csv"
    assert cli("--db", str(db_path), "export-stats", "-o", str(cards), "--table", "cards") == 0
    assert "wrote" in capsys.readouterr().out and cards.exists()
    report = tmp_path / "report.txt"
    args = ["--db", str(db_path), "export-stats", "-o", str(report), "--format", "md"]
    assert cli(*args, "--deck", "gamma") == 0
    assert (
        capsys.readouterr()
        .out.strip()
        .endswith("wrote the stats of 8 reviews (2025-03-07 – 2026-03-06)")
    )
    assert report.read_text(encoding="utf-8").startswith("# Progress: Gamma")
    empty = tmp_path / "none.csv"
    assert cli("--db", str(db_path), "export-stats", "-o", str(empty), "--until", "2026-01-01") == 0
    assert "wrote no reviews" in capsys.readouterr().out


def test_export_stats_errors(history, db_path: Path, tmp_path: Path, capsys) -> None:
    assert cli("--db", str(db_path), "export-stats", "-o", str(tmp_path / "x.xlsx")) == 1
    err = capsys.readouterr().err
    assert "cannot tell the format from the extension .xlsx" in err and err.count("\n") == 1
    json_out = str(tmp_path / "x.json")
    assert cli("--db", str(db_path), "export-stats", "-o", json_out, "--table", "cards") == 1
    assert "--table applies to CSV exports only" in capsys.readouterr().err
    assert cli("--db", str(db_path), "export-stats", "-o", json_out, "--deck", "zzz") == 1
    assert "no deck 'zzz'" in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()


def test_stats_imports_neither_numpy_nor_textual(history, db_path: Path) -> None:
    code = (
        "import sys; from srs_wb.cli.main import main;"
        "rc = main(['--db', sys.argv[1], 'stats', '--json']);"
        "print('HEAVY', sorted(m for m in ('numpy', 'textual') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(db_path)], capture_output=True, text=True, check=True
    )
    assert "HEAVY []" in result.stdout
