"""Anki's "Notes in Plain Text" files: their notes as cards (the header lines: `anki_headers`)."""

from __future__ import annotations

import csv
from dataclasses import dataclass

from srs_wb.formats.anki_headers import HEADER_KEYS, AnkiHeaders, parse_headers
from srs_wb.formats.anki_notes import NoteType, field_text, note_cards, note_type_from_name
from srs_wb.formats.card_build import recall_card
from srs_wb.formats.naming import anki_card_key, content_key, deck_key, guess_language, split_tags
from srs_wb.formats.read_result import ReadOptions, ReadResult, Skipped, refused
from srs_wb.formats.spec import CardSpec, DeckSpec
from srs_wb.formats.text_rows import Record, TextRows

__all__ = ["HEADER_KEYS", "AnkiHeaders", "parse_headers", "read_anki_text"]


def read_anki_text(
    rows: TextRows, headers: AnkiHeaders, options: ReadOptions, problems: list[str]
) -> ReadResult:
    """The notes of an Anki text file, the header lines already read into `headers`."""
    source = rows.source
    delimiter = headers.separator or rows.sniff() or "\t"
    layout = _Layout(headers, delimiter)
    decks: dict[str, list[CardSpec]] = {}
    names: dict[str, str] = {}
    keys: dict[tuple[str, str], str] = {}  # (deck, card key) → where it was first seen
    skipped: list[Skipped] = []
    for record in rows.records(delimiter):
        if problems:
            continue  # header problems: refuse, but let reading check the rest of the file
        note = layout.note(record)
        deck_name = options.deck or note.deck or headers.deck or rows.path.stem
        key_of_deck = deck_key(deck_name)
        names.setdefault(key_of_deck, deck_name)
        if not any(field.strip() for field in note.fields):
            skipped.append(Skipped(record.where, "an empty row", key_of_deck))
            continue
        made = note_cards(note.note_type, note.fields, html=headers.html)
        for card in made:
            item = record.where if len(made) == 1 else f"{record.where} card {card.ordinal + 1}"
            if card.skipped is not None:
                skipped.append(Skipped(item, card.skipped, key_of_deck))
                continue
            if note.guid:
                card_key = anki_card_key(note.guid, card.ordinal)
            else:
                base = content_key(note.first_text(headers.html))
                card_key = base if card.ordinal == 0 else f"{base}-{card.ordinal}"
            first = keys.setdefault((key_of_deck, card_key), item)
            if first is not item:
                what = "GUID" if note.guid else "first field"
                skipped.append(Skipped(item, f"the same {what} as {first}", key_of_deck))
                continue
            decks.setdefault(key_of_deck, []).append(
                recall_card(card_key, card.front, card.back, note.tags, line=record.line)
            )
    if problems:
        raise refused(source, problems)
    specs = tuple(
        DeckSpec(
            key=key,
            name=names[key],
            cards=tuple(cards),
            language=guess_language(card.front for card in cards),
            source=source,
        )
        for key, cards in decks.items()
        if cards
    )
    if not specs:
        listed = [f"{source}: {s.item}: {s.reason}" for s in skipped[:20]]
        raise refused(source, [f"{source}: no cards to import", *listed])
    return ReadResult(specs, tuple(skipped), origin="anki")


@dataclass(frozen=True)
class _Note:
    fields: list[str]
    note_type: NoteType
    deck: str | None
    guid: str | None
    tags: tuple[str, ...]

    def first_text(self, html: bool | None) -> str:
        return field_text(html)(self.fields[0] if self.fields else "")


class _Layout:
    """Which column of a row is what: note type, deck, GUID, tags, and the note's fields."""

    def __init__(self, headers: AnkiHeaders, delimiter: str) -> None:
        self.headers = headers
        self.meta = {
            column - 1
            for column in (
                headers.notetype_column,
                headers.deck_column,
                headers.guid_column,
                headers.tags_column,
            )
            if column
        }
        self.tags_index = headers.tags_column - 1 if headers.tags_column else None
        if self.tags_index is None and headers.columns is not None:
            labels = next(csv.reader([headers.columns], delimiter=delimiter), [])
            for index, label in enumerate(labels):
                if label.strip().casefold() == "tags" and index not in self.meta:
                    self.tags_index = index
                    self.meta.add(index)
                    break
        self.global_type = note_type_from_name(headers.notetype)
        self._types: dict[str, NoteType] = {}

    def note(self, record: Record) -> _Note:
        cells = record.fields
        headers = self.headers
        note_type = self._note_type(_cell(cells, headers.notetype_column))
        fields = [value for index, value in enumerate(cells) if index not in self.meta]
        index = self.tags_index
        tag_text = cells[index] if index is not None and index < len(cells) else ""
        count = note_type.field_count
        if index is None and headers.notetype_column is None and count and len(fields) > count:
            # As Anki does for a file of one note type: the column after its fields is tags.
            fields, tag_text = fields[:count], fields[count]
        return _Note(
            fields=fields or [""],
            note_type=note_type,
            deck=_cell(cells, headers.deck_column),
            guid=_cell(cells, headers.guid_column),
            tags=split_tags(tag_text, headers.tags),
        )

    def _note_type(self, name: str | None) -> NoteType:
        if name is None:
            return self.global_type
        found = self._types.get(name)
        if found is None:
            found = self._types[name] = note_type_from_name(name)
        return found


def _cell(cells: list[str], column: int | None) -> str | None:
    """The stripped cell in 1-based `column`, None when absent or empty."""
    if column is None or column > len(cells):
        return None
    return cells[column - 1].strip() or None
