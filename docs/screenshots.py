"""Draw the README's screenshots: the app, headless, on four made-up weeks of study.

    python docs/screenshots.py [--lang en|bg] [--out docs/screenshots]

Writes home.svg, review.svg (an exercise graded, with its worked solution), stats.svg and
summary.svg at 100×30, from a temporary database with a fixed clock and fixed seeds.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from srs_wb.scheduling import Rating
from srs_wb.services.collection import Collection
from srs_wb.services.study import StudySession
from srs_wb.tui.app import SrsApp, build_app
from srs_wb.tui.screens.review import ReviewScreen

SIZE = (100, 30)
TODAY = datetime(2026, 3, 16, 8, 30, tzinfo=UTC)
HISTORY_DAYS = 28


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def study_history(db: Path, lang: str) -> None:
    """Two weeks of a learner who studies most days and sometimes forgets."""
    clock = Clock(TODAY - timedelta(days=HISTORY_DAYS))
    rng = random.Random(3)  # noqa: S311 - a made-up learner, the same every time
    with Collection(db, now=clock, lang=lang, rng=random.Random(2)) as collection:  # noqa: S311
        collection.set_setting("timezone", "UTC")
        collection.set_setting("new_per_day", 8)
        for day in range(HISTORY_DAYS):
            clock.now = TODAY - timedelta(days=HISTORY_DAYS - day)
            if day in (4, 5, 17):
                continue  # days off: the streak starts again after them
            session = StudySession(collection)
            while (card := session.next_card()) is not None:
                clock.now += timedelta(seconds=rng.randrange(8, 40))  # thinking
                rating = Rating.AGAIN if rng.random() < 0.12 else Rating.GOOD
                if card.exercise is not None:
                    typed = card.exercise.answer_text if rating is Rating.GOOD else "0"
                    session.answer(rating, typed=typed, grade=session.check(typed))
                else:
                    session.answer(rating)


def mistaken(exercise: object) -> str:
    """What a learner who made the exercise's first known mistake would type."""
    mistakes = getattr(exercise, "mistakes", ())
    if not mistakes:
        return "0"
    value = mistakes[0].value
    if isinstance(value, tuple):
        return "[" + ", ".join(f"{v:g}" for v in value) + "]"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:g}"


async def settle(app: SrsApp, pilot: object) -> None:
    for _ in range(4):
        workers = [w for w in app.workers if w.group != "_loader"]
        if workers:
            await app.workers.wait_for_complete(workers)
        await pilot.pause()  # type: ignore[attr-defined]


async def shoot(db: Path, lang: str, out: Path) -> None:
    app = build_app(db, now=lambda: TODAY, lang=lang, rng=random.Random(5))  # noqa: S311
    app.cursor_blink = False
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.save_screenshot(str(out / "home.svg"))

        await pilot.press("s")
        await settle(app, pilot)
        app.save_screenshot(str(out / "stats.svg"))
        await pilot.press("escape")
        await settle(app, pilot)

        await pilot.press("a")
        await settle(app, pilot)
        screen = app.screen
        if not isinstance(screen, ReviewScreen):
            raise SystemExit("no review started: nothing due in the made-up history")
        for _ in range(60):  # answer recall cards until an exercise comes up
            if screen.card is None or screen.card.exercise is not None:
                break
            await pilot.press("space", "3")
            await settle(app, pilot)
        if screen.card is None:
            raise SystemExit("no exercise came up")
        await pilot.press(*mistaken(screen.card.exercise), "enter")
        await settle(app, pilot)
        app.save_screenshot(str(out / "review.svg"))

        await pilot.press("1")
        await settle(app, pilot)
        await pilot.press("escape")  # leaves the answer box, or ends the session
        await settle(app, pilot)
        if isinstance(app.screen, ReviewScreen):
            await pilot.press("q")
            await settle(app, pilot)
        app.save_screenshot(str(out / "summary.svg"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", choices=["en", "bg"], default="en")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="srs-wb-shots-") as folder:
        db = Path(folder) / "screenshots.db"
        study_history(db, args.lang)
        asyncio.run(shoot(db, args.lang, args.out))
    for name in ("home", "review", "stats", "summary"):
        print(args.out / f"{name}.svg")


if __name__ == "__main__":
    main()
