"""Exporting decks: a stored deck back into a `DeckSpec`, written atomically to a file."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from srs_wb.errors import NotFoundError, SrsError
from srs_wb.formats.spec import AfterLast, CardKind, CardSpec, DeckSpec, LadderSpec
from srs_wb.services.collection import Collection
from srs_wb.storage import decks as deck_store
from srs_wb.storage.export import deck_cards


def deck_spec(collection: Collection, deck: str) -> DeckSpec:
    """The stored deck named `deck` (id or name) as a DeckSpec, cards in deck order."""
    with collection.reading() as session:
        record = deck_store.find_deck(session, deck)
        if record is None:
            known = ", ".join(d.key for d in deck_store.list_decks(session)) or "none"
            raise NotFoundError(f"no deck {deck!r}; decks: {known}")
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


def export_deck(collection: Collection, deck: str, path: Path) -> DeckSpec:
    """Write the deck to `path` in the format its extension names (.toml or .csv).

    A .csv file holds the question cards (front, back, tags, id), in UTF-8 with a BOM so
    that spreadsheet programs read Cyrillic right; exercise cards need .toml.
    """
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        known = " or ".join(EXPORT_SUFFIXES)
        raise SrsError(f"{path}: unknown export format {suffix or '(none)'}; use {known}")
    spec = deck_spec(collection, deck)
    if suffix == ".csv":
        from srs_wb.formats.csv_writer import write_csv

        write_atomically(path, write_csv(spec).encode("utf-8-sig"))
        return spec
    from srs_wb.formats.toml_deck import write_deck

    write_atomically(path, write_deck(spec).encode("utf-8"))
    return spec


def exported_cards(spec: DeckSpec, path: Path) -> int:
    """How many of the deck's cards a file of `path`'s format holds."""
    if path.suffix.lower() == ".csv":
        from srs_wb.formats.csv_writer import csv_cards

        return csv_cards(spec)
    return len(spec.cards)
