"""docs/stats.md cannot drift from the code: every JSON key and CSV column is documented."""

from __future__ import annotations

import re
from pathlib import Path

from srs_wb.formats.stats_csv import CARD_COLUMNS, REVIEW_COLUMNS
from tests.stats import json_shape

DOC = Path(__file__).parents[2] / "docs" / "stats.md"
ROW = re.compile(r"^\| `([^`]+)` \|", re.M)


def section(heading: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"\n{heading}\n")
    end = text.find("\n#", start + len(heading) + 2)
    return text[start : end if end >= 0 else len(text)]


def test_every_json_key_is_documented_and_nothing_else() -> None:
    documented = ROW.findall(section("## JSON"))
    assert documented == json_shape.key_paths()


def test_the_csv_columns_are_documented_in_order() -> None:
    assert (
        tuple(ROW.findall(section("### `--table reviews` (the default): one row per answer")))
        == REVIEW_COLUMNS
    )
    assert (
        tuple(ROW.findall(section("### `--table cards`: one row per card, with its state today")))
        == CARD_COLUMNS
    )
