"""Benchmark of progress stats and exports at scale: `stats --json` and the CSV exports.

    python -m bench.bench_stats --cards 100000 --reviews 1000000 [--json]
    python -m bench.bench_stats --smoke --json           # seconds, for CI

Targets on 100,000 cards / 1,000,000 answers: stats over a year < 0.5 s, CSV export of
every answer < 3 s, memory < 300 MB.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench.stats import print_table, summarise, timed
from bench.workload import NOW, build
from srs_wb.services.collection import Collection
from srs_wb.services.stats import compute_stats
from srs_wb.services.stats_export import export_stats

TARGETS_MS = {"stats": 500.0, "csv": 3000.0}
TARGET_RSS_MB = 300.0
# Runs a command as its child and prints the child's peak RSS (KiB on Linux): each
# measurement gets a fresh parent, so one command's peak never hides another's.
RSS_WRAPPER = (
    "import resource, subprocess, sys;"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode;"
    "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def run_process(args: list[str]) -> tuple[float, float]:
    """(milliseconds, peak RSS in MB) of `python -m srs_wb ARGS` in its own process."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-c", RSS_WRAPPER, sys.executable, "-m", "srs_wb", *args]
    started = time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
    elapsed = (time.perf_counter() - started) * 1000
    code, rss_kib = done.stdout.split()
    if code != "0":
        raise SystemExit(f"srs-wb {' '.join(args)} failed with exit code {code}")
    return elapsed, int(rss_kib) / 1024


def stats_json(collection: Collection, deck: str | None) -> str:
    """`stats --json` over the default year, for one deck or all, as the command prints it."""
    return json.dumps(compute_stats(collection, deck=deck).to_json())


def export_every_answer(collection: Collection, out: Path) -> None:
    """`export-stats` of every answer ever given to a CSV file."""
    today = collection.today()
    export_stats(collection, out, since=today - timedelta(days=364 + 3650), until=today)


def csv_reference_ms(rows: int) -> float:
    """This machine's speed, for comparing figures across machines: Python's csv module
    writing `rows` rows shaped like the answers export."""
    row: tuple[object, ...] = ("2026-03-02T09:00:10.000Z", "2026-03-02", "deck", "card-1")
    row += ("exercise", "neuron_output", "good", 1, 2, 3, 10.358, "true", "0.4", "0.4")
    row += (0.25, "forgot_bias", 12345)
    out = csv.writer(io.StringIO())
    started = time.perf_counter()
    for _ in range(rows // 1000):
        out.writerows([row] * 1000)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7, help="runs of each in-process timing")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, for CI")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--db", type=Path, help="reuse the workload at this path (built there if missing)"
    )
    args = parser.parse_args()
    if args.smoke:
        args.cards, args.reviews, args.runs = 1000, 10_000, 3
    folder = Path(tempfile.mkdtemp(prefix="srs-bench-stats-"))
    try:
        report = measure(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        print()
    else:
        print(
            f"{report['cards']} cards, {report['reviews']} answers; file {report['db_file_mb']} MB"
        )
        print_table("stats and exports", report["operations"])
        for name, row in report["operations"].items():
            if "cpu_median_ms" in row:
                print(f"  {name:<34} CPU median {row['cpu_median_ms']:9.2f} ms")
        print("  peak RSS (MB):", report["peak_rss_mb"])
        print("  targets met:", report["met"])


def measure(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    started = time.perf_counter()
    path = args.db or folder / "bench.db"
    if args.db is None or not args.db.exists():
        build(path, args.cards, args.reviews)
    build_seconds = time.perf_counter() - started

    collection = Collection(path, now=lambda: NOW, install_builtin=False)
    with collection.reading() as session:
        from sqlalchemy import func, select

        from srs_wb.storage.models import Card, Review

        cards = session.execute(select(func.count()).select_from(Card)).scalar_one()
        answers = session.execute(select(func.count()).select_from(Review)).scalar_one()
    today = collection.today()
    since, until = today - timedelta(days=364), today
    results: dict[str, dict[str, Any]] = {}

    results["stats --json, all decks, a year"] = timed(
        lambda: stats_json(collection, None), args.runs
    )
    results["stats --json, one deck, a year"] = timed(
        lambda: stats_json(collection, "bench-1"), args.runs
    )
    out = folder / "answers.csv"
    csv_runs = max(1, min(3, args.runs))
    results["CSV export, every answer"] = timed(
        lambda: export_every_answer(collection, out), csv_runs, warmup=0
    )
    cards_out = folder / "cards.csv"
    results["CSV export, one deck's cards"] = timed(
        lambda: export_stats(collection, cards_out, table="cards", deck="bench-1"), args.runs
    )
    collection.close()

    peak: dict[str, float] = {}
    window = ["--since", since.isoformat(), "--until", until.isoformat()]
    process: dict[str, list[str]] = {
        "stats --json, all decks (process)": ["stats", "--json", *window],
        "export-stats CSV, every answer (process)": [
            "export-stats",
            "-o",
            str(out),
            "--since",
            "2000-01-01",
            "--until",
            until.isoformat(),
        ],
        "export-stats CSV, one deck's cards (process)": [
            "export-stats",
            "-o",
            str(cards_out),
            "--table",
            "cards",
            "--deck",
            "bench-1",
        ],
    }
    db = ["--db", str(path)]
    if not os.environ.get("BENCH_SKIP_PROCESS"):
        run_process([*db, "decks"])  # first open: installs the built-in course, once
        for name, command in process.items():
            elapsed, rss = run_process([*db, *command])
            results[name] = summarise([elapsed])
            peak[name] = round(rss, 1)

    reference = csv_reference_ms(max(1000, answers))
    results["reference: csv module, as many rows"] = summarise([reference])
    size_mb = path.stat().st_size / 1e6
    met = {
        "stats": results["stats --json, all decks, a year"]["median_ms"] < TARGETS_MS["stats"],
        "csv": results["CSV export, every answer"]["median_ms"] < TARGETS_MS["csv"],
        "memory": all(value < TARGET_RSS_MB for value in peak.values()),
    }
    return {
        "cards": cards,
        "reviews": answers,
        "build_seconds": round(build_seconds, 1),
        "db_file_mb": round(size_mb, 1),
        "operations": results,
        "peak_rss_mb": peak,
        "targets": {**{f"{k}_ms": v for k, v in TARGETS_MS.items()}, "rss_mb": TARGET_RSS_MB},
        "met": met,
    }


if __name__ == "__main__":
    main()
