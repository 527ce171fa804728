"""Lets `python -m srs_wb` behave like the `srs-wb` command."""

from srs_wb.cli.main import main

raise SystemExit(main())
