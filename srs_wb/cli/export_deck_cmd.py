"""`srs-wb export-deck DECK -o FILE`: write a deck (built-in or imported) to a file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from srs_wb.cli.common import add_command, open_collection


def register(sub: Any) -> None:
    parser = add_command(sub, "export-deck", "write a deck to a file (.toml)")
    parser.add_argument("deck", metavar="DECK", help="deck id or name (see `srs-wb decks`)")
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")


def run(args: argparse.Namespace) -> int:
    from srs_wb.display import inert
    from srs_wb.services.exporting import export_deck

    with open_collection(args) as collection:
        spec = export_deck(collection, args.deck, args.output)
    print(inert(f"{args.output}: wrote deck {spec.name!r} ({len(spec.cards)} cards)"))
    return 0
