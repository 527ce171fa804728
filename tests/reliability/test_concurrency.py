"""Two reviewers and an import on one database at once: no answer lost, no locked-database crash."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from srs_wb.formats.toml_deck import write_deck
from srs_wb.services.collection import Collection
from srs_wb.services.importing import import_specs
from tests.conftest import recall_deck
from tests.reliability.test_crash_safety import consistent


@pytest.mark.slow
def test_two_reviewers_and_an_import_at_once(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    with Collection(db, install_builtin=False) as collection:
        collection.set_setting("new_per_day", 5000)
        import_specs(collection, [recall_deck(n=400)], origin="toml")
    deck_file = tmp_path / "other.toml"
    deck_file.write_text(write_deck(recall_deck("other", n=6000)), encoding="utf-8")
    answers = "".join(f"\n{grade}\n" for grade in "3413" * 60)
    cmd = [sys.executable, "-m", "srs_wb", "--db", str(db)]
    reviewers = [
        subprocess.Popen(
            [*cmd, "review", "--plain", "--deck", "deck"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    importer = subprocess.Popen(
        [*cmd, "import", str(deck_file)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    saved = 0
    for proc in reviewers:
        out, err = proc.communicate(answers, timeout=300)
        assert proc.returncode == 0, err
        assert "locked" not in err and "Traceback" not in err
        saved += out.count("saved:") - out.count("not saved:")
    out, err = importer.communicate(timeout=300)
    assert importer.returncode == 0, err
    assert "6000 added" in out
    total, problems = consistent(db)
    assert problems == []
    assert total == saved  # every acknowledged answer, and only those
    assert saved > 100
