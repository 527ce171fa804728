"""Spreadsheet decks (CSV, TSV, TXT): one card a row — front, back, tags — or Anki's text files."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from srs_wb.formats.anki_headers import parse_headers
from srs_wb.formats.card_build import RecallColumns
from srs_wb.formats.naming import content_key, deck_key, guess_language, split_tags
from srs_wb.formats.read_result import ReadOptions, ReadResult, Skipped, refused
from srs_wb.formats.spec import DeckSpec
from srs_wb.formats.text_rows import DELIMITER_NAMES, Record, TextRows

__all__ = [
    "COLUMN_NAMES",
    "TEXT_SUFFIXES",
    "read_text_deck",
    "unprotect_cell",
]

TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
MAX_TEXT_CHARS = 20_000  # the native format's limit on a card's front or back

# The names a header row may give its columns, in English and Bulgarian; any letter case.
COLUMN_NAMES = {
    "front": ("front", "question", "лице", "въпрос", "предна страна"),
    "back": ("back", "answer", "гръб", "отговор", "задна страна"),
    "tags": ("tags", "tag", "етикети", "етикет", "тагове"),
    "id": ("id", "card id", "ид", "идентификатор"),
}
_COLUMN_OF = {name: column for column, names in COLUMN_NAMES.items() for name in names}
CARD_ID = re.compile(r"[a-z0-9._-]{1,128}")
# The exporter puts an apostrophe before a cell that a spreadsheet would run as a formula
# (=, +, -, @, tab, CR): the importer takes exactly that apostrophe off again. A cell that
# starts with apostrophes before such a character got one more on export, so it round-trips.
_PROTECTED = re.compile(r"'+[=+\-@\t\r]")


def unprotect_cell(cell: str) -> str:
    """A cell as written before the exporter guarded it against formula injection."""
    return cell[1:] if cell[:1] == "'" and _PROTECTED.match(cell) else cell


def read_text_deck(path: Path, options: ReadOptions) -> ReadResult:
    """The deck in a CSV, TSV or text file; an Anki text export when it has Anki's headers."""
    with TextRows(path, options.encoding) as rows:
        headers, problems = parse_headers(rows.header_lines(), rows.source)
        if headers is not None:
            from srs_wb.formats.anki_text import read_anki_text  # HTML and note types: on demand

            return read_anki_text(rows, headers, options, problems)
        delimiter = rows.sniff()
        if delimiter is None and rows.sample_blank:
            delimiter = ","  # only empty rows so far: let the rows say so
        if delimiter is None:
            raise rows.refuse(
                "found only one column: a card needs a front and a back, separated by "
                "commas, semicolons, tabs or '|'"
            )
        return _Sheet(rows, delimiter, options).read()


class _Sheet:
    """Rows of front, back (and tags, id) into one deck, every problem of the file collected."""

    def __init__(self, rows: TextRows, delimiter: str, options: ReadOptions) -> None:
        self.rows = rows
        self.source = rows.source
        self.delimiter = delimiter
        self.options = options
        self.problems: list[str] = []
        self.skipped: list[Skipped] = []
        self.cards = RecallColumns()
        self.first_seen: dict[str, tuple[int, int]] = {}  # card id: (row, line) first seen
        self.tag_sets: dict[str, tuple[str, ...]] = {}  # a tags cell: its tags, made once
        self.columns: dict[str, int] = {}
        self.width = 0
        self.width_from = ""

    def read(self) -> ReadResult:
        name = self.options.deck or self.rows.path.stem
        key = deck_key(name)
        records = self.rows.records(self.delimiter)
        for record in records:
            if _blank(record.fields):
                self.skipped.append(Skipped(record.where, "an empty row", key))
                continue
            if not self._layout(record):
                self._row(record, key)
            break
        self._rows(records, key)
        if self.problems:
            raise refused(self.source, self.problems)
        if not self.cards:
            listed = [f"{self.source}: {s.item}: {s.reason}" for s in self.skipped[:20]]
            raise refused(self.source, [f"{self.source}: no cards to import", *listed])
        spec = DeckSpec(
            key=key,
            name=name,
            cards=self.cards,
            language=guess_language(self.cards.fronts),
            source=self.source,
        )
        return ReadResult((spec,), tuple(self.skipped), origin="csv")

    def _rows(self, records: Iterator[Record], deck: str) -> None:
        """The hot loop of a 100,000-row import: well-formed rows straight to cards, the
        rest to `_row`, which says what is wrong with them.

        Re-importing a file is mostly this loop, so its body is `content_key` written out
        (the same key; a test checks the loop against `_row`), with the tests that run in C
        first: a row that fails any of them takes `_row`. Cards go into columns
        (`RecallColumns`), not objects.
        """
        if not self.columns:
            return  # every row was empty
        width, front_at, back_at = self.width, self.columns["front"], self.columns["back"]
        tags_at = self.columns.get("tags")
        if "id" in self.columns:
            for record in records:
                self._row(record, deck)
            return
        first_seen = self.first_seen
        problems = self.problems
        tag_sets = self.tag_sets
        cards = self.cards
        add_key, add_front, add_back = cards.keys.append, cards.fronts.append, cards.backs.append
        add_tags, add_line = cards.tags.append, cards.lines.append
        blake2b = hashlib.blake2b
        no_tags: tuple[str, ...] = ()
        for record in records:
            cells, row, line = record
            if len(cells) != width or problems:
                self._row(record, deck)
                continue
            front, back = cells[front_at], cells[back_at]
            text = front.strip()  # what the card id is made from (`content_key`)
            if (
                not text
                or front[:1] == "'"
                or back[:1] == "'"
                or "\r" in front
                or "\r" in back
                or not back
                or back.isspace()
                or len(front) > MAX_TEXT_CHARS
                or len(back) > MAX_TEXT_CHARS
            ):
                self._row(record, deck)
                continue
            key = "h-" + blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
            if key in first_seen:
                self._row(record, deck)
                continue
            first_seen[key] = (row, line)
            tags = no_tags
            if tags_at is not None:
                cell = cells[tags_at]
                tags = tag_sets.get(cell)  # type: ignore[assignment]
                if tags is None:
                    tags = self._tags(cell)
            add_key(key)
            add_front(front)
            add_back(back)
            add_tags(tags)
            add_line(line)

    def _tags(self, cell: str) -> tuple[str, ...]:
        # Rows repeat the same few tags cells: one tuple of the same strings serves them all.
        tags = self.tag_sets.get(cell)
        if tags is None:
            tags = self.tag_sets[cell] = split_tags(_cell(cell))
        return tags

    def _layout(self, record: Record) -> bool:
        """Learn the columns from the first row; True if that row is a header."""
        cells = [cell.strip().casefold() for cell in record.fields]
        while cells and not cells[-1]:
            cells.pop()  # spreadsheets pad rows with empty cells
        named = [_COLUMN_OF.get(cell) for cell in cells]
        if all(named) and {"front", "back"} <= set(named) and len(set(named)) == len(named):
            self.columns = {column: index for index, column in enumerate(named) if column}
            self.width, self.width_from = len(named), "the header"
            return True
        if len(cells) > 3:
            raise self.rows.refuse(
                f"{record.where}: {len(cells)} columns, but without a header row srs-wb reads "
                "only front, back and tags; add a header row naming the columns "
                f"({_known_names()})",
                record.line,
            )
        self.width = min(len(record.fields), 3)
        self.width_from = f"the first {record.where}"
        if self.width < 2:
            raise self.rows.refuse(
                f"{record.where}: one column, but a card needs a front and a back "
                f"(the cells are separated by {DELIMITER_NAMES[self.delimiter]}s)",
                record.line,
            )
        self.columns = dict(zip(("front", "back", "tags"), range(self.width), strict=False))
        return False

    def _row(self, record: Record, deck: str) -> None:
        # The hot loop of a 100,000-row import: string tests that run in C come first.
        cells = record.fields
        if not any(cells) or not "".join(cells).strip():
            self.skipped.append(Skipped(record.where, "an empty row", deck))
            return
        width = self.width
        if len(cells) != width and (len(cells) < width or "".join(cells[width:]).strip()):
            self.problems.append(
                f"{self.source}:{record.line}: {record.where}: {len(cells)} cells, but "
                f"{self.width_from} has {width}: a missing or extra "
                f"{DELIMITER_NAMES[self.delimiter]}, or a cell that needs quotes?"
            )
            return
        if self.problems:
            return  # the file is refused anyway: only look for more problems
        front = _cell(cells[self.columns["front"]])
        back = _cell(cells[self.columns["back"]])
        for side, value in (("front", front), ("back", back)):
            if not value.strip():
                self.skipped.append(Skipped(record.where, f"the {side} is empty", deck))
                return
            if len(value) > MAX_TEXT_CHARS:
                reason = (
                    f"the {side} is {len(value):,} characters long; the limit is {MAX_TEXT_CHARS:,}"
                )
                self.skipped.append(Skipped(record.where, reason, deck))
                return
        id_at = self.columns.get("id")
        card_id = _cell(cells[id_at]).strip() if id_at is not None else ""
        if card_id and not CARD_ID.fullmatch(card_id):
            self.problems.append(
                f"{self.source}:{record.line}: {record.where}: bad card id {card_id[:40]!r}: "
                "use 1–128 lowercase letters, digits, '-', '_' or '.' (or leave it empty)"
            )
            return
        key = card_id or content_key(front)
        first = self.first_seen.setdefault(key, (record.row, record.line))
        if first != (record.row, record.line):
            what = "id" if card_id else "front"
            earlier = Record([], *first).where
            self.skipped.append(Skipped(record.where, f"the same {what} as {earlier}", deck))
            return
        tags_at = self.columns.get("tags")
        tags = self._tags(cells[tags_at]) if tags_at is not None else ()
        self.cards.add(key, front, back, tags, record.line)


def _cell(cell: str) -> str:
    """A cell's text: the exporter's formula guard removed, line ends made LF."""
    if cell[:1] == "'":
        cell = unprotect_cell(cell)
    return cell.replace("\r\n", "\n") if "\r" in cell else cell


def _blank(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def _known_names() -> str:
    return "; ".join(f"{column}: {', '.join(names)}" for column, names in COLUMN_NAMES.items())
