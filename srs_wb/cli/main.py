"""Entry point of `srs-wb`: parses the command line and turns user errors into one clear line."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from srs_wb import __version__
from srs_wb.errors import SrsError

# Each command lives in its own small module; modules import NumPy, Textual or the
# database only inside `run`, so that `srs-wb --version` or `srs-wb decks` stay quick.
COMMANDS: dict[str, str] = {
    "decks": "srs_wb.cli.decks_cmd",
    "review": "srs_wb.cli.review_cmd",
    "exercise": "srs_wb.cli.exercise_cmd",
    "import": "srs_wb.cli.import_cmd",
    "export-deck": "srs_wb.cli.export_deck_cmd",
    "stats": "srs_wb.cli.stats_cmd",
    "export-stats": "srs_wb.cli.export_stats_cmd",
    "backup": "srs_wb.cli.backup_cmd",
    "restore": "srs_wb.cli.restore_cmd",
    "doctor": "srs_wb.cli.doctor_cmd",
}


def _command_module(name: str) -> ModuleType:
    return importlib.import_module(COMMANDS[name])


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="srs-wb",
        description="Spaced-repetition trainer for the terminal: weights, biases and gradients.",
        epilog="Run `srs-wb` with no command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"srs-wb {__version__}")
    add_common_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        _command_module(name).register(sub)
    return parser


def add_common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="database file (default: $SRS_WB_DB, else the user data folder)",
    )
    parser.add_argument(
        "--lang",
        choices=["bg", "en"],
        default=argparse.SUPPRESS,
        help="language of the interface and of the built-in deck (default: from the locale)",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show tracebacks instead of one-line errors",
    )


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    debug = bool(getattr(args, "debug", False)) or bool(os.environ.get("SRS_WB_DEBUG"))
    try:
        if args.command is None:
            from srs_wb.cli.app_cmd import run_app

            return run_app(args)
        return int(_command_module(args.command).run(args) or 0)
    except SrsError as exc:
        if debug:
            raise
        from srs_wb.display import inert

        # Messages quote files (a deck name, a note's GUID): shown inert, as everywhere.
        print(f"srs-wb: {inert(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        if debug:
            raise
        print("srs-wb: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `srs-wb ... | head` closes the pipe early; that is not an error.
        return 0
