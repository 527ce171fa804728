"""Daily study: the decks overview, today's queue, answering, undo, suspend, study ahead."""

from __future__ import annotations

import heapq
import json
import sqlite3
from collections import deque
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from srs_wb.errors import AnsweredElsewhere, NotFoundError, SrsError, UndoUnavailable
from srs_wb.scheduling.ladder import AfterLast, CardState, Ladder, Phase, Rating, answer, preview
from srs_wb.scheduling.queue import interleave
from srs_wb.services.collection import Collection
from srs_wb.services.views import AnswerResult, CardView, DeckSummary, Overview, SessionStats
from srs_wb.storage import cards as card_store
from srs_wb.storage import decks as deck_store
from srs_wb.storage import queue as queue_store
from srs_wb.storage import reviews as review_store
from srs_wb.storage.decks import DeckRecord

UNDO_DEPTH = 50
AHEAD_DAYS_LIMIT = 100  # cards pulled in when studying ahead


def _elapsed(deck: DeckRecord, today: date) -> int | None:
    return None if deck.started_day is None else (today - deck.started_day).days


def deck_ladder(deck: DeckRecord) -> Ladder:
    if not deck.ladder_steps:
        return Ladder()
    steps = tuple(int(part) for part in deck.ladder_steps.split(","))
    return Ladder(steps, AfterLast(deck.after_last or AfterLast.REPEAT))


def overview(collection: Collection) -> Overview:
    """Every deck with today's new / learning / due counts, as the home screen shows them."""
    today = collection.today()
    settings = collection.settings
    with collection.reading() as session:
        decks = deck_store.list_decks(session)
        elapsed = {deck.id: _elapsed(deck, today) for deck in decks}
        counts = queue_store.deck_counts(session, today, elapsed)
        done = queue_store.answered_today(session, today)
        tomorrow = queue_store.due_counts(session, today + timedelta(days=1))
        next_due = card_store.earliest_due_day(session, None)
    summaries = []
    for deck in decks:
        raw = counts.get(deck.id, queue_store.RawCounts())
        new_done, reviews_done = done.get(deck.id, (0, 0))
        new_limit = deck.new_per_day if deck.new_per_day is not None else settings.new_per_day
        review_limit = (
            deck.reviews_per_day if deck.reviews_per_day is not None else settings.reviews_per_day
        )
        summaries.append(
            DeckSummary(
                id=deck.id,
                key=deck.key,
                name=deck.name,
                language=deck.language,
                new=max(0, min(raw.new, new_limit - new_done)),
                learning=raw.learning,
                due=max(0, min(raw.due, review_limit - reviews_done)),
                total=raw.total,
                suspended=raw.suspended,
            )
        )
    due_tomorrow = sum(tomorrow.values())
    return Overview(today, tuple(summaries), next_due, due_tomorrow)


@dataclass(frozen=True)
class _Undo:
    review_id: int
    card_id: int
    before: CardState
    after: CardState
    started_deck: int | None  # the deck this answer started, to un-start it on undo
    view: CardView  # the card as it was shown, to show it again
    rating: Rating
    passed: bool
    delta: tuple[int, int, int]  # answered/correct/again
    duration_ms: int


class StudySession:
    """Today's queue for some decks (or all), served one card at a time.

    The queue is built once from the database, then each card is re-read before it is
    shown, so answers made by another process are never shown twice.
    """

    def __init__(
        self,
        collection: Collection,
        deck_keys: list[str] | None = None,
        *,
        ahead: bool = False,
    ) -> None:
        self.collection = collection
        self.ahead = ahead
        with collection.reading() as session:
            all_decks = deck_store.list_decks(session)
            found = {key: deck_store.find_deck(session, key) for key in deck_keys or []}
        if deck_keys is None:
            self.decks = {deck.id: deck for deck in all_decks}
        else:
            self.decks = {}
            for key, deck in found.items():
                if deck is None:
                    names = ", ".join(d.key for d in all_decks) or "none"
                    raise NotFoundError(f"no deck {key!r}; decks: {names}")
                self.decks[deck.id] = deck
        self.ladders = {deck_id: deck_ladder(deck) for deck_id, deck in self.decks.items()}
        self.stats = SessionStats()
        self._undo: deque[_Undo] = deque(maxlen=UNDO_DEPTH)
        self._front: deque[int] = deque()  # cards to show first (an undone answer)
        self._queue: deque[int] = deque()
        self._learning: list[tuple[datetime, int]] = []  # heap of (ask again at, card id)
        self._built_for: date | None = None
        self._current: CardView | None = None
        self._shown_state = CardState()  # the current card's state as it was read
        self._shown_at: datetime | None = None
        self._build()

    # The queue ------------------------------------------------------------------------

    @property
    def deck_ids(self) -> list[int]:
        return list(self.decks)

    def _build(self) -> None:
        collection = self.collection
        today = collection.today()
        settings = collection.settings
        self._built_for = today
        reviews: list[tuple[int, date]] = []
        new: list[int] = []
        with collection.reading() as session:
            # Decks may have been started since the session was made (by another process).
            for deck in deck_store.list_decks(session):
                if deck.id in self.decks:
                    self.decks[deck.id] = deck
            done = queue_store.answered_today(session, today)
            learning = queue_store.learning_cards(session, self.deck_ids)
            if self.ahead:
                ahead = queue_store.ahead_reviews(session, self.deck_ids, today, AHEAD_DAYS_LIMIT)
            for deck in self.decks.values():
                new_done, reviews_done = done.get(deck.id, (0, 0))
                review_limit = (
                    deck.reviews_per_day
                    if deck.reviews_per_day is not None
                    else settings.reviews_per_day
                )
                new_limit = (
                    deck.new_per_day if deck.new_per_day is not None else settings.new_per_day
                )
                reviews += queue_store.due_reviews(
                    session, deck.id, today, max(0, review_limit - reviews_done)
                )
                new += queue_store.new_cards(
                    session, deck.id, _elapsed(deck, today), max(0, new_limit - new_done)
                )
        # Most overdue first across decks; then new cards spread evenly among the reviews.
        reviews.sort(key=lambda item: (item[1], item[0]))
        order = [card_id for card_id, _ in reviews]
        if self.ahead:
            order = ahead
            new = []
        self._queue = deque(interleave(order, new))
        epoch = datetime.min.replace(tzinfo=UTC)
        self._learning = [(due_at or epoch, card_id) for card_id, due_at in learning]
        heapq.heapify(self._learning)

    def _pop_next_id(self, now: datetime) -> int | None:
        if self._front:
            return self._front.popleft()
        if self._learning and self._learning[0][0] <= now:
            return heapq.heappop(self._learning)[1]
        if self._queue:
            return self._queue.popleft()
        if self._learning:
            # Nothing else left today: a failed card comes back now rather than tomorrow.
            return heapq.heappop(self._learning)[1]
        return None

    def remaining(self) -> int:
        return len(self._front) + len(self._queue) + len(self._learning)

    def next_card(self) -> CardView | None:
        """The card to show now, or None when today's session is done."""
        if self._current is not None:
            return self._current
        now = self.collection.now()
        today = self.collection.day_clock.day(now)
        if today != self._built_for:
            self._build()  # the study day rolled over during the session
        # Each card is read fresh, outside any transaction: an answer committed by another
        # process since the queue was built is seen, and the card skipped.
        with self.collection.driver() as db:
            record = self._next_record(db, now, today)
        if record is None:
            return None
        self._current = self._view(record, now)
        self._shown_state = record.state
        self._shown_at = now
        return self._current

    def _next_record(
        self, db: sqlite3.Connection, now: datetime, today: date
    ) -> card_store.CardRecord | None:
        while True:
            card_id = self._pop_next_id(now)
            if card_id is None:
                return None
            record = card_store.get_card(db, card_id)
            if record is None or record.suspended:
                continue
            state = record.state
            wanted = self.ahead or state.phase is not Phase.REVIEW or state.is_due(today)
            if wanted:
                return record
            # otherwise answered elsewhere since the queue was built

    def _view(self, record: card_store.CardRecord, now: datetime) -> CardView:
        deck = self.decks[record.deck_id]
        ladder = self.ladders[record.deck_id]
        exercise = None
        if record.kind == "exercise" and record.exercise:
            exercise = self._generate(record)
        return CardView(
            id=record.id,
            deck_id=record.deck_id,
            deck_key=deck.key,
            deck_name=deck.name,
            key=record.key,
            kind=record.kind,
            front=record.front,
            back=record.back,
            phase=record.state.phase,
            step=record.state.step,
            interval_days=record.state.interval_days,
            reps=record.state.reps,
            lapses=record.state.lapses,
            outcomes=preview(record.state, now, self.collection.day_clock, ladder),
            exercise=exercise,
            tags=tuple(record.tags.split()),
        )

    def _generate(self, record: card_store.CardRecord) -> Any:
        from srs_wb import engine

        params = json.loads(record.params) if record.params else {}
        seed = self.collection.rng.randrange(2**31)
        return engine.generate(record.exercise or "", seed, record.difficulty, params)

    # Answering ------------------------------------------------------------------------

    def check(self, typed: str) -> Any:
        """Grade a typed answer to the current exercise (srs_wb.engine.Grade)."""
        current = self._require_current()
        if current.exercise is None:
            raise SrsError("the current card is not an exercise")
        from srs_wb import engine

        return engine.grade(current.exercise, typed)

    def _require_current(self) -> CardView:
        if self._current is None:
            raise SrsError("no card is being shown")
        return self._current

    def answer(
        self, rating: Rating, *, typed: str | None = None, grade: Any = None
    ) -> AnswerResult:
        """Grade the current card; the answer is committed before this returns."""
        current = self._require_current()
        # Times are stored to the millisecond; scheduling on the stored value lets undo
        # recognise the state it wrote.
        now = _to_millisecond(self.collection.now())
        clock = self.collection.day_clock
        today = clock.day(now)
        ladder = self.ladders[current.deck_id]
        shown_ms = int((now - self._shown_at).total_seconds() * 1000) if self._shown_at else 0
        # A clock set back while the card was on screen makes this negative; the log stores
        # such an answer as taking no time, and so must the session's summary.
        duration_ms = max(0, shown_ms)
        exercise_log = None
        if current.exercise is not None and grade is not None:
            exercise_log = review_store.ExerciseLog(
                seed=current.exercise.seed,
                typed=typed or "",
                expected=current.exercise.answer_text,
                correct=bool(grade.correct),
                error=grade.error,
                mistake=grade.mistake,
            )
        # Nearly always the card is still as it was read for showing: then one statement
        # checks that and writes the new state. It compares every state column, so a card
        # changed in any way since is simply read again, as it is now, and the answer
        # applied to that (or refused, as answered elsewhere).
        before = self._shown_state
        after = answer(before, rating, now, clock, ladder)
        with self.collection.driver(write=True) as db:
            if not card_store.replace_state(db, current.id, before, after):
                before = self._state_now(db, current)
                after = answer(before, rating, now, clock, ladder)
                card_store.write_state(db, current.id, after)
            interval = 0 if after.phase is Phase.LEARNING else after.interval_days
            review_id = review_store.log_answer(
                db,
                card_id=current.id,
                at=now,
                day=today,
                rating=rating,
                before=before,
                after=after,
                interval_days=interval,
                duration_ms=duration_ms,
                exercise=exercise_log,
            )
            deck_id = current.deck_id
            started = self.decks[deck_id].started_day is None and deck_store.start_deck(
                db, deck_id, today
            )
        if started:
            self.decks[deck_id] = _with_started(self.decks[deck_id], today)
        passed = exercise_log.correct if exercise_log is not None else rating >= Rating.GOOD
        delta = (1, int(passed), int(rating is Rating.AGAIN))
        self._count(current, rating, passed, delta, duration_ms)
        self._undo.append(
            _Undo(
                review_id,
                current.id,
                before,
                after,
                deck_id if started else None,
                current,
                rating,
                passed,
                delta,
                duration_ms,
            )
        )
        if after.phase is Phase.LEARNING and after.due_at is not None:
            heapq.heappush(self._learning, (after.due_at, current.id))
        self._current = None
        return AnswerResult(current.id, rating, interval, after.due_day, review_id)

    def _state_now(self, db: sqlite3.Connection, current: CardView) -> CardState:
        """The current card's state as stored, if nobody answered it since it was shown."""
        state = card_store.get_state(db, current.id)
        if state is None:
            self._current = None
            raise NotFoundError("this card was deleted while it was shown")
        if state.reps != current.reps:
            # Another process answered it while it was on screen: first answer wins.
            self._current = None
            raise AnsweredElsewhere(
                "this card was just answered in another srs-wb; your answer was not"
                " recorded, moving on"
            )
        return state

    def _count(
        self,
        view: CardView,
        rating: Rating,
        passed: bool,
        delta: tuple[int, int, int],
        duration_ms: int,
        sign: int = 1,
    ) -> None:
        stats = self.stats
        stats.answered += sign * delta[0]
        stats.correct += sign * delta[1]
        stats.again += sign * delta[2]
        stats.seconds += sign * duration_ms / 1000
        name = rating.name.lower()
        stats.by_rating[name] = stats.by_rating.get(name, 0) + sign
        if view.exercise is not None:
            right_total = stats.exercises_by_kind.setdefault(view.exercise.kind, [0, 0])
            right_total[0] += sign * int(passed)
            right_total[1] += sign

    # Undo and suspend -----------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> CardView:
        """Take back the last answer: the state and the log row as if it never happened.

        The undone card is shown again as it was (an exercise keeps its numbers).
        """
        if not self._undo:
            raise UndoUnavailable("nothing to undo")
        entry = self._undo[-1]
        with self.collection.driver(write=True) as db:
            # Back to the state before the answer, only if the card still has the state the
            # answer gave it: one statement compares and writes.
            if not card_store.replace_state(db, entry.card_id, entry.after, entry.before):
                self._undo.clear()
                raise UndoUnavailable(
                    "this card was answered again elsewhere since; the answer stays"
                )
            review_store.remove_review(db, entry.review_id)
            if entry.started_deck is not None:
                deck_store.unstart_deck(db, entry.started_deck)
        self._undo.pop()
        if entry.started_deck is not None:
            self.decks[entry.started_deck] = _with_started(self.decks[entry.started_deck], None)
        self._learning = [item for item in self._learning if item[1] != entry.card_id]
        heapq.heapify(self._learning)
        self._count(entry.view, entry.rating, entry.passed, entry.delta, entry.duration_ms, -1)
        if self._current is not None:
            self._front.appendleft(self._current.id)
        self._current = entry.view
        self._shown_state = entry.before
        self._shown_at = self.collection.now()
        return entry.view

    def suspend_current(self) -> None:
        current = self._require_current()
        with self.collection.writing() as session:
            card_store.set_suspended(session, [current.id], True)
        self._current = None


def _to_millisecond(moment: datetime) -> datetime:
    return moment.replace(microsecond=moment.microsecond - moment.microsecond % 1000)


def _with_started(deck: DeckRecord, day: date | None) -> DeckRecord:
    return replace(deck, started_day=day)


def set_suspended(collection: Collection, card_ids: list[int], suspended: bool) -> int:
    with collection.writing() as session:
        return card_store.set_suspended(session, card_ids, suspended)
