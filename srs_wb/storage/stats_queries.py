"""The queries behind progress stats: aggregates over the review log and the cards' state."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    Integer,
    bindparam,
    case,
    exists,
    func,
    literal,
    literal_column,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from srs_wb.formats.stats_csv import FORMULA_STARTS
from srs_wb.scheduling.days import day_number, from_day_number
from srs_wb.scheduling.ladder import Phase, Rating
from srs_wb.storage.models import Card, Deck, Review, ReviewTally

# A year of a heavy learner's reviews is a million rows. The sums the stats need (per day,
# step, rating, kind, mistake) are read from `review_tallies`, which SQLite triggers keep
# equal to the log summed per study day: a few thousand rows for a year. The log itself
# is read only through narrow indexes: whether a card was answered in a range (card, day)
# and the numeric errors of wrong answers (a partial index of them by day).


def _int(column: Any) -> Any:
    """The stored integer itself: no conversion to date, enum or bool for every row."""
    return type_coerce(column, Integer)


_day = _int(Review.day)
_rating = _int(Review.rating)
_correct = _int(Review.correct)
T = ReviewTally


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


def _in_range(scope: Scope, *, indexed: bool) -> Any:
    day = _day if indexed else _unindexed(_day)
    return day.between(scope.first, scope.last)


def _tallies(scope: Scope) -> Any:
    """The tally rows of the scope's days (and deck)."""
    query = select().select_from(T).where(T.day.between(scope.first, scope.last))
    return query if scope.deck_id is None else query.where(T.deck_id == scope.deck_id)


# An answer passed: an exercise graded correct, or any other card answered Good or Easy.
_TALLY_PASSED = case((T.correct >= 0, T.correct), else_=T.rating >= int(Rating.GOOD))


# Per day ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewTotals:
    """The answers in scope summed three ways."""

    per_day: list[tuple[int, int, int, int]]  # (day number, reviews, passed, duration ms)
    # (deck id or None, phase before, step before, reviews, passed)
    per_step: list[tuple[int | None, int, int, int, int]]
    per_rating: list[tuple[int, int]]  # (rating, reviews)


def review_totals(session: Session, scope: Scope, *, by_deck: bool = False) -> ReviewTotals:
    """Answers, passes and time per day; answers and passes per step before; answers per
    rating. `by_deck` splits the steps by deck (for decks that climb different ladders).

    One read of the tallies, grouped by the day, deck, step and rating together (a few
    thousand rows for a year), then folded three ways here.
    """
    # In the key's order, so SQLite groups as it reads, without sorting.
    keys = [T.day, T.phase_before, T.step_before, T.rating]
    deck = T.deck_id if by_deck else literal(None, Integer)
    query = _tallies(scope).add_columns(
        *keys, deck, _sum(T.reviews), _sum(T.reviews * _TALLY_PASSED), _sum(T.millis)
    )
    days: dict[int, list[int]] = {}
    steps: dict[tuple[int | None, int, int], list[int]] = {}
    ratings: dict[int, int] = {}
    grouped = query.group_by(*keys, T.deck_id) if by_deck else query.group_by(*keys)
    for day, phase, step, rating, deck_id, reviews, passed, millis in session.execute(grouped):
        on_day = days.setdefault(day, [0, 0, 0])
        on_day[0] += reviews
        on_day[1] += passed
        on_day[2] += millis
        on_step = steps.setdefault((deck_id, phase, step), [0, 0])
        on_step[0] += reviews
        on_step[1] += passed
        ratings[rating] = ratings.get(rating, 0) + reviews
    return ReviewTotals(
        per_day=[(day, n, p, ms) for day, (n, p, ms) in sorted(days.items())],
        per_step=[(d, phase, step, n, p) for (d, phase, step), (n, p) in steps.items()],
        per_rating=sorted(ratings.items()),
    )


def study_days_before(session: Session, day: date, deck_id: int | None) -> Iterator[date]:
    """The study days with answers before `day`, latest first (for a streak that is older
    than the range); read lazily, so the caller stops at the first gap."""
    query = select(T.day).where(T.day < day_number(day), T.reviews > 0)
    if deck_id is not None:
        query = query.where(T.deck_id == deck_id)
    result = session.execute(
        query.distinct().order_by(T.day.desc()).execution_options(yield_per=64)
    )
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
    reviews: int
    passed: int


def kind_breakdown(session: Session, scope: Scope) -> list[KindRow]:
    """Answers and passes per deck, card kind, exercise kind and difficulty."""
    keys = [T.deck_id, T.kind, T.exercise, T.difficulty]
    query = _tallies(scope).add_columns(*keys, _sum(T.reviews), _sum(T.reviews * _TALLY_PASSED))
    return [
        KindRow(deck_id, kind, exercise or None, difficulty, reviews, passed)
        for deck_id, kind, exercise, difficulty, reviews, passed in session.execute(
            query.group_by(*keys)
        )
    ]


def cards_answered(session: Session, scope: Scope) -> int:
    """How many cards were answered at least once in the scope.

    A card whose last answer (kept by the triggers) falls in the range was; one whose last
    answer is before it was not; only for cards answered again after the range is the log
    looked at (none, when the range ends today).
    """
    last_day = _int(Card.last_day)
    in_range = select(func.count()).where(last_day.between(scope.first, scope.last))
    answered_in = exists().where(Review.card_id == Card.id, _in_range(scope, indexed=True))
    later = select(func.count()).where(last_day > scope.last, answered_in)
    if scope.deck_id is not None:
        in_range = in_range.where(Card.deck_id == scope.deck_id)
        later = later.where(Card.deck_id == scope.deck_id)
    return int(session.execute(in_range).scalar_one() + session.execute(later).scalar_one())


@dataclass(frozen=True)
class WrongAnswers:
    mistakes: list[tuple[str, int]]  # (mistake code, answers), most common first
    with_error: int  # wrong answers with a numeric error
    median_error: float | None


def wrong_answers(session: Session, scope: Scope) -> WrongAnswers:
    """The known mistakes behind wrong exercise answers, and their median numeric error."""
    counted = (
        _tallies(scope)
        .add_columns(T.mistake, _sum(T.reviews))
        .where(T.correct == 0, T.mistake != "")
        .group_by(T.mistake)
    )
    mistakes = [(code, number) for code, number in session.execute(counted) if number]
    mistakes.sort(key=lambda item: (-item[1], item[0]))
    # The errors come from the partial index of wrong answers, in order: the middle one
    # or two are found by position, without reading the rest.
    # A literal 0, not a parameter, so that SQLite can use the partial index.
    errors = select(Review.error).where(
        _correct == literal_column("0"),
        _in_range(scope, indexed=True),
        Review.error.is_not(None),
    )
    if scope.deck_id is not None:
        deck_of = select(Card.deck_id).where(Card.id == Review.card_id).scalar_subquery()
        errors = errors.where(deck_of == scope.deck_id)
    count = int(session.execute(select(func.count()).select_from(errors.subquery())).scalar_one())
    if not count:
        return WrongAnswers(mistakes, 0, None)
    middle = errors.order_by(Review.error).offset((count - 1) // 2).limit(2 - count % 2)
    values = [float(value) for value in session.execute(middle).scalars()]
    return WrongAnswers(mistakes, count, sum(values) / len(values))


# The cards' state ------------------------------------------------------------------------


@dataclass(frozen=True)
class StateRow:
    deck_id: int
    suspended: bool
    phase: int
    step: int
    cards: int


def card_states(session: Session, deck_id: int | None) -> list[StateRow]:
    """Cards counted by deck, suspended, phase and step (from the `ix_cards_state` index)."""
    keys = [_int(Card.deck_id), _int(Card.suspended), _int(Card.phase), Card.step]
    query: Any = select(*keys, func.count()).group_by(*keys)
    if deck_id is not None:
        query = query.where(Card.deck_id == deck_id)
    return [StateRow(d, bool(s), phase, step, n) for d, s, phase, step, n in session.execute(query)]


def completed_then_lapsed(
    session: Session, last_step: dict[int, int], deck_id: int | None
) -> dict[int, int]:
    """Per deck: cards not on the last step now that reached it once (and lapsed since).

    `last_step` gives each deck's last ladder step; a card's best step (kept from the log
    by the triggers) says how high it ever got.
    """
    if not last_step:
        return {}
    last = case(last_step, value=Card.deck_id, else_=-1)
    query = (
        select(Card.deck_id, func.count())
        .where(Card.lapses > 0, Card.step < last, Card.best_step >= last)
        .group_by(Card.deck_id)
    )
    if deck_id is not None:
        query = query.where(Card.deck_id == deck_id)
    return {row[0]: row[1] for row in session.execute(query)}


def due_forecast(
    session: Session, today: date, days: int, deck_id: int | None
) -> list[tuple[int, int]]:
    """(day number, review cards due) for today and the next days; overdue count on today.

    Two reads of the due index in its order (no sort): the cards overdue, then the cards
    due on each day of the window.
    """
    first = day_number(today)
    due = _int(Card.due_day)
    active = select(func.count()).where(Card.suspended.is_(False), Card.phase == Phase.REVIEW)
    if deck_id is not None:
        active = active.where(Card.deck_id == deck_id)
    overdue = session.execute(active.where(due < first)).scalar_one()
    per_day = active.add_columns(due).where(due.between(first, first + days - 1)).group_by(due)
    counts = {day: number for number, day in session.execute(per_day)}
    if overdue:
        counts[first] = counts.get(first, 0) + overdue
    return sorted(counts.items())


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
    ("%s", Card.kind),  # identifiers: "recall" or "exercise", an exercise kind's name
    ("%s", Card.exercise),
    ("%s", _RATING_NAMES),
    ("%s", Review.step_before),
    ("%s", Review.step_after),
    ("%s", Review.interval_days),
    ("%s", func.printf("%d.%03d", _millis // 1000, _millis % 1000)),
    ("%s", _true_false(Review.correct)),
    ("%s", _csv_text(Review.typed)),
    ("%s", _csv_text(Review.expected)),
    ("%s", Review.error),
    ("%s", Review.mistake),  # a mistake's code, an identifier
    ("%s", Review.seed),
)


def review_id_range(session: Session) -> tuple[int, int] | None:
    """(lowest, highest) id in the log, None when it is empty: the rows an export covers."""
    low, high = session.execute(select(func.min(Review.id), func.max(Review.id))).one()
    return None if low is None else (int(low), int(high))


def review_csv(
    session: Session, scope: Scope, ids: tuple[int, int] | None = None
) -> Iterator[tuple[str, int]]:
    """The answers in scope as CSV text (srs_wb.formats.stats_csv.REVIEW_COLUMNS), in the
    order they were logged: (text, rows) for EXPORT_BATCH rows at a time, each line
    ending in CRLF. `ids` (inclusive) limits them to a window of the log.

    Each batch continues after the last id of the one before, so the log is read once, in
    rowid order, and never all in memory.
    """
    first, last = ids if ids is not None else (0, None)
    page = (
        select(Review.id.label("id"), _REVIEW_LINE.label("line"))
        .join(Card, Card.id == Review.card_id)
        .join(Deck, Deck.id == Card.deck_id)
        .where(_in_range(scope, indexed=False), Review.id > bindparam("after"))
        .order_by(Review.id)
        .limit(EXPORT_BATCH)
    )
    if last is not None:
        page = page.where(Review.id <= last)
    if scope.deck_id is not None:
        page = page.where(_unindexed(_int(Card.deck_id)) == scope.deck_id)
    rows = page.subquery()
    batch = select(func.group_concat(rows.c.line, "\r\n"), func.max(rows.c.id), func.count())
    connection = session.connection()
    after = first - 1
    while True:
        text, newest, count = connection.execute(batch, {"after": after}).one()
        if newest is None:
            return
        yield text + "\r\n", count
        after = newest


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
