"""Building `CardSpec`s in bulk: the spreadsheet and Anki readers make 100,000 of them per file."""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Any

from srs_wb.formats.spec import CardKind, CardProgress, CardSpec

__all__ = ["CARD_DEFAULTS", "recall_card"]

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
