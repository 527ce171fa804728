"""What a deck reader is told (`ReadOptions`) and returns (`ReadResult`: decks, skipped items)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from srs_wb.errors import ImportFailed
from srs_wb.formats.spec import DeckSpec

__all__ = ["MAX_PROBLEMS_LISTED", "ReadOptions", "ReadResult", "Skipped", "refused"]

# Past this many, the rest of a file's problems are counted rather than listed.
MAX_PROBLEMS_LISTED = 1_000


@dataclass(frozen=True)
class ReadOptions:
    """How to read a file: the import command's options, and the time for Anki's due days."""

    deck: str | None = None  # --deck: put every card of the file into this deck
    encoding: str | None = None  # --encoding: of CSV and text files; None = UTF-8 (BOM or not)
    with_progress: bool = False  # --with-progress: carry Anki's scheduling over
    now: datetime | None = None  # when the import happens (aware); needed for due days


@dataclass(frozen=True)
class Skipped:
    """A row or note that was left out, and why (the import goes on without it)."""

    item: str  # "row 7", "note tXd,[rF*ok"
    reason: str
    deck: str | None = None  # the deck id it would have gone to, when known

    def to_dict(self) -> dict[str, str]:
        return {"item": self.item, "reason": self.reason}


@dataclass(frozen=True)
class ReadResult:
    """Every deck a file holds (an Anki package may hold several), and what was skipped."""

    decks: tuple[DeckSpec, ...]
    skipped: tuple[Skipped, ...] = ()
    origin: str = "toml"  # what the deck records as its source: toml, csv, anki


def refused(source: str, problems: list[str]) -> ImportFailed:
    """One `ImportFailed` for a file, every problem listed (up to a limit)."""
    count = len(problems)
    if count == 1:
        return ImportFailed(f"{source}: deck not imported", problems)
    listed = problems[:MAX_PROBLEMS_LISTED]
    if count > MAX_PROBLEMS_LISTED:
        listed.append(f"… and {count - MAX_PROBLEMS_LISTED} more problems")
    noun = "problem" if count == 1 else "problems"
    return ImportFailed(f"{source}: deck not imported ({count} {noun})", listed)
