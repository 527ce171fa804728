"""srs-wb: a spaced-repetition trainer for the terminal, with generated numeric exercises."""

__version__ = "0.1.0"
