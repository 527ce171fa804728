"""Anki packages (.apkg, .colpkg): the collection inside, its notes and cards, as srs-wb decks."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from srs_wb.formats.anki_notes import (
    MAX_TEXT_CHARS,
    NoteCard,
    NoteStyle,
    NoteType,
    anki_progress,
    note_cards,
    note_type_from_templates,
)
from srs_wb.formats.anki_protobuf import ProtobufError, first_bytes, first_int
from srs_wb.formats.card_build import recall_card
from srs_wb.formats.html_text import html_to_text
from srs_wb.formats.naming import (
    anki_note_prefix,
    deck_key,
    guess_language,
    short_hash,
    split_tags,
)
from srs_wb.formats.read_result import ReadOptions, ReadResult, Skipped, refused
from srs_wb.formats.spec import CardSpec, DeckSpec
from srs_wb.formats.zip_safety import MAX_MEMBER_BYTES, SafeZip

__all__ = ["ANKI_SUFFIXES", "read_apkg"]

ANKI_SUFFIXES = (".apkg", ".colpkg")

# The collection inside a package, newest layout first. Current packages also carry a
# `collection.anki2` that only tells old Anki versions to upgrade: it is never read when a
# newer collection is there.
_CURRENT = "collection.anki21b"  # SQLite, zstd-compressed; note types in their own tables
_LEGACY = ("collection.anki21", "collection.anki2")  # SQLite; note types as JSON in `col`
_META = "meta"  # protobuf PackageMetadata {version = 1}; 3 = the current layout
_LATEST_KNOWN_VERSION = 3
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_ZSTD_PIECE = 1024
_SQLITE_MAGIC = b"SQLite format 3\x00"
_FIELD_SEPARATOR = "\x1f"  # between a note's fields; also between deck name parts in schema 18
_CLOZE_KIND = 1  # Notetype.Config.kind
_DAY_SECONDS = 86_400
_MAX_COUNT = 2**32 - 1  # a card's reps and lapses: unsigned 32-bit numbers in Anki
MAX_COLLECTION_BYTES = MAX_MEMBER_BYTES

_CARDS_WITHOUT = (
    "SELECT nid, ord, CASE WHEN odid != 0 THEN odid ELSE did END FROM cards ORDER BY nid, ord"
)
_CARDS_WITH_SCHEDULING = (
    "SELECT nid, ord, CASE WHEN odid != 0 THEN odid ELSE did END, "
    "type, queue, due, odue, odid, ivl, reps, lapses FROM cards ORDER BY nid, ord"
)

Refuse = Callable[[str], Exception]  # makes the one ImportFailed that names the file


def read_apkg(path: Path, options: ReadOptions) -> ReadResult:
    """Every deck with cards in the Anki package at `path`, and the notes left out."""
    source = str(path)

    def refuse(problem: str) -> Exception:
        return refused(source, [f"{source}: {problem}"])

    with SafeZip(path, refuse) as archive, tempfile.TemporaryDirectory(prefix="srs-wb-") as tmp:
        database = Path(tmp) / "collection.sqlite"
        _unpack_collection(archive, database, refuse)
        try:
            connection = sqlite3.connect(f"{database.as_uri()}?mode=ro&immutable=1", uri=True)
        except sqlite3.Error as exc:
            raise refuse(f"the collection inside cannot be opened ({exc})") from None
        try:
            return _Reader(source, connection, options, refuse).read(path.stem)
        except sqlite3.DatabaseError as exc:
            raise refuse(f"the collection inside is damaged or not Anki's ({exc})") from None
        except (ProtobufError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise refuse(f"the collection inside is not one Anki wrote ({exc})") from None
        finally:
            connection.close()


def _unpack_collection(archive: SafeZip, target: Path, refuse: Refuse) -> None:
    names = archive.names()
    version = 0
    if _META in names:
        try:
            version = first_int(archive.read_small(_META, 1024), 1)
        except ProtobufError:
            raise refuse("the package's 'meta' member is damaged") from None
        if version > _LATEST_KNOWN_VERSION:
            raise refuse("this package was made by a newer Anki than srs-wb can read")
    if _CURRENT in names:
        _unzstd(archive, _CURRENT, target, refuse)
    else:
        if version == _LATEST_KNOWN_VERSION:
            raise refuse(f"the package says it is the current layout but has no {_CURRENT}")
        legacy = next((name for name in _LEGACY if name in names), None)
        if legacy is None:
            raise refuse(
                "not an Anki package: no collection inside (expected collection.anki21b, "
                "collection.anki21 or collection.anki2)"
            )
        archive.extract_to(legacy, target, MAX_COLLECTION_BYTES)
    with open(target, "rb") as file:
        head = file.read(len(_SQLITE_MAGIC))
    if head != _SQLITE_MAGIC:
        raise refuse("the collection inside is not an SQLite database")


def _unzstd(archive: SafeZip, name: str, target: Path, refuse: Refuse) -> None:
    """Decompress the zstd member `name` to `target`, stopping past the size limit."""
    try:
        import zstandard
    except ImportError:  # pragma: no cover - a declared dependency
        raise refuse("reading current Anki packages needs the 'zstandard' package") from None
    # The input goes in small pieces: zstd can turn a few bytes into megabytes, and one
    # call's output cannot be capped, so a small piece keeps each call's output small
    # (at most ~32 MB) while the total is checked against the limit as it grows.
    frame = zstandard.ZstdDecompressor().decompressobj()
    written = 0
    with archive.open_member(name) as member, open(target, "wb") as out:
        first = True
        while True:
            try:
                piece = member.read(_ZSTD_PIECE)
            except Exception as exc:  # zipfile and zlib errors: a damaged member
                raise refuse(f"{name} is damaged ({exc})") from None
            if first and piece[: len(_ZSTD_MAGIC)] != _ZSTD_MAGIC:
                raise refuse(f"{name} is not zstd-compressed, as a current Anki package's is")
            first = False
            if not piece or frame.eof:
                break
            try:
                data = frame.decompress(piece)
            except zstandard.ZstdError as exc:
                raise refuse(f"{name} is damaged ({exc})") from None
            written += len(data)
            if written > MAX_COLLECTION_BYTES:
                raise refuse(f"{name} unpacks to more than {MAX_COLLECTION_BYTES:,} bytes")
            out.write(data)
    if not frame.eof:
        raise refuse(f"{name} is damaged: its compressed data is cut short")


@dataclass
class _Deck:
    name: str
    key: str
    cards: list[CardSpec] = field(default_factory=list)


class _Reader:
    """Reads notes and cards of one collection into decks, in the collection's note order."""

    def __init__(
        self, source: str, db: sqlite3.Connection, options: ReadOptions, refuse: Refuse
    ) -> None:
        self.source = source
        self.db = db
        self.options = options
        self.refuse = refuse
        self.skipped: list[Skipped] = []

    def read(self, stem: str) -> ReadResult:
        self._only_tables()
        crt = self._crt()
        days_elapsed = 0
        if self.options.with_progress:
            if self.options.now is None:
                raise ValueError("with_progress needs the time of the import")
            days_elapsed = int((self.options.now.timestamp() - crt) // _DAY_SECONDS)
        note_types = self._note_types()
        deck_names = self._deck_names()
        decks: dict[int, _Deck] = {}
        by_key: dict[str, _Deck] = {}
        single = (
            _Deck(self.options.deck, deck_key(self.options.deck)) if self.options.deck else None
        )
        seen_guids: dict[str, int] = {}
        tag_sets: dict[str, tuple[str, ...]] = {}  # a note's tags text: its tags, made once
        with_progress = self.options.with_progress
        skip = self.skipped.append

        def deck_of(deck_id: int) -> _Deck:
            found = decks.get(deck_id)
            if found is None:
                found = self._deck_for(deck_id, deck_names, decks, by_key, single, stem)
            return found

        for note_id, guid, type_id, tags, flds, cards in self._notes():
            if not cards:
                # Anki keeps no such note; one that has slipped in has nothing to show.
                empty = not flds.replace(_FIELD_SEPARATOR, "").strip()
                reason = "all its fields are empty" if empty else "it has no cards"
                skip(Skipped(f"note {guid}", reason))
                continue
            first_id = seen_guids.setdefault(guid, note_id)
            if first_id != note_id:
                skip(Skipped(f"note {guid}", f"the same GUID as note id {first_id}"))
                continue
            note_type = note_types.get(type_id)
            if note_type is None:
                reason = f"its note type {type_id} is not in the package"
                skip(Skipped(f"note {guid}", reason, deck_of(cards[0][1]).key))
                continue
            tag_list = tag_sets.get(tags)
            if tag_list is None:
                tag_list = tag_sets[tags] = split_tags(tags)
            if note_type.style is NoteStyle.PLAIN and len(cards) == 1 and not with_progress:
                # Most notes: one card, front and back from the fields, nothing to skip.
                fields = flds.split(_FIELD_SEPARATOR)
                front = html_to_text(fields[0])
                if len(fields) == 2:  # Basic: the back is the second field
                    back = html_to_text(fields[1])
                else:
                    back = "\n\n".join([text for f in fields[1:] if (text := html_to_text(f))])
                if front and back and len(front) + len(back) <= MAX_TEXT_CHARS:
                    ordinal, deck_id = cards[0][:2]
                    deck = decks.get(deck_id) or deck_of(deck_id)
                    key = f"{anki_note_prefix(guid)}{ordinal}"
                    deck.cards.append(recall_card(key, front, back, tag_list))
                    continue
            by_ordinal = {card[0]: card for card in cards}
            made = note_cards(
                note_type, flds.split(_FIELD_SEPARATOR), html=True, ordinals=by_ordinal
            )
            if not made:
                reason = "all its fields are empty"
                skip(Skipped(f"note {guid}", reason, deck_of(cards[0][1]).key))
                continue
            guid_key = anki_note_prefix(guid)  # "anki-<hash>-": the ordinal follows
            for card in made:
                row = by_ordinal.get(card.ordinal, cards[0])
                deck = decks.get(row[1]) or deck_of(row[1])
                if card.skipped is not None:
                    where = f"note {guid}"
                    if len(made) > 1 or card.ordinal:
                        where += f" card {card.ordinal + 1}"
                    skip(Skipped(where, card.skipped, deck.key))
                elif with_progress:
                    where = f"note {guid} card {card.ordinal + 1}"
                    deck.cards.append(
                        self._card(guid_key, card, row, tag_list, days_elapsed, where)
                    )
                else:
                    key = f"{guid_key}{card.ordinal}"
                    deck.cards.append(recall_card(key, card.front, card.back, tag_list))
        ordered = [single] if single is not None else list(by_key.values())
        specs = tuple(
            DeckSpec(
                key=deck.key,
                name=deck.name,
                cards=tuple(deck.cards),
                language=guess_language(card.front for card in deck.cards),
                source=self.source,
            )
            for deck in ordered
            if deck.cards
        )
        if not specs:
            reasons = [f"{self.source}: {s.item}: {s.reason}" for s in self.skipped[:20]]
            raise refused(
                self.source, [f"{self.source}: the package has no cards to import", *reasons]
            )
        return ReadResult(specs, tuple(self.skipped), origin="anki")

    def _card(
        self,
        prefix: str,
        card: NoteCard,
        row: tuple[Any, ...],
        tags: tuple[str, ...],
        days: int,
        where: str,
    ) -> CardSpec:
        progress = None
        suspended = False
        if self.options.with_progress:
            _, _, card_type, queue, due, original_due, original_deck, interval, reps, lapses = row
            if not all(isinstance(n, int) for n in row[2:]) or not (
                0 <= reps <= _MAX_COUNT and 0 <= lapses <= _MAX_COUNT
            ):
                raise self.refuse(
                    f"{where}: its scheduling is not what Anki writes (type {card_type!r}, "
                    f"queue {queue!r}, due {due!r}, interval {interval!r}, reps {reps!r}, "
                    f"lapses {lapses!r})"
                )
            progress, suspended = anki_progress(
                card_type=card_type,
                queue=queue,
                due=original_due if original_deck else due,
                interval=interval,
                reps=reps,
                lapses=lapses,
                days_elapsed=days,
            )
        key = f"{prefix}{card.ordinal}"
        return recall_card(key, card.front, card.back, tags, suspended=suspended, progress=progress)

    def _deck_for(
        self,
        deck_id: int,
        names: dict[int, str],
        decks: dict[int, _Deck],
        by_key: dict[str, _Deck],
        single: _Deck | None,
        stem: str,
    ) -> _Deck:
        if single is not None:
            return single
        deck = decks.get(deck_id)
        if deck is None:
            name = names.get(deck_id) or stem
            key = deck_key(name)
            if key in by_key and by_key[key].name != name:
                key = f"{key[:47].rstrip('-')}-{short_hash(name)}"  # two names, one slug
            deck = by_key.get(key) or _Deck(name, key)
            by_key[key] = decks[deck_id] = deck
        return deck

    # The collection's tables -----------------------------------------------------------

    def _has_table(self, name: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ).fetchone()
        return row is not None

    def _only_tables(self) -> None:
        """Refuse a collection where a name srs-wb reads is a view: reading a view runs its
        query, which a hostile file can make endless (a recursive one)."""
        row = self.db.execute(
            "SELECT name, type FROM sqlite_master WHERE type != 'table' AND lower(name) IN "
            "('col', 'notes', 'cards', 'notetypes', 'fields', 'templates', 'decks')"
        ).fetchone()
        if row is not None:
            raise self.refuse(f"the collection inside is not Anki's: {row[0]!r} is a {row[1]}")

    def _crt(self) -> int:
        if not self._has_table("notes") or not self._has_table("cards"):
            raise self.refuse("the collection inside is not an Anki collection (no notes table)")
        row = self.db.execute("SELECT crt FROM col").fetchone()
        if row is None:
            raise self.refuse("the collection inside has no collection record")
        try:
            return int(row[0])
        except (TypeError, ValueError, OverflowError):
            raise self.refuse(
                f"the collection's creation time (col.crt) is not a number of seconds: {row[0]!r}"
            ) from None

    def _col_json(self, query: str, column: str) -> Any:
        """A JSON column of the legacy layout's `col` table, parsed."""
        (text,) = self.db.execute(query).fetchone()
        try:
            return json.loads(text)
        except RecursionError:
            raise self.refuse(
                f"the collection's {column} is JSON nested too deeply to be Anki's"
            ) from None

    def _note_types(self) -> dict[int, NoteType]:
        if self._has_table("notetypes"):
            return self._note_types_v18()
        models = self._col_json("SELECT models FROM col", "col.models")
        found = {}
        for type_id, model in models.items():
            fields = sorted(model.get("flds", []), key=lambda f: f.get("ord", 0))
            templates = sorted(model.get("tmpls", []), key=lambda t: t.get("ord", 0))
            found[int(type_id)] = note_type_from_templates(
                str(model.get("name", "")),
                is_cloze=model.get("type") == 1,
                field_names=[str(f.get("name", "")) for f in fields],
                questions=[str(t.get("qfmt", "")) for t in templates],
            )
        return found

    def _note_types_v18(self) -> dict[int, NoteType]:
        fields: dict[int, list[str]] = {}
        for type_id, name in self.db.execute("SELECT ntid, name FROM fields ORDER BY ntid, ord"):
            fields.setdefault(type_id, []).append(name)
        questions: dict[int, list[str]] = {}
        for type_id, config in self.db.execute(
            "SELECT ntid, config FROM templates ORDER BY ntid, ord"
        ):
            config = self._protobuf(config, f"a template of note type {type_id!r}")
            question = first_bytes(config, 1).decode("utf-8", "replace")
            questions.setdefault(type_id, []).append(question)
        found = {}
        for type_id, name, config in self.db.execute("SELECT id, name, config FROM notetypes"):
            kind = first_int(self._protobuf(config, f"note type {type_id!r}"), 1)
            found[type_id] = note_type_from_templates(
                name,
                is_cloze=kind == _CLOZE_KIND,
                field_names=fields.get(type_id, []),
                questions=questions.get(type_id, []),
            )
        return found

    def _protobuf(self, config: object, owner: str) -> bytes:
        """A `config` column's protobuf bytes. Anything else is not Anki's (and an integer,
        passed to `bytes()`, would allocate that many zero bytes)."""
        if isinstance(config, bytes):
            return config
        raise self.refuse(
            f"{owner}: its config is {type(config).__name__} {config!r:.40}, not protobuf data"
        )

    def _deck_names(self) -> dict[int, str]:
        if self._has_table("decks"):
            rows = self.db.execute("SELECT id, name FROM decks")
            return {deck_id: name.replace(_FIELD_SEPARATOR, "::") for deck_id, name in rows}
        decks = self._col_json("SELECT decks FROM col", "col.decks")
        return {int(deck_id): str(deck.get("name", "")) for deck_id, deck in decks.items()}

    def _notes(self) -> Iterator[tuple[int, str, int, str, str, list[tuple[Any, ...]]]]:
        """Each note in note order, with its cards in ordinal order (none if it has none),
        each (ord, deck) and, with progress, (type, queue, due, odue, odid, ivl, reps,
        lapses) after them. A card in a filtered deck is in its home deck."""
        cards: dict[int, list[tuple[Any, ...]]] = {}
        rows = self.db.execute(
            _CARDS_WITH_SCHEDULING if self.options.with_progress else _CARDS_WITHOUT
        )
        for row in rows:
            found = cards.get(row[0])
            if found is None:
                cards[row[0]] = [row[1:]]
            else:
                found.append(row[1:])
        notes = self.db.execute("SELECT id, guid, mid, tags, flds FROM notes ORDER BY id")
        for note_id, guid, type_id, tags, flds in notes:
            found = cards.get(note_id, [])
            yield note_id, str(guid), type_id, str(tags or ""), str(flds or ""), found
