"""A card changed by another srs-wb while it is on screen: the answer applies to the card as
it is stored now, not as it was shown."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from srs_wb.scheduling import Phase, Rating
from srs_wb.scheduling.ladder import CardState
from srs_wb.services.collection import Collection
from srs_wb.services.study import StudySession
from srs_wb.storage import cards as card_store
from srs_wb.storage.models import Card, Review
from tests.conftest import recall_deck


def test_an_answer_applies_to_the_state_stored_now(open_collection, db_path, clock) -> None:
    collection = open_collection(recall_deck(n=2))
    session = StudySession(collection)
    shown = session.next_card()
    assert shown is not None and shown.key == "c0" and shown.phase is Phase.NEW
    # Another srs-wb puts the card on the ladder without answering it (reps unchanged),
    # as a re-import with progress from another program would.
    placed = CardState(phase=Phase.REVIEW, step=2, interval_days=3, due_day=date(2026, 3, 2))
    other = Collection(db_path, now=clock, install_builtin=False)
    try:
        with other.transaction() as conn:
            card_store.write_state(conn, shown.id, placed)
    finally:
        other.close()
    result = session.answer(Rating.GOOD)
    assert result.interval_days == 7  # one step up from the stored step 2, not from new
    with collection.reading() as s:
        card = s.execute(select(Card).where(Card.key == "c0")).scalar_one()
        logged = s.execute(select(Review)).scalar_one()
    assert (card.phase, card.step, card.reps) == (Phase.REVIEW, 3, 1)
    assert (logged.phase_before, logged.step_before, logged.step_after) == (Phase.REVIEW, 2, 3)
    # Undo restores the stored state the answer was applied to.
    session.undo()
    with collection.reading() as s:
        card = s.execute(select(Card).where(Card.key == "c0")).scalar_one()
    assert (card.phase, card.step, card.due_day, card.reps) == (
        Phase.REVIEW,
        2,
        date(2026, 3, 2),
        0,
    )
