"""The native deck format, TOML: read, validate and write decks (see docs/deck-format.md)."""

from __future__ import annotations

from pathlib import Path

from srs_wb.formats.toml_reader import (
    FORMAT_VERSION,
    EngineCatalog,
    ExerciseCatalog,
    parse_deck_text,
    read_deck,
)
from srs_wb.formats.toml_writer import write_deck

__all__ = [
    "FORMAT_VERSION",
    "EngineCatalog",
    "ExerciseCatalog",
    "is_native_deck",
    "parse_deck_text",
    "read_deck",
    "write_deck",
]


def is_native_deck(path: Path | str) -> bool:
    """Whether `path` names a native deck file (by its extension, `.toml`)."""
    return Path(path).suffix.lower() == ".toml"
