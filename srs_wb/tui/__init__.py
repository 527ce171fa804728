"""The full-screen Textual app: `srs-wb` with no command (see `srs_wb.tui.app`)."""
