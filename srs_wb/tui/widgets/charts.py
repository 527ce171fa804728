"""Charts drawn with text, for the stats screen: a calendar heat map, a column chart and
horizontal bars. Each is a Rich renderable built from plain numbers, so a test can read it.

Only block characters and one colour in four strengths are used: they read on a dark or a
light theme, over SSH, and in a terminal without colour (the shapes carry the meaning).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.table import Table
from rich.text import Text

from srs_wb.formats.heat_map import heat_map

HEAT_SHADES = "░▒▓█"  # days with answers, by quartile
NO_ANSWERS = "·"
EIGHTHS = " ▁▂▃▄▅▆▇█"


def heat_map_text(
    days: Sequence[tuple[date, int]],
    *,
    colour: str,
    month_names: Sequence[str],
    weekday_names: Sequence[str],
) -> Text:
    """Weeks as columns, Monday to Sunday as rows; month names above the weeks they begin.

    `weekday_names` are short (up to three characters); only Mon, Wed and Fri are written,
    as calendars do, to keep the rows light.
    """
    grid = heat_map(list(days))
    text = Text(no_wrap=True, overflow="crop")
    if grid is None:
        return text
    months = [" "] * (grid.columns + 4)
    for column, month in grid.months:
        name = month_names[month - 1][:3]
        months[column : column + len(name)] = list(name)
    text.append("    " + "".join(months).rstrip() + "\n", style="dim")
    for weekday, row in enumerate(grid.levels):
        label = weekday_names[weekday][:3] if weekday in (0, 2, 4) else ""
        text.append(f"{label:<3} ", style="dim")
        for level in row:
            if level is None:
                text.append(" ")
            elif level == 0:
                text.append(NO_ANSWERS, style="dim")
            else:
                text.append(HEAT_SHADES[level - 1], style=colour)
        if weekday < 6:
            text.append("\n")
    return text


def heat_legend(colour: str, less: str, more: str) -> Text:
    text = Text(no_wrap=True)
    text.append(f"{less} ", style="dim")
    text.append(NO_ANSWERS + " ", style="dim")
    for shade in HEAT_SHADES:
        text.append(shade + " ", style=colour)
    text.append(more, style="dim")
    return text


def column_chart(
    values: Sequence[int], *, colour: str, height: int = 5, marks: Sequence[tuple[int, str]] = ()
) -> Text:
    """One column per value, `height` rows of eighth blocks scaled to the largest value,
    the largest value written at the top left, and `marks` ((index, label)) beneath."""
    top = max(values, default=0)
    gutter = max(len(f"{top:,}"), 1) + 1
    text = Text(no_wrap=True, overflow="crop")
    steps = height * 8
    heights = [round(value * steps / top) if top else 0 for value in values]
    heights = [max(h, 1) if value else 0 for h, value in zip(heights, values, strict=True)]
    for row in range(height, 0, -1):
        label = f"{top:,}" if row == height and top else ("0" if row == 1 and not top else "")
        text.append(f"{label:>{gutter - 1}} ", style="dim")
        floor = (row - 1) * 8
        for h in heights:
            text.append(EIGHTHS[min(8, max(0, h - floor))] + " ", style=colour)
        text.append("\n")
    axis = [" "] * (len(values) * 2 + 12)
    for index, label in marks:
        position = index * 2
        if all(c == " " for c in axis[max(0, position - 1) : position + len(label)]):
            axis[position : position + len(label)] = list(label)
    text.append(" " * gutter + "".join(axis).rstrip(), style="dim")
    return text


def bar_rows(rows: Sequence[tuple[str, int]], *, colour: str, width: int = 30) -> Table:
    """A label, a bar scaled to the largest count, and the count, per row."""
    biggest = max((count for _label, count in rows), default=0) or 1
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    for label, count in rows:
        cells = round(width * count / biggest)
        bar = Text("█" * cells or ("▏" if count else ""), style=colour)
        table.add_row(Text(label), bar, f"{count:,}")
    return table
