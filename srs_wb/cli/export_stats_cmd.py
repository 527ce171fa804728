"""`srs-wb export-stats -o FILE`: answers or cards as CSV, the stats as JSON or Markdown."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from srs_wb.cli.common import add_command, open_collection
from srs_wb.cli.stats_cmd import add_range_options, range_arguments


def register(sub: Any) -> None:
    parser = add_command(
        sub,
        "export-stats",
        "write progress to a file: answers or cards as CSV, the stats as JSON or Markdown",
    )
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    parser.add_argument(
        "--format",
        choices=["csv", "json", "md"],
        help="default: from the file's extension (.csv, .json, .md)",
    )
    parser.add_argument(
        "--table",
        choices=["reviews", "cards"],
        help="CSV only: one row per answer (reviews, the default) or per card with its state",
    )
    add_range_options(parser)


def run(args: argparse.Namespace) -> int:
    from srs_wb.display import inert
    from srs_wb.services.stats_export import export_stats

    options = range_arguments(args)
    with open_collection(args) as collection:
        result = export_stats(collection, args.output, fmt=args.format, table=args.table, **options)
    span = f"{result.since} – {result.until}"
    if result.table == "cards":
        what = f"{result.rows:,} cards"
    elif result.table == "reviews":
        what = f"{result.rows:,} reviews ({span})" if result.rows else f"no reviews ({span})"
    elif result.rows:
        what = f"the stats of {result.rows:,} reviews ({span})"
    else:
        what = f"the stats: no reviews yet ({span})"
    print(inert(f"{args.output}: wrote {what}"))
    return 0
