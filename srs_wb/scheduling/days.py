"""Local study days: which day a moment belongs to, given the learner's zone and rollover hour."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

EPOCH_DAY = date(1970, 1, 1)


def require_aware(now: datetime) -> None:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"a timezone-aware datetime is required, got naive {now!r}")


@dataclass(frozen=True)
class DayClock:
    """Turns instants into study days.

    A study day starts at `rollover_hour` local time (default 04:00), so a review at 01:30
    still counts for the evening before. Local time comes from the IANA zone, so both DST
    changes and travel between zones are handled by zoneinfo, not by offsets we keep.
    """

    zone: ZoneInfo
    rollover_hour: int = 4

    def __post_init__(self) -> None:
        if not 0 <= self.rollover_hour <= 23:
            raise ValueError(f"rollover hour must be 0–23, got {self.rollover_hour}")

    def day(self, now: datetime) -> date:
        require_aware(now)
        local = now.astimezone(self.zone)
        return (local - timedelta(hours=self.rollover_hour)).date()

    def start_of(self, day: date) -> datetime:
        """The instant the study day begins (the first valid local time at or after rollover)."""
        naive = datetime.combine(day, time(self.rollover_hour))
        local = naive.replace(tzinfo=self.zone)
        # A rollover hour inside a spring-forward gap does not exist locally; round-tripping
        # through UTC moves it to the real instant after the gap.
        return local.astimezone(ZoneInfo("UTC")).astimezone(self.zone)


def day_number(day: date) -> int:
    """Days since 1970-01-01: how days are stored."""
    return (day - EPOCH_DAY).days


def from_day_number(number: int) -> date:
    return EPOCH_DAY + timedelta(days=number)
