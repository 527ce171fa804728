"""Ordering today's queue: new cards spread evenly among the reviews."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def interleave(reviews: Sequence[T], new: Sequence[T]) -> list[T]:
    """Reviews in their order with the new cards mixed in at even spacing.

    With R reviews and N new cards, new card i follows review ⌈(i + 1)·R / (N + 1)⌉:
    the session opens with a review (the most overdue) and new material is spread through
    it rather than piled at the end, where a tired learner would meet it.
    """
    result: list[T] = []
    r = 0
    for i, card in enumerate(new):
        until = -(-(i + 1) * len(reviews) // (len(new) + 1))  # ceiling division
        result.extend(reviews[r:until])
        r = max(r, until)
        result.append(card)
    result.extend(reviews[r:])
    return result
