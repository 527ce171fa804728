"""Anki's cloze deletions (`{{c1::answer::hint}}`, nested too): the numbers, each card's sides."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "MAX_CLOZE_DEPTH",
    "Cloze",
    "ClozeTooDeep",
    "cloze_numbers",
    "has_clozes",
    "parse_clozes",
    "render_cloze",
]

# Deletions inside deletions, as deep as this; real notes nest two or three. A note nested
# deeper is skipped rather than walked (rendering recurses once per level).
MAX_CLOZE_DEPTH = 50

_TOKEN = re.compile(r"\{\{c(\d{1,4})::|\}\}")
_ANY_CLOZE = re.compile(r"\{\{c\d{1,4}::")


@dataclass(frozen=True)
class Cloze:
    """One deletion: its number, its content (text and nested deletions), its hint."""

    number: int
    content: tuple[str | Cloze, ...]
    hint: str | None = None


Parsed = tuple[str | Cloze, ...]


class ClozeTooDeep(ValueError):
    """Deletions nested deeper than `MAX_CLOZE_DEPTH`."""


def has_clozes(text: str) -> bool:
    return _ANY_CLOZE.search(text) is not None


def parse_clozes(text: str) -> Parsed:
    """`text` as literal pieces and deletions; unmatched braces stay literal text.

    Raises `ClozeTooDeep` for deletions nested more than `MAX_CLOZE_DEPTH` deep.
    """
    # Each open deletion on the stack: (number, the pieces gathered inside it so far).
    stack: list[tuple[int, list[str | Cloze]]] = []
    top: list[str | Cloze] = []
    position = 0
    for match in _TOKEN.finditer(text):
        current = stack[-1][1] if stack else top
        if match.start() > position:
            current.append(text[position : match.start()])
        position = match.end()
        if match.group(1) is not None:
            if len(stack) == MAX_CLOZE_DEPTH:
                raise ClozeTooDeep(f"cloze deletions nested more than {MAX_CLOZE_DEPTH} deep")
            stack.append((int(match.group(1)), []))
            continue
        if not stack:
            current.append(match.group())  # a "}}" that closes nothing
            continue
        number, pieces = stack.pop()
        content, hint = _split_hint(pieces)
        (stack[-1][1] if stack else top).append(Cloze(number, content, hint))
    rest = text[position:]
    # Deletions never closed are text as written, markers included.
    while stack:
        number, pieces = stack.pop()
        opened: list[str | Cloze] = [f"{{{{c{number}::", *pieces]
        (stack[-1][1] if stack else top).extend(opened)
    if rest:
        top.append(rest)
    return tuple(top)


def _split_hint(pieces: list[str | Cloze]) -> tuple[Parsed, str | None]:
    """The first `::` in the deletion's own text (not inside a nested one) starts the hint."""
    for index, piece in enumerate(pieces):
        if isinstance(piece, str) and "::" in piece:
            before, hint = piece.split("::", 1)
            # Whatever follows in later pieces belongs to the hint, as plain text.
            tail = "".join(_plain(p) for p in pieces[index + 1 :])
            content = (*pieces[:index], before) if before else tuple(pieces[:index])
            return content, hint + tail
    return tuple(pieces), None


def cloze_numbers(parsed: Parsed) -> list[int]:
    """The deletion numbers used, in increasing order: one card each."""
    found: set[int] = set()
    _collect(parsed, found)
    return sorted(found)


def _collect(pieces: Parsed, found: set[int]) -> None:
    for piece in pieces:
        if isinstance(piece, Cloze):
            found.add(piece.number)
            _collect(piece.content, found)


def render_cloze(parsed: Parsed, number: int, *, question: bool) -> str:
    """The card of deletion `number`: on the question its text is `[...]` (or `[hint]`);
    on the answer, and for every other deletion, the text shows as written."""
    return "".join(_render(piece, number, question) for piece in parsed)


def _render(piece: str | Cloze, number: int, question: bool) -> str:
    if isinstance(piece, str):
        return piece
    if question and piece.number == number:
        return f"[{piece.hint}]" if piece.hint else "[...]"
    return "".join(_render(inner, number, question) for inner in piece.content)


def _plain(piece: str | Cloze) -> str:
    if isinstance(piece, str):
        return piece
    return "".join(_plain(inner) for inner in piece.content)


def cloze_texts(parsed: Parsed) -> list[str]:
    """The text of every deletion, outermost first (to spot image-occlusion masks)."""
    texts: list[str] = []
    for piece in parsed:
        if isinstance(piece, Cloze):
            texts.append(_plain(piece))
            texts.extend(cloze_texts(piece.content))
    return texts
