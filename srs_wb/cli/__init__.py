"""The `srs-wb` command line: one module per command, each with `register` and `run`."""
