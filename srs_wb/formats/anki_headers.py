"""The header lines of Anki's "Notes in Plain Text" files (`#separator:Tab`, `#html:true`, ...).

Apart from the reader of those files (`anki_text`) so that a plain spreadsheet, which has
none, is read without loading the note types and the HTML converter.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["HEADER_KEYS", "AnkiHeaders", "parse_headers"]

# The headers Anki writes and reads (Anki 2.1.55+); `if matches` and `match scope` only
# steer Anki's own duplicate handling and are accepted and ignored here.
HEADER_KEYS = (
    "separator",
    "html",
    "tags",
    "columns",
    "notetype",
    "deck",
    "notetype column",
    "deck column",
    "tags column",
    "guid column",
    "if matches",
    "match scope",
)
_SEPARATORS = {
    "comma": ",",
    "semicolon": ";",
    "tab": "\t",
    "space": " ",
    "pipe": "|",
    "colon": ":",
}


@dataclass(frozen=True)
class AnkiHeaders:
    """A text file's header lines. Column numbers count from 1, as Anki's do."""

    separator: str | None = None
    html: bool | None = None
    tags: tuple[str, ...] = ()
    columns: str | None = None  # the raw `#columns:` value, split once the separator is known
    notetype: str | None = None
    deck: str | None = None
    notetype_column: int | None = None
    deck_column: int | None = None
    tags_column: int | None = None
    guid_column: int | None = None


def parse_headers(lines: Iterable[str], source: str) -> tuple[AnkiHeaders | None, list[str]]:
    """The headers among `lines` (None if no line is an Anki header), and their problems.

    Lines that start with '#' but name no known header are comments, as in Anki.
    """
    values: dict[str, object] = {}
    problems: list[str] = []
    for number, line in enumerate(lines, start=1):
        text = line.rstrip("\r\n")
        if number == 1 and text.startswith("tags:"):
            values["tags"] = tuple(text[len("tags:") :].split())
            continue
        key, colon, value = text[1:].partition(":")
        key = key.strip().casefold()
        if not colon or key not in HEADER_KEYS:
            continue
        where = f"{source}:{number}"
        if key == "separator":
            separator = _separator(value)
            if separator is None:
                problems.append(
                    f"{where}: unknown separator {value.strip()!r}: use Comma, Semicolon, "
                    "Tab, Space, Pipe, Colon or a single character"
                )
            values["separator"] = separator
        elif key == "html":
            flag = value.strip().casefold()
            if flag not in ("true", "false"):
                problems.append(f"{where}: #html must be true or false, not {value.strip()!r}")
            values["html"] = flag == "true" if flag in ("true", "false") else None
        elif key == "tags":
            values["tags"] = tuple(value.split())
        elif key == "columns":
            values["columns"] = value
        elif key in ("notetype", "deck"):
            values[key] = value.strip() or None
        elif key.endswith(" column"):
            number_text = value.strip()
            if not number_text.isdigit() or int(number_text) < 1:
                problems.append(
                    f"{where}: #{key} must be a column number from 1, not {number_text!r}"
                )
            else:
                values[key.replace(" ", "_")] = int(number_text)
    if not values and not problems:
        return None, []
    return AnkiHeaders(**values), problems  # type: ignore[arg-type]


def _separator(value: str) -> str | None:
    named = _SEPARATORS.get(value.strip().casefold())
    if named is not None:
        return named
    if len(value) == 1 and value not in '"\r\n':
        return value
    return None
