"""The queries behind progress stats: aggregates over the review log and the cards' state."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    Integer,
    Table,
    bindparam,
    case,
    exists,
    func,
    literal,
    literal_column,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session

from srs_wb.formats.stats_csv import FORMULA_STARTS
from srs_wb.scheduling.days import day_number, from_day_number
from srs_wb.scheduling.ladder import Phase, Rating
from srs_wb.storage.models import Card, Deck, Review

# A year of a heavy learner's reviews is a million rows, so every query here aggregates in
# SQLite and hands back a few hundred (at most a few thousand) rows. Two things decide the
# cost: whether a query reads the log through an index that holds every column it needs
# (then it is one ordered pass, without a sort and without visiting the table), and, when
# it cannot, whether it visits the table in rowid order or jumps around in it.


def _int(column: Any) -> Any:
    """The stored integer itself: no conversion to date, enum or bool for every row."""
    return type_coerce(column, Integer)


def _index_covers(leading: str, needed: set[str]) -> bool:
    table: Table = Review.__table__  # type: ignore[assignment]
    for index in table.indexes:
        names = [column.name for column in index.columns]
        if names and names[0] == leading and needed <= set(names):
            return True
    return False


_CUBE_COLUMNS = {"day", "phase_before", "step_before", "rating", "correct", "duration_ms"}
# Whether the schema has covering indexes for the two passes over the log (proposed in
# bench/bench_stats.py, PROPOSED_INDEXES). The queries are correct either way; with them,
# each pass reads one index in order instead of sorting the rows it reads from the table.
DAY_INDEX_COVERS = _index_covers("day", _CUBE_COLUMNS)
CARD_INDEX_COVERS = _index_covers("card_id", _CUBE_COLUMNS | {"card_id"})

_day = _int(Review.day)
_rating = _int(Review.rating)
_correct = _int(Review.correct)
# An answer passed: an exercise graded correct, or any other card answered Good or Easy.
PASSED = func.coalesce(_correct, _rating >= int(Rating.GOOD), type_=Integer)


@dataclass(frozen=True)
class Scope:
    """Which answers: those of study days `since`..`until` (inclusive), in one deck or all."""

    since: date
    until: date
    deck_id: int | None = None

    @property
    def first(self) -> int:
        return day_number(self.since)

    @property
    def last(self) -> int:
        return day_number(self.until)


def _sum(expression: Any) -> Any:
    return func.coalesce(func.sum(expression, type_=Integer), 0)


def _unindexed(expression: Any) -> Any:
    # `x + 0` is SQLite's idiom for "no index for this term": the planner then reads the
    # table in rowid order instead of visiting it through an index, row by row.
    return expression + literal_column("0")


def _mostly(session: Session, scope: Scope) -> bool:
    """Whether the range spans most of the log: then reading the whole table in rowid
    order beats jumping from the day index into the table for each row."""
    low = session.execute(select(func.min(_day))).scalar()
    high = session.execute(select(func.max(_day))).scalar()
    if low is None or high is None:
        return False
    covered = min(high, scope.last) - max(low, scope.first) + 1
    return bool(covered * 4 >= (high - low + 1))


def _in_range(scope: Scope, *, indexed: bool) -> Any:
    day = _day if indexed else _unindexed(_day)
    return day.between(scope.first, scope.last)


# Per day ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewTotals:
    """The answers in scope summed three ways, all from one pass over the log."""

    per_day: list[tuple[int, int, int, int]]  # (day number, reviews, passed, duration ms)
    # (deck id or None, phase before, step before, reviews, passed)
    per_step: list[tuple[int | None, int, int, int, int]]
    per_rating: list[tuple[int, int]]  # (rating, reviews)


# When the rows must be sorted to be grouped, one integer key sorts much faster than five
# columns: day, phase, step, rating and verdict packed into one number (unpacked in SQL).
_STEPS = 1 << 16
_PACKED = (
    ((_day * 4 + _int(Review.phase_before)) * _STEPS + Review.step_before) * 8 + _rating
) * 4 + func.coalesce(_correct + 1, 0)


def _unpacked(packed: Any) -> list[Any]:
    """day, phase, step, rating, correct (NULL, 0 or 1) of a `_PACKED` key, in SQL."""
    verdict = packed % 4
    return [
        (packed // (4 * 8 * _STEPS * 4)).label("day"),
        (packed // (4 * 8 * _STEPS) % 4).label("phase"),
        (packed // (4 * 8) % _STEPS).label("step"),
        (packed // 4 % 8).label("rating"),
        case((verdict == 0, None), else_=verdict - 1).label("correct"),
    ]


def _cube(session: Session, scope: Scope, by_deck: bool) -> Any:
    """The answers counted by (deck,) day, phase and step before, rating and verdict."""
    measures = [func.count().label("reviews"), _sum(Review.duration_ms).label("millis")]
    if scope.deck_id is None and not by_deck:
        if DAY_INDEX_COVERS:
            # One ordered pass over the covering day index: no sort, no table.
            keys = [
                _day.label("day"),
                _int(Review.phase_before).label("phase"),
                Review.step_before.label("step"),
                _rating.label("rating"),
                _correct.label("correct"),
            ]
            query = select(literal(None, Integer).label("deck_id"), *keys, *measures)
            return query.where(_in_range(scope, indexed=True)).group_by(*keys)
        indexed = not _mostly(session, scope)
        key = _PACKED if indexed else _unindexed(_PACKED)
        sums = (
            select(key.label("packed"), *measures)
            .where(_in_range(scope, indexed=indexed))
            .group_by(key)
            .subquery()
        )
        deck: Any = literal(None, Integer)
    else:
        by_card = (
            select(Card.deck_id, _PACKED.label("packed"), *measures)
            .join(Card, Card.id == Review.card_id)
            .where(_in_range(scope, indexed=True))
            .group_by(Card.deck_id, _PACKED)
        )
        if scope.deck_id is not None:
            by_card = by_card.where(Card.deck_id == scope.deck_id)
        sums = by_card.subquery()
        deck = sums.c.deck_id
    return select(deck.label("deck_id"), *_unpacked(sums.c.packed), sums.c.reviews, sums.c.millis)


def review_totals(session: Session, scope: Scope, *, by_deck: bool = False) -> ReviewTotals:
    """Answers, passes and time per day; answers and passes per step before; answers per
    rating. `by_deck` splits the steps by deck (for decks that climb different ladders).

    The log is grouped once, by every dimension at once (a few thousand rows for a year);
    SQLite then folds those rows three ways, which is far cheaper than doing it in Python.
    """
    cube = _cube(session, scope, by_deck).cte("cube").prefix_with("MATERIALIZED")
    ok = func.coalesce(cube.c.correct, cube.c.rating >= int(Rating.GOOD))
    passed = _sum(case((ok == 1, cube.c.reviews), else_=0))
    reviews = _sum(cube.c.reviews)
    nothing = literal(None, Integer)
    days = select(
        literal(1), nothing, cube.c.day, nothing, reviews, passed, _sum(cube.c.millis)
    ).group_by(cube.c.day)
    steps = select(
        literal(2), cube.c.deck_id, cube.c.phase, cube.c.step, reviews, passed, nothing
    ).group_by(cube.c.deck_id, cube.c.phase, cube.c.step)
    ratings = select(
        literal(3), nothing, cube.c.rating, nothing, reviews, nothing, nothing
    ).group_by(cube.c.rating)
    totals = ReviewTotals([], [], [])
    for part, deck_id, a, b, n, p, millis in session.execute(union_all(days, steps, ratings)):
        if part == 1:
            totals.per_day.append((a, n, p, millis))
        elif part == 2:
            totals.per_step.append((deck_id, a, b, n, p))
        else:
            totals.per_rating.append((a, n))
    return totals


def study_days_before(session: Session, day: date, deck_id: int | None) -> Iterator[date]:
    """The study days with answers before `day`, latest first (for a streak that is older
    than the range); read lazily, so the caller stops at the first gap."""
    query = select(_day).where(_day < day_number(day))
    if deck_id is not None:
        query = query.join(Card, Card.id == Review.card_id).where(Card.deck_id == deck_id)
    result = session.execute(query.distinct().order_by(_day.desc()).execution_options(yield_per=64))
    try:
        for (number,) in result:
            yield from_day_number(number)
    finally:
        result.close()


# Per card, deck and kind ------------------------------------------------------------------


@dataclass(frozen=True)
class KindRow:
    """The answers in scope to one deck's cards of one kind, exercise kind and difficulty."""

    deck_id: int
    kind: str
    exercise: str | None
    difficulty: int
    cards: int  # cards answered at least once
    reviews: int
    passed: int


def kind_breakdown(session: Session, scope: Scope) -> list[KindRow]:
    """Answers, passes and exercise verdicts per deck, card kind, exercise kind, difficulty.

    The log is first summed per card, then those sums (at most one row per card) are joined
    to the cards: joining every answer to its card would cost more than the whole pass.
    """
    measures = [func.count().label("reviews"), _sum(PASSED).label("passed")]
    if scope.deck_id is not None:
        # One deck: its cards, in rowid order, each with one seek into the card index
        # (`id + 0` keeps SQLite from driving the join from the log instead).
        per_card = (
            select(Card.id.label("card_id"), *measures)
            .join(Review, Review.card_id == _unindexed(_int(Card.id)))
            .where(_unindexed(_int(Card.deck_id)) == scope.deck_id)
            .where(_in_range(scope, indexed=True))
            .group_by(Card.id)
        )
    elif CARD_INDEX_COVERS:
        # One ordered pass over the covering card index, the day checked in the index.
        per_card = (
            select(Review.card_id.label("card_id"), *measures)
            .where(_in_range(scope, indexed=False))
            .group_by(Review.card_id)
        )
    else:
        # Without it: the range read in rowid order (or through the day index when it is
        # a small part of the log) and sorted by card.
        indexed = not _mostly(session, scope)
        card = _unindexed(Review.card_id)
        per_card = (
            select(card.label("card_id"), *measures)
            .where(_in_range(scope, indexed=indexed))
            .group_by(card)
        )
    sums = per_card.subquery()
    keys = [Card.deck_id, Card.kind, Card.exercise, Card.difficulty]
    query: Any = (
        select(*keys, func.count(), _sum(sums.c.reviews), _sum(sums.c.passed))
        .join(Card, Card.id == sums.c.card_id)
        .group_by(*keys)
    )
    return [KindRow(*row) for row in session.execute(query)]


@dataclass(frozen=True)
class WrongAnswers:
    mistakes: list[tuple[str, int]]  # (mistake code, answers), most common first
    with_error: int  # wrong answers with a numeric error
    median_error: float | None


def wrong_answers(session: Session, scope: Scope) -> WrongAnswers:
    """The known mistakes behind wrong exercise answers, and their median numeric error.

    One statement, so the wrong answers are found once: they are a small share of the log,
    set aside, then counted by mistake and ranked by error.
    """
    # A literal 0, not a parameter: SQLite can then serve it from a partial index on
    # wrong answers (`WHERE correct = 0`), should the schema ever have one.
    base = select(Review.mistake, Review.error).where(_correct == literal_column("0"))
    if scope.deck_id is not None:
        base = base.join(Card, Card.id == Review.card_id).where(Card.deck_id == scope.deck_id)
    indexed = scope.deck_id is not None or not _mostly(session, scope)
    wrong = base.where(_in_range(scope, indexed=indexed)).cte("wrong").prefix_with("MATERIALIZED")
    ranked = (
        select(
            wrong.c.error,
            func.row_number().over(order_by=wrong.c.error).label("rank"),
            func.count().over().label("total"),
        )
        .where(wrong.c.error.is_not(None))
        .subquery()
    )
    by_mistake = (
        select(wrong.c.mistake, func.count(), literal(None).label("error"))
        .where(wrong.c.mistake.is_not(None))
        .group_by(wrong.c.mistake)
    )
    # The one or two middle values, each carrying how many errors there are.
    middle = select(literal(None), ranked.c.total, ranked.c.error).where(
        ranked.c.rank.in_([(ranked.c.total + 1) // 2, (ranked.c.total + 2) // 2])
    )
    mistakes: list[tuple[str, int]] = []
    values: list[float] = []
    count = 0
    for code, number, error in session.execute(union_all(by_mistake, middle)):
        if code is not None:
            mistakes.append((code, number))
        else:
            count = number
            values.append(float(error))
    mistakes.sort(key=lambda item: (-item[1], item[0]))
    median = sum(values) / len(values) if values else None
    return WrongAnswers(mistakes, count, median)


# The cards' state ------------------------------------------------------------------------


@dataclass(frozen=True)
class StateRow:
    deck_id: int
    suspended: bool
    phase: int
    step: int
    cards: int


def card_states(session: Session, deck_id: int | None) -> list[StateRow]:
    """Cards counted by deck, suspended, phase and step."""
    # `deck_id + 0`: grouping in the deck index's order would visit the table card by card;
    # a plain scan (or a covering index, if one ever holds the step) is much cheaper.
    keys = [_unindexed(_int(Card.deck_id)), _int(Card.suspended), _int(Card.phase), Card.step]
    query: Any = select(*keys, func.count()).group_by(*keys)
    if deck_id is not None:
        query = query.where(Card.deck_id == deck_id)
    return [StateRow(d, bool(s), phase, step, n) for d, s, phase, step, n in session.execute(query)]


def completed_then_lapsed(
    session: Session, last_step: dict[int, int], deck_id: int | None
) -> dict[int, int]:
    """Per deck: cards not on the last step now that reached it once (and lapsed since).

    `last_step` gives each deck's last ladder step. Only cards with a lapse can have left
    the last step, so only their logs are looked at.
    """
    if not last_step:
        return {}
    last = case(last_step, value=Card.deck_id, else_=-1)
    reached = exists().where(Review.card_id == Card.id, Review.step_after == last)
    query = (
        select(Card.deck_id, func.count())
        .where(Card.lapses > 0, Card.step < last, reached)
        .group_by(Card.deck_id)
    )
    if deck_id is not None:
        query = query.where(Card.deck_id == deck_id)
    return {row[0]: row[1] for row in session.execute(query)}


def due_forecast(
    session: Session, today: date, days: int, deck_id: int | None
) -> list[tuple[int, int]]:
    """(day number, review cards due) for today and the next days; overdue count on today."""
    first = day_number(today)
    due = _int(Card.due_day)
    bucket = func.max(due, first)  # SQLite's two-argument max() is a scalar function
    query = (
        select(bucket, func.count())
        .where(
            Card.suspended.is_(False),
            Card.phase == Phase.REVIEW,
            due <= first + days - 1,
        )
        .group_by(bucket)
    )
    if deck_id is not None:
        query = query.where(Card.deck_id == deck_id)
    return [(row[0], row[1]) for row in session.execute(query)]


@dataclass(frozen=True)
class PlanCardRow:
    deck_id: int
    key: str
    front: str
    unlock_after_days: int
    reps: int
    first_day: date | None  # the study day of its first answer


def plan_cards(session: Session, deck_id: int | None) -> list[PlanCardRow]:
    """Cards that unlock some days after their deck is started: the review-plan prompts."""
    ids = select(Card.id).where(Card.unlock_after_days.is_not(None))
    if deck_id is not None:
        ids = ids.where(Card.deck_id == deck_id)
    first = (
        select(func.min(Review.day))
        .where(Review.card_id == Card.id)
        .correlate(Card)
        .scalar_subquery()
    )
    query: Any = (
        select(Card.deck_id, Card.key, Card.front, Card.unlock_after_days, Card.reps, first)
        .where(Card.id.in_(ids))
        .order_by(Card.deck_id, Card.unlock_after_days, Card.position, Card.id)
    )
    return [PlanCardRow(*row) for row in session.execute(query)]


# Exports ---------------------------------------------------------------------------------

# A million-row CSV export is bound by the work done per cell. Building each line in
# SQLite (formatting, spreadsheet protection and RFC 4180 quoting in C) and handing Python
# one string per few thousand lines is about twice as fast as fetching seventeen Python
# objects per row and writing them with the csv module. The rules are those of
# srs_wb.formats.stats_csv and Python's csv module (QUOTE_MINIMAL); the tests hold the two
# implementations to the same output.

EXPORT_BATCH = 5000
_NEEDS_QUOTES = '*[,"\r\n]*'  # a GLOB: a comma, a quote or a line break anywhere


def _csv_text(column: Any) -> Any:
    """A text cell: empty for NULL, an apostrophe before a formula-like start, and quoted
    (quotes doubled) when it holds a comma, a quote or a line break."""
    safe = case(
        (func.substr(column, 1, 1).in_(FORMULA_STARTS), literal("'") + column), else_=column
    )
    quoted = literal('"') + func.replace(safe, '"', '""') + literal('"')
    return case(
        (column.is_(None), ""),
        (column.op("GLOB")(_NEEDS_QUOTES), quoted),
        else_=safe,
    )


def _utc_text(column: Any) -> Any:
    return func.strftime("%Y-%m-%dT%H:%M:%fZ", _int(column) / 1000.0, "unixepoch")


def _day_text(column: Any) -> Any:
    return func.date(_int(column) * 86400, "unixepoch")


def _true_false(column: Any) -> Any:
    return case({1: "true", 0: "false"}, value=_int(column), else_="")


def _line(*cells: tuple[str, Any]) -> Any:
    """One CSV line from (printf format, value) cells. printf's %s writes NULL as nothing,
    an integer as its digits and a float with up to 15 significant digits."""
    return func.printf(",".join(fmt for fmt, _ in cells), *(value for _, value in cells))


_RATING_NAMES = case({int(r): r.name.lower() for r in Rating}, value=_rating)
_PHASE_NAMES = case({int(p): p.name.lower() for p in Phase}, value=_int(Card.phase))
_millis = _int(Review.duration_ms)

_REVIEW_LINE = _line(
    ("%s", _utc_text(Review.reviewed_at)),
    ("%s", _day_text(Review.day)),
    ("%s", _csv_text(Deck.key)),
    ("%s", _csv_text(Card.key)),
    ("%s", _csv_text(Card.kind)),
    ("%s", _csv_text(Card.exercise)),
    ("%s", _RATING_NAMES),
    ("%s", Review.step_before),
    ("%s", Review.step_after),
    ("%s", Review.interval_days),
    ("%s", func.printf("%d.%03d", _millis // 1000, _millis % 1000)),
    ("%s", _true_false(Review.correct)),
    ("%s", _csv_text(Review.typed)),
    ("%s", _csv_text(Review.expected)),
    ("%s", Review.error),
    ("%s", _csv_text(Review.mistake)),
    ("%s", Review.seed),
)


def review_csv(session: Session, scope: Scope) -> Iterator[tuple[str, int]]:
    """The answers in scope as CSV text (srs_wb.formats.stats_csv.REVIEW_COLUMNS), in the
    order they were logged: (text, rows) for EXPORT_BATCH rows at a time, each line
    ending in CRLF.

    Each batch continues after the last id of the one before, so the log is read once, in
    rowid order, and never all in memory.
    """
    page = (
        select(Review.id.label("id"), _REVIEW_LINE.label("line"))
        .join(Card, Card.id == Review.card_id)
        .join(Deck, Deck.id == Card.deck_id)
        .where(_in_range(scope, indexed=False), Review.id > bindparam("after"))
        .order_by(Review.id)
        .limit(EXPORT_BATCH)
    )
    if scope.deck_id is not None:
        page = page.where(_unindexed(_int(Card.deck_id)) == scope.deck_id)
    rows = page.subquery()
    batch = select(func.group_concat(rows.c.line, "\r\n"), func.max(rows.c.id), func.count())
    connection = session.connection()
    after = 0
    while True:
        text, last, count = connection.execute(batch, {"after": after}).one()
        if last is None:
            return
        yield text + "\r\n", count
        after = last


_CARD_LINE = _line(
    ("%s", _csv_text(Deck.key)),
    ("%s", _csv_text(Card.key)),
    ("%s", _csv_text(Card.kind)),
    ("%s", _csv_text(Card.exercise)),
    ("%s", Card.difficulty),
    ("%s", _PHASE_NAMES),
    ("%s", Card.step),
    ("%s", Card.interval_days),
    ("%s", _day_text(Card.due_day)),
    ("%s", Card.reps),
    ("%s", Card.lapses),
    ("%s", _true_false(Card.suspended)),
    ("%s", _utc_text(Card.last_review)),
    ("%s", _csv_text(Card.front)),
)


def card_csv(session: Session, deck_id: int | None) -> Iterator[tuple[str, int]]:
    """Every card (of one deck or all) with its state as CSV text
    (srs_wb.formats.stats_csv.CARD_COLUMNS), deck by deck in deck order: (text, rows)
    for a batch of rows at a time."""
    query = (
        select(_CARD_LINE)
        .join(Deck, Deck.id == Card.deck_id)
        .order_by(Deck.name, Deck.id, Card.position, Card.id)
    )
    if deck_id is not None:
        query = query.where(Card.deck_id == deck_id)
    result = session.connection().execute(query.execution_options(yield_per=EXPORT_BATCH))
    for partition in result.partitions():
        yield "".join(row[0] + "\r\n" for row in partition), len(partition)
