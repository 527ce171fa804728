"""Where the files that ship with srs-wb (built-in decks, migrations) are found."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    # In a wheel the folders are copied under srs_wb/_data (see pyproject.toml); in a
    # source checkout or an editable install they sit at the top of the repository.
    inside = _PACKAGE / "_data" / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name


def decks_dir() -> Path:
    return _shipped("decks")


def migrations_dir() -> Path:
    return _shipped("migrations")
