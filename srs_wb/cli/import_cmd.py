"""`srs-wb import FILE...`: add or update decks from files, all of them or none."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from srs_wb.cli.common import add_command, add_json_option, open_collection, print_json


def register(sub: Any) -> None:
    parser = add_command(
        sub,
        "import",
        "import decks from files: .toml, spreadsheets (.csv, .tsv, .txt), Anki (.apkg, .colpkg)",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", type=Path)
    parser.add_argument(
        "--deck",
        metavar="NAME",
        help="put the cards of CSV, text and Anki files into this deck (a new name, or an "
        "existing deck's id or name); default: the file's name, or Anki's own decks",
    )
    parser.add_argument(
        "--encoding",
        metavar="ENC",
        help="the encoding of CSV and text files, such as cp1251 (default: UTF-8)",
    )
    parser.add_argument(
        "--with-progress",
        action="store_true",
        help="carry Anki's scheduling over (intervals, due days, suspended cards) "
        "instead of starting every card as new",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would change and write nothing"
    )
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    from srs_wb.services.importing import import_paths

    with open_collection(args) as collection:
        summaries = import_paths(
            collection,
            args.files,
            dry_run=args.dry_run,
            deck=args.deck,
            encoding=args.encoding,
            with_progress=args.with_progress,
        )
    if args.json:
        data = [summary.to_json() for summary in summaries]
        print_json(data[0] if len(data) == 1 else data)
    else:
        from srs_wb.display import inert

        for summary in summaries:
            print(inert(summary.describe()))
    return 0
