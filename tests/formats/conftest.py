"""Fixtures for the deck-format tests: a stand-in for the exercise engine's catalog."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest


class FakeCatalog:
    """Two exercise kinds with known params; anything else about params is a problem."""

    PARAMS: Mapping[str, set[str]] = {
        "neuron_output": {"inputs"},
        "relu": set(),
    }

    def __init__(self) -> None:
        self.checked: list[tuple[str, dict[str, Any], int]] = []

    def kind_names(self) -> list[str]:
        return list(self.PARAMS)

    def validate_params(self, kind: str, params: Mapping[str, Any], difficulty: int) -> list[str]:
        self.checked.append((kind, dict(params), difficulty))
        if kind not in self.PARAMS:
            return [f"unknown exercise kind {kind!r}"]
        problems = [f"unknown param {name!r}" for name in params if name not in self.PARAMS[kind]]
        inputs = params.get("inputs", 2)
        if not isinstance(inputs, int) or not 1 <= inputs <= 5:
            problems.append("inputs must be a whole number from 1 to 5")
        return problems


@pytest.fixture
def catalog() -> FakeCatalog:
    return FakeCatalog()
