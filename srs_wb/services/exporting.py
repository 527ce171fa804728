"""Exporting decks: a stored deck back into a `DeckSpec`, written atomically to a file."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from srs_wb.errors import NotFoundError, SrsError
from srs_wb.formats.spec import AfterLast, CardKind, CardSpec, DeckSpec, LadderSpec
from srs_wb.services.collection import Collection
from srs_wb.storage import decks as deck_store
from srs_wb.storage.decks import DeckRecord
from srs_wb.storage.export import deck_cards, deck_question_columns


def deck_spec(collection: Collection, deck: str) -> DeckSpec:
    """The stored deck named `deck` (id or name) as a DeckSpec, cards in deck order."""
    with collection.reading() as session:
        record = _find(session, deck)
        cards = tuple(
            CardSpec(
                key=row["key"],
                kind=CardKind(row["kind"]),
                front=row["front"],
                back=row["back"],
                exercise=row["exercise"],
                params=json.loads(row["params"]) if row["params"] else {},
                difficulty=row["difficulty"],
                tags=tuple(row["tags"].split()),
                unlock_after_days=row["unlock_after_days"],
            )
            for row in deck_cards(session, record.id)
        )
    ladder = None
    if record.ladder_steps:
        ladder = LadderSpec(
            tuple(int(d) for d in record.ladder_steps.split(",")),
            AfterLast(record.after_last or AfterLast.REPEAT),
        )
    return DeckSpec(
        key=record.key,
        name=record.name,
        cards=cards,
        language=record.language,
        description=record.description,
        ladder=ladder,
        new_per_day=record.new_per_day,
        reviews_per_day=record.reviews_per_day,
    )


def _find(session: Session, deck: str) -> DeckRecord:
    record = deck_store.find_deck(session, deck)
    if record is None:
        known = ", ".join(d.key for d in deck_store.list_decks(session)) or "none"
        raise NotFoundError(f"no deck {deck!r}; decks: {known}")
    return record


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file and a rename: never half a file."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise SrsError(f"{path}: the folder {folder} does not exist")
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise SrsError(f"{path}: cannot write ({exc.strerror})") from exc


EXPORT_SUFFIXES = (".toml", ".csv")


@dataclass(frozen=True)
class DeckExport:
    name: str
    cards: int  # in the deck
    written: int  # in the file: a spreadsheet holds question cards only


def export_deck(collection: Collection, deck: str, path: Path) -> DeckExport:
    """Write the deck to `path` in the format its extension names (.toml or .csv).

    A .csv file holds the question cards (front, back, tags, id), in UTF-8 with a BOM so
    that spreadsheet programs read Cyrillic right; exercise cards need .toml.
    """
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        known = " or ".join(EXPORT_SUFFIXES)
        raise SrsError(f"{path}: unknown export format {suffix or '(none)'}; use {known}")
    if suffix == ".csv":
        from srs_wb.formats.csv_writer import csv_columns_text

        # Straight from the columns to the text: no DeckSpec of cards the file leaves out.
        with collection.reading() as session:
            record = _find(session, deck)
            total, columns = deck_question_columns(session, record.id)
        write_atomically(path, csv_columns_text(*columns).encode("utf-8-sig"))
        return DeckExport(record.name, total, len(columns[0]))
    from srs_wb.formats.toml_deck import write_deck

    spec = deck_spec(collection, deck)
    write_atomically(path, write_deck(spec).encode("utf-8"))
    return DeckExport(spec.name, len(spec.cards), len(spec.cards))
