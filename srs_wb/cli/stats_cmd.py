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


def _labels_width() -> int:
    from srs_wb.i18n import _

    labels = ("Reviews", "Streak", "Cards", "Exercises", "Due", "Plan")
    return max(10, *(len(_(label)) for label in labels))


def format_summary(stats: Any) -> str:
    from srs_wb.display import inert
    from srs_wb.formats.stats_markdown import percent
    from srs_wb.i18n import _, ngettext
    from srs_wb.labels import interval
    from srs_wb.scheduling.durations import format_days

    def days(count: int) -> str:
        return ngettext("{n} day", "{n} days", count).format(n=count)

    def duration(seconds: float) -> str:
        minutes = round(seconds / 60)
        if minutes < 60:
            return _("{n} min").format(n=minutes)
        return _("{h} h {m} min").format(h=f"{minutes // 60:,}", m=minutes % 60)

    width = _labels_width()

    def _line(label: str, text: str) -> str:
        return f"{label:<{width}} {text}"

    title = inert(stats.deck_name) if stats.deck else _("all decks")
    totals = stats.totals
    lines = [f"{_('Progress')} · {title} · {stats.since} – {stats.until}"]
    if totals.reviews:
        text = _("{n} on {days} of {total} days · {rate} passed · {time}").format(
            n=f"{totals.reviews:,}",
            days=stats.study_days,
            total=len(stats.days),
            rate=percent(totals.rate),
            time=duration(stats.seconds),
        )
    else:
        text = _("none yet in this range")
    lines.append(_line(_("Reviews"), text))
    streaks = stats.streaks
    text = _("{days} (longest {n})").format(days=days(streaks.current), n=streaks.longest)
    if not streaks.reviewed_today:
        text += " · " + _("none yet today")
    lines.append(_line(_("Streak"), text))
    cards = stats.cards
    parts = [
        _("new {n}").format(n=f"{cards.new:,}"),
        _("learning {n}").format(n=f"{cards.learning:,}"),
    ]
    parts += [f"{interval(step.label)} {step.cards:,}" for step in cards.steps]
    parts.append(_("suspended {n}").format(n=f"{cards.suspended:,}"))
    lines.append(_line(_("Cards"), f"{cards.total:,}: " + " · ".join(parts)))
    lines.append(
        _line(
            "",
            _("{n} completed the plan (reached the last step)").format(
                n=f"{cards.completed_plan:,}"
            ),
        )
    )
    exercises = stats.exercises
    if exercises.answers:
        text = _("{rate} of {n} correct").format(
            rate=percent(exercises.accuracy), n=f"{exercises.answers:,}"
        )
        graded = [e for e in exercises.by_kind if e.answers]
        if len(graded) > 1:
            weakest = min(graded, key=lambda e: (e.accuracy, -e.answers))
            text += " · " + _("weakest: {kind} (d{level}) {rate}").format(
                kind=weakest.kind, level=weakest.difficulty, rate=percent(weakest.accuracy)
            )
        if exercises.mistakes:
            code, count = exercises.mistakes[0]
            text += " · " + _("most common mistake: {code} ×{n}").format(
                code=inert(code), n=f"{count:,}"
            )
        lines.append(_line(_("Exercises"), text))
    due = [n for _day, n in stats.forecast]
    lines.append(
        _line(
            _("Due"),
            _(
                "today {today} · tomorrow {tomorrow} · next 7 days {week} · next 30 days {month}"
            ).format(
                today=f"{due[0]:,}",
                tomorrow=f"{due[1]:,}",
                week=f"{sum(due[:7]):,}",
                month=f"{sum(due):,}",
            ),
        )
    )
    several = len({prompt.deck for prompt in stats.plan}) > 1
    for index, prompt in enumerate(stats.plan):
        if prompt.status == "done":
            state = _("done {day}").format(day=prompt.done_on)
        elif prompt.status == "not_started":
            state = _("after you start the deck")
        elif prompt.status == "unlocked":
            state = _("open since {day}").format(day=prompt.unlocks_on)
        else:
            state = _("unlocks {day}").format(day=prompt.unlocks_on)
        where = f"{inert(prompt.deck)} " if several else ""
        label = _("Plan") if index == 0 else ""
        lines.append(
            _line(label, f"{where}{interval(format_days(prompt.unlock_after_days))}: {state}")
        )
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
