"""The stats exports: CSV a spreadsheet reads safely and with the right types, JSON, Markdown."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from srs_wb.errors import SrsError
from srs_wb.formats.stats_csv import CARD_COLUMNS, REVIEW_COLUMNS, protect
from srs_wb.formats.stats_markdown import heat_map
from srs_wb.scheduling import CardState, Phase, Rating
from srs_wb.services import stats_export
from srs_wb.services.stats_export import export_stats
from srs_wb.storage import reviews as review_store
from srs_wb.storage import stats_queries
from srs_wb.storage.models import Card, Deck, Review
from tests.stats import json_shape
from tests.stats.conftest import TODAY

TRICKY = [
    "-0.4",
    "=1+1",
    "+7",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "0.4",
    "1,5",
    'say "hi"',
    "two\nlines",
    "−0.4",  # a Unicode minus is not a formula
    " =1",
    "",
]


def read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.endswith(b"\r\n")  # RFC 4180 line ends
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def spreadsheet_value(cell: str) -> object:
    """How a spreadsheet types a cell it reads: a number, a date, a time, TRUE/FALSE, text."""
    if cell == "":
        return None
    if cell.startswith("'"):
        return cell[1:]  # the apostrophe marks text and is not shown
    if re.fullmatch(r"-?\d+", cell):
        return int(cell)
    if re.fullmatch(r"-?\d+\.\d*(e-?\d+)?", cell):
        return float(cell)
    if cell.lower() in ("true", "false"):
        return cell.lower() == "true"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell):
        return date.fromisoformat(cell)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z", cell):
        return datetime.fromisoformat(cell)
    return cell


def expected_review_rows(collection) -> list[list[str]]:
    """The review CSV rebuilt in Python from the ORM rows: what the SQL must produce."""
    query = (
        select(Review, Card.key, Card.kind, Card.exercise, Deck.key)
        .join(Card, Card.id == Review.card_id)
        .join(Deck, Deck.id == Card.deck_id)
        .order_by(Review.id)
    )
    rows = []
    with collection.reading() as session:
        for review, card, kind, exercise, deck in session.execute(query):
            at = review.reviewed_at.astimezone(UTC)
            verdict = {None: "", True: "true", False: "false"}[review.correct]
            rows.append(
                [
                    at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z",
                    review.day.isoformat(),
                    protect(deck),
                    protect(card),
                    kind,
                    exercise or "",
                    review.rating.name.lower(),
                    str(review.step_before),
                    str(review.step_after),
                    str(review.interval_days),
                    f"{review.duration_ms // 1000}.{review.duration_ms % 1000:03d}",
                    verdict,
                    protect(review.typed) or "",
                    protect(review.expected) or "",
                    "" if review.error is None else str(review.error),
                    review.mistake or "",
                    "" if review.seed is None else str(review.seed),
                ]
            )
    return rows


def csv_module_text(header, rows) -> str:
    """What Python's csv module writes for these rows: the reference for the SQL lines."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def test_review_csv_matches_the_log_row_for_row(history, tmp_path) -> None:
    out = tmp_path / "reviews.csv"
    result = export_stats(history, out)
    assert (result.format, result.table, result.rows) == ("csv", "reviews", 32)
    rows = read_csv(out)
    assert tuple(rows[0]) == REVIEW_COLUMNS
    expected = expected_review_rows(history)
    assert rows[1:] == expected
    # Byte for byte what the csv module would write.
    assert out.read_bytes().decode() == csv_module_text(REVIEW_COLUMNS, expected)


def test_review_csv_cells_have_the_right_types_for_a_spreadsheet(history, tmp_path) -> None:
    out = tmp_path / "reviews.csv"
    export_stats(history, out)
    header, *rows = read_csv(out)
    table = [dict(zip(header, (spreadsheet_value(c) for c in row), strict=True)) for row in rows]
    first = table[0]
    assert first["reviewed_at"] == datetime(2026, 3, 2, 9, 0, 10, tzinfo=UTC)
    assert first["day"] == date(2026, 3, 2)
    for row in table:
        assert isinstance(row["reviewed_at"], datetime) and isinstance(row["day"], date)
        assert row["rating"] in ("again", "hard", "good", "easy")
        for column in ("step_before", "step_after", "interval_days"):
            assert type(row[column]) is int, (column, row)
        assert row["duration_seconds"] == 10.0
        assert type(row["duration_seconds"]) is float
        if row["card_kind"] == "exercise":
            assert isinstance(row["correct"], bool) and type(row["seed"]) is int
            assert row["typed"] == 0.4  # "0.4" as typed: a number to a spreadsheet
        else:
            assert row["correct"] is None and row["typed"] is None and row["seed"] is None
    # Rolled over: the 03:30 answers of 6 March belong to 5 March.
    early = [r for r in table if r["reviewed_at"].hour == 1]
    assert early and {r["day"] for r in early} == {date(2026, 3, 5)}
    wrong = [r for r in table if r["correct"] is False]
    assert [(r["card"], r["error"], r["mistake"]) for r in wrong] == [
        ("x1", 0.5, "forgot_bias"),
        ("x0", 2.0, "forgot_bias"),
        ("x1", 0.1, "sign_error"),
    ]


def _log_typed(collection, texts: list[str]) -> None:
    """Answers to the exercise x0 typed as `texts`, written through the storage layer."""
    with collection.writing() as session:
        card_id = session.execute(select(Card.id).where(Card.key == "-x0")).scalar_one()
        for index, text in enumerate(texts):
            review_store.log_answer(
                session,
                card_id=card_id,
                at=datetime(2026, 3, 2, 9, index, tzinfo=UTC),
                day=date(2026, 3, 2),
                rating=Rating.AGAIN,
                before=CardState(),
                after=CardState(phase=Phase.LEARNING),
                interval_days=0,
                duration_ms=1500,
                exercise=review_store.ExerciseLog(
                    seed=index, typed=text, expected="-0.4", correct=False, error=0.8
                ),
            )


def test_formula_like_text_cells_are_protected_and_numbers_are_not(
    open_collection, tmp_path
) -> None:
    from srs_wb.formats.spec import CardKind, CardSpec, DeckSpec

    deck = DeckSpec(
        key="-minus",
        name="=Deck",
        cards=(
            CardSpec(key="-x0", kind=CardKind.EXERCISE, exercise="neuron_output"),
            CardSpec(key="@c1", kind=CardKind.RECALL, front='=HYPERLINK("http://x","y")'),
        ),
    )
    collection = open_collection(deck)
    _log_typed(collection, TRICKY)
    out = tmp_path / "typed.csv"
    export_stats(collection, out, since=date(2026, 3, 1), until=date(2026, 3, 3))
    header, *rows = read_csv(out)
    assert out.read_bytes().decode() == csv_module_text(header, rows)
    assert rows == expected_review_rows(collection)
    cells = [dict(zip(header, row, strict=True)) for row in rows]
    # The SQL export and the Python rule agree on every tricky string.
    assert [c["typed"] for c in cells] == [protect(text) for text in TRICKY]
    assert [c["typed"] for c in cells][:6] == [
        "'-0.4",
        "'=1+1",
        "'+7",
        "'@SUM(A1:A2)",
        "'\t=1+1",
        "'\r=1+1",
    ]
    assert cells[6]["typed"] == "0.4" and cells[9]["typed"] == "two\nlines"
    for cell in cells:
        assert (cell["deck"], cell["card"], cell["expected"]) == ("'-minus", "'-x0", "'-0.4")
        assert (cell["interval_days"], cell["step_before"], cell["error"]) == ("0", "0", "0.8")
        assert cell["duration_seconds"] == "1.500"
    out = tmp_path / "cards.csv"
    export_stats(collection, out, table="cards")
    header, *rows = read_csv(out)
    cards = {row[1]: dict(zip(header, row, strict=True)) for row in rows}
    assert cards["'@c1"]["front"] == '\'=HYPERLINK("http://x","y")'
    assert cards["'@c1"]["deck"] == "'-minus"


def test_protect() -> None:
    assert [protect(t) for t in ("-1", "=", "+", "@", "\tx", "\rx")] == [
        "'-1",
        "'=",
        "'+",
        "'@",
        "'\tx",
        "'\rx",
    ]
    assert [protect(t) for t in ("1", " -1", "", None, "a-b")] == ["1", " -1", "", None, "a-b"]


def test_cards_csv(history, tmp_path) -> None:
    out = tmp_path / "cards.csv"
    result = export_stats(history, out, table="cards")
    header, *rows = read_csv(out)
    assert tuple(header) == CARD_COLUMNS
    assert result.rows == len(rows) == 11
    cards = {row[1]: dict(zip(header, row, strict=True)) for row in rows}
    a0 = cards["a0"]
    assert [a0[c] for c in CARD_COLUMNS[:-2]] == [
        "alpha",
        "a0",
        "recall",
        "",
        "1",
        "review",
        "3",
        "7",
        "2026-03-13",
        "3",
        "0",
        "false",
    ]
    assert a0["last_review"] == "2026-03-06T10:00:10.000Z" and a0["front"] == "Q a0"
    assert cards["a2"]["suspended"] == "true"
    assert cards["plan-1mo"]["phase"] == "new" and cards["plan-1mo"]["due_day"] == ""
    assert (cards["g0"]["step"], cards["g0"]["lapses"]) == ("1", "2")
    assert (cards["x1"]["exercise_kind"], cards["x1"]["difficulty"]) == ("gradient_step", "2")
    # Deck by deck (by name), in deck order.
    assert [row[1] for row in rows][:3] == ["a0", "a1", "a2"]
    one = tmp_path / "beta.csv"
    assert export_stats(history, one, table="cards", deck="beta").rows == 2


def test_review_csv_of_one_deck_and_a_range(history, tmp_path) -> None:
    out = tmp_path / "beta.csv"
    assert export_stats(history, out, deck="beta").rows == 10
    assert {row[2] for row in read_csv(out)[1:]} == {"beta"}
    span = export_stats(history, out, since=date(2026, 3, 5), until=date(2026, 3, 5))
    assert span.rows == 7
    assert {row[1] for row in read_csv(out)[1:]} == {"2026-03-05"}


def test_the_export_streams_in_batches(history, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(stats_queries, "EXPORT_BATCH", 5)
    with history.reading() as session:
        chosen = stats_queries.Scope(date(2026, 3, 1), TODAY)
        chunks = list(stats_queries.review_csv(session, chosen))
        cards = list(stats_queries.card_csv(session, None))
    assert [count for _, count in chunks] == [5, 5, 5, 5, 5, 5, 2]
    assert [text.count("\r\n") for text, _ in chunks] == [5, 5, 5, 5, 5, 5, 2]
    assert all(text.endswith("\r\n") for text, _ in chunks + cards)
    assert sum(count for _, count in cards) == 11
    out = tmp_path / "batched.csv"
    export_stats(history, out)
    assert read_csv(out)[1:] == expected_review_rows(history)


def test_a_large_log_is_written_in_two_halves_at_once_with_the_same_result(
    history, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(stats_queries, "EXPORT_BATCH", 4)
    one_pass = tmp_path / "one.csv"
    export_stats(history, one_pass)
    halves = tmp_path / "halves.csv"
    monkeypatch.setattr(stats_export, "PARALLEL_FROM", 0)
    calls = []
    original = stats_queries.review_csv

    def recorded(session, scope, ids=None):
        calls.append(ids)
        yield from original(session, scope, ids)

    monkeypatch.setattr(stats_queries, "review_csv", recorded)
    assert export_stats(history, halves).rows == 32
    first, second = sorted(calls)  # the two halves start in either order
    assert first[1] + 1 == second[0]  # two adjoining windows
    assert halves.read_bytes() == one_pass.read_bytes()
    assert read_csv(halves)[1:] == expected_review_rows(history)
    one_deck = tmp_path / "beta.csv"
    assert export_stats(history, one_deck, deck="beta").rows == 10


@pytest.mark.parametrize("halves", [False, True], ids=["one-pass", "two-halves"])
def test_a_failed_export_leaves_the_old_file_and_no_temporary_file(
    history, tmp_path, monkeypatch, halves
) -> None:
    if halves:
        monkeypatch.setattr(stats_export, "PARALLEL_FROM", 0)
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "reviews.csv"
    out.write_text("the previous export\n")

    def broken(session, scope, ids=None):
        yield "half,a,row\r\n", 1
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(stats_queries, "review_csv", broken)
    with pytest.raises(SrsError, match=r"reviews\.csv: cannot write"):
        export_stats(history, out)
    assert out.read_text() == "the previous export\n"
    assert [p.name for p in folder.iterdir()] == ["reviews.csv"]


def test_the_format_comes_from_the_extension_or_the_option(history, tmp_path) -> None:
    assert export_stats(history, tmp_path / "a.JSON").format == "json"
    assert export_stats(history, tmp_path / "a.markdown").format == "md"
    assert export_stats(history, tmp_path / "report.txt", fmt="md").format == "md"
    with pytest.raises(SrsError, match=r"cannot tell the format from the extension \.txt"):
        export_stats(history, tmp_path / "report.txt")
    with pytest.raises(SrsError, match="--table applies to CSV exports only"):
        export_stats(history, tmp_path / "a.json", table="cards")
    with pytest.raises(SrsError, match=r"folder .* does not exist"):
        export_stats(history, tmp_path / "missing" / "a.csv")


def test_json_export_fits_the_documented_shape(history, tmp_path) -> None:
    out = tmp_path / "stats.json"
    result = export_stats(history, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    json_shape.check(data)
    assert data["schema_version"] == 1 and result.rows == 32
    assert data["totals"]["reviews"] == 32 and data["note"] is None
    assert data["exercises"]["median_error"] == 0.5
    assert len(data["forecast"]) == 30 and len(data["days"]) == 365
    one = tmp_path / "gamma.json"
    export_stats(history, one, deck="gamma")
    data = json.loads(one.read_text(encoding="utf-8"))
    json_shape.check(data)
    assert data["deck"] == {"id": "gamma", "name": "Gamma"}


def test_the_shape_checker_can_fail(open_collection) -> None:
    from srs_wb.services.stats import compute_stats

    data = compute_stats(open_collection()).to_json()
    json_shape.check(data)
    with pytest.raises(AssertionError, match=r"\$\.totals: keys"):
        json_shape.check({**data, "totals": {"reviews": 0}})
    with pytest.raises(AssertionError, match=r"\$\.streaks\.current"):
        json_shape.check({**data, "streaks": {**data["streaks"], "current": True}})
    with pytest.raises(AssertionError, match=r"\$\.since"):
        json_shape.check({**data, "since": "1 March"})


def test_the_exports_of_an_empty_database_are_valid_and_say_so(open_collection, tmp_path) -> None:
    collection = open_collection()
    csv_file = tmp_path / "empty.csv"
    assert export_stats(collection, csv_file).rows == 0
    assert csv_file.read_bytes() == (",".join(REVIEW_COLUMNS) + "\r\n").encode()
    cards_file = tmp_path / "cards.csv"
    export_stats(collection, cards_file, table="cards")
    assert cards_file.read_bytes() == (",".join(CARD_COLUMNS) + "\r\n").encode()

    json_file = tmp_path / "empty.json"
    export_stats(collection, json_file)
    data = json.loads(json_file.read_text(encoding="utf-8"))
    json_shape.check(data)
    assert data["note"] == "no reviews in this range yet"
    assert data["totals"] == {
        "reviews": 0,
        "passed": 0,
        "rate": None,
        "seconds": 0.0,
        "study_days": 0,
        "cards_reviewed": 0,
    }
    assert data["plan"] == [] and data["cards"]["by_deck"] == []
    assert data["exercises"]["mistakes"] == [] and data["exercises"]["median_error"] is None

    md_file = tmp_path / "empty.md"
    export_stats(collection, md_file)
    text = md_file.read_text(encoding="utf-8")
    assert "**No reviews yet** in this range" in text
    assert "No exercises answered yet." in text
    assert "| Reviews | 0 |" in text


def test_markdown_report(history, tmp_path) -> None:
    out = tmp_path / "report.md"
    export_stats(history, out)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Progress: all decks\n")
    assert "2025-03-07 – 2026-03-06 · as of 2026-03-06" in text
    for line in (
        "| Reviews | 32 |",
        "| Passed | 75% |",
        "| Time | 5 min |",
        "| Study days | 4 of 365 |",
        "| Current streak | 2 days |",
        "| new | learning | 1d | 2d | 3d | 1w | 1mo | suspended | completed plan |",
        "| 2 | 0 | 3 | 1 | 3 | 1 | 0 | 1 | 2 |",
        "| 1d | 12 | 67% |",
        "| gradient_step | 2 | 5 | 60% |",
        "- `forgot_bias` × 2",
        "Wrong numeric answers were off by 0.5 (median of 3).",
        "| 2026-03-07 | 4 |",
        "8 reviews due in the next 30 days.",
        "- Q plan-1d — done 2026-03-03",
        "- Q plan-1w — unlocks 2026-03-09",
    ):
        assert line in text, line
    # The heat map: seven weekday rows in a text block; this week's Mon..Fri studied,
    # Wednesday not.
    block = text.split("```text\n")[1].split("```")[0].splitlines()
    rows = {line[:3]: line[4:] for line in block[1:]}
    assert list(rows) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    last_week = {day: rows[day][-1] for day in ("Mon", "Tue", "Wed", "Thu", "Fri")}
    assert last_week["Wed"] == "·" and all(
        last_week[d] in "░▒▓█" for d in ("Mon", "Tue", "Thu", "Fri")
    )
    assert all(len(row) <= 53 for row in rows.values())


def test_heat_map_shades_by_quartile() -> None:
    monday = date(2026, 3, 2)
    counts = [0, 1, 2, 3, 4, 5, 8, 0]  # Mon 2 .. Mon 9 March
    days = [(date.fromordinal(monday.toordinal() + i), n) for i, n in enumerate(counts)]
    lines = heat_map(days)
    assert lines[0].strip() == "Mar"
    # Quartiles of the study days' counts (1 2 | 3 4 | 5 | 8); blank outside the range.
    assert [line[4:] for line in lines[1:]] == ["··", "░", "░", "▒", "▒", "▓", "█"]


def test_markdown_escapes_table_breaking_text(open_collection, tmp_path) -> None:
    from srs_wb.formats.spec import CardKind, CardSpec, DeckSpec

    deck = DeckSpec(
        key="pipes",
        name="A | B",
        cards=(CardSpec(key="plan-1d", kind=CardKind.RECALL, front="x|y\nz", unlock_after_days=1),),
    )
    collection = open_collection(deck)
    out = tmp_path / "r.md"
    export_stats(collection, out, deck="pipes")
    text = out.read_text(encoding="utf-8")
    assert "# Progress: A \\| B" in text
    assert "- x\\|y z — after you start the deck" in text


def test_stats_dataclasses_are_frozen(history) -> None:
    from dataclasses import FrozenInstanceError

    from srs_wb.services.stats import compute_stats

    stats = compute_stats(history)
    with pytest.raises(FrozenInstanceError):
        stats.totals = None  # type: ignore[misc]
    assert json.loads(json.dumps(stats.to_json())) == stats.to_json()  # plain data only
