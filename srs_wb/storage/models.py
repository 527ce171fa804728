"""The schema: decks, cards, their scheduling state, the review log and settings."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
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

    deck: Mapped[Deck] = relationship(back_populates="cards")


class Review(Base):
    """One row per answer, written in the same transaction as the state it produced."""

    __tablename__ = "reviews"
    __table_args__ = (
        Index("ix_reviews_card_id", "card_id"),
        Index("ix_reviews_day", "day"),
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


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON
