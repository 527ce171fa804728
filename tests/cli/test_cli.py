"""The command line as scripts and users meet it: output, exit codes, errors, plain review."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from srs_wb import __version__
from srs_wb.cli.main import main
from srs_wb.formats.spec import CardKind, CardSpec, DeckSpec
from srs_wb.services.collection import Collection
from srs_wb.services.importing import import_specs
from tests.conftest import recall_deck


def seeded_db(path: Path, *specs: DeckSpec) -> Path:
    with Collection(path, install_builtin=False) as collection:
        import_specs(collection, list(specs or [recall_deck(n=3)]), origin="toml")
    return path


def run_cli(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "srs_wb", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"srs-wb {__version__}"


def test_help_lists_the_commands() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("decks", "review", "exercise", "import", "export-deck"):
        assert command in result.stdout


def test_light_commands_import_neither_numpy_nor_textual(tmp_path: Path) -> None:
    db = seeded_db(tmp_path / "x.db")
    code = (
        "import sys; from srs_wb.cli.main import main; rc = main(['--db', sys.argv[1], 'decks']);"
        "print('HEAVY', sorted(m for m in ('numpy', 'textual') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(db)], capture_output=True, text=True, check=True
    )
    assert "HEAVY []" in result.stdout


def test_decks_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = seeded_db(tmp_path / "x.db", recall_deck("alpha", n=3), recall_deck("beta", n=1))
    assert main(["--db", str(db), "decks", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    data = [d for d in data if not d["id"].startswith("weights-and-biases")]  # built-in deck
    assert [(d["id"], d["new"], d["learning"], d["due"], d["total"]) for d in data] == [
        ("alpha", 3, 0, 0, 3),
        ("beta", 1, 0, 0, 1),
    ]
    assert {"id", "name", "new", "learning", "due", "total"} <= set(data[0])


@pytest.mark.parametrize(
    ("lang", "header", "tomorrow", "streak"),
    [("en", "deck", "Due tomorrow: 0", "Streak"), ("bg", "тесте", "За утре: 0", "Серия")],
)
def test_decks_and_stats_speak_the_learners_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang, header, tomorrow, streak
) -> None:
    db = seeded_db(tmp_path / "x.db", recall_deck("alpha", n=3))
    assert main(["--db", str(db), "--lang", lang, "decks"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[0] == header and lines[-1] == tomorrow
    assert main(["--db", str(db), "--lang", lang, "stats"]) == 0
    assert capsys.readouterr().out.splitlines()[2].startswith(streak)


def test_options_work_after_the_command_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = seeded_db(tmp_path / "x.db")
    assert main(["decks", "--db", str(db)]) == 0
    assert "Deck" in capsys.readouterr().out


def test_db_from_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = seeded_db(tmp_path / "env.db", recall_deck("from-env", n=1))
    monkeypatch.setenv("SRS_WB_DB", str(db))
    assert main(["decks", "--json"]) == 0
    assert "from-env" in [d["id"] for d in json.loads(capsys.readouterr().out)]


def test_user_error_is_one_line_on_stderr_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("not a database")
    result = run_cli("--db", str(bad), "decks")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip().startswith("srs-wb: ")
    assert "notes.txt" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("not a database")
    result = run_cli("--debug", "--db", str(bad), "decks")
    assert result.returncode == 1
    assert "Traceback" in result.stderr


def test_usage_error_exits_2() -> None:
    result = run_cli("decks", "--no-such-flag")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_plain_review_session(tmp_path: Path) -> None:
    db = seeded_db(tmp_path / "x.db")
    # c0: reveal, Again; c1: reveal, Good; c2: reveal, Easy; c0 again: reveal, Good.
    result = run_cli(
        "--db", str(db), "review", "--plain", "--deck", "deck", stdin="\n1\n\n3\n\n4\n\n3\n"
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "question 0" in out and "answer 0" in out
    assert "1 Again (<10m)  2 Hard (<10m)  3 Good (1d)  4 Easy (3d)" in out
    assert out.count("saved:") == 4
    assert "Session: 4 answered, 3 correct, 1 again" in out
    with Collection(db, install_builtin=False) as collection:
        from srs_wb.services.study import overview

        [deck] = [d for d in overview(collection).decks if d.key == "deck"]
    assert (deck.new, deck.learning, deck.due) == (0, 0, 0)


def test_plain_review_undo_and_quit(tmp_path: Path) -> None:
    db = seeded_db(tmp_path / "x.db")
    result = run_cli(
        "--db", str(db), "review", "--plain", "--deck", "deck", stdin="\n3\nu\n\n4\nq\n"
    )
    assert result.returncode == 0, result.stderr
    assert "undone" in result.stdout
    assert "Session: 1 answered" in result.stdout
    with Collection(db, install_builtin=False) as collection:
        from sqlalchemy import func, select

        from srs_wb.storage.models import Review

        with collection.reading() as s:
            ratings = s.execute(select(Review.rating)).scalars().all()
            assert s.execute(select(func.count()).select_from(Review)).scalar_one() == 1
    assert [int(r) for r in ratings] == [4]


def test_plain_review_end_of_input_quits_cleanly(tmp_path: Path) -> None:
    db = seeded_db(tmp_path / "x.db")
    result = run_cli("--db", str(db), "review", "--plain", "--deck", "deck", stdin="\n3\n")
    assert result.returncode == 0
    assert "Session: 1 answered" in result.stdout


def test_plain_review_shows_card_text_inert(tmp_path: Path) -> None:
    card = CardSpec(
        key="evil",
        kind=CardKind.RECALL,
        front="bold \x1b[1mtext\x1b[0m [bold]markup[/] \x07bell",
        back="back \x1b]0;title\x07",
    )
    db = seeded_db(tmp_path / "x.db", DeckSpec(key="evil", name="Evil", cards=(card,)))
    result = run_cli("--db", str(db), "review", "--plain", "--deck", "evil", stdin="\n3\n")
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "bold text [bold]markup[/] bell" in result.stdout


def test_nothing_to_review(tmp_path: Path) -> None:
    db = seeded_db(tmp_path / "x.db", DeckSpec(key="empty", name="Empty", cards=()))
    result = run_cli("--db", str(db), "review", "--plain", "--deck", "empty", stdin="")
    assert result.returncode == 0
    assert "Nothing to review" in result.stdout


def test_ctrl_c_in_plain_review_keeps_every_answer(tmp_path: Path) -> None:
    import signal
    import time

    db = seeded_db(tmp_path / "x.db")
    proc = subprocess.Popen(
        [sys.executable, "-m", "srs_wb", "--db", str(db), "review", "--plain", "--deck", "deck"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("\n3\n")
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    seen = ""
    while "saved:" not in seen and time.monotonic() < deadline:
        seen += proc.stdout.readline()
    assert "saved:" in seen
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Traceback" not in err and "interrupted" in err
    assert "Session: 1 answered" in seen + out
    with Collection(db, install_builtin=False) as collection:
        from sqlalchemy import func, select

        from srs_wb.storage.models import Review

        with collection.reading() as s:
            assert s.execute(select(func.count()).select_from(Review)).scalar_one() == 1
