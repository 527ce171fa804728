"""The service layer: the one API that the TUI, the CLI and the tests call."""
