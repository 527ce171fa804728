"""Anki notes as srs-wb cards: what each note type makes, and Anki's scheduling on the ladder."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from srs_wb.formats.anki_cloze import (
    ClozeTooDeep,
    cloze_numbers,
    cloze_texts,
    has_clozes,
    parse_clozes,
    render_cloze,
)
from srs_wb.formats.html_text import html_to_text, looks_like_html, plain_to_text
from srs_wb.formats.spec import CardProgress
from srs_wb.scheduling.ladder import MAX_INTERVAL_DAYS

__all__ = [
    "MAX_TEXT_CHARS",
    "NoteCard",
    "NoteStyle",
    "NoteType",
    "anki_progress",
    "ladder_step",
    "note_cards",
    "note_type_from_name",
    "note_type_from_templates",
]

MAX_TEXT_CHARS = 20_000  # the native format's limit on a card's front or back
# A note whose cloze numbers run past this is refused as hostile rather than rendered.
MAX_CARDS_PER_NOTE = 500

# Template references that are not fields: {{FrontSide}}, {{Tags}}, {{Deck}}, ...
_SPECIAL_FIELDS = frozenset(("frontside", "tags", "type", "deck", "subdeck", "card", "cardflag"))
_REFERENCE = re.compile(r"\{\{([^{}]+)\}\}")


class NoteStyle(enum.Enum):
    PLAIN = "plain"  # one card: the first field is the front, the other fields the back
    REVERSIBLE = "reversible"  # card 1: field 1 → field 2; card 2: field 2 → field 1
    CLOZE = "cloze"  # one card per deletion number


@dataclass(frozen=True)
class NoteType:
    name: str
    style: NoteStyle = NoteStyle.PLAIN
    cloze_fields: tuple[int, ...] = (0,)  # CLOZE: the fields that hold the deletions
    reverse_if: int | None = None  # REVERSIBLE (optional): card 2 only if this field is filled
    field_count: int | None = None  # when known (packages; stock types in text files)


class NoteCard(NamedTuple):
    """One card a note makes, or (with `skipped`) why that card is left out."""

    ordinal: int  # Anki's card ordinal: the template, or the cloze number - 1
    front: str = ""
    back: str = ""
    skipped: str | None = None


def note_type_from_name(name: str | None) -> NoteType:
    """A note type known only by name (Anki's text files): Anki's stock types by their
    English names; any other name makes plain cards."""
    label = (name or "Basic").strip()
    folded = label.casefold()
    if "cloze" in folded:
        return NoteType(label, NoteStyle.CLOZE, field_count=2)
    if "optional reversed" in folded:
        return NoteType(label, NoteStyle.REVERSIBLE, reverse_if=2, field_count=3)
    if "reversed" in folded:
        return NoteType(label, NoteStyle.REVERSIBLE, field_count=2)
    if folded in ("basic", "basic (type in the answer)"):
        return NoteType(label, NoteStyle.PLAIN, field_count=2)
    return NoteType(label, NoteStyle.PLAIN)


def note_type_from_templates(
    name: str, *, is_cloze: bool, field_names: Sequence[str], questions: Sequence[str]
) -> NoteType:
    """A note type from a package, told apart by its templates rather than its name
    (names are translated and renamed; templates say which field each card asks).

    Cloze types: the fields their question shows through `{{cloze:…}}`. A type whose
    first template asks field 1 and second template asks field 2 is a reversible basic
    ("Basic (and reversed card)", also the optional one). Every other type is plain.
    """
    lowered = [field.casefold() for field in field_names]
    count = len(field_names)
    if is_cloze:
        cloze_fields = sorted(
            {
                lowered.index(ref.casefold())
                for question in questions
                for ref in _cloze_references(question)
                if ref.casefold() in lowered
            }
        )
        return NoteType(name, NoteStyle.CLOZE, tuple(cloze_fields or [0]), field_count=count)
    if len(questions) == 2 and count >= 2:
        first = _asked_fields(questions[0], lowered)
        second = _asked_fields(questions[1], lowered)
        if first == [0] and second == [1]:
            switch = _section_fields(questions[1], lowered)
            reverse_if = switch[0] if switch and switch[0] > 1 else None
            return NoteType(name, NoteStyle.REVERSIBLE, reverse_if=reverse_if, field_count=count)
    return NoteType(name, NoteStyle.PLAIN, field_count=count)


def _references(template: str) -> list[tuple[str, str]]:
    """(prefix, field name) of each `{{…}}`: prefix '#', '^', '/' for sections, '' else."""
    found = []
    for match in _REFERENCE.finditer(template):
        inside = match.group(1).strip()
        prefix = inside[:1] if inside[:1] in "#^/!" else ""
        body = inside[1:].strip() if prefix else inside
        found.append((prefix, body.rsplit(":", 1)[-1].strip()))
    return found


def _asked_fields(template: str, lowered: list[str]) -> list[int]:
    fields = []
    for prefix, name in _references(template):
        key = name.casefold()
        if not prefix and key not in _SPECIAL_FIELDS and key in lowered:
            index = lowered.index(key)
            if index not in fields:
                fields.append(index)
    return fields


def _section_fields(template: str, lowered: list[str]) -> list[int]:
    return [
        lowered.index(name.casefold())
        for prefix, name in _references(template)
        if prefix == "#" and name.casefold() in lowered
    ]


def _cloze_references(template: str) -> list[str]:
    names = []
    for match in _REFERENCE.finditer(template):
        inside = match.group(1).strip()
        parts = [part.strip() for part in inside.split(":")]
        if len(parts) >= 2 and "cloze" in (part.casefold() for part in parts[:-1]):
            names.append(parts[-1])
    return names


# --- Notes into cards ---------------------------------------------------------------------


Text = Callable[[str], str]


def _as_each_looks(field: str) -> str:
    return html_to_text(field) if looks_like_html(field) else plain_to_text(field)


def field_text(html: bool | None) -> Text:
    """How fields become text: as HTML, as plain text, or (None) as each field looks."""
    if html is None:
        return _as_each_looks
    return html_to_text if html else plain_to_text


def note_cards(
    note_type: NoteType,
    fields: Sequence[str],
    *,
    html: bool | None,
    ordinals: Iterable[int] | None = None,
) -> list[NoteCard]:
    """The cards of one note. `ordinals` are the cards the note has in a package (None
    for a text file: then the note type and the fields decide).

    An empty list means the note makes no card at all (every field empty).
    """
    if not "".join(fields).strip():
        return []
    text = field_text(html)
    wanted = None if ordinals is None else sorted(ordinals)
    if note_type.style is NoteStyle.CLOZE or (
        note_type.style is NoteStyle.PLAIN and ordinals is None and has_clozes(fields[0])
    ):
        return _cloze_cards(note_type, fields, text, wanted)
    if note_type.style is NoteStyle.REVERSIBLE and len(fields) >= 2:
        return _reversible_cards(note_type, fields, text, wanted)
    front = text(fields[0])
    back = _join([text(field) for field in fields[1:]])
    ordinal = wanted[0] if wanted else 0
    return [_checked(NoteCard(ordinal, front, back))]


def _reversible_cards(
    note_type: NoteType, fields: Sequence[str], text: Text, wanted: list[int] | None
) -> list[NoteCard]:
    if wanted is None:
        wanted = [0]
        switch = note_type.reverse_if
        if switch is None or (switch < len(fields) and fields[switch].strip()):
            wanted.append(1)
    first, second = text(fields[0]), text(fields[1])
    cards = []
    for ordinal in wanted:
        if ordinal == 0:
            cards.append(_checked(NoteCard(0, first, second)))
        elif ordinal == 1:
            cards.append(_checked(NoteCard(1, second, first)))
        else:
            cards.append(NoteCard(ordinal, skipped=f"card {ordinal + 1} has no template here"))
    return cards


def _cloze_cards(
    note_type: NoteType, fields: Sequence[str], text: Text, wanted: list[int] | None
) -> list[NoteCard]:
    indexes = [i for i in note_type.cloze_fields if i < len(fields)] or [0]
    try:
        parsed = [parse_clozes(fields[i]) for i in indexes]
    except ClozeTooDeep as exc:
        return [NoteCard(0, skipped=str(exc))]
    if any("image-occlusion:" in fields[i] for i in indexes) and any(
        deletion.lstrip().startswith("image-occlusion:")
        for pieces in parsed
        for deletion in cloze_texts(pieces)
    ):
        return [NoteCard(0, skipped="an image occlusion note: its masks cannot be shown as text")]
    present = {n for pieces in parsed for n in cloze_numbers(pieces)}
    numbers = sorted(present) if wanted is None else [ordinal + 1 for ordinal in wanted]
    if not numbers:
        return [NoteCard(0, skipped="a cloze note without any {{c1::…}} deletion")]
    if len(numbers) > MAX_CARDS_PER_NOTE:
        return [NoteCard(0, skipped=f"more than {MAX_CARDS_PER_NOTE} cloze deletions")]
    extra = _join([text(fields[i]) for i in range(len(fields)) if i not in indexes])
    # The answer is the same for every deletion: the text whole, then the other fields.
    back = _join([*(text(render_cloze(p, 0, question=False)) for p in parsed), extra])
    cards = []
    for number in numbers:
        if number not in present:
            cards.append(NoteCard(number - 1, skipped=f"cloze {number} is not in the text"))
            continue
        front = _join([text(render_cloze(p, number, question=True)) for p in parsed])
        cards.append(_checked(NoteCard(number - 1, front, back)))
    return cards


def _join(parts: Iterable[str]) -> str:
    return "\n\n".join([part for part in parts if part])


def _checked(card: NoteCard) -> NoteCard:
    if card.front and card.back and len(card.front) + len(card.back) <= MAX_TEXT_CHARS:
        return card  # the common case, in one test
    for side, value in (("front", card.front), ("back", card.back)):
        if not value:
            return NoteCard(card.ordinal, skipped=f"the {side} is empty")
        if len(value) > MAX_TEXT_CHARS:
            return NoteCard(
                card.ordinal,
                skipped=f"the {side} is {len(value):,} characters long; "
                f"the limit is {MAX_TEXT_CHARS:,}",
            )
    return card


# --- Scheduling ---------------------------------------------------------------------------

# Anki's card types and queues (see Anki's cards table).
_NEW, _LEARNING, _REVIEW, _RELEARNING = 0, 1, 2, 3
_SUSPENDED = -1
LAST_STEP = 4  # the default ladder's last rung (1 month); a deck's own ladder caps it


def ladder_step(interval_days: int) -> int:
    """The ladder step for an Anki interval: ≥30 days the last step, ≥7 step 3, ≥3 step 2,
    ≥1 step 1; 0 (a card still in learning) is not on the ladder yet."""
    if interval_days >= 30:
        return LAST_STEP
    if interval_days >= 7:
        return 3
    if interval_days >= 3:
        return 2
    if interval_days >= 1:
        return 1
    return 0


def anki_progress(
    *,
    card_type: int,
    queue: int,
    due: int,
    interval: int,
    reps: int,
    lapses: int,
    days_elapsed: int,
) -> tuple[CardProgress | None, bool]:
    """(progress, suspended) for an Anki card. `days_elapsed` is the collection's day
    number today (days since its `crt`), against which review cards' `due` counts.

    New cards, and cards still in their first learning steps, arrive new. Review cards
    keep their due day (an overdue one is due today); relearning cards are due today.
    """
    suspended = queue == _SUSPENDED
    if card_type not in (_REVIEW, _RELEARNING):
        return None, suspended
    step = ladder_step(interval)
    if step == 0:
        return None, suspended
    due_in = due - days_elapsed if card_type == _REVIEW else 0
    # Overdue: today. Further ahead than the ladder ever schedules: as far as it does.
    due_in = min(max(0, due_in), MAX_INTERVAL_DAYS)
    return CardProgress(step=step, due_in_days=due_in, reps=reps, lapses=lapses), suspended
