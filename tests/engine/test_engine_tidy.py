"""Tidying an answer (`tidy_number`) gives exactly the float of `round(x, 12) + 0.0`."""

from __future__ import annotations

import math
import random

from hypothesis import given
from hypothesis import strategies as st

from srs_wb.engine.draft import _tidy_vector, tidy_number


def _same(a: float, b: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


@given(st.floats())
def test_any_float_tidies_as_round_does(x: float) -> None:
    assert _same(tidy_number(x), round(x, 12) + 0.0)


def test_exercise_like_values_and_ties_tidy_as_round_does() -> None:
    rng = random.Random(3)
    values = [0.1 + 0.2, -0.0, 5e-13, -5e-13, 999.9999999999995, -999.9999999999995, 1000.0]
    for _ in range(20_000):
        # Sums and products of hand-sized decimals, as the kinds compute them.
        a, b = rng.randint(-999, 999) / 100, rng.randint(-999, 999) / 1000
        values += [a * b + rng.randint(-99, 99) / 10, a / (b or 1.0), rng.uniform(-1000, 1000)]
        # Exact ties at the 12th place (x·10¹² = n + ½), which only `round` settles.
        values.append((2 * rng.randint(-(2**22), 2**22) + 1) / 2**13)
    for x in values:
        assert _same(tidy_number(x), round(x, 12) + 0.0), x


@given(st.lists(st.floats(), max_size=6))
def test_vectors_tidy_number_by_number(xs: list[float]) -> None:
    # `_tidy_vector` writes the body of `tidy_number` out again, for speed: the same floats.
    tidied = _tidy_vector(tuple(xs))
    assert type(tidied) is tuple and len(tidied) == len(xs)
    assert all(_same(t, tidy_number(x)) for t, x in zip(tidied, xs, strict=True))
