"""Hypothesis properties of the ladder over arbitrary grade sequences and times."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from srs_wb.scheduling import CardState, DayClock, Ladder, Phase, Rating, answer
from srs_wb.scheduling.ladder import MAX_INTERVAL_DAYS, AfterLast

ZONES = ["Europe/Sofia", "UTC", "America/New_York", "Pacific/Auckland", "Asia/Kolkata"]
START = datetime(2025, 1, 1, tzinfo=UTC)

steps = st.lists(
    st.tuples(
        st.sampled_from(list(Rating)),
        st.integers(min_value=0, max_value=60 * 24 * 90),  # minutes until the next answer
        st.sampled_from(ZONES),
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(steps, st.sampled_from(list(AfterLast)), st.integers(0, 23))
def test_ladder_invariants(script, after_last, rollover) -> None:  # type: ignore[no-untyped-def]
    ladder = Ladder((1, 3, 7, 30), after_last)
    state = CardState()
    now = START
    for rating, minutes, zone in script:
        now += timedelta(minutes=minutes)
        clock = DayClock(ZoneInfo(zone), rollover)
        today = clock.day(now)
        after = answer(state, rating, now, clock, ladder)
        # Reps and lapses never decrease; reps count every answer.
        assert after.reps == state.reps + 1
        assert after.lapses >= state.lapses
        if after.phase is Phase.LEARNING:
            # Re-asked in this session: due today (or on the later day of the last review).
            assert after.due_day is not None and after.due_day >= today
            assert after.due_at is not None and after.due_at > now
        else:
            assert after.due_day is not None and after.due_day > today
            if after_last is AfterLast.REPEAT:
                assert after.interval_days in ladder.steps_days
            else:
                assert after.interval_days in ladder.steps_days or (
                    after.interval_days == MAX_INTERVAL_DAYS
                    or (after.interval_days % 30 == 0 and after.interval_days >= 60)
                )
            assert after.due_day - max(today, clock.day(state.last_review or now)) == timedelta(
                days=after.interval_days
            )
        state = after
