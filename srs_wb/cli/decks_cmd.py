"""`srs-wb decks`: each deck with today's new / learning / due counts."""

from __future__ import annotations

import argparse
from typing import Any

from srs_wb.cli.common import add_command, add_json_option, open_collection, print_json


def register(sub: Any) -> None:
    parser = add_command(sub, "decks", "list the decks with today's counts")
    add_json_option(parser)


def format_overview(overview: Any) -> str:
    from srs_wb.display import inert

    if not overview.decks:
        return "No decks yet. Import one with `srs-wb import FILE`."
    width = max(len(inert(d.name)) for d in overview.decks)
    width = max(width, len("deck"))
    lines = [f"{'deck':<{width}}  {'new':>5} {'learn':>5} {'due':>5} {'total':>6}"]
    for deck in overview.decks:
        lines.append(
            f"{inert(deck.name):<{width}}  {deck.new:>5} {deck.learning:>5} {deck.due:>5}"
            f" {deck.total:>6}"
        )
    totals = overview.totals
    if len(overview.decks) > 1:
        lines.append(
            f"{'all':<{width}}  {totals['new']:>5} {totals['learning']:>5} {totals['due']:>5}"
            f" {totals['total']:>6}"
        )
    if totals["new"] + totals["learning"] + totals["due"] == 0:
        if overview.next_due is not None:
            lines.append(f"Nothing due today. Next review: {overview.next_due.isoformat()}.")
        else:
            lines.append("Nothing due today.")
    lines.append(f"Due tomorrow: {overview.due_tomorrow}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from srs_wb.services.study import overview

    with open_collection(args) as collection:
        result = overview(collection)
    if args.json:
        print_json([deck.to_json() for deck in result.decks])
    else:
        print(format_overview(result))
    return 0
