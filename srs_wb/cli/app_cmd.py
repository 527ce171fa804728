"""`srs-wb` with no command: the full-screen app."""

from __future__ import annotations

import argparse


def run_app(args: argparse.Namespace) -> int:
    from srs_wb.tui.app import run

    return run(db=getattr(args, "db", None), lang=getattr(args, "lang", None))
