"""Seeded drawing of hand-friendly numbers: decimals with a fixed number of places, small integers.

`random.Random` seeded with a string is used rather than NumPy's Generator because its stream
is guaranteed stable across Python versions, so a stored seed keeps giving the same exercise.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")

_SCALE = (1, 10, 100, 1000, 10000)


# The kinds draw from a few fixed ranges, over and over: each range's integers are worked out
# once (two `round` calls cost more than the draw itself). Bounded, as deck params may vary.
@lru_cache(maxsize=1024)
def _grid(low: float, high: float, places: int) -> tuple[int, int, int]:
    """The numbers in [low, high] with `places` decimals as k / scale: (lowest k, count, scale)."""
    scale = _SCALE[places]
    lo = round(low * scale)
    return lo, round(high * scale) - lo + 1, scale


class Draw:
    """A seeded source of exercise numbers; the same seed always draws the same numbers.

    Integers come from `random()` (one C call) rather than `randint` (several Python calls):
    the engine draws a few dozen numbers per exercise and generates thousands per second.
    """

    __slots__ = ("_random",)

    def __init__(self, key: str) -> None:
        self._random = random.Random(key).random  # noqa: S311 - exercises, not secrets

    def integer(self, low: int, high: int) -> int:
        return low + int(self._random() * (high - low + 1))

    def decimal(self, low: float, high: float, places: int, *, nonzero: bool = False) -> float:
        """A number in [low, high] with at most `places` decimals, exact in its shortest form."""
        lo, span, scale = _grid(low, high, places)
        rand = self._random
        k = lo + int(rand() * span)
        while not k and nonzero:  # `k` first: it is rarely 0, so one test settles it
            k = lo + int(rand() * span)
        # Dividing the integer keeps the float the closest one to the decimal.
        return k / scale

    def magnitude(self, low: float, high: float, places: int) -> float:
        """A non-zero number whose size lies in [low, high], with a random sign."""
        size = self.decimal(low, high, places, nonzero=True)
        return size if self._random() < 0.5 else -size

    def vector(
        self, n: int, low: float, high: float, places: int, *, nonzero: bool = False
    ) -> list[float]:
        lo, span, scale = _grid(low, high, places)
        rand = self._random
        values = []
        for _ in range(n):  # `decimal` inlined: the same draws, without a call per number
            k = lo + int(rand() * span)
            while not k and nonzero:  # `k` first, as in `decimal`
                k = lo + int(rand() * span)
            values.append(k / scale)
        return values

    def choice(self, options: Sequence[T]) -> T:
        return options[int(self._random() * len(options))]

    def chance(self, p: float) -> bool:
        return self._random() < p
