"""Building `CardSpec`s in bulk: the spreadsheet and Anki readers make 100,000 of them per file."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import MISSING, fields
from itertools import repeat
from operator import attrgetter
from types import MappingProxyType
from typing import Any, overload

from srs_wb.formats.spec import CardKind, CardProgress, CardSpec

__all__ = [
    "CARD_CONTENT",
    "CARD_DEFAULTS",
    "CARD_VALUES",
    "RecallColumns",
    "card_keys",
    "card_values",
    "recall_card",
]

# A frozen dataclass's __init__ sets each of CardSpec's twelve fields through
# object.__setattr__, which made building cards a third of a CSV import's time. A
# question card from a bulk reader is the defaults plus five values, so it is built by
# filling the new instance's __dict__ in one step: the result is an ordinary CardSpec,
# equal to the one the constructor makes (tests check it).
CARD_DEFAULTS: dict[str, Any] = {}
for _field in fields(CardSpec):
    if _field.default is not MISSING:
        CARD_DEFAULTS[_field.name] = _field.default
CARD_DEFAULTS["kind"] = CardKind.RECALL
_new = object.__new__


def recall_card(
    key: str,
    front: str,
    back: str,
    tags: tuple[str, ...] = (),
    *,
    line: int | None = None,
    suspended: bool = False,
    progress: CardProgress | None = None,
) -> CardSpec:
    """`CardSpec(key=key, kind=CardKind.RECALL, front=front, back=back, ...)`, quickly."""
    card: CardSpec = _new(CardSpec)
    values = card.__dict__
    values.update(CARD_DEFAULTS)
    values["params"] = {}  # the one field with a default factory: a dict of its own
    values["key"] = key
    values["front"] = front
    values["back"] = back
    values["tags"] = tags
    values["line"] = line
    if suspended:
        values["suspended"] = True
    if progress is not None:
        values["progress"] = progress
    return card


# A card's content: what a re-import compares with the stored card (the columns that hold
# it have the same names, in this order: `storage.importing.CONTENT_FIELDS`).
CARD_CONTENT = (
    "kind",
    "front",
    "back",
    "exercise",
    "params",
    "difficulty",
    "tags",
    "unlock_after_days",
)
# What the importer's writer reads of every card, in this order (`card_values`).
CARD_VALUES = ("key", *CARD_CONTENT, "progress", "suspended")
_VALUES_OF = attrgetter(*CARD_VALUES)
# What every card of a `RecallColumns` has outside its columns: a question card's defaults
# (params read-only, as one mapping serves every card).
_COLUMN_DEFAULTS: dict[str, Any] = {**CARD_DEFAULTS, "params": MappingProxyType({})}


class RecallColumns(Sequence[CardSpec]):
    """The question cards of a spreadsheet, held column by column.

    A 100,000-row file is read into five lists rather than 100,000 `CardSpec`s: building
    the objects was a sixth of re-importing a file whose cards were all unchanged. To
    everything else this is a sequence of cards (an item is made into its `CardSpec` when
    read); the importer's writer reads the columns directly (`card_values`). The reader
    that fills it hands it on in a frozen `DeckSpec` and adds nothing after that.
    """

    __slots__ = ("backs", "fronts", "keys", "lines", "tags")

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.fronts: list[str] = []
        self.backs: list[str] = []
        self.tags: list[tuple[str, ...]] = []
        self.lines: list[int | None] = []

    def add(self, key: str, front: str, back: str, tags: tuple[str, ...], line: int | None) -> None:
        self.keys.append(key)
        self.fronts.append(front)
        self.backs.append(back)
        self.tags.append(tags)
        self.lines.append(line)

    def __len__(self) -> int:
        return len(self.keys)

    @overload
    def __getitem__(self, index: int) -> CardSpec: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[CardSpec, ...]: ...

    def __getitem__(self, index: int | slice) -> CardSpec | tuple[CardSpec, ...]:
        if isinstance(index, slice):
            return tuple(self)[index]
        return recall_card(
            self.keys[index],
            self.fronts[index],
            self.backs[index],
            self.tags[index],
            line=self.lines[index],
        )

    def __iter__(self) -> Iterator[CardSpec]:
        return map(_card_at_line, self.keys, self.fronts, self.backs, self.tags, self.lines)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str | bytes):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a sequence that compares by its cards

    def __repr__(self) -> str:
        return f"RecallColumns({list(self)!r})"

    def values(self) -> Iterator[tuple[Any, ...]]:
        """Each card's `CARD_VALUES`, made by zipping the columns with the defaults (in C)."""
        columns = {"key": self.keys, "front": self.fronts, "back": self.backs, "tags": self.tags}
        return zip(
            *(
                columns[name] if name in columns else repeat(_COLUMN_DEFAULTS[name])
                for name in CARD_VALUES
            ),
            strict=False,  # the defaults repeat without end; the columns set the length
        )


def _card_at_line(
    key: str, front: str, back: str, tags: tuple[str, ...], line: int | None
) -> CardSpec:
    return recall_card(key, front, back, tags, line=line)


def card_values(cards: Sequence[CardSpec]) -> Iterator[tuple[Any, ...]]:
    """Each card's `CARD_VALUES`, in order: read from the columns of a `RecallColumns`."""
    if isinstance(cards, RecallColumns):
        return cards.values()
    return map(_VALUES_OF, cards)


def card_keys(cards: Sequence[CardSpec]) -> list[str]:
    """Every card's key, in order."""
    if isinstance(cards, RecallColumns):
        return cards.keys
    return [card.key for card in cards]
