"""docs/reliability.md cites tests as proof: every test it names exists where it says."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# `tests/x.py::test_y`, `tests/x.py` alone, or `::test_y` (in the file named last before it).
_CITED = re.compile(r"`(tests/[\w/]+\.py)?(?:::(\w+))?`")


def cited_tests() -> list[tuple[str, str]]:
    text = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    cited = []
    current = None
    for match in _CITED.finditer(text):
        path, name = match.groups()
        current = path or current
        if name:
            assert current is not None, f"::{name} before any file is named"
            cited.append((current, name))
    return cited


def test_every_cited_test_exists() -> None:
    cited = cited_tests()
    assert len(cited) > 40
    missing = []
    for path, name in cited:
        source = ROOT / path
        defined = source.is_file() and re.search(
            rf"^(?:async )?def {name}\(", source.read_text(encoding="utf-8"), re.MULTILINE
        )
        if not defined:
            missing.append(f"{path}::{name}")
    assert missing == []
