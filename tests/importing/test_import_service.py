"""Importing spreadsheets and Anki files into a collection: one transaction, updates instead of
duplicates, the summary, --deck, --dry-run and --with-progress."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from srs_wb.formats.naming import anki_card_key
from srs_wb.scheduling import Phase, Rating
from srs_wb.services.collection import Collection
from srs_wb.services.importing import SUPPORTED_SUFFIXES, import_paths, supported_suffixes
from srs_wb.services.study import StudySession
from srs_wb.storage.models import Card, Deck
from tests.importing.conftest import (
    ANKI_FIXTURES,
    anki_manifest,
    basic,
    import_json,
    make_package,
    reversed_note,
    run_cli,
)


def rows(collection: Collection, deck: str) -> dict[str, Card]:
    with collection.reading() as session:
        query = select(Card).join(Deck).where(Deck.key == deck)
        return {card.key: card for card in session.execute(query).scalars()}


def deck_row(collection: Collection, key: str) -> Deck:
    with collection.reading() as session:
        return session.execute(select(Deck).where(Deck.key == key)).scalar_one()


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_supported_suffixes_for_the_file_picker() -> None:
    assert supported_suffixes() == SUPPORTED_SUFFIXES
    assert set(SUPPORTED_SUFFIXES) == {".toml", ".csv", ".tsv", ".txt", ".apkg", ".colpkg"}


def test_reimporting_a_csv_adds_nothing(open_collection, tmp_path: Path) -> None:
    collection = open_collection()
    path = write_csv(tmp_path / "words.csv", "front,back,tags\nтежест,weight,bg\nbias,b,\n")
    [first] = import_paths(collection, [path])
    assert (first.added, first.updated, first.unchanged, first.new_deck) == (2, 0, 0, True)
    [again] = import_paths(collection, [path])
    assert (again.added, again.updated, again.unchanged, again.new_deck) == (0, 0, 2, False)
    assert len(rows(collection, "words")) == 2
    assert deck_row(collection, "words").origin == "csv"


def test_an_edited_answer_updates_the_card_and_keeps_its_history(
    open_collection, tmp_path: Path
) -> None:
    collection = open_collection()
    path = write_csv(tmp_path / "words.csv", "q1,a1\nq2,a2\n")
    import_paths(collection, [path])
    session = StudySession(collection)
    while session.next_card() is not None:
        session.answer(Rating.GOOD)
    before = rows(collection, "words")
    write_csv(path, "q1,a1 corrected\nq2,a2\nq3,a3\n")
    [summary] = import_paths(collection, [path])
    assert (summary.added, summary.updated, summary.unchanged) == (1, 1, 1)
    after = rows(collection, "words")
    assert len(after) == 3
    first = next(key for key, card in after.items() if card.front == "q1")
    assert after[first].back == "a1 corrected" and after[first].id == before[first].id
    assert after[first].phase is Phase.REVIEW and after[first].reps == 1


def test_a_row_removed_from_the_file_is_reported_missing_and_kept(
    open_collection, tmp_path: Path
) -> None:
    collection = open_collection()
    path = write_csv(tmp_path / "words.csv", "q1,a1\nq2,a2\n")
    import_paths(collection, [path])
    write_csv(path, "q1,a1\n")
    [summary] = import_paths(collection, [path])
    assert len(summary.missing) == 1 and len(rows(collection, "words")) == 2


def test_reimporting_an_anki_package_updates_instead_of_duplicating(
    open_collection, tmp_path: Path
) -> None:
    collection = open_collection()
    notes = [basic("weight", "тежест"), reversed_note("bias", "пристрастие")]
    guids = {0: "guid-one", 1: "guid-two"}
    package = make_package(tmp_path / "deck.apkg", notes, guids=guids)
    [first] = import_paths(collection, [package])
    assert (first.added, first.deck_key) == (3, "words")
    edited = [basic("weight", "тежест (множител)"), reversed_note("bias", "пристрастие")]
    make_package(tmp_path / "deck.apkg", edited, guids=guids)
    [again] = import_paths(collection, [package])
    assert (again.added, again.updated, again.unchanged) == (0, 1, 2)
    stored = rows(collection, "words")
    assert set(stored) == {
        anki_card_key("guid-one", 0),
        anki_card_key("guid-two", 0),
        anki_card_key("guid-two", 1),
    }
    assert stored[anki_card_key("guid-one", 0)].back == "тежест (множител)"
    assert deck_row(collection, "words").origin == "anki"


def test_a_text_export_and_a_package_of_the_same_notes_are_one_deck(
    open_collection,
) -> None:
    collection = open_collection()
    summaries = import_paths(collection, [ANKI_FIXTURES / "notes.txt"])
    assert sum(s.added for s in summaries) == 11
    summaries = import_paths(collection, [ANKI_FIXTURES / "current.apkg"])
    assert [(s.added, s.updated, s.unchanged) for s in summaries] == [
        (0, 0, 3),
        (0, 0, 6),
        (0, 0, 2),
    ]


def test_with_progress_places_cards_on_the_ladder(open_collection, clock) -> None:
    manifest = anki_manifest()
    collection = open_collection()
    import_paths(collection, [ANKI_FIXTURES / "current.apkg"], with_progress=True)
    today = collection.today()
    # The collection's day today, as Anki counts it from crt: due days are relative to it.
    anki_today = int((clock().timestamp() - manifest["crt"]) // 86_400)
    notes = manifest["notes"]
    stored = {
        key: card
        for deck in ("nevronni-mrezhi-osnovi", "nevronni-mrezhi-rechnik", "nevronni-mrezhi")
        for key, card in rows(collection, deck).items()
    }
    month = stored[anki_card_key(notes["bulgarian"]["guid"], 0)]
    due = notes["bulgarian"]["cards"]["0"]["due"]
    assert (month.phase, month.step, month.interval_days) == (Phase.REVIEW, 4, 30)
    assert month.due_day == today + timedelta(days=max(0, due - anki_today))
    assert (month.reps, month.lapses) == (7, 1)
    suspended = stored[anki_card_key(notes["reversed"]["guid"], 1)]
    assert suspended.suspended and suspended.step == 2
    fresh = stored[anki_card_key(notes["html"]["guid"], 0)]
    assert (fresh.phase, fresh.step, fresh.suspended) == (Phase.NEW, 0, False)


def test_without_progress_cards_arrive_new(open_collection) -> None:
    collection = open_collection()
    import_paths(collection, [ANKI_FIXTURES / "current.apkg"])
    stored = rows(collection, "nevronni-mrezhi-rechnik")
    assert {(c.phase, c.suspended) for c in stored.values()} == {(Phase.NEW, False)}


def test_a_dry_run_writes_nothing(tmp_path: Path, seeded_db: Path, capsys) -> None:
    path = write_csv(tmp_path / "words.csv", "q1,a1\n\n")
    before = seeded_db.read_bytes()
    data = import_json(capsys, seeded_db, "--dry-run", str(path))
    assert (data["added"], data["dry_run"], data["new_deck"]) == (1, True, True)
    assert data["skipped"] == [{"item": "row 2", "reason": "an empty row"}]
    assert seeded_db.read_bytes() == before


def test_the_json_summary(tmp_path: Path, seeded_db: Path, capsys) -> None:
    data = import_json(capsys, seeded_db, str(ANKI_FIXTURES / "current.apkg"))
    assert [d["deck"] for d in data] == [
        "nevronni-mrezhi-osnovi",
        "nevronni-mrezhi-rechnik",
        "nevronni-mrezhi",
    ]
    assert {"added", "updated", "unchanged", "skipped", "missing"} <= set(data[0])


def test_the_text_summary_lists_every_skipped_row(tmp_path: Path, seeded_db: Path, capsys) -> None:
    path = write_csv(tmp_path / "words.csv", "front,back\nq1,a1\n,a2\n")
    code, out, _ = run_cli(capsys, "--db", str(seeded_db), "import", str(path))
    assert code == 0
    assert out.splitlines() == [
        f"{path}: imported deck 'words' — 1 added, 0 updated, 0 unchanged, 1 skipped",
        "  skipped row 3: the front is empty",
    ]


def test_the_deck_option_names_an_existing_deck_and_keeps_its_settings(
    open_collection, tmp_path: Path
) -> None:
    from srs_wb.formats.spec import DeckSpec, LadderSpec
    from srs_wb.services.importing import import_specs
    from tests.conftest import recall_deck

    collection = open_collection()
    own = DeckSpec(
        **{
            **vars(recall_deck("my-deck", n=1, name="Моето тесте")),
            "description": "Моето описание",
            "ladder": LadderSpec((2, 5, 10)),
            "new_per_day": 7,
            "language": "bg",
        }
    )
    import_specs(collection, [own], origin="toml")
    path = write_csv(tmp_path / "more.csv", "q9,a9\n")
    [summary] = import_paths(collection, [path], deck="Моето тесте")
    assert (summary.deck_key, summary.added, summary.missing) == ("my-deck", 1, ["c0"])
    deck = deck_row(collection, "my-deck")
    assert (deck.name, deck.description, deck.ladder_steps, deck.new_per_day, deck.language) == (
        "Моето тесте",
        "Моето описание",
        "2,5,10",
        7,
        "bg",
    )
    assert deck.origin == "toml" and len(rows(collection, "my-deck")) == 2


def test_a_new_deck_name_makes_a_new_deck(open_collection, tmp_path: Path) -> None:
    collection = open_collection()
    path = write_csv(tmp_path / "words.csv", "q,a\n")
    [summary] = import_paths(collection, [path], deck="Испански::Глаголи")
    assert (summary.deck_key, summary.deck_name) == ("ispanski-glagoli", "Испански::Глаголи")


def test_several_files_into_one_deck_are_merged(open_collection, tmp_path: Path) -> None:
    collection = open_collection()
    one = write_csv(tmp_path / "one.csv", "q1,a1\nq2,a2\n")
    two = write_csv(tmp_path / "two.csv", "q2,a2\nq3,a3\n")
    [summary] = import_paths(collection, [one, two], deck="Всичко")
    assert (summary.added, summary.source) == (3, f"{one}, {two}")
    assert [item["reason"] for item in summary.skipped] == [f"the same card as in {one}"]


def test_a_csv_does_not_clear_unlock_after(open_collection, tmp_path: Path) -> None:
    """CSV has no unlock_after column: a card that has one keeps it."""
    from srs_wb.formats.spec import CardKind, CardSpec, DeckSpec
    from srs_wb.services.importing import import_specs

    collection = open_collection()
    card = CardSpec(key="plan", kind=CardKind.RECALL, front="q", back="a", unlock_after_days=7)
    import_specs(collection, [DeckSpec(key="d", name="D", cards=(card,))], origin="toml")
    path = write_csv(tmp_path / "d.csv", "front,back,id\nq,a,plan\n")
    [summary] = import_paths(collection, [path], deck="d")
    assert (summary.unchanged, rows(collection, "d")["plan"].unlock_after_days) == (1, 7)


@pytest.mark.parametrize("suffix", [".tsv", ".txt"])
def test_tsv_and_txt_through_the_command(
    suffix: str, tmp_path: Path, seeded_db: Path, capsys
) -> None:
    path = tmp_path / f"думи{suffix}"
    path.write_text("лице\tгръб\nтежест\tweight\n", encoding="utf-8")
    data = import_json(capsys, seeded_db, str(path))
    assert (data["deck"], data["deck_name"], data["added"]) == ("dumi", "думи", 1)


def test_cp1251_through_the_command(tmp_path: Path, seeded_db: Path, capsys) -> None:
    path = tmp_path / "words.csv"
    path.write_bytes("лице;гръб\nтежест;множител\n".encode("cp1251"))
    code, _, err = run_cli(capsys, "--db", str(seeded_db), "import", str(path))
    assert code == 1 and "--encoding cp1251" in err
    data = import_json(capsys, seeded_db, "--encoding", "cp1251", str(path))
    assert data["added"] == 1


def test_a_large_insert_gives_the_page_cache_back(open_collection, monkeypatch) -> None:
    from srs_wb.storage import importing as import_store

    collection = open_collection()
    seen = []
    real = import_store._page_cache

    def spy(connection, rows):  # type: ignore[no-untyped-def]
        seen.append(connection.exec_driver_sql("PRAGMA cache_size").scalar())
        with real(connection, rows):
            seen.append(connection.exec_driver_sql("PRAGMA cache_size").scalar())
            yield
        seen.append(connection.exec_driver_sql("PRAGMA cache_size").scalar())

    from contextlib import contextmanager

    monkeypatch.setattr(import_store, "_LARGE_INSERT", 2)
    monkeypatch.setattr(import_store, "_page_cache", contextmanager(spy))
    from srs_wb.services.importing import import_specs
    from tests.conftest import recall_deck

    import_specs(collection, [recall_deck("big", n=5)], origin="toml")
    assert seen == [seen[0], -32 * 1024, seen[0]] and seen[0] != -32 * 1024
