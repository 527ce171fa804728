"""The calendar heat map of answers per day (weeks as columns, weekdays as rows), as data.

The Markdown report draws it as text and the app's stats screen in colour; both place the
days, shade them and mark the months from this one layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

HEAT_MAP_WEEKS = 53
LEVELS = 4  # shades for days with answers: a quarter of the study days each


@dataclass(frozen=True)
class HeatMap:
    start: date  # the Monday of the first column
    columns: int  # weeks
    # levels[weekday][column]: None outside the range, 0 for no answers, else 1..LEVELS
    levels: tuple[tuple[int | None, ...], ...]
    months: tuple[tuple[int, int], ...]  # (column, month 1–12) where a month's name goes

    def day(self, weekday: int, column: int) -> date:
        return self.start + timedelta(weeks=column, days=weekday)


def heat_map(
    days: list[tuple[date, int]], weeks: int = HEAT_MAP_WEEKS, label_width: int = 3
) -> HeatMap | None:
    """The last `weeks` weeks of `days` ((day, answers), oldest first, consecutive days).

    Days with answers are shaded by quartile of the study days' counts. A month's name
    (`label_width` characters wide) is placed on the week it begins, where it fits.
    """
    if not days:
        return None
    counts = dict(days)
    first, last = days[0][0], days[-1][0]
    start = last - timedelta(days=last.weekday()) - timedelta(weeks=weeks - 1)
    start = max(start, first - timedelta(days=first.weekday()))
    columns = (last - start).days // 7 + 1
    busy = sorted(n for day, n in days if n > 0 and day >= start)
    # The counts at the quartiles of the study days: a day above one gets a darker shade.
    limits = [busy[min(len(busy) - 1, len(busy) * q // LEVELS)] for q in range(1, LEVELS) if busy]

    def level(day: date) -> int | None:
        if day < first or day > last:
            return None
        n = counts.get(day, 0)
        return 0 if n == 0 else 1 + sum(n > limit for limit in limits)

    levels = tuple(
        tuple(level(start + timedelta(weeks=c, days=weekday)) for c in range(columns))
        for weekday in range(7)
    )
    months: list[tuple[int, int]] = []
    free_from = 0  # the first column a new name may start at
    for column in range(columns):
        monday = start + timedelta(weeks=column)
        sunday = monday + timedelta(days=6)
        if column == 0 or sunday.month != monday.month or monday.day == 1:
            month = sunday.month if column else monday.month
            if column >= free_from:
                months.append((column, month))
                free_from = column + label_width + 1
    return HeatMap(start, columns, levels, tuple(months))
