# ruff: noqa: S608 - the SQL is built from this file's constants only, never from data
"""review tallies: the review log summed per day for the stats, kept by triggers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29

Adds `review_tallies` (see srs_wb.storage.models.ReviewTally), fills it from the log, and
the triggers that keep it in step with every insert, delete and update of a review and
every change of a card's deck, kind, exercise or difficulty; and two columns of the cards
that the same triggers keep equal to the log: the study day of the last answer and the
highest step ever reached. Also replaces the card index
of the log with one of card and day, adds one of wrong answers by day and error, and
a covering index of the cards' state.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The SQL below is this revision's own copy, as a migration must stay what it was when it
# ran; srs_wb.storage.tallies holds the copy the running code uses to check and rebuild.
COLUMNS = (
    "day, deck_id, kind, exercise, difficulty, phase_before, step_before, rating, correct,"
    " mistake, reviews, millis"
)
KEY = (
    "day, deck_id, kind, exercise, difficulty, phase_before, step_before, rating, correct, mistake"
)
ADD = (
    f"ON CONFLICT ({KEY}) DO UPDATE SET reviews = reviews + excluded.reviews,"
    " millis = millis + excluded.millis"
)


def _card_answers(card: str, sign: str) -> str:
    """Upsert the answers of one card (`card` is OLD or NEW), added or taken away."""
    return (
        f"INSERT INTO review_tallies ({COLUMNS})"
        f" SELECT r.day, {card}.deck_id, {card}.kind, coalesce({card}.exercise, ''),"
        f" {card}.difficulty, r.phase_before, r.step_before, r.rating,"
        " coalesce(r.correct, -1), coalesce(r.mistake, ''),"
        f" {sign}count(*), {sign}sum(r.duration_ms)"
        f" FROM reviews r WHERE r.card_id = {card}.id"
        # Not while its deck is being deleted: the deck's tallies go with it.
        f" AND EXISTS (SELECT 1 FROM decks WHERE id = {card}.deck_id)"
        " GROUP BY r.day, r.phase_before, r.step_before, r.rating, coalesce(r.correct, -1),"
        f" coalesce(r.mistake, '') {ADD};"
    )


def _one_answer(row: str, sign: str) -> str:
    """Upsert one review (`row` is OLD or NEW), added or taken away."""
    return (
        f"INSERT INTO review_tallies ({COLUMNS})"
        f" SELECT {row}.day, c.deck_id, c.kind, coalesce(c.exercise, ''), c.difficulty,"
        f" {row}.phase_before, {row}.step_before, {row}.rating, coalesce({row}.correct, -1),"
        f" coalesce({row}.mistake, ''), {sign}1, {sign}{row}.duration_ms"
        f" FROM cards c WHERE c.id = {row}.card_id {ADD};"
    )


def _drop_empty(days: str) -> str:
    return f"DELETE FROM review_tallies WHERE day IN ({days}) AND reviews = 0;"


def _card_summary(card_id: str) -> str:
    """Recompute a card's last answer day and best step from its answers."""
    return (
        "UPDATE cards SET last_day = (SELECT max(day) FROM reviews WHERE card_id = cards.id),"
        " best_step = (SELECT max(step_after) FROM reviews WHERE card_id = cards.id)"
        f" WHERE id = {card_id};"
    )


# A new answer can only raise them: no need to read the card's other answers.
RAISE_CARD_SUMMARY = (
    "UPDATE cards SET last_day = max(coalesce(last_day, NEW.day), NEW.day),"
    " best_step = max(coalesce(best_step, NEW.step_after), NEW.step_after)"
    " WHERE id = NEW.card_id;"
)
CARD_KEY_CHANGED = (
    "OLD.deck_id != NEW.deck_id OR OLD.kind != NEW.kind"
    " OR OLD.exercise IS NOT NEW.exercise OR OLD.difficulty != NEW.difficulty"
)
TRIGGERS = {
    "tr_reviews_tally_insert": (
        "AFTER INSERT ON reviews",
        _one_answer("NEW", "") + RAISE_CARD_SUMMARY,
    ),
    "tr_reviews_tally_delete": (
        "AFTER DELETE ON reviews",
        _one_answer("OLD", "-") + _drop_empty("OLD.day") + _card_summary("OLD.card_id"),
    ),
    "tr_reviews_tally_update": (
        "AFTER UPDATE OF card_id, day, rating, phase_before, step_before, step_after, correct,"
        " mistake, duration_ms ON reviews",
        _one_answer("OLD", "-")
        + _one_answer("NEW", "")
        + _drop_empty("OLD.day")
        + _card_summary("OLD.card_id")
        + _card_summary("NEW.card_id"),
    ),
    "tr_cards_tally_update": (
        f"AFTER UPDATE OF deck_id, kind, exercise, difficulty ON cards WHEN {CARD_KEY_CHANGED}",
        _card_answers("OLD", "-")
        + _card_answers("NEW", "")
        + _drop_empty("SELECT day FROM reviews WHERE card_id = NEW.id"),
    ),
    # Before the card goes: its answers are taken away while the card can still be read
    # (by the time a cascade deletes its reviews, the card row is gone).
    "tr_cards_tally_delete": (
        "BEFORE DELETE ON cards",
        _card_answers("OLD", "-") + _drop_empty("SELECT day FROM reviews WHERE card_id = OLD.id"),
    ),
}
STATE_INDEX = ["deck_id", "suspended", "phase", "step", "lapses", "best_step", "last_day"]
FILL = (
    f"INSERT INTO review_tallies ({COLUMNS})"
    " SELECT r.day, c.deck_id, c.kind, coalesce(c.exercise, ''), c.difficulty,"
    " r.phase_before, r.step_before, r.rating, coalesce(r.correct, -1),"
    " coalesce(r.mistake, ''), count(*), sum(r.duration_ms)"
    " FROM reviews r JOIN cards c ON c.id = r.card_id"
    " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10"
)


def upgrade() -> None:
    op.create_table(
        "review_tallies",
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("phase_before", sa.SmallInteger(), nullable=False),
        sa.Column("step_before", sa.SmallInteger(), nullable=False),
        sa.Column("rating", sa.SmallInteger(), nullable=False),
        sa.Column("correct", sa.SmallInteger(), nullable=False),
        sa.Column("deck_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("exercise", sa.String(length=40), nullable=False),
        sa.Column("difficulty", sa.SmallInteger(), nullable=False),
        sa.Column("mistake", sa.String(length=40), nullable=False),
        sa.Column("reviews", sa.Integer(), nullable=False),
        sa.Column("millis", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["deck_id"],
            ["decks.id"],
            name=op.f("fk_review_tallies_deck_id_decks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "day",
            "phase_before",
            "step_before",
            "rating",
            "correct",
            "deck_id",
            "kind",
            "exercise",
            "difficulty",
            "mistake",
            name=op.f("pk_review_tallies"),
        ),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_index("ix_reviews_card_id")
        batch_op.create_index("ix_reviews_card_day", ["card_id", "day"], unique=False)
        batch_op.create_index(
            "ix_reviews_wrong",
            ["day", "error", "card_id"],
            unique=False,
            sqlite_where=sa.text("correct = 0"),
        )
    with op.batch_alter_table("cards", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_day", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("best_step", sa.SmallInteger(), nullable=True))
    op.execute(_card_summary("id").rstrip(";"))
    with op.batch_alter_table("cards", schema=None) as batch_op:
        batch_op.create_index("ix_cards_state", STATE_INDEX, unique=False)
    # Last: a batch operation that had to copy a table would drop the triggers on it.
    op.execute(FILL)
    for name, (when, body) in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN {body} END")


def downgrade() -> None:
    with op.batch_alter_table("cards", schema=None) as batch_op:
        batch_op.drop_index("ix_cards_state")
        batch_op.drop_column("best_step")
        batch_op.drop_column("last_day")
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_index("ix_reviews_wrong")
        batch_op.drop_index("ix_reviews_card_day")
        batch_op.create_index("ix_reviews_card_id", ["card_id"], unique=False)
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.drop_table("review_tallies")
