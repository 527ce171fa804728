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
    from srs_wb.i18n import _

    if not overview.decks:
        return _("No decks yet. Import one with `srs-wb import FILE`.")
    head = [_("deck"), _("new"), _("learn"), _("due"), _("total")]
    width = max(max(len(inert(d.name)) for d in overview.decks), len(head[0]))
    sizes = [max(5, len(label)) for label in head[1:]]

    def row(name: str, counts: list[int]) -> str:
        cells = "".join(f" {count:>{size}}" for count, size in zip(counts, sizes, strict=True))
        return f"{name:<{width}} {cells}"

    lines = [
        f"{head[0]:<{width}} " + "".join(f" {h:>{n}}" for h, n in zip(head[1:], sizes, strict=True))
    ]
    for deck in overview.decks:
        lines.append(row(inert(deck.name), [deck.new, deck.learning, deck.due, deck.total]))
    totals = overview.totals
    if len(overview.decks) > 1:
        counts = [totals["new"], totals["learning"], totals["due"], totals["total"]]
        lines.append(row(_("all"), counts))
    if totals["new"] + totals["learning"] + totals["due"] == 0:
        if overview.next_due is not None:
            lines.append(
                _("Nothing due today. Next review: {day}.").format(
                    day=overview.next_due.isoformat()
                )
            )
        else:
            lines.append(_("Nothing due today."))
    lines.append(_("Due tomorrow: {n}").format(n=overview.due_tomorrow))
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
