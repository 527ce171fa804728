"""The real `srs-wb` in a real terminal (tmux): from an empty database through three cards."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("tmux") is None,
        reason="tmux is not installed (apt-get install tmux); the terminal test needs it",
    ),
]

SRS_WB = Path(sys.executable).with_name("srs-wb")


class Tmux:
    def __init__(self, command: str) -> None:
        self.name = f"srs-wb-test-{uuid.uuid4().hex[:8]}"
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", "100", "-y", "30", command],
            check=True,
        )

    def screen(self) -> str:
        result = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return result.stdout

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen:\n{screen}")

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def review_rows(db: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT r.rating, c.key FROM reviews r JOIN cards c ON c.id = r.card_id ORDER BY r.id"
        ).fetchall()


def test_three_cards_in_a_real_terminal(tmp_path: Path) -> None:
    db = tmp_path / "tmux.db"
    assert not db.exists()
    command = f"TERM=xterm-256color LANG=en_US.UTF-8 {SRS_WB} --db {db} --lang en"
    terminal = Tmux(command)
    try:
        home = terminal.wait_for("cards to study today")
        assert "Weights and biases in neural networks" in home
        terminal.keys("Enter")  # study the deck under the cursor
        terminal.wait_for("Show the answer")
        for grade in ("3", "3", "4"):
            before = terminal.screen()
            done = sum(1 for _ in review_rows(db))
            terminal.keys("Space")
            terminal.wait_for("Good")
            terminal.keys(grade)
            terminal.wait_for(f"{done + 1} done")
            assert terminal.screen() != before
        terminal.keys("q")
        summary = terminal.wait_for("Session finished")
        assert "Cards answered" in summary
        terminal.keys("Enter")
        terminal.wait_for("day in a row")
        terminal.keys("q")
        deadline = time.monotonic() + 10
        while (
            time.monotonic() < deadline
            and subprocess.run(
                ["tmux", "has-session", "-t", terminal.name], capture_output=True
            ).returncode
            == 0
        ):
            time.sleep(0.1)
    finally:
        terminal.close()
    rows = review_rows(db)
    assert [rating for rating, _key in rows] == [3, 3, 4]
    assert len({key for _rating, key in rows}) == 3
