"""A deck's CSV export: its question cards in deck order, tags tidied, and SQLite's errors
turned into one line even though the export reads through the driver."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from srs_wb.errors import DatabaseError
from srs_wb.formats.spec import CardKind, CardSpec, DeckSpec
from srs_wb.services.collection import Collection
from srs_wb.services.exporting import export_deck
from srs_wb.storage.decks import find_deck
from srs_wb.storage.export import deck_question_columns


def mixed_deck() -> DeckSpec:
    cards = tuple(
        CardSpec(key=f"x{i}", kind=CardKind.EXERCISE, exercise="neuron_output")
        if i % 3 == 2
        else CardSpec(key=f"c{i}", kind=CardKind.RECALL, front=f"q{i}", back=f"a{i}", tags=("t",))
        for i in range(9)
    )
    return DeckSpec(key="mixed", name="Mixed", cards=cards)


def test_question_cards_in_deck_order_with_tidy_tags(
    open_collection: Callable[..., Collection], db_path: Path
) -> None:
    collection = open_collection(mixed_deck())
    conn = sqlite3.connect(db_path)
    with conn:
        # c4 moves to the front; c0 and c1 share a position, so the older card comes first.
        conn.execute("UPDATE cards SET position = -1 WHERE key = 'c4'")
        conn.execute("UPDATE cards SET position = 1 WHERE key = 'c0'")
        conn.execute("UPDATE cards SET tags = ' one\tTWO  three ' WHERE key = 'c3'")
    conn.close()
    with collection.reading() as session:
        record = find_deck(session, "mixed")
        assert record is not None
        total, (fronts, backs, tags, keys) = deck_question_columns(session, record.id)
    assert total == 9
    assert list(keys) == ["c4", "c0", "c1", "c3", "c6", "c7"]
    assert list(fronts) == ["q4", "q0", "q1", "q3", "q6", "q7"]
    assert list(backs) == ["a4", "a0", "a1", "a3", "a6", "a7"]
    assert list(tags) == ["t", "t", "t", "one TWO three", "t", "t"]


def test_a_deck_without_question_cards_is_the_header_alone(
    open_collection: Callable[..., Collection], tmp_path: Path
) -> None:
    only_exercises = DeckSpec(
        key="ex",
        name="Ex",
        cards=(CardSpec(key="x", kind=CardKind.EXERCISE, exercise="neuron_output"),),
    )
    collection = open_collection(only_exercises)
    out = tmp_path / "ex.csv"
    done = export_deck(collection, "ex", out)
    assert (done.cards, done.written) == (1, 0)
    assert out.read_bytes() == b"\xef\xbb\xbffront,back,tags,id\r\n"


def test_a_damaged_cards_table_is_one_clear_error(
    open_collection: Callable[..., Collection], db_path: Path, tmp_path: Path
) -> None:
    collection = open_collection(mixed_deck())
    collection.close()  # the -wal file is checkpointed into the database
    conn = sqlite3.connect(db_path)
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'cards'").fetchone()
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with db_path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)
    out = tmp_path / "mixed.csv"
    with (
        Collection(db_path, install_builtin=False) as reopened,
        pytest.raises(DatabaseError, match="damaged"),
    ):
        export_deck(reopened, "mixed", out)
    assert not out.exists()
