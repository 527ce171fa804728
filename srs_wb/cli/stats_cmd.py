"""`srs-wb stats`: progress over a range of study days, as a short summary or as JSON."""

from __future__ import annotations

import argparse
from typing import Any

from srs_wb.cli.common import add_command, add_json_option, open_collection, print_json


def add_range_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--deck", metavar="D", help="one deck, by id or name (default: all)")
    parser.add_argument(
        "--since", metavar="DATE", help="first study day, e.g. 2026-01-01 (default: a year ago)"
    )
    parser.add_argument("--until", metavar="DATE", help="last study day (default: today)")


def range_arguments(args: argparse.Namespace) -> dict[str, Any]:
    """--deck/--since/--until as keyword arguments of the stats service."""
    from srs_wb.services.stats import parse_day

    return {
        "deck": args.deck,
        "since": parse_day(args.since, "--since") if args.since else None,
        "until": parse_day(args.until, "--until") if args.until else None,
    }


def register(sub: Any) -> None:
    parser = add_command(
        sub, "stats", "progress: reviews, streaks, cards by step, retention, exercises, forecast"
    )
    add_range_options(parser)
    add_json_option(parser)


def _line(label: str, text: str) -> str:
    return f"{label:<10} {text}"


def format_summary(stats: Any) -> str:
    from srs_wb.display import inert
    from srs_wb.formats.stats_markdown import days_label, duration, percent
    from srs_wb.scheduling.durations import format_days

    title = inert(stats.deck_name) if stats.deck else "all decks"
    totals = stats.totals
    lines = [f"Progress · {title} · {stats.since} – {stats.until}"]
    if totals.reviews:
        lines.append(
            _line(
                "Reviews",
                f"{totals.reviews:,} on {stats.study_days} of {len(stats.days)} days · "
                f"{percent(totals.rate)} passed · {duration(stats.seconds)}",
            )
        )
    else:
        lines.append(_line("Reviews", "none yet in this range"))
    streaks = stats.streaks
    today = "" if streaks.reviewed_today else " · none yet today"
    lines.append(
        _line("Streak", f"{days_label(streaks.current)} (longest {streaks.longest}){today}")
    )
    cards = stats.cards
    parts = [f"new {cards.new:,}", f"learning {cards.learning:,}"]
    parts += [f"{step.label} {step.cards:,}" for step in cards.steps]
    parts.append(f"suspended {cards.suspended:,}")
    lines.append(_line("Cards", f"{cards.total:,}: " + " · ".join(parts)))
    lines.append(_line("", f"{cards.completed_plan:,} completed the plan (reached the last step)"))
    exercises = stats.exercises
    if exercises.answers:
        text = f"{percent(exercises.accuracy)} of {exercises.answers:,} correct"
        graded = [e for e in exercises.by_kind if e.answers]
        if len(graded) > 1:
            weakest = min(graded, key=lambda e: (e.accuracy, -e.answers))
            text += (
                f" · weakest: {weakest.kind} (d{weakest.difficulty}) {percent(weakest.accuracy)}"
            )
        if exercises.mistakes:
            code, count = exercises.mistakes[0]
            text += f" · most common mistake: {inert(code)} ×{count:,}"
        lines.append(_line("Exercises", text))
    due = [n for _, n in stats.forecast]
    lines.append(
        _line(
            "Due",
            f"today {due[0]:,} · tomorrow {due[1]:,} · next 7 days {sum(due[:7]):,} · "
            f"next 30 days {sum(due):,}",
        )
    )
    several = len({prompt.deck for prompt in stats.plan}) > 1
    for index, prompt in enumerate(stats.plan):
        if prompt.status == "done":
            state = f"done {prompt.done_on}"
        elif prompt.status == "not_started":
            state = "after you start the deck"
        elif prompt.status == "unlocked":
            state = f"open since {prompt.unlocks_on}"
        else:
            state = f"unlocks {prompt.unlocks_on}"
        where = f"{inert(prompt.deck)} " if several else ""
        label = "Plan" if index == 0 else ""
        lines.append(_line(label, f"{where}{format_days(prompt.unlock_after_days)}: {state}"))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from srs_wb.services.stats import compute_stats

    options = range_arguments(args)
    with open_collection(args) as collection:
        stats = compute_stats(collection, **options)
    if args.json:
        print_json(stats.to_json())
    else:
        print(format_summary(stats))
    return 0
