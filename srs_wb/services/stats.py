"""Progress stats: answers, time, streaks, cards by state, retention, exercises, forecast, plan."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from srs_wb.errors import NotFoundError, SrsError
from srs_wb.scheduling.days import day_number
from srs_wb.scheduling.durations import format_days
from srs_wb.scheduling.ladder import Ladder, Phase, Rating
from srs_wb.services.collection import Collection
from srs_wb.services.stats_model import (
    CardCounts,
    DayStats,
    DeckCards,
    ExerciseAccuracy,
    Exercises,
    Labelled,
    Passed,
    PlanPrompt,
    Retention,
    Stats,
    StepCount,
    Streaks,
)
from srs_wb.services.study import deck_ladder
from srs_wb.storage import decks as deck_store
from srs_wb.storage import stats_queries as queries
from srs_wb.storage.decks import DeckRecord
from srs_wb.storage.stats_queries import KindRow, ReviewTotals, Scope, StateRow

DEFAULT_DAYS = 365  # the default range: the last year, today included
FORECAST_DAYS = 30


def parse_day(text: str, option: str) -> date:
    """A date given on the command line (2026-03-01), or SrsError naming the option."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise SrsError(f"{option}: expected a date such as 2026-03-01, got {text!r}") from None


@dataclass(frozen=True)
class Selection:
    """What the stats (or an export) cover: a range of study days and one deck or all."""

    today: date
    scope: Scope
    deck: DeckRecord | None  # None: all decks
    decks: tuple[DeckRecord, ...]  # the decks in scope


def select_range(
    collection: Collection,
    session: Session,
    *,
    deck: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> Selection:
    """Check the deck and the dates; the range defaults to the last year up to today."""
    today = collection.today()
    until = until or today
    since = since or until - timedelta(days=DEFAULT_DAYS - 1)
    if since > until:
        raise SrsError(f"the range is empty: --since {since} is after --until {until}")
    every = deck_store.list_decks(session)
    chosen = None
    if deck is not None:
        chosen = deck_store.find_deck(session, deck)
        if chosen is None:
            known = ", ".join(d.key for d in every) or "none"
            raise NotFoundError(f"no deck {deck!r}; decks: {known}")
    decks = (chosen,) if chosen is not None else tuple(every)
    scope = Scope(since, until, None if chosen is None else chosen.id)
    return Selection(today, scope, chosen, decks)


def compute_stats(
    collection: Collection,
    *,
    deck: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> Stats:
    """Every stat for the study days `since`..`until` (inclusive) of one deck or all.

    All of it is read in one transaction, so the numbers agree with each other.
    """
    with collection.reading() as session:
        chosen = select_range(collection, session, deck=deck, since=since, until=until)
        scope = chosen.scope
        ladders = {d.id: deck_ladder(d) for d in chosen.decks}
        mixed = len({ladder.steps_days for ladder in ladders.values()}) > 1
        answers = queries.review_totals(session, scope, by_deck=mixed)
        kinds = queries.kind_breakdown(session, scope)
        wrong = queries.wrong_answers(session, scope)
        answered = queries.cards_answered(session, scope)
        states = queries.card_states(session, scope.deck_id)
        last = {deck_id: ladder.last for deck_id, ladder in ladders.items()}
        lapsed = queries.completed_then_lapsed(session, last, scope.deck_id)
        due = dict(queries.due_forecast(session, chosen.today, FORECAST_DAYS, scope.deck_id))
        plan_rows = queries.plan_cards(session, scope.deck_id)
        tally = _Tally.of(answers)
        days = _days(tally, scope)
        active = {day.day for day in days if day.reviews}
        streaks = _streaks(session, active, scope, chosen.today)

    common = next(iter(ladders.values()), Ladder())
    totals = Passed(tally.reviews, tally.passed)
    cards, by_deck = _card_counts(states, chosen.decks, ladders, lapsed)
    forecast = tuple(
        (chosen.today + timedelta(days=i), due.get(day_number(chosen.today) + i, 0))
        for i in range(FORECAST_DAYS)
    )
    return Stats(
        today=chosen.today,
        since=scope.since,
        until=scope.until,
        deck=None if chosen.deck is None else chosen.deck.key,
        deck_name=None if chosen.deck is None else chosen.deck.name,
        totals=totals,
        seconds=round(tally.duration_ms / 1000, 1),
        study_days=len(active),
        cards_reviewed=answered,
        days=days,
        streaks=streaks,
        cards=cards,
        cards_by_deck=by_deck,
        retention=_retention(tally, kinds, chosen.decks, ladders, common),
        exercises=_exercises(kinds, wrong),
        forecast=forecast,
        plan=_plan(plan_rows, chosen.decks, chosen.today),
    )


@dataclass
class _Tally:
    """The review totals as lookups, and summed over the whole range."""

    reviews: int
    passed: int
    duration_ms: int
    per_day: dict[int, tuple[int, int, int]]  # day number: (reviews, passed, ms)
    per_step: dict[tuple[int | None, int, int], tuple[int, int]]  # (deck, phase, step)
    per_rating: dict[int, int]

    @classmethod
    def of(cls, totals: ReviewTotals) -> _Tally:
        per_day = {day: (n, p, ms) for day, n, p, ms in totals.per_day}
        return cls(
            reviews=sum(n for n, _, _ in per_day.values()),
            passed=sum(p for _, p, _ in per_day.values()),
            duration_ms=sum(ms for _, _, ms in per_day.values()),
            per_day=per_day,
            per_step={(d, phase, step): (n, p) for d, phase, step, n, p in totals.per_step},
            per_rating=dict(totals.per_rating),
        )


# Per day and streaks -----------------------------------------------------------------------


def _days(tally: _Tally, scope: Scope) -> tuple[DayStats, ...]:
    first = day_number(scope.since)
    empty = (0, 0, 0)
    days = []
    for offset in range((scope.until - scope.since).days + 1):
        reviews, passed, millis = tally.per_day.get(first + offset, empty)
        days.append(
            DayStats(scope.since + timedelta(days=offset), reviews, passed, round(millis / 1000, 1))
        )
    return tuple(days)


def _streaks(session: Session, active: set[date], scope: Scope, today: date) -> Streaks:
    """Runs of study days with at least one answer.

    The current streak ends today, or yesterday while today has no answer yet; it is
    counted from the whole log, also past the range. The longest is the longest run
    inside the range (or the current one, if that is longer).
    """

    def studied(day: date) -> bool:
        if scope.since <= day <= scope.until:
            return day in active
        return next(iter(_log_days_from(session, day, scope)), None) == day

    def run_back_from(day: date) -> int:
        count = 0
        while scope.since <= day <= scope.until and day in active:
            count += 1
            day -= timedelta(days=1)
        if scope.since <= day <= scope.until:
            return count  # a day without answers inside the range ended it
        for older in _log_days_from(session, day, scope):
            if older != day:
                break
            count += 1
            day -= timedelta(days=1)
        return count

    reviewed_today = studied(today)
    current = run_back_from(today if reviewed_today else today - timedelta(days=1))
    longest = run = 0
    previous: date | None = None
    for day in sorted(active):
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        longest = max(longest, run)
        previous = day
    return Streaks(current, max(longest, current), reviewed_today)


def _log_days_from(session: Session, day: date, scope: Scope) -> Iterable[date]:
    """Study days with answers on or before `day`, latest first, read lazily."""
    return queries.study_days_before(session, day + timedelta(days=1), scope.deck_id)


# Cards by state ----------------------------------------------------------------------------


def _step(ladder: Ladder, step: int) -> tuple[int, str]:
    """(interval, label) of a ladder step; a step past the end (the deck's ladder was
    shortened since) counts as the last."""
    interval = ladder.interval_of(min(max(step, 1), ladder.last))
    return interval, format_days(interval)


def _card_counts(
    states: list[StateRow],
    decks: tuple[DeckRecord, ...],
    ladders: dict[int, Ladder],
    lapsed: dict[int, int],
) -> tuple[CardCounts, tuple[DeckCards, ...]]:
    per_deck: list[DeckCards] = []
    by_deck: dict[int, list[StateRow]] = defaultdict(list)
    for row in states:
        by_deck[row.deck_id].append(row)
    for deck in decks:
        ladder = ladders[deck.id]
        steps = {ladder.interval_of(s): 0 for s in range(1, ladder.last + 1)}
        new = learning = suspended = total = completed = 0
        for row in by_deck.get(deck.id, []):
            total += row.cards
            if row.phase == Phase.REVIEW and row.step >= ladder.last:
                completed += row.cards
            if row.suspended:
                suspended += row.cards
            elif row.phase == Phase.NEW:
                new += row.cards
            elif row.phase == Phase.LEARNING:
                learning += row.cards
            else:
                steps[_step(ladder, row.step)[0]] += row.cards
        counts = CardCounts(
            total=total,
            new=new,
            learning=learning,
            steps=tuple(StepCount(format_days(i), i, n) for i, n in sorted(steps.items())),
            suspended=suspended,
            completed_plan=completed + lapsed.get(deck.id, 0),
        )
        per_deck.append(DeckCards(deck.key, deck.name, counts))
    merged: dict[int, int] = defaultdict(int)
    for item in per_deck:
        for step in item.cards.steps:
            merged[step.interval_days] += step.cards
    overall = CardCounts(
        total=sum(d.cards.total for d in per_deck),
        new=sum(d.cards.new for d in per_deck),
        learning=sum(d.cards.learning for d in per_deck),
        steps=tuple(StepCount(format_days(i), i, n) for i, n in sorted(merged.items())),
        suspended=sum(d.cards.suspended for d in per_deck),
        completed_plan=sum(d.cards.completed_plan for d in per_deck),
    )
    return overall, tuple(per_deck)


# Retention and exercises -------------------------------------------------------------------


def _retention(
    tally: _Tally,
    kinds: list[KindRow],
    decks: tuple[DeckRecord, ...],
    ladders: dict[int, Ladder],
    common: Ladder,
) -> Retention:
    by_step: dict[tuple[int, str], Passed] = defaultdict(Passed)
    for (deck_id, phase, step), (reviews, passed) in tally.per_step.items():
        if phase == Phase.NEW:
            key = (-2, "new")
        elif phase == Phase.LEARNING or step == 0:
            key = (-1, "learning")
        else:
            ladder = common if deck_id is None else ladders.get(deck_id, common)
            key = _step(ladder, step)
        by_step[key] += Passed(reviews, passed)
    by_rating = {r.name.lower(): tally.per_rating.get(int(r), 0) for r in Rating}
    per_deck: dict[int, Passed] = defaultdict(Passed)
    per_kind: dict[str, Passed] = {"recall": Passed(), "exercise": Passed()}
    for kind_row in kinds:
        counts = Passed(kind_row.reviews, kind_row.passed)
        per_deck[kind_row.deck_id] += counts
        per_kind[kind_row.kind] = per_kind.get(kind_row.kind, Passed()) + counts
    return Retention(
        overall=Passed(tally.reviews, tally.passed),
        by_deck=tuple(
            Labelled(deck.key, per_deck.get(deck.id, Passed()), deck.name) for deck in decks
        ),
        by_step=tuple(Labelled(label, by_step[(i, label)]) for i, label in sorted(by_step)),
        by_card_kind=tuple(Labelled(kind, counts) for kind, counts in per_kind.items()),
        by_rating=by_rating,
    )


def _exercises(kinds: list[KindRow], wrong: queries.WrongAnswers) -> Exercises:
    accuracy: dict[tuple[str, int], Passed] = defaultdict(Passed)
    for row in kinds:
        if row.kind == "exercise":
            accuracy[(row.exercise or "", row.difficulty)] += Passed(row.reviews, row.passed)
    by_kind = tuple(
        ExerciseAccuracy(kind, difficulty, counts.reviews, counts.passed)
        for (kind, difficulty), counts in sorted(accuracy.items())
    )
    median = None if wrong.median_error is None else round(wrong.median_error, 6)
    return Exercises(
        answers=sum(item.answers for item in by_kind),
        correct=sum(item.correct for item in by_kind),
        by_kind=by_kind,
        mistakes=tuple(wrong.mistakes),
        wrong_with_error=wrong.with_error,
        median_error=median,
    )


# The review plan ---------------------------------------------------------------------------


def _plan(
    rows: list[queries.PlanCardRow], decks: tuple[DeckRecord, ...], today: date
) -> tuple[PlanPrompt, ...]:
    by_id = {deck.id: deck for deck in decks}
    prompts = []
    for row in rows:
        deck = by_id.get(row.deck_id)
        if deck is None:
            continue
        unlocks_on = None
        if deck.started_day is not None:
            unlocks_on = deck.started_day + timedelta(days=row.unlock_after_days)
        if row.first_day is not None or row.reps > 0:
            status = "done"
        elif unlocks_on is None:
            status = "not_started"
        else:
            status = "unlocked" if unlocks_on <= today else "locked"
        prompts.append(
            PlanPrompt(
                deck=deck.key,
                card=row.key,
                prompt=row.front,
                unlock_after_days=row.unlock_after_days,
                status=status,
                done_on=row.first_day,
                unlocks_on=unlocks_on,
            )
        )
    return tuple(prompts)
