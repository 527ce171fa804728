"""Declarative deck parameters of a kind: what keys it accepts, their checks and their docs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from srs_wb.engine.draws import Draw

DIFFICULTIES = (1, 2, 3)
E = TypeVar("E", bound=StrEnum)
ANY = "any"


@dataclass(frozen=True)
class IntParam:
    """An integer within [low, high]; None (the default) lets the difficulty decide."""

    key: str
    low: int
    high: int
    doc: str

    def problems(self, value: Any) -> list[str]:
        if isinstance(value, bool) or not isinstance(value, int):
            return [f"{self.key!r} must be an integer, got {value!r}"]
        if not self.low <= value <= self.high:
            return [f"{self.key!r} must be between {self.low} and {self.high}, got {value!r}"]
        return []

    def describe(self) -> str:
        return f"{self.key} = {self.low}..{self.high} ({self.doc})"

    def pick(self, draw: Draw, options: Mapping[str, Any], low: int, high: int) -> int:
        """The deck's value if it set one, else a draw from the difficulty's default range."""
        value = options.get(self.key) if options else None
        return value if isinstance(value, int) else draw.integer(low, high)


@dataclass(frozen=True)
class ChoiceParam(Generic[E]):
    """One of `members` by name, or (when `many`) a non-empty list of names; "any" allowed.

    Decks write names; the kinds get the Enum members back from `pick`.
    """

    key: str
    members: tuple[E, ...]
    doc: str
    many: bool = False

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(member.value for member in self.members)

    def problems(self, value: Any) -> list[str]:
        allowed = ", ".join((*self.choices, ANY))
        if isinstance(value, str):
            values: Sequence[Any] = [value]
        elif self.many and isinstance(value, list | tuple):
            values = value
            if not values:
                return [f"{self.key!r} must not be an empty list"]
        else:
            shape = "a name or a list of names" if self.many else "a name"
            return [f"{self.key!r} must be {shape} ({allowed}), got {value!r}"]
        return [
            f"{self.key!r}: unknown value {item!r} (known: {allowed})"
            for item in values
            if not (isinstance(item, str) and (item in self.choices or item == ANY))
        ]

    def describe(self) -> str:
        shape = " or a list of them" if self.many else ""
        return f"{self.key} = {' | '.join((*self.choices, ANY))}{shape} ({self.doc})"

    def pick(self, draw: Draw, options: Mapping[str, Any], defaults: Sequence[E]) -> E:
        """One of the deck's allowed values, else one of the difficulty's defaults."""
        value = options.get(self.key) if options else None
        return draw.choice(defaults if value is None else self.allowed(value))

    def allowed(self, value: Any) -> tuple[E, ...]:
        """The members a (valid) deck value stands for; all of them for None or "any"."""
        if value is None:
            return self.members
        names = [value] if isinstance(value, str) else list(value)
        if ANY in names:
            return self.members
        return tuple(member for member in self.members if member.value in names)


Param = IntParam | ChoiceParam[Any]


def check(
    kind: str, specs: Sequence[Param], params: Mapping[str, Any], difficulty: Any
) -> list[str]:
    """Every problem with a deck's params for one kind, as short messages naming the key."""
    problems: list[str] = []
    if isinstance(difficulty, bool) or difficulty not in DIFFICULTIES:
        problems.append(f"difficulty must be 1, 2 or 3, got {difficulty!r}")
    if type(params) is dict and not params:  # the usual case: nothing to check
        return problems
    if not isinstance(params, Mapping):
        return [*problems, f"params of {kind} must be a table of names, got {params!r}"]
    by_key = {spec.key: spec for spec in specs}
    for key, value in params.items():
        spec = by_key.get(key) if isinstance(key, str) else None
        if spec is None:
            known = ", ".join(by_key) or "none"
            problems.append(f"unknown parameter {key!r} for {kind} (known: {known})")
        else:
            problems.extend(spec.problems(value))
    return problems


def describe(specs: Sequence[Param]) -> str:
    if not specs:
        return "no parameters"
    return "; ".join(spec.describe() for spec in specs)
