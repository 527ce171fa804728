"""`srs-wb doctor [--repair]`: check the database and fix what is safe to fix."""

from __future__ import annotations

import argparse
from typing import Any

from srs_wb.cli.common import add_command, add_json_option, open_collection, print_json


def register(sub: Any) -> None:
    parser = add_command(sub, "doctor", "check the database; --repair fixes what is safe")
    parser.add_argument("--repair", action="store_true", help="fix what is safe to fix")
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    from srs_wb.services.maintenance import doctor

    with open_collection(args, install_builtin=False) as collection:
        report = doctor(collection, repair=args.repair)
    if args.json:
        print_json(report.to_json())
    else:
        from srs_wb.display import inert

        # SQLite's report names the damaged tables and indexes of whatever file this is.
        print(inert(f"integrity check: {report.integrity}"))
        for fixed in report.repaired:
            print(f"repaired: {fixed}")
        for problem in report.problems:
            hint = " (srs-wb doctor --repair fixes it)" if problem["repairable"] else ""
            print(f"problem: {problem['count']} {problem['problem']}{hint}")
        if report.healthy:
            print("no problems found")
    return 0 if report.healthy else 1
