"""The text charts of the stats screen, read back as plain text."""

from __future__ import annotations

from datetime import date, timedelta

from srs_wb.formats.heat_map import heat_map
from srs_wb.tui.widgets.charts import bar_rows, column_chart, heat_map_text
from tests.tui.helpers import render_text

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def year(counts: dict[date, int], last: date) -> list[tuple[date, int]]:
    first = last - timedelta(days=364)
    return [
        (first + timedelta(days=n), counts.get(first + timedelta(days=n), 0)) for n in range(365)
    ]


def test_heat_map_shades_days_by_quartile_of_study_days() -> None:
    last = date(2026, 3, 15)  # a Sunday
    counts = {last - timedelta(days=n): n + 1 for n in range(8)}  # 8 study days, 1..8 answers
    grid = heat_map(year(counts, last))
    assert grid is not None and grid.columns == 53
    assert grid.day(6, grid.columns - 1) == last
    levels = {grid.day(w, c): grid.levels[w][c] for w in range(7) for c in range(grid.columns)}
    # 8 study days with 1..8 answers; quartiles at 3, 5 and 7 answers: above each, darker.
    assert [levels[last - timedelta(days=n)] for n in range(8)] == [1, 1, 1, 2, 2, 3, 3, 4]
    assert levels[last - timedelta(days=30)] == 0
    assert levels[grid.start] is None  # before the range


def test_heat_map_text_puts_each_day_under_its_weekday_and_month() -> None:
    last = date(2026, 3, 16)  # a Monday: the last column holds only it
    text = render_text(
        heat_map_text(
            year({last: 5}, last), colour="blue", month_names=MONTHS, weekday_names=WEEKDAYS
        )
    ).splitlines()
    assert len(text) == 8
    months, monday, tuesday = text[0], text[1], text[2]
    assert monday.startswith("Mon ") and monday.endswith("░")  # the one study day
    assert tuesday.startswith("    ") and tuesday.endswith("·") and "░" not in tuesday
    assert text[3].startswith("Wed ") and text[5].startswith("Fri ")
    assert len(monday) == 4 + 53
    # March begins on Sunday 1 March: its name sits over that week (23 Feb – 1 Mar), the
    # fourth column from the end (then the weeks of 2, 9 and 16 March).
    column = 53 - 4
    assert months[4 + column : 4 + column + 3] == "Mar"


def test_column_chart_scales_to_the_largest_value_and_marks_days() -> None:
    text = render_text(
        column_chart([0, 4, 8, 1], colour="blue", height=2, marks=[(0, "today"), (3, "x")])
    )
    top, bottom, axis = text.splitlines()
    assert top.startswith("8 ") and bottom.startswith("  ")
    # columns are two characters apart: 0 → nothing; 4 → half of 16 eighths; 8 → full.
    assert top[2:].rstrip() == "    █"
    assert bottom[2:].rstrip() == "  █ █ ▂"  # 1 of 8 is 2 of the 16 eighths
    assert axis.startswith("  today")


def test_column_chart_of_nothing_due_is_flat() -> None:
    text = render_text(column_chart([0] * 30, colour="blue", height=3))
    rows = text.splitlines()
    assert rows[2] == "0" and not set(text) & set("▁▂▃▄▅▆▇█")


def test_bar_rows_scale_to_the_largest_count() -> None:
    text = render_text(bar_rows([("new", 10), ("1d", 5), ("3d", 0)], colour="blue", width=10))
    lines = {line.split()[0]: line for line in text.splitlines()}
    assert lines["new"].count("█") == 10 and lines["1d"].count("█") == 5
    assert "█" not in lines["3d"] and lines["3d"].rstrip().endswith("0")
