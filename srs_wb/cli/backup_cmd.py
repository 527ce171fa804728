"""`srs-wb backup [-o FILE]`: a consistent copy of the database, now."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from srs_wb.cli.common import add_command, open_collection


def register(sub: Any) -> None:
    parser = add_command(sub, "backup", "copy the database to a backup file")
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="default: a dated file in backups/"
    )


def run(args: argparse.Namespace) -> int:
    from srs_wb.services.maintenance import backup_now

    with open_collection(args, install_builtin=False) as collection:
        target = backup_now(collection, args.output)
    print(f"backup written: {target}")
    return 0
