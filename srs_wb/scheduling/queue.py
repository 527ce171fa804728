"""Ordering today's queue: new cards spread evenly among the reviews."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def interleave(reviews: Sequence[T], new: Sequence[T]) -> list[T]:
    """Reviews in their order with the new cards spread evenly among them.

    With R reviews and N new cards, a new card follows about every R/N reviews, and the
    first new card comes early so that a learner with few reviews meets new material
    at once (as Anki's "mix new cards and reviews" does).
    """
    if not new:
        return list(reviews)
    if not reviews:
        return list(new)
    result: list[T] = []
    gap = (len(reviews) + len(new)) / len(new)
    next_new_at = 0.0
    r = n = 0
    while r < len(reviews) or n < len(new):
        position = len(result)
        if n < len(new) and (position >= next_new_at or r >= len(reviews)):
            result.append(new[n])
            n += 1
            next_new_at += gap
        else:
            result.append(reviews[r])
            r += 1
    return result
