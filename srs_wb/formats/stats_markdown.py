"""The one-page Markdown progress report, rendered from the stats JSON; readable as plain text."""

from __future__ import annotations

from datetime import date
from typing import Any

from srs_wb.formats.heat_map import HEAT_MAP_WEEKS
from srs_wb.formats.heat_map import heat_map as layout

SHADES = "░▒▓█"  # a quarter of the study days each, from the lightest to the busiest
NO_REVIEWS = "·"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.0f}%"


def duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60:,} h {minutes % 60} min"


def days_label(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _cell(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    # A pipe would end the table cell; line breaks would end the row.
    return str(value).replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return lines


def heat_map(days: list[tuple[date, int]], weeks: int = HEAT_MAP_WEEKS) -> list[str]:
    """Weeks as columns, weekdays as rows, the last `weeks` weeks of `days`.

    Each day is one character: · for no answers, then ░ ▒ ▓ █ by quartile of the study days'
    counts, blank outside the range. Month names mark the week a month begins.
    """
    grid = layout(days, weeks)
    if grid is None:
        return []
    months = [" "] * (grid.columns + 3)  # a month name may run past the last week
    for column, month in grid.months:
        months[column : column + 3] = list(MONTHS[month - 1])
    lines = ["    " + "".join(months).rstrip()]
    shades = " " + NO_REVIEWS + SHADES  # None, 0, then the levels
    for weekday, row in enumerate(grid.levels):
        text = "".join(shades[0 if level is None else level + 1] for level in row)
        lines.append(f"{WEEKDAYS[weekday]} {text.rstrip()}")
    return lines


def render(data: dict[str, Any]) -> str:
    """The report for `data`, the JSON of srs_wb.services.stats_model.Stats."""
    deck = data["deck"]
    title = deck["name"] if deck else "all decks"
    totals = data["totals"]
    streaks = data["streaks"]
    out = [
        f"# Progress: {_cell(title)}",
        "",
        f"{data['since']} – {data['until']} · as of {data['today']} · srs-wb",
        "",
    ]
    if totals["reviews"] == 0:
        out += ["**No reviews yet** in this range: answer a few cards and come back.", ""]
    range_days = len(data["days"])
    out += _table(
        ["", ""],
        [
            ["Reviews", f"{totals['reviews']:,}"],
            ["Passed", percent(totals["rate"])],
            ["Time", duration(totals["seconds"])],
            ["Study days", f"{totals['study_days']} of {range_days}"],
            ["Current streak", days_label(streaks["current"])],
            ["Longest streak", days_label(streaks["longest"])],
        ],
    )
    days = [(date.fromisoformat(d["day"]), d["reviews"]) for d in data["days"]]
    out += ["", "## Activity", "", "```text", *heat_map(days), "```", ""]
    out += [f"{NO_REVIEWS} no reviews · {' '.join(SHADES)} fewer to more reviews", ""]
    out += _cards(data["cards"])
    out += _retention(data["retention"])
    out += _exercises(data["exercises"])
    out += _forecast(data["forecast"])
    out += _plan(data["plan"])
    return "\n".join(out).rstrip() + "\n"


def _cards(cards: dict[str, Any]) -> list[str]:
    steps = cards["steps"]
    header = ["new", "learning", *(s["step"] for s in steps), "suspended", "completed plan"]
    row = [
        cards["new"],
        cards["learning"],
        *(s["cards"] for s in steps),
        cards["suspended"],
        cards["completed_plan"],
    ]
    return ["## Cards", "", *_table(header, [row]), "", f"{cards['total']:,} cards in all.", ""]


def _retention(retention: dict[str, Any]) -> list[str]:
    out = ["## Remembered", ""]
    rows = [[s["step"], s["reviews"], percent(s["rate"])] for s in retention["by_step"]]
    out += _table(["card was", "reviews", "passed"], rows) if rows else ["No reviews yet."]
    decks = [d for d in retention["by_deck"] if d["reviews"]]
    if len(decks) > 1:
        rows = [[d["name"], d["reviews"], percent(d["rate"])] for d in decks]
        out += ["", *_table(["deck", "reviews", "passed"], rows)]
    kinds = [k for k in retention["by_card_kind"] if k["reviews"]]
    if kinds:
        rows = [[k["kind"], k["reviews"], percent(k["rate"])] for k in kinds]
        out += ["", *_table(["cards", "reviews", "passed"], rows)]
    return [*out, ""]


def _exercises(exercises: dict[str, Any]) -> list[str]:
    out = ["## Exercises", ""]
    if not exercises["answers"]:
        return [*out, "No exercises answered yet.", ""]
    rows = [
        [e["kind"], e["difficulty"], e["answers"], percent(e["accuracy"])]
        for e in exercises["by_kind"]
    ]
    out += _table(["skill", "difficulty", "answers", "correct"], rows)
    if exercises["mistakes"]:
        out += ["", "Most common mistakes:", ""]
        out += [f"- `{_cell(m['mistake'])}` × {m['count']:,}" for m in exercises["mistakes"][:5]]
    if exercises["median_error"] is not None:
        out += [
            "",
            f"Wrong numeric answers were off by {exercises['median_error']:g} (median of "
            f"{exercises['wrong_with_error']:,}).",
        ]
    return [*out, ""]


def _forecast(forecast: list[dict[str, Any]]) -> list[str]:
    week = forecast[:7]
    rows = [[d["day"], d["due"]] for d in week]
    total = sum(d["due"] for d in forecast)
    return [
        "## Coming up",
        "",
        *_table(["day", "due"], rows),
        "",
        f"{total:,} reviews due in the next {len(forecast)} days.",
        "",
    ]


def _plan(plan: list[dict[str, Any]]) -> list[str]:
    if not plan:
        return []
    out = ["## Review plan", ""]
    for prompt in plan:
        if prompt["status"] == "done":
            state = f"done {prompt['done_on']}"
        elif prompt["status"] == "not_started":
            state = "after you start the deck"
        elif prompt["status"] == "unlocked":
            state = f"open since {prompt['unlocks_on']}"
        else:
            state = f"unlocks {prompt['unlocks_on']}"
        out.append(f"- {_cell(prompt['prompt'])} — {state}")
    return [*out, ""]
