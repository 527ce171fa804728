"""Delimited text files as a stream of records: decoding, limits, header lines, the delimiter."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
from collections import Counter, deque
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import NamedTuple

from srs_wb.errors import ImportFailed
from srs_wb.formats.read_result import refused

__all__ = [
    "DELIMITER_NAMES",
    "MAX_FIELD_CHARS",
    "MAX_FILE_BYTES",
    "MAX_LINE_CHARS",
    "MAX_RECORDS",
    "Record",
    "TextRows",
    "check_encoding",
]

# Limits against broken or hostile files: past any of them the file is refused, never cut.
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_LINE_CHARS = 1_000_000  # one physical line (in bytes when checked before decoding)
MAX_FIELD_CHARS = 131_072  # one cell, multi-line ones included (the csv module's own limit)
MAX_RECORDS = 1_000_000
SNIFF_CHARS = 64 * 1024  # how much text the delimiter is guessed from
# The raw bytes are checked in chunks smaller than a line may be long: a line that lies
# inside one chunk is within the limit, so only lines that span chunks need measuring.
_CHECK_CHUNK_BYTES = 256 * 1024
SNIFF_LINES = 200

DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
# Which delimiter wins a tie, by the file's extension: spreadsheets' CSV is commas (or
# semicolons where the comma is the decimal sign); TSV and Anki's text files are tabs.
_PREFERENCE = {
    ".csv": (",", ";", "\t", "|"),
    ".tsv": ("\t", ",", ";", "|"),
    ".txt": ("\t", ";", ",", "|"),
}
_ZIP_MAGIC = b"PK\x03\x04"
_SEPARATORS_AND_SPACE = str.maketrans("", "", ',;\t|"')
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class Record(NamedTuple):
    """One record of the file: its cells, its number among the records, its first line."""

    fields: list[str]
    row: int
    line: int

    @property
    def where(self) -> str:
        """'row 7', or 'row 7 (line 9)' once multi-line cells or header lines shift them."""
        return f"row {self.row}" if self.row == self.line else f"row {self.row} (line {self.line})"


_new_tuple = tuple.__new__


def check_encoding(name: str | None) -> str | None:
    """The codec name for `--encoding`, or None for the default; refuses unknown names."""
    if name is None:
        return None
    try:
        codecs.lookup(name)
        b"a".decode(name)  # refuses codecs that are not text encodings, such as base64
    except LookupError:
        raise ImportFailed(
            f"unknown encoding {name!r}: use a name such as utf-8, cp1251 or utf-16"
        ) from None
    return codecs.lookup(name).name


class TextRows:
    """A delimited text file, opened for reading records one at a time.

    Lines are checked for their length, NUL bytes and decoding before they are parsed
    (in one pass over the raw bytes where the encoding allows, else line by line), so a
    100 MB file of one line is refused after reading a megabyte, and a binary file at its
    first NUL. Decoding errors name the byte offset of the first byte that cannot be read.
    """

    def __init__(self, path: Path, encoding: str | None) -> None:
        self.path = path
        self.source = str(path)
        self.lines_read = 0
        self.sample_blank = False  # set by `sniff`: the first lines hold nothing but blanks
        self._pending: deque[str] = deque()
        self._eof = False
        try:
            raw = open(path, "rb")  # noqa: SIM115 - closed by close() / the context manager
        except OSError as exc:
            raise self.refuse(f"cannot read the file: {exc.strerror or exc}") from None
        self._raw = raw
        try:
            self.encoding, self._explicit = self._open_checks(encoding)
            # For encodings where a newline and a NUL are single bytes, every line is
            # checked on the raw bytes first, in large chunks; then not one by one.
            self._checked = _ascii_compatible(self.encoding) and self._prescan()
        except BaseException:
            raw.close()
            raise
        self._text = io.TextIOWrapper(raw, encoding=self.encoding, errors="strict", newline="")

    def _open_checks(self, encoding: str | None) -> tuple[str, bool]:
        size = os.fstat(self._raw.fileno()).st_size
        if size > MAX_FILE_BYTES:
            raise self.refuse(
                f"the file is {size / 2**20:,.0f} MiB; text files are limited to "
                f"{MAX_FILE_BYTES // 2**20} MiB"
            )
        head = self._raw.read(4)
        self._raw.seek(0)
        if not head:
            raise self.refuse("the file is empty")
        if head.startswith(_ZIP_MAGIC):
            raise self.refuse(
                "this is a zip archive, not text: a spreadsheet workbook (.xlsx, .ods) "
                "must be saved as CSV first; an Anki package must be named .apkg"
            )
        if encoding is not None:
            if encoding == "utf-8":
                return "utf-8-sig", True  # a BOM is still not part of the first cell
            return encoding, True
        if head.startswith(_UTF16_BOMS):
            return "utf-16", False  # what Excel's "Unicode text" saves
        return "utf-8-sig", False

    def _prescan(self) -> bool:
        """Refuse a NUL byte, a line longer than the limit or a byte the encoding cannot
        read, in one pass over the raw bytes (a 100 MB file of one line is refused after
        its first megabyte; a bad byte at the end before any row is parsed); rewinds after.
        """
        raw = self._raw
        encoding = self.encoding
        position = 0
        if encoding == "utf-8-sig":
            encoding = "utf-8"
            if raw.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8:
                position = len(codecs.BOM_UTF8)
            else:
                raw.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)("strict")
        line = 1
        current = 0  # bytes of the line that goes on past the chunks read so far
        while chunk := raw.read(_CHECK_CHUNK_BYTES):
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                start = exc.start - pending  # within this chunk
                bad = exc.object[exc.start]
                where = line + chunk.count(b"\n", 0, max(0, start))
                raise self._not_text_at(position + start, bad, where) from None
            position += len(chunk)
            nul = chunk.find(b"\x00")
            if nul >= 0:
                raise self._nul(line + chunk.count(b"\n", 0, nul))
            breaks = chunk.count(b"\n")
            if b"\r" in chunk:
                chunk = chunk.replace(b"\r", b"\n")  # lines that end in CR alone, as old Macs wrote
            first = chunk.find(b"\n")
            if first < 0:
                current += len(chunk)
                if current > MAX_LINE_CHARS:
                    raise self._too_long(line)
                continue
            if current + first > MAX_LINE_CHARS:
                raise self._too_long(line)
            line += breaks
            current = len(chunk) - chunk.rfind(b"\n") - 1  # the line that goes on
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:  # a sequence cut off by the end of the file
            raise self._not_text_at(
                position - len(exc.object) + exc.start, exc.object[exc.start], line
            ) from None
        raw.seek(0)
        return True

    def _too_long(self, line: int) -> Exception:
        return self.refuse(
            f"line {line} is longer than {MAX_LINE_CHARS:,} characters: "
            "this is not a spreadsheet's text file",
            line,
        )

    def _nul(self, line: int) -> Exception:
        hint = "" if self._explicit else " (a UTF-16 file without a BOM? try --encoding utf-16)"
        return self.refuse(f"line {line} contains a NUL byte: this is not a text file{hint}", line)

    def close(self) -> None:
        self._text.close()

    def __enter__(self) -> TextRows:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def refuse(self, problem: str, line: int | None = None) -> Exception:
        where = self.source if line is None else f"{self.source}:{line}"
        return refused(self.source, [f"{where}: {problem}"])

    # Lines -----------------------------------------------------------------------------

    def _read_line(self) -> str:
        """The next physical line ('' at the end), within the limits."""
        if self._eof:
            return ""
        try:
            line = self._text.readline(MAX_LINE_CHARS + 1)
        except UnicodeDecodeError:
            raise self._not_text() from None
        if not line:
            self._eof = True
            return ""
        self.lines_read += 1
        if not self._checked:
            if len(line) > MAX_LINE_CHARS:
                raise self._too_long(self.lines_read)
            if "\x00" in line:
                raise self._nul(self.lines_read)
        return line

    def _lines(self) -> Iterator[str]:
        """The lines not read yet: checked ones straight from the file (at C speed)."""
        pending = list(self._pending)
        self._pending.clear()
        if self._checked and not self._eof:
            return itertools.chain(pending, self._text)
        return itertools.chain(pending, iter(self._read_line, ""))

    def header_lines(self) -> list[str]:
        """The leading lines that start with '#' (Anki's file headers and comments).

        Reads them and no further: the first other line is kept for the records. An old
        Anki first line `tags:a b` counts as a header too.
        """
        found: list[str] = []
        while True:
            line = self._pending.popleft() if self._pending else self._read_line()
            if not line:
                return found
            is_header = line.startswith("#") or (not found and line.startswith("tags:"))
            if not is_header:
                self._pending.appendleft(line)
                return found
            found.append(line)

    @property
    def header_line_count(self) -> int:
        return self.lines_read - len(self._pending)

    # Delimiter -------------------------------------------------------------------------

    def sniff(self) -> str | None:
        """The delimiter (comma, semicolon, tab or pipe) that splits the first records
        most consistently into two or more cells; None if none does."""
        sample = list(self._pending)
        chars = sum(map(len, sample))
        while chars < SNIFF_CHARS and len(sample) < SNIFF_LINES:
            line = self._read_line()
            if not line:
                break
            sample.append(line)
            self._pending.append(line)
            chars += len(line)
        truncated = not self._eof
        self.sample_blank = not "".join(sample).translate(_SEPARATORS_AND_SPACE).strip()
        order = _PREFERENCE.get(self.path.suffix.lower(), _PREFERENCE[".csv"])
        best: str | None = None
        best_score = (0.0, 0.0)
        for delimiter in order:
            score = _score(sample, delimiter, truncated)
            if score > best_score:
                best, best_score = delimiter, score
        return best

    # Records ---------------------------------------------------------------------------

    def records(self, delimiter: str) -> Iterator[Record]:
        """Every record after the header lines, with its row number and first line."""
        offset = self.header_line_count
        reader = csv.reader(self._lines(), delimiter=delimiter, quotechar='"', strict=True)
        row = 0
        start = offset + 1  # the line the next record starts on
        try:
            for fields in reader:
                row += 1
                if row > MAX_RECORDS:
                    raise self.refuse(f"more than {MAX_RECORDS:,} rows; split the file", start)
                yield _new_tuple(Record, (fields, row, start))  # Record(...) without its __new__
                start = offset + reader.line_num + 1
        except UnicodeDecodeError:
            raise self._not_text() from None
        except csv.Error as exc:
            raise self._csv_problem(str(exc), row + 1, start) from None

    def _csv_problem(self, message: str, row: int, line: int) -> Exception:
        where = f"row {row}" if row == line else f"row {row} (line {line})"
        if "unexpected end of data" in message:
            problem = f"{where}: a quote opened in this row is never closed"
        elif "field larger than field limit" in message:
            problem = (
                f"{where}: a cell is longer than {MAX_FIELD_CHARS:,} characters "
                "(is a closing quote missing?)"
            )
        elif "expected after" in message:
            problem = (
                f"{where}: a quoted cell goes on after its closing quote; "
                'write a quote inside a quoted cell as two ("")'
            )
        else:
            problem = f"{where}: not readable as CSV ({message})"
        return self.refuse(problem, line)

    # Decoding errors -------------------------------------------------------------------

    def _not_text(self) -> Exception:
        offset, byte = _first_bad_byte(self.path, self.encoding)
        return self._not_text_at(offset, byte, _count_newlines(self.path, offset) + 1)

    def _not_text_at(self, offset: int, byte: int, line: int) -> Exception:
        shown = "UTF-8" if self.encoding == "utf-8-sig" else self.encoding
        if self._explicit:
            advice = "check the --encoding you gave"
        else:
            advice = (
                "save it as UTF-8, or name its encoding: a Bulgarian spreadsheet saved on "
                "Windows is usually --encoding cp1251"
            )
        return self.refuse(
            f"the file is not {shown} text: byte 0x{byte:02X} at byte offset {offset:,} "
            f"cannot be read; {advice}",
            line,
        )


def _score(sample: list[str], delimiter: str, truncated: bool) -> tuple[float, float]:
    """How well `delimiter` splits the sample: the share of records with the most common
    cell count (0 unless that count is at least 2), then the share of cells that do not
    start with a space (a comma or semicolon in prose is followed by one)."""
    try:
        rows = list(csv.reader(sample, delimiter=delimiter, quotechar='"'))
    except csv.Error:
        return (0.0, 0.0)
    if truncated and rows:
        rows.pop()  # the sample may end inside a record
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        return (0.0, 0.0)
    count, hits = Counter(len(row) for row in rows).most_common(1)[0]
    if count < 2:
        return (0.0, 0.0)
    later = [cell for row in rows for cell in row[1:]]
    spaced = sum(1 for cell in later if cell.startswith(" ")) / max(1, len(later))
    return (hits / len(rows), 1.0 - spaced)


def _first_bad_byte(path: Path, encoding: str) -> tuple[int, int]:
    """The offset and value of the first byte that `encoding` cannot decode."""
    chunk_size = 1 << 16
    with open(path, "rb") as file:
        start = 0
        if encoding == "utf-8-sig":
            encoding = "utf-8"
            if file.read(3) != codecs.BOM_UTF8:
                file.seek(0)
            else:
                start = 3
        decoder = codecs.getincrementaldecoder(encoding)("strict")
        position = start
        while True:
            chunk = file.read(chunk_size)
            buffered = decoder.getstate()[0]
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                offset = position - len(buffered) + exc.start
                file.seek(offset)
                bad = file.read(1)
                return offset, bad[0] if bad else 0
            if not chunk:
                return position, 0
            position += len(chunk)


def _count_newlines(path: Path, end: int) -> int:
    count = 0
    with open(path, "rb") as file:
        remaining = end
        while remaining > 0:
            chunk = file.read(min(remaining, 1 << 20))
            if not chunk:
                break
            count += chunk.count(b"\n")
            remaining -= len(chunk)
    return count


def _ascii_compatible(encoding: str) -> bool:
    """Whether newlines and NULs are the single bytes 0x0A and 0x00 in `encoding`."""
    probe = "utf-8" if encoding == "utf-8-sig" else encoding
    try:
        return "\n\x00a".encode(probe) == b"\n\x00a" and probe not in _SHIFTING
    except (LookupError, UnicodeError):
        return False


# Encodings whose multi-byte sequences may contain the byte 0x0A or 0x00.
_SHIFTING = frozenset(("utf-7", "iso2022_jp", "iso2022_kr", "hz", "utf-16", "utf-32"))
