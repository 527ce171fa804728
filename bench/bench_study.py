"""Benchmark of daily study at scale: open, decks overview, today's queue, answer + next, undo.

python -m bench.bench_study --cards 100000 --reviews 1000000 [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.stats import in_a_row, print_table, repeat, summarise
from bench.workload import NOW, build
from srs_wb.scheduling import Rating
from srs_wb.services.collection import Collection
from srs_wb.services.study import StudySession, overview


def open_collection(path: Path) -> Collection:
    """The workload's database, opened as the app opens it, at the workload's moment."""
    return Collection(path, now=lambda: NOW, install_builtin=False)


def long_session(collection: Collection) -> StudySession:
    """A long session: more answers than the default daily limits (200 reviews, 20 new)
    allow."""
    collection.set_setting("reviews_per_day", 99999)
    collection.set_setting("new_per_day", 1000)
    return StudySession(collection)


def answer_in_a_row(session: StudySession, answers: int) -> tuple[list[float], float]:
    """Milliseconds of each next card → Good → committed, and the CPU milliseconds of all."""

    def step() -> bool:
        if session.next_card() is None:
            return False
        session.answer(Rating.GOOD)
        return True

    return in_a_row(step, answers)


def undo_in_a_row(session: StudySession, count: int) -> tuple[list[float], float]:
    """Milliseconds of each undo of the latest answer, `count` times, and the CPU
    milliseconds of all."""

    def step() -> bool:
        if not session.can_undo:
            return False
        session.undo()
        return True

    return in_a_row(step, count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--answers", type=int, default=1000)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, for CI")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", type=Path, help="build the workload at this path and keep it")
    args = parser.parse_args()
    if args.smoke:
        args.cards, args.reviews, args.answers = 1000, 10_000, 50
    folder = Path(tempfile.mkdtemp(prefix="srs-bench-"))
    path = args.keep or folder / "bench.db"
    workload = build(path, args.cards, args.reviews)
    results: dict[str, dict] = {}  # type: ignore[type-arg]

    results["open database"] = repeat(lambda: open_collection(path).close(), runs=10)
    collection = open_collection(path)
    results["decks overview"] = repeat(lambda: overview(collection), runs=30)
    results["build today's queue (default limits)"] = repeat(
        lambda: StudySession(collection), runs=20
    )

    session = long_session(collection)
    latencies, _ = answer_in_a_row(session, args.answers)
    results["answer + next card"] = summarise(latencies)
    undone, _ = undo_in_a_row(session, min(20, len(latencies)))
    results["undo one answer"] = summarise(undone)
    collection.close()

    version: list[float] = []
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    for _ in range(0 if os.environ.get("BENCH_SKIP_PROCESS") else 10):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "srs_wb", "--version"], check=True, capture_output=True, env=env
        )
        version.append((time.perf_counter() - started) * 1000)
    if version:
        results["srs-wb --version (process)"] = summarise(version)

    size_mb = (
        sum(Path(f"{path}{x}").stat().st_size for x in ("",) if Path(f"{path}{x}").exists()) / 1e6
    )
    report = {
        "cards": workload.cards,
        "reviews": workload.reviews,
        "due_today": workload.due_today,
        "due_share": round(workload.due_today / max(1, workload.cards), 3),
        "build_seconds": round(workload.seconds, 1),
        "db_file_mb": round(size_mb, 1),
        "operations": results,
    }
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        print()
    else:
        print(
            f"{workload.cards} cards, {workload.reviews} reviews, {workload.due_today} due today "
            f"({report['due_share']:.1%}); file {size_mb:.1f} MB; built in {workload.seconds:.0f} s"
        )
        print_table("study", results)


if __name__ == "__main__":
    main()
