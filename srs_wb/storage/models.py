"""The schema: decks, cards, their scheduling state, the review log and settings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from srs_wb.scheduling.ladder import Phase, Rating
from srs_wb.storage.types import DayNumber, IntEnumType, UTCMillis

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Deck(Base):
    __tablename__ = "decks"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # the deck file's stable id
    name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(16), default="en")
    description: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(16), default="toml")  # builtin, toml, csv, anki
    # The deck's own ladder ("1,3,7,30") and limits; NULL means the learner's settings.
    ladder_steps: Mapped[str | None] = mapped_column(String(100))
    after_last: Mapped[str | None] = mapped_column(String(16))
    new_per_day: Mapped[int | None] = mapped_column(Integer)
    reviews_per_day: Mapped[int | None] = mapped_column(Integer)
    # How many cards the deck has. Kept by every import (the only way cards are added), so
    # the home screen needs no count over every card of a 100,000-card collection.
    card_count: Mapped[int] = mapped_column(Integer, default=0)
    # The study day of the learner's first answer in this deck: review-plan cards unlock from it.
    started_day: Mapped[date | None] = mapped_column(DayNumber)
    created_at: Mapped[datetime] = mapped_column(UTCMillis)

    cards: Mapped[list[Card]] = relationship(back_populates="deck", passive_deletes=True)


class Card(Base):
    """A card's content and its scheduling state, in one row.

    The queue and the deck counts read only the state columns through covering indexes,
    so the wide text columns cost nothing on the hot paths.
    """

    __tablename__ = "cards"
    __table_args__ = (
        UniqueConstraint("deck_id", "key"),
        # Covers every count and the review queue: active cards by phase and due day
        # (reviews due, learning, unlocked new cards per deck), and suspended ones.
        Index("ix_cards_due", "suspended", "phase", "due_day", "deck_id", "unlock_after_days"),
        # New cards of one deck in deck order (and the deck foreign key).
        Index("ix_cards_deck", "deck_id", "phase", "position"),
        # Cards by state for the stats, read from the index alone, in group order; also
        # cards that reached the last step and lapsed, and cards answered since a day.
        Index(
            "ix_cards_state",
            "deck_id",
            "suspended",
            "phase",
            "step",
            "lapses",
            "best_step",
            "last_day",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    deck_id: Mapped[int] = mapped_column(ForeignKey("decks.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(200))  # stable id within the deck
    kind: Mapped[str] = mapped_column(String(10))  # "recall" or "exercise"
    front: Mapped[str] = mapped_column(Text, default="")
    back: Mapped[str] = mapped_column(Text, default="")
    exercise: Mapped[str | None] = mapped_column(String(40))  # exercise kind name
    params: Mapped[str | None] = mapped_column(Text)  # the kind's declarative params, JSON
    difficulty: Mapped[int] = mapped_column(SmallInteger, default=1)
    tags: Mapped[str] = mapped_column(Text, default="")  # space-separated
    unlock_after_days: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)  # order new cards are introduced
    updated_at: Mapped[datetime] = mapped_column(UTCMillis)

    # Scheduling state (see srs_wb.scheduling.CardState).
    phase: Mapped[Phase] = mapped_column(IntEnumType(Phase), default=Phase.NEW)
    step: Mapped[int] = mapped_column(SmallInteger, default=0)
    interval_days: Mapped[int] = mapped_column(Integer, default=0)
    due_day: Mapped[date | None] = mapped_column(DayNumber)
    due_at: Mapped[datetime | None] = mapped_column(UTCMillis)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    last_review: Mapped[datetime | None] = mapped_column(UTCMillis)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    # Kept by triggers on `reviews` (migration 0002), never written here: the study day of
    # the card's last answer and the highest ladder step it ever reached (None: no answer).
    last_day: Mapped[date | None] = mapped_column(DayNumber)
    best_step: Mapped[int | None] = mapped_column(SmallInteger)

    deck: Mapped[Deck] = relationship(back_populates="cards")


class Review(Base):
    """One row per answer, written in the same transaction as the state it produced."""

    __tablename__ = "reviews"
    __table_args__ = (
        # A card's answers (undo, doctor, the first answer of a plan card) and, with the
        # day, whether a card was answered in a range of days without visiting the table.
        Index("ix_reviews_card_day", "card_id", "day"),
        # Today's answers (the daily limits), and a range of days for the exports.
        Index("ix_reviews_day", "day"),
        # Wrong exercise answers with their numeric error: the median error of a range.
        Index("ix_reviews_wrong", "day", "error", "card_id", sqlite_where=text("correct = 0")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    reviewed_at: Mapped[datetime] = mapped_column(UTCMillis)
    day: Mapped[date] = mapped_column(DayNumber)  # the learner's study day at the time
    rating: Mapped[Rating] = mapped_column(IntEnumType(Rating))
    phase_before: Mapped[Phase] = mapped_column(IntEnumType(Phase))
    step_before: Mapped[int] = mapped_column(SmallInteger)
    step_after: Mapped[int] = mapped_column(SmallInteger)
    due_before: Mapped[date | None] = mapped_column(DayNumber)
    due_after: Mapped[date | None] = mapped_column(DayNumber)
    interval_days: Mapped[int] = mapped_column(Integer)  # 0 = again within the session
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    # Exercises only: the generated instance, what was typed and the verdict.
    seed: Mapped[int | None] = mapped_column(Integer)
    typed: Mapped[str | None] = mapped_column(Text)
    expected: Mapped[str | None] = mapped_column(Text)
    correct: Mapped[bool | None] = mapped_column(Boolean)
    error: Mapped[float | None] = mapped_column(Float)
    mistake: Mapped[str | None] = mapped_column(String(40))


class ReviewTally(Base):
    """The review log summed per study day, deck and everything the stats group by.

    Kept by SQLite triggers on `reviews` and `cards` (migration 0002), so every writer (an
    answer, an undo, a repair) keeps it in step within the same transaction; the stats
    then read a few thousand rows for a year instead of a million. `srs-wb doctor` checks
    it against the log and rebuilds it (srs_wb.storage.tallies). The card's kind, exercise
    and difficulty are its current ones: when a re-import changes them, a trigger moves
    the card's answers to the new group.
    """

    __tablename__ = "review_tallies"
    # The key in this order: a range of days grouped by day and step is read in order.
    __table_args__: ClassVar[dict[str, Any]] = {"sqlite_with_rowid": False}

    day: Mapped[int] = mapped_column(Integer, primary_key=True)
    phase_before: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    step_before: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    rating: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    correct: Mapped[int] = mapped_column(SmallInteger, primary_key=True)  # -1: no verdict
    deck_id: Mapped[int] = mapped_column(
        ForeignKey("decks.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    exercise: Mapped[str] = mapped_column(String(40), primary_key=True)  # "" for none
    difficulty: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    mistake: Mapped[str] = mapped_column(String(40), primary_key=True)  # "" for none
    reviews: Mapped[int] = mapped_column(Integer)
    millis: Mapped[int] = mapped_column(BigInteger)


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON
