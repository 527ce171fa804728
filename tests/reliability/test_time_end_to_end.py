"""Time end to end: both Sofia DST nights, a machine changing zone, a clock set back mid-session.

Every session here is a real `srs-wb review --plain` process on a real database file, with
`TZ` set the way the machine would set it (the app reads the machine's zone through tzlocal,
which honours `TZ`). The app has no test hook for "now", and needs none: `RUNNER` freezes
the clock with freezegun *inside* the child process and calls the CLI's `main()` — the same
function the `srs-wb` script calls. Each line the learner types carries the instant at which
it is typed, so a test decides to the second when every card is shown and answered.

After every session the database is checked against what the learner was told:

- every answer acknowledged with "saved: …" is in the review log exactly once, in order, with
  the due day that was printed, and nothing else is (undone answers are gone);
- each log row's study day is the day the rollover rule gives in the zone of that session;
- no answer schedules a card before the day it was answered, nor before an earlier review's day;
- every interval is a rung of the ladder (1, 3, 7, 30 study days), counted from the later of
  the answer's day and the previous review's day — checked with a small oracle written here,
  independent of `srs_wb.scheduling.ladder`;
- replaying each card's log through the scheduler gives exactly the card's stored state.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from srs_wb.scheduling.days import DayClock, from_day_number
from srs_wb.scheduling.ladder import CardState, Phase, Rating, answer
from srs_wb.services.collection import Collection
from srs_wb.services.importing import import_specs
from tests.conftest import recall_deck

SOFIA = "Europe/Sofia"
NEW_YORK = "America/New_York"
TOKYO = "Asia/Tokyo"
STEPS = (1, 3, 7, 30)  # the seed's plan, in study days
CLI = ["review", "--plain", "--deck", "deck"]

# Runs in the child process. stdin lines are "ISO instant<TAB>typed text": the frozen clock
# is moved to that instant as the line is read, i.e. when the learner presses Enter.
RUNNER = r"""
import sys
from datetime import datetime

from freezegun import freeze_time

with freeze_time(datetime.fromisoformat(sys.argv[1])) as frozen:

    class TypedAt:
        def __init__(self, real):
            self.real = real

        def readline(self):
            line = self.real.readline()
            if not line:
                return ""
            moment, _, typed = line.rstrip("\n").partition("\t")
            frozen.move_to(datetime.fromisoformat(moment))
            return typed + "\n"

    sys.stdin = TypedAt(sys.stdin)
    from srs_wb.cli.main import main

    code = main(sys.argv[2:])
sys.exit(code)
"""


def local(zone: str, *fields: int, fold: int = 0) -> datetime:
    """A wall-clock reading in `zone` (fold=1: the second of a repeated hour), as UTC."""
    return datetime(*fields, tzinfo=ZoneInfo(zone), fold=fold).astimezone(UTC)  # type: ignore[misc]


def typed_from(
    start: datetime, texts: list[str], every: timedelta = timedelta(seconds=20)
) -> list[tuple[datetime, str]]:
    """The learner types `texts`, one line every `every`, the first at `start`."""
    return [(start + i * every, text) for i, text in enumerate(texts)]


def grades(ratings: str) -> list[str]:
    """What is typed for a run of recall cards: Enter to show the answer, then the grade."""
    out = []
    for rating in ratings:
        out += ["", rating]
    return out


@dataclass(frozen=True)
class Ack:
    """One "saved: …" line: what the learner was told was recorded."""

    key: str
    rating: Rating
    due: date | None  # None: "again in this session"


@dataclass(frozen=True)
class Row:
    id: int
    key: str
    at: datetime
    day: date
    rating: Rating
    phase_before: Phase
    step_before: int
    step_after: int
    due_before: date | None
    due_after: date | None
    interval: int
    duration_ms: int


_SHOWN = re.compile(r"^question (\d+)$")
_SAVED = re.compile(r"saved: (\w+) — (?:due (\d{4}-\d\d-\d\d) \(|again in this session)")
_SUMMARY = re.compile(r"Session: (-?\d+) answered, .* (-?[\d.]+) min\.")


def acknowledged(stdout: str) -> list[Ack]:
    acks: list[Ack] = []
    shown = None
    for line in stdout.splitlines():
        if match := _SHOWN.match(line):
            shown = f"c{match[1]}"
        elif match := _SAVED.search(line):
            assert shown is not None
            due = date.fromisoformat(match[2]) if match[2] else None
            acks.append(Ack(shown, Rating[match[1].upper()], due))
        elif "undone: the previous card comes back" in line:
            acks.pop()
    return acks


def _day(value: int | None) -> date | None:
    return None if value is None else from_day_number(value)


def _instant(millis: int | None) -> datetime | None:
    return None if millis is None else datetime.fromtimestamp(millis / 1000, tz=UTC)


def read_log(db: Path) -> tuple[list[Row], dict[str, CardState]]:
    """The review log in id order and the state of every card of the test deck (the CLI also
    installs the built-in deck on first run; it is never studied here), with plain sqlite3."""
    conn = sqlite3.connect(db)
    try:
        rows = [
            Row(
                id=r[0],
                key=r[1],
                at=_instant(r[2]),  # type: ignore[arg-type]
                day=_day(r[3]),  # type: ignore[arg-type]
                rating=Rating(r[4]),
                phase_before=Phase(r[5]),
                step_before=r[6],
                step_after=r[7],
                due_before=_day(r[8]),
                due_after=_day(r[9]),
                interval=r[10],
                duration_ms=r[11],
            )
            for r in conn.execute(
                "SELECT r.id, c.key, r.reviewed_at, r.day, r.rating, r.phase_before,"
                " r.step_before, r.step_after, r.due_before, r.due_after, r.interval_days,"
                " r.duration_ms FROM reviews r JOIN cards c ON c.id = r.card_id ORDER BY r.id"
            )
        ]
        cards = {
            r[0]: CardState(
                phase=Phase(r[1]),
                step=r[2],
                interval_days=r[3],
                due_day=_day(r[4]),
                due_at=_instant(r[5]),
                reps=r[6],
                lapses=r[7],
                last_review=_instant(r[8]),
            )
            for r in conn.execute(
                "SELECT c.key, phase, step, interval_days, due_day, due_at, reps, lapses,"
                " last_review FROM cards c JOIN decks d ON d.id = c.deck_id WHERE d.key = 'deck'"
            )
        }
    finally:
        conn.close()
    return rows, cards


def expected_rung(row: Row) -> int:
    """The oracle: the ladder step a grade leads to (0: back within the session)."""
    on_ladder = row.phase_before is Phase.REVIEW
    if row.rating is Rating.AGAIN or (row.rating is Rating.HARD and not on_ladder):
        return 0
    if row.rating is Rating.HARD:
        return row.step_before
    climb = 1 if row.rating is Rating.GOOD else 2
    return min((row.step_before if on_ladder else 0) + climb, len(STEPS))


@dataclass
class Session:
    stdout: str
    acks: list[Ack]
    rows: list[Row]  # the log rows this session wrote

    @property
    def summary(self) -> tuple[int, float]:
        match = _SUMMARY.search(self.stdout)
        assert match, self.stdout
        return int(match[1]), float(match[2])


@dataclass
class Learner:
    """One learner's database, the sessions run on it, and the checks after each."""

    db: Path
    acks: list[Ack] = field(default_factory=list)
    zone_of: dict[int, str] = field(default_factory=dict)  # review id -> zone of its session

    @classmethod
    def with_deck(cls, tmp_path: Path, cards: int, new_per_day: int) -> Learner:
        db = tmp_path / "learner.db"
        # No timezone setting: the zone is the machine's, as for a learner who never set one.
        with Collection(db, install_builtin=False) as collection:
            collection.set_setting("new_per_day", new_per_day)
            import_specs(collection, [recall_deck(n=cards)], origin="toml")
        return cls(db)

    def review(self, zone: str, lines: list[tuple[datetime, str]], *extra: str) -> Session:
        """One `srs-wb review --plain` process in `zone`; the clock starts a few seconds
        before the first typed line (start-up and the first card shown)."""
        before = read_log(self.db)[0]
        last_id = before[-1].id if before else 0
        stdin = "".join(f"{moment.isoformat()}\t{text}\n" for moment, text in lines)
        start = lines[0][0] - timedelta(seconds=5)
        proc = subprocess.run(
            [sys.executable, "-c", RUNNER, start.isoformat(), *CLI, "--db", str(self.db), *extra],
            input=stdin,
            capture_output=True,
            text=True,
            env={**os.environ, "TZ": zone, "LANG": "en_US.UTF-8"},
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr, proc.stderr
        acks = acknowledged(proc.stdout)
        rows = [row for row in read_log(self.db)[0] if row.id > last_id]
        for row in rows:
            self.zone_of[row.id] = zone
        self.acks += acks
        self.check()
        session = Session(proc.stdout, acks, rows)
        if acks or "undone" in proc.stdout:
            assert session.summary[0] == len(acks)
        return session

    def check(self) -> None:
        rows, cards = read_log(self.db)
        # Nothing lost, nothing duplicated: the log is exactly what the learner was told.
        told = [(a.key, a.rating, a.due) for a in self.acks]
        logged = [(r.key, r.rating, r.due_after if r.interval else None) for r in rows]
        assert logged == told
        history: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            history[row.key].append(row)
        for key, state in cards.items():
            replayed = CardState()
            previous: Row | None = None
            for row in history[key]:
                clock = DayClock(ZoneInfo(self.zone_of[row.id]))
                assert row.day == clock.day(row.at), row
                assert row.due_before == replayed.due_day and row.step_before == replayed.step
                rung = expected_rung(row)
                assert row.step_after == rung, row
                # Intervals count from the later of today and the previous review's day.
                base = row.day if previous is None else max(row.day, clock.day(previous.at))
                if rung:
                    assert row.interval == STEPS[rung - 1], row
                    assert row.due_after == base + timedelta(days=row.interval), row
                    assert row.due_after > row.day  # never due the day it was answered
                else:
                    assert row.interval == 0 and row.due_after == base, row
                earlier_days = [r.day for r in history[key] if r.id < row.id]
                assert all(row.due_after >= d for d in earlier_days), row  # type: ignore[operator]
                assert row.duration_ms >= 0
                replayed = answer(replayed, row.rating, row.at, clock)
                previous = row
            assert state == replayed, key

    def next_due(self) -> date:
        _, cards = read_log(self.db)
        return min(c.due_day for c in cards.values() if c.phase is Phase.REVIEW and c.due_day)

    def studies(self, zone: str, start: datetime, ratings: str = "3" * 30) -> Session:
        """A session from `start`, a line typed every 20 seconds, Good unless told otherwise;
        always more input than cards, so the learner finishes what is due."""
        return self.review(zone, typed_from(start, grades(ratings)))


def ladder_runs(rows: list[Row]) -> dict[str, list[int]]:
    """Per card that was never failed, the intervals it was given, in order."""
    runs: dict[str, list[int]] = defaultdict(list)
    failed = {r.key for r in rows if r.rating in (Rating.AGAIN, Rating.HARD)}
    for row in rows:
        if row.key not in failed:
            runs[row.key].append(row.interval)
    return runs


def assert_on_time(rows: list[Row], straddling: set[int]) -> None:
    """A learner who studies every day answers each review on its due day — never before it,
    and after it only when the card was shown just before a rollover and answered just after
    (`straddling`: the ids of the rows of such a session)."""
    for row in rows:
        if row.phase_before is Phase.REVIEW:
            assert row.due_before is not None
            late = (row.day - row.due_before).days
            assert late == 0 or (row.id in straddling and late == 1), row


def assert_day_done(learner: Learner, day: date) -> None:
    """Nothing is left for `day`: no card failed and waiting, none due."""
    _, cards = read_log(learner.db)
    for key, card in cards.items():
        assert card.phase is not Phase.LEARNING, key
        assert card.phase is Phase.NEW or card.due_day > day, key  # type: ignore[operator]


# When the learner sits down, study day by study day: an hour below 4 is the next calendar
# morning, still the same study day (03:50 and then 04:10 are two days, twenty minutes apart).
ROTATION = [(21, 0), (3, 50), (4, 10), (12, 0), (23, 30), (0, 30), (19, 0), (4, 1)]


def sitting(zone: str, day: date, hour: int, minute: int) -> datetime:
    calendar = day + timedelta(days=1) if hour < 4 else day
    return local(zone, calendar.year, calendar.month, calendar.day, hour, minute)


def study_days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


# The clock going back ----------------------------------------------------------------------


def test_clock_set_back_an_hour_during_a_session(tmp_path: Path) -> None:
    """10:30 → 09:30 in the middle of a session, in one process: answers before and after
    the jump, an undo after it, a failed card coming back after it."""
    learner = Learner.with_deck(tmp_path, cards=6, new_per_day=20)

    def at(hour: int, minute: int, second: int = 0) -> datetime:
        return local(SOFIA, 2026, 6, 10, hour, minute, second)

    lines = [
        (at(10, 29, 0), ""),
        (at(10, 29, 20), "3"),  # c0 Good
        (at(10, 29, 40), ""),
        (at(10, 30, 0), "1"),  # c1 Again at 10:30: asked again from 10:31
        # The clock now reads 09:30. c2 has been on screen since 10:30.
        (at(9, 30, 0), ""),
        (at(9, 30, 20), "3"),  # c2 Good
        (at(9, 30, 40), ""),
        (at(9, 31, 0), "3"),  # c3 Good …
        (at(9, 31, 20), "u"),  # … undone, at c4's prompt: c3 comes back
        (at(9, 31, 40), ""),
        (at(9, 32, 0), "4"),  # c3 Easy
        # c4, c5 Good; then c1 (waiting for "10:31", but nothing else is left) Good.
        *typed_from(at(9, 32, 20), grades("333")),
    ]
    session = learner.review(SOFIA, lines)  # checks log == acknowledgements, replay, ladder
    assert [(a.key, a.rating) for a in session.acks] == [
        ("c0", Rating.GOOD),
        ("c1", Rating.AGAIN),
        ("c2", Rating.GOOD),
        ("c3", Rating.EASY),
        ("c4", Rating.GOOD),
        ("c5", Rating.GOOD),
        ("c1", Rating.GOOD),
    ]
    assert "undone: the previous card comes back" in session.stdout
    rows = session.rows
    # The log's order is the order the answers were given (its ids); reviewed_at keeps what
    # the clock read, so it steps back an hour once. Nothing orders answers by reviewed_at.
    assert [r.id for r in rows] == sorted(r.id for r in rows)
    assert rows[2].at == at(9, 30, 20) < rows[1].at == at(10, 30, 0)
    # c2 was shown at 10:30 and answered at "09:30": it took no time, not minus an hour —
    # in the log and in the session summary alike.
    assert rows[2].duration_ms == 0
    answered, minutes = session.summary
    assert answered == 7 and minutes >= 0
    # Nothing is due before tomorrow; c3 (Easy) in three days.
    _, cards = read_log(learner.db)
    assert {key: state.due_day for key, state in cards.items()} == {
        "c0": date(2026, 6, 11),
        "c1": date(2026, 6, 11),
        "c2": date(2026, 6, 11),
        "c3": date(2026, 6, 13),
        "c4": date(2026, 6, 11),
        "c5": date(2026, 6, 11),
    }
    # The next morning each card due is shown once, and only those.
    next_day = learner.studies(SOFIA, local(SOFIA, 2026, 6, 11, 9, 0))
    assert sorted(a.key for a in next_day.acks) == ["c0", "c1", "c2", "c4", "c5"]
    assert {a.due for a in next_day.acks} == {date(2026, 6, 14)}


@pytest.mark.slow  # the variant of the test above that also crosses 04:00
def test_clock_set_back_across_the_rollover_during_a_session(tmp_path: Path) -> None:
    """04:20 → 03:20: the study day goes back to yesterday in the middle of a session."""
    learner = Learner.with_deck(tmp_path, cards=6, new_per_day=20)

    def at(hour: int, minute: int, second: int = 0) -> datetime:
        return local(SOFIA, 2026, 6, 10, hour, minute, second)

    lines = [
        (at(4, 19, 20), ""),
        (at(4, 19, 40), "1"),  # c0 Again on 10 June
        (at(4, 20, 0), ""),
        (at(4, 20, 20), "3"),  # c1 Good on 10 June: due 11 June
        # The clock now reads 03:20: the study day is 9 June again.
        *typed_from(at(3, 20, 0), grades("33333")),  # c2..c5, then c0
    ]
    session = learner.review(SOFIA, lines)
    assert [(a.key, a.rating) for a in session.acks] == [
        ("c0", Rating.AGAIN),
        ("c1", Rating.GOOD),
        ("c2", Rating.GOOD),
        ("c3", Rating.GOOD),
        ("c4", Rating.GOOD),
        ("c5", Rating.GOOD),
        ("c0", Rating.GOOD),
    ]
    june = {day: date(2026, 6, day) for day in (9, 10, 11)}
    # Each answer counts for the study day the clock gave when it was made …
    assert [r.day for r in session.rows] == [june[10], june[10]] + [june[9]] * 5
    # … and no card is due before a day it was answered on: c0, last answered at "03:2x"
    # (9 June) but earlier on 10 June, counts from 10 June.
    _, cards = read_log(learner.db)
    due = {key: state.due_day for key, state in cards.items()}
    assert due == {
        "c0": june[11],
        "c1": june[11],
        **dict.fromkeys(["c2", "c3", "c4", "c5"], june[10]),
    }
    # What the learner sees: the cards first answered after the jump counted for 9 June, so
    # once the clock passes 04:00 again they are due — the same morning, a day early.
    morning = learner.studies(SOFIA, at(4, 30))
    assert sorted(a.key for a in morning.acks) == ["c2", "c3", "c4", "c5"]
    assert {a.due for a in morning.acks} == {date(2026, 6, 13)}


# The machine's zone ------------------------------------------------------------------------


def test_a_running_app_follows_a_change_of_the_machine_zone_within_a_minute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from freezegun import freeze_time

    monkeypatch.setenv("TZ", SOFIA)
    moment = datetime(2026, 6, 10, 20, 0, tzinfo=UTC)  # 23:00 in Sofia, 05:00 on the 11th in Tokyo
    with (
        freeze_time(moment) as frozen,
        Collection(tmp_path / "zone.db", install_builtin=False) as collection,
    ):
        assert collection.today() == date(2026, 6, 10)
        monkeypatch.setenv("TZ", TOKYO)  # the machine's zone changes under the running app
        frozen.tick(30)
        assert collection.today() == date(2026, 6, 10)  # the zone is kept for up to a minute
        frozen.tick(31)
        assert collection.today() == date(2026, 6, 11)


@pytest.mark.slow
def test_the_machine_zone_changes_between_sessions(tmp_path: Path) -> None:
    """Sofia → New York → Tokyo (→ Sofia): the zone comes from TZ, as on a travelling laptop.

    Study days are local days, so what the learner sees shifts with the zone, while nothing
    is lost, duplicated or scheduled before the day of the card's last review:

    - flying west (Sofia → New York, 7 hours back), a card due "tomorrow" comes due at 04:00
      New York time — 7 hours later than it would have at home: up to a day late;
    - flying east (New York → Tokyo, 13 hours ahead), a card due "tomorrow" may already be
      due on arrival, even on the same Tokyo day as its last review: up to a day early. The
      interval then counts from that day, never from before it, so the card does not come
      back early a second time.
    """
    learner = Learner.with_deck(tmp_path, cards=4, new_per_day=20)
    april = {day: date(2026, 4, day) for day in range(1, 31)}

    # Sofia, 6 April 21:00: four new cards, all Good — due 7 April.
    home = learner.studies(SOFIA, local(SOFIA, 2026, 4, 6, 21, 0))
    assert [a.due for a in home.acks] == [april[7]] * 4

    # New York, 7 April 20:00 (00:00 UTC on the 8th, 09:00 in Tokyo): all four are due.
    # The first is failed, comes back in the session, then Good: due 8 April; the rest 3 days.
    west = learner.studies(NEW_YORK, local(NEW_YORK, 2026, 4, 7, 20, 0), "13333")
    assert len(west.acks) == 5 and len({a.key for a in west.acks}) == 4
    failed = west.acks[0].key
    assert {a.key: a.due for a in west.acks[1:]} == {
        key: (april[8] if key == failed else april[10]) for key in ("c0", "c1", "c2", "c3")
    }

    # Tokyo, 8 April 20:00, eleven hours later (11:00 UTC): the failed card is due 8 April,
    # and it is 8 April in Tokyo, so it is shown — though in Tokyo it was last answered this
    # same day, at 09:00. It climbs from today: 3 days, due 11 April, not earlier.
    east = learner.studies(TOKYO, local(TOKYO, 2026, 4, 8, 20, 0))
    assert [(a.key, a.due) for a in east.acks] == [(failed, april[11])]

    # Tokyo, 10 April 05:00 (16:00 on the 9th in New York): the other three are due already,
    # 13 hours before they would have been in New York. A week each, from 10 April.
    dawn = learner.studies(TOKYO, local(TOKYO, 2026, 4, 10, 5, 0))
    assert sorted(a.key for a in dawn.acks) == sorted({"c0", "c1", "c2", "c3"} - {failed})
    assert {a.due for a in dawn.acks} == {april[17]}

    # Home again, Sofia, 11 April 08:00 (14:00 in Tokyo): the failed card, due 11 April.
    back = learner.studies(SOFIA, local(SOFIA, 2026, 4, 11, 8, 0))
    assert [(a.key, a.due) for a in back.acks] == [(failed, april[18])]
    rows, _ = read_log(learner.db)
    assert len(rows) == 4 + 5 + 1 + 3 + 1


# Both DST nights over weeks ----------------------------------------------------------------


def follow_the_plan(learner: Learner) -> list[Row]:
    """The learner comes back on each day something is due until every card has reached the
    monthly rung, then on the first monthly review day (days in between would only say
    "Nothing to review now."). Returns the whole log."""
    rows, cards = read_log(learner.db)
    climbed = False
    while not climbed:
        climbed = all(card.step == len(STEPS) for card in cards.values())
        day = learner.next_due()
        session = learner.studies(SOFIA, local(SOFIA, day.year, day.month, day.day, 20, 0))
        assert session.acks and {r.day for r in session.rows} == {day}
        assert_day_done(learner, day)
        rows, cards = read_log(learner.db)
    return rows


@pytest.mark.slow
def test_weeks_of_daily_study_across_the_spring_forward_night(tmp_path: Path) -> None:
    """29 March 2026: 03:00 EET becomes 04:00 EEST, the very instant of the 04:00 rollover, so
    study day 28 March is 23 hours long. Twelve cards, two new a day from 23 March, studied
    daily at times around the rollover; the 3- and 7-day steps taken from 26 to 28 March span
    the night. Then every due day until all cards reach the monthly rung, and once on it."""
    learner = Learner.with_deck(tmp_path, cards=12, new_per_day=2)
    night_of = date(2026, 3, 28)
    spring = datetime(2026, 3, 29, 1, 0, tzinfo=UTC)  # 02:59:59 EET, then 04:00:00 EEST
    straddling: set[int] = set()
    for n, day in enumerate(study_days(date(2026, 3, 23), date(2026, 3, 31))):
        if day == night_of:
            # From 02:56 EET, a line every 30 seconds: four cards are answered on the 28th;
            # the fifth is shown at 02:59:30 and answered at 04:00:30 EEST, on the 29th. The
            # queue is rebuilt for the 29th mid-session, and what is due then — the new cards
            # just answered, among others — comes up at once. The night's first card is failed.
            start = local(SOFIA, 2026, 3, 29, 2, 56)
            assert start == datetime(2026, 3, 29, 0, 56, tzinfo=UTC)
            lines = typed_from(start, grades("1" + "3" * 30), timedelta(seconds=30))
            night = learner.review(SOFIA, lines)
            assert [r.day for r in night.rows if r.at < spring] == [night_of] * 4
            assert {r.day for r in night.rows if r.at >= spring} == {date(2026, 3, 29)}
            before = [r for r in night.rows if r.at < spring]
            new_before = {r.key for r in before if r.phase_before is Phase.NEW}
            after = [r.key for r in night.rows if r.at >= spring and r.rating is Rating.GOOD]
            assert new_before and new_before <= set(after)
            straddling = {r.id for r in night.rows}
        else:
            hour, minute = ROTATION[n % len(ROTATION)]
            session = learner.studies(SOFIA, sitting(SOFIA, day, hour, minute))
            assert {r.day for r in session.rows} <= {day}
            if day == date(2026, 3, 29):
                # Everything of the 29th was done in the night, new cards included.
                assert "Nothing to review now." in session.stdout
            elif not session.acks:  # a day on which nothing fell due, truthfully said
                assert "Nothing to review now." in session.stdout
        assert_day_done(learner, day)

    rows = follow_the_plan(learner)
    assert_on_time(rows, straddling)
    # c0, new on 23 March and always Good: its week-long step spans the DST night.
    assert [(r.day, r.due_after) for r in rows if r.key == "c0"] == [
        (date(2026, 3, 23), date(2026, 3, 24)),
        (date(2026, 3, 24), date(2026, 3, 27)),
        (date(2026, 3, 27), date(2026, 4, 3)),
        (date(2026, 4, 3), date(2026, 5, 3)),
        (date(2026, 5, 3), date(2026, 6, 2)),
    ]
    runs = ladder_runs(rows)
    assert len(runs) == 11  # every card but the one failed in the night
    for intervals in runs.values():
        assert intervals[:4] == [1, 3, 7, 30] and set(intervals[4:]) <= {30}


@pytest.mark.slow
def test_weeks_of_daily_study_across_the_fall_back_night(tmp_path: Path) -> None:
    """25 October 2026: 04:00 EEST becomes 03:00 EET, so 03:00–03:59 happens twice and study
    day 24 October is 25 hours long. Twelve cards, two new a day from 19 October, studied
    daily around the rollover, through the repeated hour and across the real 04:00 EET
    rollover; then every due day until all reach the monthly rung, and once on it."""
    learner = Learner.with_deck(tmp_path, cards=12, new_per_day=2)
    sofia = ZoneInfo(SOFIA)
    rollover = datetime(2026, 10, 25, 2, 0, tzinfo=UTC)  # 04:00 EET; 04:00 EEST never shows
    straddling: set[int] = set()
    for n, day in enumerate(study_days(date(2026, 10, 19), date(2026, 10, 28))):
        if day == date(2026, 10, 24):
            # Late on the 24th: from 03:50 EEST, a line every 3 minutes. After 03:59 EEST the
            # wall clock reads 03:00 EET again; answers go on at 03:05 and 03:11, earlier on
            # the wall clock, later in UTC, all on the 24th. Then the learner stops.
            first = local(SOFIA, 2026, 10, 25, 3, 50)
            assert first == datetime(2026, 10, 25, 0, 50, tzinfo=UTC)
            lines = typed_from(first, grades("3333"), timedelta(minutes=3))
            repeated = learner.review(SOFIA, lines)
            assert [r.day for r in repeated.rows] == [day] * 4
            assert [r.at.astimezone(sofia).strftime("%H:%M") for r in repeated.rows] == [
                "03:53",
                "03:59",
                "03:05",
                "03:11",
            ]
            assert [r.at for r in repeated.rows] == sorted(r.at for r in repeated.rows)
            # Back at 03:59 EET (the second 03:59): one card on the 24th, the next shown at
            # 03:59:20 and answered at 04:00:00, on the 25th; then the 25th's queue, in which
            # the cards new on the 24th — answered in the repeated hour — come back, once.
            second = local(SOFIA, 2026, 10, 25, 3, 59, fold=1)
            assert second == datetime(2026, 10, 25, 1, 59, tzinfo=UTC)
            across = learner.studies(SOFIA, second)
            assert [r.day for r in across.rows if r.at < rollover] == [day]
            assert {r.day for r in across.rows if r.at >= rollover} == {date(2026, 10, 25)}
            new_on_the_24th = {
                r.key
                for r in repeated.rows + across.rows
                if r.day == day and r.phase_before is Phase.NEW
            }
            after = [r.key for r in across.rows if r.at >= rollover]
            assert new_on_the_24th and new_on_the_24th <= set(after)
            assert len(after) == len(set(after))
            straddling = {r.id for r in across.rows}
            assert_day_done(learner, date(2026, 10, 25))
            continue
        hour, minute = ROTATION[n % len(ROTATION)]
        session = learner.studies(SOFIA, sitting(SOFIA, day, hour, minute))
        assert {r.day for r in session.rows} <= {day}
        if day == date(2026, 10, 25):
            # Everything of the 25th was done right after 04:00, new cards included.
            assert "Nothing to review now." in session.stdout
        elif not session.acks:  # a day on which nothing fell due, truthfully said
            assert "Nothing to review now." in session.stdout
        assert_day_done(learner, day)

    rows = follow_the_plan(learner)
    assert_on_time(rows, straddling)
    # c0, new on 19 October and always Good: its week-long step spans the DST night.
    assert [(r.day, r.due_after) for r in rows if r.key == "c0"] == [
        (date(2026, 10, 19), date(2026, 10, 20)),
        (date(2026, 10, 20), date(2026, 10, 23)),
        (date(2026, 10, 23), date(2026, 10, 30)),
        (date(2026, 10, 30), date(2026, 11, 29)),
        (date(2026, 11, 29), date(2026, 12, 29)),
    ]
    runs = ladder_runs(rows)
    assert len(runs) == 12
    for intervals in runs.values():
        assert intervals[:4] == [1, 3, 7, 30] and set(intervals[4:]) <= {30}
