"""New cards are spread evenly among the reviews, and nothing is lost or repeated."""

from hypothesis import given
from hypothesis import strategies as st

from srs_wb.scheduling.queue import interleave


def test_new_cards_spread_among_reviews() -> None:
    order = interleave(["r1", "r2", "r3", "r4", "r5", "r6"], ["n1", "n2"])
    assert order == ["r1", "r2", "n1", "r3", "r4", "n2", "r5", "r6"]


def test_only_one_kind() -> None:
    assert interleave([1, 2], []) == [1, 2]
    assert interleave([], [1, 2]) == [1, 2]


@given(
    st.lists(st.integers(0, 10**6), unique=True), st.lists(st.integers(-(10**6), -1), unique=True)
)
def test_interleave_keeps_every_card_once_in_order(reviews: list[int], new: list[int]) -> None:
    order = interleave(reviews, new)
    assert sorted(order) == sorted(reviews + new)
    assert [x for x in order if x >= 0] == reviews
    assert [x for x in order if x < 0] == new
