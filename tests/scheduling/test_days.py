"""Study days: the rollover hour, both DST changes in Europe/Sofia, naive datetimes refused."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from srs_wb.scheduling.days import DayClock, day_number, from_day_number

SOFIA = ZoneInfo("Europe/Sofia")


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=SOFIA)


def test_rollover_hour_splits_the_day_at_four() -> None:
    clock = DayClock(SOFIA, 4)
    assert clock.day(local(2026, 5, 10, 3, 59)) == date(2026, 5, 9)
    assert clock.day(local(2026, 5, 10, 4, 0)) == date(2026, 5, 10)


def test_rollover_hour_is_configurable() -> None:
    assert DayClock(SOFIA, 0).day(local(2026, 5, 10, 0, 30)) == date(2026, 5, 10)
    assert DayClock(SOFIA, 6).day(local(2026, 5, 10, 5, 59)) == date(2026, 5, 9)


@pytest.mark.parametrize("hour", [-1, 24])
def test_rollover_hour_out_of_range_is_refused(hour: int) -> None:
    with pytest.raises(ValueError, match="rollover"):
        DayClock(SOFIA, hour)


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        DayClock(SOFIA).day(datetime(2026, 5, 10, 12))


def test_spring_forward_day_in_sofia() -> None:
    # 2026-03-29: clocks jump from 03:00 to 04:00 local (01:00 UTC).
    clock = DayClock(SOFIA, 4)
    before = datetime(2026, 3, 29, 0, 59, tzinfo=UTC)  # 02:59 EET
    after = datetime(2026, 3, 29, 1, 0, tzinfo=UTC)  # 04:00 EEST
    assert clock.day(before) == date(2026, 3, 28)
    assert clock.day(after) == date(2026, 3, 29)
    # With a 04:00 rollover, the study day of 28 March holds the lost hour: 23 hours.
    assert _length(clock, date(2026, 3, 28)) == timedelta(hours=23)
    assert _length(clock, date(2026, 3, 29)) == timedelta(hours=24)


def test_fall_back_day_in_sofia() -> None:
    # 2026-10-25: clocks go back from 04:00 to 03:00 local; 03:30 happens twice.
    clock = DayClock(SOFIA, 4)
    first = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 03:30 EEST
    second = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 03:30 EET
    assert clock.day(first) == date(2026, 10, 24)
    assert clock.day(second) == date(2026, 10, 24)
    assert clock.day(datetime(2026, 10, 25, 2, 0, tzinfo=UTC)) == date(2026, 10, 25)
    assert _length(clock, date(2026, 10, 24)) == timedelta(hours=25)
    assert _length(clock, date(2026, 10, 25)) == timedelta(hours=24)


def _length(clock: DayClock, day: date) -> timedelta:
    # Subtract in UTC: aware datetimes in one zone subtract as wall-clock times.
    start = clock.start_of(day).astimezone(UTC)
    return clock.start_of(day + timedelta(days=1)).astimezone(UTC) - start


def test_rollover_inside_the_spring_gap_starts_after_it() -> None:
    clock = DayClock(SOFIA, 3)  # 03:00 does not exist on 2026-03-29
    start = clock.start_of(date(2026, 3, 29))
    assert start.astimezone(UTC) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    assert clock.day(start) == date(2026, 3, 29)


def test_same_instant_is_a_different_day_in_another_zone() -> None:
    moment = datetime(2026, 5, 10, 2, 0, tzinfo=UTC)  # 05:00 Sofia, 19:00 the day before in LA
    assert DayClock(SOFIA).day(moment) == date(2026, 5, 10)
    assert DayClock(ZoneInfo("America/Los_Angeles")).day(moment) == date(2026, 5, 9)


def test_day_numbers_round_trip() -> None:
    for day in (date(1970, 1, 1), date(2026, 2, 28), date(2026, 3, 1), date(2099, 12, 31)):
        assert from_day_number(day_number(day)) == day
    assert day_number(date(1970, 1, 2)) == 1
