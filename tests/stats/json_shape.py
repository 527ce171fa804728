"""The documented shape of the stats JSON (docs/stats.md), and a small checker for it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Nullable:
    inner: Any


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern[str]


@dataclass(frozen=True)
class OneOf:
    values: tuple[str, ...]


DAY = Pattern(DATE)
NUMBER = (int, float)
RATE = Nullable(NUMBER)
PASSED = {"reviews": int, "passed": int, "rate": RATE}
STEPS = [{"step": str, "interval_days": int, "cards": int}]
CARDS = {
    "total": int,
    "new": int,
    "learning": int,
    "steps": STEPS,
    "suspended": int,
    "completed_plan": int,
}

SHAPE: dict[str, Any] = {
    "schema_version": int,
    "today": DAY,
    "since": DAY,
    "until": DAY,
    "deck": Nullable({"id": str, "name": str}),
    "note": Nullable(str),
    "totals": {**PASSED, "seconds": NUMBER, "study_days": int, "cards_reviewed": int},
    "days": [{"day": DAY, "reviews": int, "passed": int, "seconds": NUMBER}],
    "streaks": {"current": int, "longest": int, "reviewed_today": bool},
    "cards": {**CARDS, "by_deck": [{"deck": str, "name": str, **CARDS}]},
    "retention": {
        "overall": PASSED,
        "by_deck": [{"deck": str, "name": str, **PASSED}],
        "by_step": [{"step": str, **PASSED}],
        "by_card_kind": [{"kind": OneOf(("recall", "exercise")), **PASSED}],
        "by_rating": {"again": int, "hard": int, "good": int, "easy": int},
    },
    "exercises": {
        "answers": int,
        "correct": int,
        "accuracy": RATE,
        "by_kind": [
            {"kind": str, "difficulty": int, "answers": int, "correct": int, "accuracy": RATE}
        ],
        "mistakes": [{"mistake": str, "count": int}],
        "wrong_with_error": int,
        "median_error": Nullable(NUMBER),
    },
    "forecast": [{"day": DAY, "due": int}],
    "plan": [
        {
            "deck": str,
            "card": str,
            "prompt": str,
            "unlock_after_days": int,
            "status": OneOf(("done", "unlocked", "locked", "not_started")),
            "done_on": Nullable(DAY),
            "unlocks_on": Nullable(DAY),
        }
    ],
}


def check(value: Any, shape: Any = SHAPE, path: str = "$") -> None:
    """Raise AssertionError naming the first place where `value` does not fit `shape`."""
    if isinstance(shape, Nullable):
        if value is not None:
            check(value, shape.inner, path)
        return
    if isinstance(shape, dict):
        assert isinstance(value, dict), f"{path}: expected an object, got {value!r}"
        assert set(value) == set(shape), f"{path}: keys {sorted(value)} != {sorted(shape)}"
        for key, inner in shape.items():
            check(value[key], inner, f"{path}.{key}")
        return
    if isinstance(shape, list):
        assert isinstance(value, list), f"{path}: expected a list, got {value!r}"
        for index, item in enumerate(value):
            check(item, shape[0], f"{path}[{index}]")
        return
    if isinstance(shape, Pattern):
        assert isinstance(value, str) and shape.regex.match(value), f"{path}: {value!r}"
        return
    if isinstance(shape, OneOf):
        assert value in shape.values, f"{path}: {value!r} not one of {shape.values}"
        return
    types = shape if isinstance(shape, tuple) else (shape,)
    # bool is an int in Python, but not in JSON.
    assert isinstance(value, types) and (bool in types or not isinstance(value, bool)), (
        f"{path}: expected {types}, got {value!r}"
    )


def key_paths(shape: Any = SHAPE, prefix: str = "") -> list[str]:
    """Every key of the shape as a dotted path ("retention.by_deck[].rate")."""
    if isinstance(shape, Nullable):
        return key_paths(shape.inner, prefix)
    if isinstance(shape, list):
        return key_paths(shape[0], prefix + "[]")
    if not isinstance(shape, dict):
        return []
    paths = []
    for key, inner in shape.items():
        path = f"{prefix}.{key}" if prefix else key
        paths.append(path)
        paths += key_paths(inner, path)
    return paths
