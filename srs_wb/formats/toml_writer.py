"""Writing a `DeckSpec` as a native TOML deck: exact, and laid out for people to edit."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from srs_wb.formats.spec import CardKind, CardSpec, DeckSpec, LadderSpec
from srs_wb.formats.toml_reader import FORMAT_VERSION
from srs_wb.scheduling.durations import format_days

# The standard library reads TOML but cannot write it; this covers exactly what a deck holds.

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SHORT_ESCAPES = {"\b": r"\b", "\t": r"\t", "\n": r"\n", "\f": r"\f", "\r": r"\r"}
_SHORT_ESCAPES.update({'"': r"\"", "\\": r"\\"})
# What a one-line basic string must escape: quotes, backslashes and every control character.
_BASIC_UNSAFE = re.compile(r'["\\\x00-\x1f\x7f]')
# In a multi-line basic string tabs and newlines stay as they are; runs of quotes are handled
# apart, since only a third quote in a row (or one that ends the text) would close it.
_MULTILINE_UNSAFE = re.compile(r'"+|[\\\x00-\x08\x0b-\x1f\x7f]')
# Literal strings hold text as it is, backslashes included, so long as it needs no escape.
_LITERAL_UNSAFE = re.compile(r"['\x00-\x08\x0a-\x1f\x7f]")
_MULTILINE_LITERAL_UNSAFE = re.compile(r"'''|[\x00-\x08\x0b-\x1f\x7f]|'\Z")


def write_deck(spec: DeckSpec) -> str:
    """The deck as TOML text that `parse_deck_text` reads back to an equal spec.

    Only what the format holds is written: a card's `line`, `suspended` and `progress`, and
    the spec's `source`, belong to the database or to messages, not to the file.
    """
    parts = [_deck_header(spec)]
    if spec.ladder is not None:
        parts.append(_ladder(spec.ladder))
    limits = _limits(spec)
    if limits:
        parts.append(limits)
    parts.extend(_card(card) for card in spec.cards)
    return "\n".join(parts)


def _deck_header(spec: DeckSpec) -> str:
    lines = [
        f"format = {FORMAT_VERSION}",
        f"id = {_string(spec.key)}",
        f"name = {_string(spec.name)}",
        f"language = {_string(spec.language)}",
    ]
    if spec.description:
        lines.append(f"description = {_text(spec.description)}")
    return _block(lines)


def _ladder(ladder: LadderSpec) -> str:
    steps = ", ".join(_string(_duration(days)) for days in ladder.steps_days)
    return _block(
        ["[ladder]", f"steps = [{steps}]", f"after_last = {_string(str(ladder.after_last))}"]
    )


def _limits(spec: DeckSpec) -> str:
    lines = []
    if spec.new_per_day is not None:
        lines.append(f"new_per_day = {spec.new_per_day}")
    if spec.reviews_per_day is not None:
        lines.append(f"reviews_per_day = {spec.reviews_per_day}")
    return _block(["[limits]", *lines]) if lines else ""


def _card(card: CardSpec) -> str:
    lines = ["[[cards]]", f"id = {_string(card.key)}"]
    if card.tags:
        lines.append(f"tags = {_value(list(card.tags))}")
    if card.kind is CardKind.EXERCISE:
        lines.append(f"exercise = {_string(card.exercise or '')}")
        lines.append(f"difficulty = {card.difficulty}")
        if card.params:
            lines.append(f"params = {_value(card.params)}")
    else:
        lines.append(f"front = {_text(card.front)}")
        lines.append(f"back = {_text(card.back)}")
    if card.unlock_after_days is not None:
        lines.append(f"unlock_after = {_string(_duration(card.unlock_after_days))}")
    return _block(lines)


def _block(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def _duration(days: int) -> str:
    # format_days shows 0 as "<10m" for buttons; a file needs something parse_days reads.
    return format_days(days) if days > 0 else "0d"


# --- Values -----------------------------------------------------------------------------------


def _text(text: str) -> str:
    """A string value: multi-line text as a multi-line string, so that it reads as written."""
    if "\n" not in text:
        return _string(text)
    if "\\" in text and not _MULTILINE_LITERAL_UNSAFE.search(text):
        return f"'''\n{text}'''"
    # The newline right after the opening quotes is not part of the string.
    return f'"""\n{_MULTILINE_UNSAFE.sub(_escape_multiline, text)}"""'


def _string(text: str) -> str:
    """A one-line string value: literal when that spares backslashes, else escaped."""
    if ("\\" in text or '"' in text) and not _LITERAL_UNSAFE.search(text):
        return f"'{text}'"
    return '"' + _BASIC_UNSAFE.sub(lambda m: _escape(m.group()), text) + '"'


def _escape(char: str) -> str:
    return _SHORT_ESCAPES.get(char) or f"\\u{ord(char):04X}"


def _escape_multiline(match: re.Match[str]) -> str:
    run = match.group()
    if not run.startswith('"'):
        return _escape(run)
    ends_text = match.end() == len(match.string)
    # Escape every third quote of a run, and a quote that would touch the closing quotes.
    return "".join(
        '\\"' if i % 3 == 2 or (ends_text and i == len(run) - 1) else '"' for i in range(len(run))
    )


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _value(value: Any) -> str:
    """An inline value of params or tags: text, numbers, true/false, lists and tables."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_key(str(k))} = {_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    raise TypeError(f"a deck cannot hold {type(value).__name__} values")
