"""Benchmark of the app on a big collection: launch to the home screen, grade to the next card.

    python -m bench.bench_tui [--cards 100000 --reviews 1000000] [--answers 300] [--smoke] [--json]

Headless (`App.run_test`). "Launch" counts from building the app (opening the database) to
the home screen painted with its counts; "grade" counts from the grade key to the next card
painted (the answer saved, the next card read or generated, the screen redrawn); "stats"
from `s` on the home screen to the stats screen painted with a year of stats.
Targets: under 1 s to the home screen, under 50 ms p99 from a grade to the next card,
under 1 s to the stats screen.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.stats import peak_rss_mb, print_table, summarise
from bench.workload import NOW, build
from srs_wb.tui.app import SrsApp, build_app
from srs_wb.tui.screens.home import HomeScreen
from srs_wb.tui.screens.review import ReviewScreen

SIZE = (100, 30)
TARGET_LAUNCH_MS = 1000
TARGET_GRADE_P99_MS = 50
TARGET_STATS_MS = 1000


async def _until(condition: Any, timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.0005)


def _app(path: Path, **kwargs: Any) -> SrsApp:
    app = build_app(path, now=lambda: NOW, lang="en", rng=random.Random(1), **kwargs)
    app.cursor_blink = False
    return app


async def launch_once(path: Path) -> float:
    """Milliseconds from building the app to its home screen painted with the counts."""
    started = time.perf_counter()
    app = _app(path)
    async with app.run_test(size=SIZE):

        def painted() -> bool:
            screen = app.screen
            return isinstance(screen, HomeScreen) and screen.loads > 0

        await _until(painted)
        elapsed = (time.perf_counter() - started) * 1000
    return elapsed


async def stats_screen(path: Path, runs: int) -> list[float]:
    """Milliseconds from pressing `s` on the home screen to the stats screen painted with a
    year of stats (the calendar, forecast, ladder and retention), `runs` times."""
    from srs_wb.tui.screens.stats import StatsScreen

    samples = []
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        await _until(lambda: isinstance(app.screen, HomeScreen) and app.screen.loads > 0)
        for _ in range(runs):
            started = time.perf_counter()
            await pilot.press("s")
            await _until(lambda: isinstance(app.screen, StatsScreen) and app.screen.loads > 0)
            samples.append((time.perf_counter() - started) * 1000)
            await pilot.press("escape")
            await _until(lambda: isinstance(app.screen, HomeScreen))
    return samples


def cold_start(path: Path, runs: int) -> tuple[list[float], float]:
    """Milliseconds from starting a new Python process to its home screen painted (imports
    included), `runs` times, and the largest peak RSS of those processes in MB."""
    samples, peak = [], 0.0
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    for _ in range(runs):
        command = [sys.executable, "-m", "bench.bench_tui", "--cold-child", str(path)]
        done = subprocess.run(
            [*command, repr(time.time())], check=True, capture_output=True, text=True, env=env
        )
        elapsed, rss = json.loads(done.stdout.strip().splitlines()[-1])
        samples.append(elapsed)
        peak = max(peak, rss)
    return samples, peak


def _cold_child(path: Path, spawned: float) -> None:
    """In the process `cold_start` starts: launch once, print (ms since spawned, peak MB)."""
    building = time.time()
    launched = asyncio.run(launch_once(path))
    elapsed = (building - spawned) * 1000 + launched
    print(json.dumps([elapsed, peak_rss_mb()]))


async def grade_loop(path: Path, answers: int) -> list[float]:
    """Milliseconds from each grade key to the next card painted, over `answers` cards."""
    app = _app(path, review=[])
    samples: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await _until(lambda: isinstance(app.screen, ReviewScreen) and app.screen.cards_shown > 0)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        for _ in range(answers):
            card = screen.card
            if card is None:
                break
            # Untimed: the learner reads, reveals or types the answer.
            if card.exercise is not None:
                await pilot.press(*card.exercise.answer_text, "enter")
                await _until(lambda: screen.stage == "graded")
            else:
                await pilot.press("space")
                await _until(lambda: screen.stage == "back")
            shown = screen.cards_shown
            started = time.perf_counter()
            app.simulate_key("3")  # Good
            await _until(lambda s=shown: screen.cards_shown > s or screen.card is None)
            samples.append((time.perf_counter() - started) * 1000)
            if not isinstance(app.screen, ReviewScreen):
                break
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--answers", type=int, default=300)
    parser.add_argument("--launches", type=int, default=7)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, for CI")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--db", type=Path, help="reuse (or build and keep) the workload here")
    parser.add_argument("--cold-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold_child:
        _cold_child(Path(args.cold_child[0]), float(args.cold_child[1]))
        return
    if args.smoke:
        args.cards, args.reviews, args.answers, args.launches = 500, 5000, 10, 1
    path = args.db or Path(tempfile.mkdtemp(prefix="srs-bench-tui-")) / "bench.db"
    if args.db is None or not path.exists():
        workload = build(path, args.cards, args.reviews)
        built = {"cards": workload.cards, "reviews": workload.reviews, "due": workload.due_today}
    else:
        built = {"cards": args.cards, "reviews": args.reviews, "due": None}

    asyncio.run(launch_once(path))  # warm-up: first open installs the built-in deck
    launches = [asyncio.run(launch_once(path)) for _ in range(args.launches)]
    stats = asyncio.run(stats_screen(path, args.launches))
    grades = asyncio.run(grade_loop(path, args.answers))
    cold, cold_rss = cold_start(path, args.launches)
    results = {
        "launch to home screen": summarise(launches),
        "cold start to home screen (new process)": {**summarise(cold), "peak_rss_mb": cold_rss},
        "grade to next card": summarise(grades),
        "stats screen painted": summarise(stats),
    }
    report = {
        **built,
        "terminal": list(SIZE),
        "operations": results,
        "targets": {
            "launch_median_ms": TARGET_LAUNCH_MS,
            "grade_p99_ms": TARGET_GRADE_P99_MS,
            "launch_ok": results["launch to home screen"]["median_ms"] < TARGET_LAUNCH_MS,
            "grade_ok": results["grade to next card"]["p99_ms"] < TARGET_GRADE_P99_MS,
            "stats_median_ms": TARGET_STATS_MS,
            "stats_ok": results["stats screen painted"]["median_ms"] < TARGET_STATS_MS,
        },
    }
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        print()
    else:
        print(f"{built['cards']} cards, {built['reviews']} reviews; terminal {SIZE[0]}×{SIZE[1]}")
        print_table("app", results)


if __name__ == "__main__":
    main()
