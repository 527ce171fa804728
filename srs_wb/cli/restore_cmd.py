"""`srs-wb restore FILE`: replace the database with a checked backup, keeping the current one."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from srs_wb.cli.common import add_command


def register(sub: Any) -> None:
    parser = add_command(sub, "restore", "replace the database with a backup (checked first)")
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def run(args: argparse.Namespace) -> int:
    from srs_wb.errors import SrsError
    from srs_wb.services.maintenance import check_backup_file, restore
    from srs_wb.storage.database import resolve_db_path

    database = resolve_db_path(getattr(args, "db", None))
    check_backup_file(args.file)
    if not args.yes and sys.stdin.isatty():
        answer = input(f"Replace {database} with {args.file}? The current file is kept. [y/N] ")
        if answer.strip().lower() not in {"y", "yes", "д", "да"}:
            raise SrsError("restore cancelled; nothing changed")
    kept = restore(database, args.file, datetime.now(UTC))
    print(f"restored {database} from {args.file}")
    if kept is not None:
        print(f"the previous database was kept as {kept}")
    return 0
