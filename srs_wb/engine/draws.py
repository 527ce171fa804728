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


# Generators handed back by `Draw.release`, to be seeded again: a new `random.Random` costs a
# 2.5 KB state cleared and freed, a tenth of the seeding; `seed` gives the same stream.
# `list.pop` and `list.append` are atomic, so two threads never share a generator.
_SPARE: list[random.Random] = []


def _released() -> float:
    raise RuntimeError("this Draw was released; its generator now serves another exercise")


class Draw:
    """A seeded source of exercise numbers; the same seed always draws the same numbers.

    Integers come from `random()` (one C call) rather than `randint` (several Python calls):
    the engine draws a few dozen numbers per exercise and generates thousands per second.
    """

    __slots__ = ("_random", "_source")

    def __init__(self, key: str) -> None:
        try:
            source = _SPARE.pop()
        except IndexError:
            source = random.Random(key)  # noqa: S311 - exercises, not secrets
        else:
            source.seed(key)  # as `random.Random(key)` seeds a new one
        self._source = source
        self._random = source.random

    def release(self) -> None:
        """Hand the generator back for another Draw; this one draws nothing more."""
        self._random = _released
        _SPARE.append(self._source)

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
