"""Exercise kinds by name: looking them up, checking deck params, and generating instances."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from srs_wb.engine.draft import Draft, finish
from srs_wb.engine.draws import Draw
from srs_wb.engine.params import Param, check, describe
from srs_wb.engine.types import Exercise, KindInfo, Text
from srs_wb.errors import NotFoundError

# Drawing again is rare (a known mistake landing within rounding of the answer); this bounds it.
_MAX_DRAWS = 24
_LAST = _MAX_DRAWS - 1  # the last draw is taken as it comes (see `finish`)
_NO_PARAMS: Mapping[str, Any] = MappingProxyType({})  # one for every call without deck params

Builder = Callable[[Draw, int, Mapping[str, Any]], Draft]


@dataclass(frozen=True)
class KindSpec:
    """An exercise kind: its name, what it teaches, the params it accepts and its generator."""

    name: str
    summary: Text
    params: Sequence[Param]
    build: Builder

    @property
    def info(self) -> KindInfo:
        return KindInfo(
            name=self.name, summary=dict(self.summary), params_doc=describe(self.params)
        )


_KINDS: dict[str, KindSpec] = {}


def _kinds() -> dict[str, KindSpec]:
    # The kinds import this module to register, so they are looked up on first use.
    if not _KINDS:
        from srs_wb.engine.kinds import KINDS

        _KINDS.update(KINDS)
    return _KINDS


def kind_names() -> list[str]:
    """The registered kinds, in a stable order."""
    return list(_kinds())


def list_kinds() -> list[KindInfo]:
    return [spec.info for spec in _kinds().values()]


def lookup(kind: str) -> KindSpec:
    spec = (_KINDS or _kinds()).get(kind) if isinstance(kind, str) else None
    if spec is None:
        raise NotFoundError(f"unknown exercise kind {kind!r}; known kinds: {', '.join(_kinds())}")
    return spec


def validate_params(kind: str, params: Mapping[str, Any], difficulty: int) -> list[str]:
    """Problems with a deck's params for `kind` (empty when fine); never raises."""
    spec = _kinds().get(kind) if isinstance(kind, str) else None
    if spec is None:
        return [f"unknown exercise kind {kind!r} (known: {', '.join(_kinds())})"]
    return check(kind, spec.params, params, difficulty)


def generate(
    kind: str, seed: int, difficulty: int = 1, params: Mapping[str, Any] | None = None
) -> Exercise:
    """The instance of `kind` for this seed, difficulty and deck params; always the same one."""
    # The usual call (a registered kind, plain integers, no deck params) has nothing to check.
    spec = _KINDS.get(kind) if type(kind) is str else None
    if not (
        spec is not None
        and params is None
        and type(seed) is int
        and type(difficulty) is int
        and 1 <= difficulty <= 3
    ):
        spec = lookup(kind)
        problems = check(kind, spec.params, {} if params is None else params, difficulty)
        if isinstance(seed, bool) or not isinstance(seed, int):
            problems.append(f"seed must be an integer, got {seed!r}")
        if problems:
            raise ValueError(f"{kind}: " + "; ".join(problems))
    options: Mapping[str, Any] = _NO_PARAMS if params is None else params
    build = spec.build
    draw = Draw(f"{kind}:{difficulty}:{seed}")
    for attempt in range(_MAX_DRAWS):
        exercise = finish(kind, seed, difficulty, build(draw, difficulty, options), attempt < _LAST)
        if exercise is not None:
            draw.release()  # the instance holds its numbers: nothing is drawn after this
            return exercise
    raise AssertionError("unreachable: the last draw is never strict")  # pragma: no cover
