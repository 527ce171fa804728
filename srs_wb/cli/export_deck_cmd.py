"""`srs-wb export-deck DECK -o FILE`: write a deck (built-in or imported) to a file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from srs_wb.cli.common import add_command, open_collection


def register(sub: Any) -> None:
    parser = add_command(
        sub, "export-deck", "write a deck to a file (.toml, or .csv for spreadsheets)"
    )
    parser.add_argument("deck", metavar="DECK", help="deck id or name (see `srs-wb decks`)")
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")


def run(args: argparse.Namespace) -> int:
    from srs_wb.display import inert
    from srs_wb.services.exporting import export_deck

    with open_collection(args) as collection:
        done = export_deck(collection, args.deck, args.output)
    message = f"{args.output}: wrote deck {done.name!r} ({done.written} cards)"
    left_out = done.cards - done.written
    if left_out:
        message += (
            f"; {left_out} exercise cards left out: a spreadsheet holds question cards only "
            "(export to .toml to keep them)"
        )
    print(inert(message))
    return 0
