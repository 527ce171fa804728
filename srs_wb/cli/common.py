"""What every command shares: common options, JSON output, opening the collection."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def add_command(sub: Any, name: str, help_text: str) -> argparse.ArgumentParser:
    """Add a subcommand that also accepts the global options after its name."""
    from srs_wb.cli.main import add_common_options

    parser: argparse.ArgumentParser = sub.add_parser(name, help=help_text, description=help_text)
    add_common_options(parser)
    return parser


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def print_json(data: Any) -> None:
    from srs_wb.display import json_escaped

    # Readable Cyrillic, and the controls json leaves raw (C1, bidi) escaped like the rest.
    sys.stdout.write(json_escaped(json.dumps(data, ensure_ascii=False, indent=2)))
    sys.stdout.write("\n")


def open_collection(args: argparse.Namespace, **kwargs: Any) -> Any:
    """The collection named by --db / $SRS_WB_DB / the default, migrated and ready."""
    from srs_wb.display import inert
    from srs_wb.services.collection import Collection

    collection = Collection.open(
        getattr(args, "db", None), lang=getattr(args, "lang", None), **kwargs
    )
    from srs_wb.i18n import activate

    activate(collection.language)  # what the commands print is in the learner's language
    for warning in collection.warnings:  # e.g. the daily backup failed: say so, go on
        print(f"srs-wb: warning: {inert(warning)}", file=sys.stderr)
    return collection
