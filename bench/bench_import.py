"""Benchmark of importing at scale: a CSV import and re-import, an Anki package import.

    python -m bench.bench_import [--rows 100000] [--runs 3] [--smoke] [--json]

Each measurement runs in a fresh process on a copy of a prepared database, so that its
time is the import alone (`import_paths`, as `srs-wb import` calls it) and its peak
memory (`ru_maxrss`) is its own. The CSV has a header and N rows of Bulgarian and
English question, answer and tags; the .apkg (written by genanki, the legacy layout) has
N notes: 80% Basic with light HTML, 10% Basic (and reversed card), 10% Cloze.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.stats import peak_rss_mb, print_table, summarise

# Anki's own backend on this machine, for comparison (seconds, 100,000 rows / notes).
ANKI_SECONDS = {"csv import": 4.1, "csv re-import": 1.9, "apkg import": 10.5}
TARGET_SECONDS = {"csv import": 2.0, "csv re-import": 1.0, "apkg import": 5.0}
TARGET_RSS_MB = 300

_WORDS_BG = (
    *("тежест", "пристрастие", "неврон", "градиент", "спуск", "активация", "загуба"),
    *("слой", "вход", "изход", "скорост", "учене", "пренасищане", "нормализация"),
    *("инициализация", "мрежа"),
)
_WORDS_EN = (
    *("weight", "bias", "neuron", "gradient", "descent", "activation", "loss", "layer"),
    *("input", "output", "rate", "learning", "overfitting", "normalisation"),
    *("initialisation", "network"),
)


def write_csv(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["front", "back", "tags"])
        for i in range(rows):
            words = _WORDS_BG if i % 2 else _WORDS_EN
            front = f"{i}. {' '.join(rng.choices(words, k=4))}?"
            back = " ".join(rng.choices(words, k=rng.randint(4, 10)))
            if i % 10 == 0:
                back += ', "quoted", and\na second line'
            writer.writerow([front, back, " ".join(rng.sample(_WORDS_EN, 2))])


def write_apkg(path: Path, notes: int, seed: int = 1) -> None:
    import genanki

    rng = random.Random(seed)
    deck = genanki.Deck(2059400110, "Bench::Imported")
    basic, reverse = genanki.BASIC_MODEL, genanki.BASIC_AND_REVERSED_CARD_MODEL
    cloze = genanki.CLOZE_MODEL
    for i in range(notes):
        words = _WORDS_BG if i % 2 else _WORDS_EN
        text = " ".join(rng.choices(words, k=6))
        kind = i % 10
        if kind == 0:
            note = genanki.Note(
                cloze, [f"{i}: {{{{c1::{text}}}}} and {{{{c2::{words[i % 5]}::hint}}}}", ""]
            )
        elif kind == 1:
            note = genanki.Note(reverse, [f"{i}: {text}", f"<b>{words[i % 7]}</b>"])
        else:
            front = f"{i}. <b>{text}</b>?" if kind % 2 else f"{i}. {text}?"
            note = genanki.Note(basic, [front, f"<div>{text}</div><div>&amp; more</div>"])
        note.tags = [words[i % 3]]
        deck.add_note(note)
    genanki.Package(deck).write_to_file(str(path), timestamp=1_767_240_000)


def worker(db: Path, source: Path) -> None:
    """Import `source` into `db` and print the time it took and this process's peak RSS."""
    from srs_wb.services.collection import Collection
    from srs_wb.services.importing import import_paths

    with Collection(db, install_builtin=False) as collection:
        started, used = time.perf_counter(), time.process_time()
        summaries = import_paths(collection, [source])
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - used
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": cpu_seconds,
                # Not ru_maxrss: Linux carries the forking parent's peak over into it.
                "rss_mb": peak_rss_mb(),
                "added": sum(s.added for s in summaries),
                "unchanged": sum(s.unchanged for s in summaries),
            }
        )
    )


def measure(
    db: Path, source: Path, worker: str = "bench.bench_import", env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Import `source` into `db` in a fresh process, `python -m WORKER --worker DB FILE`
    (this module's `worker`, or another system's), and return what that process printed."""
    result = subprocess.run(
        [sys.executable, "-m", worker, "--worker", str(db), str(source)],
        check=True,
        capture_output=True,
        text=True,
        env=env or {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def scenario(
    name: str,
    runs: int,
    empty: Path,
    source: Path,
    folder: Path,
    twice: bool = False,
    measure: Callable[[Path, Path], dict[str, Any]] = measure,
) -> dict[str, Any]:
    """Time importing `source` into a copy of `empty` (or, `twice`, importing it again).

    `measure(db, source)` imports in a fresh process and returns its seconds, CPU seconds,
    peak RSS and counts: srs-wb's by default, another system's for a comparison.
    """
    samples, cpu, rss, counts = [], [], [], {}
    for run in range(runs):
        db = folder / f"{name.replace(' ', '-')}-{run}{empty.suffix}"
        shutil.copy(empty, db)
        if twice:
            measure(db, source)
        result = measure(db, source)
        samples.append(result["seconds"] * 1000)
        cpu.append(result["cpu_seconds"] * 1000)
        rss.append(result["rss_mb"])
        counts = {"added": result["added"], "unchanged": result["unchanged"]}
        db.unlink()
    row: dict[str, Any] = summarise(samples)
    row["cpu_median_ms"] = round(statistics.median(cpu), 3)
    row["peak_rss_mb"] = round(max(rss), 1)
    row.update(counts)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000, help="CSV rows and .apkg notes")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, for CI")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--worker", nargs=2, metavar=("DB", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(Path(args.worker[0]), Path(args.worker[1]))
        return
    if args.smoke:
        args.rows, args.runs = 1000, 1
    folder = Path(tempfile.mkdtemp(prefix="srs-bench-import-"))
    try:
        report = run(folder, args.rows, args.runs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        print()
        return
    print(f"{args.rows:,} CSV rows / .apkg notes, {args.runs} run(s) each")
    print_table("import", {k: v for k, v in report["operations"].items() if "median_ms" in v})
    for name, row in report["operations"].items():
        if "median_ms" in row:
            print(f"  {name:<34} peak RSS {row['peak_rss_mb']:.0f} MB")
        else:
            print(f"  {name:<34} {row}")


def run(folder: Path, rows: int, runs: int) -> dict[str, Any]:
    from srs_wb.services.collection import Collection

    empty = folder / "empty.db"
    Collection(empty, install_builtin=False).close()
    operations: dict[str, Any] = {}
    started = time.perf_counter()
    table = folder / "cards.csv"
    write_csv(table, rows)
    generated = {"csv_seconds": round(time.perf_counter() - started, 2)}
    operations["csv import"] = scenario("csv import", runs, empty, table, folder)
    operations["csv re-import"] = scenario("csv re-import", runs, empty, table, folder, True)
    try:
        import genanki  # noqa: F401
    except ImportError:
        operations["apkg import"] = {"skipped": "genanki is not installed"}
    else:
        started = time.perf_counter()
        package = folder / "cards.apkg"
        write_apkg(package, rows)
        generated["apkg_seconds"] = round(time.perf_counter() - started, 2)
        operations["apkg import"] = scenario("apkg import", runs, empty, package, folder)
        operations["apkg re-import"] = scenario(
            "apkg re-import", runs, empty, package, folder, True
        )
    for name, row in operations.items():
        if name in TARGET_SECONDS and "median_ms" in row and rows == 100_000:
            # The targets are for 100,000 rows; smaller runs are dominated by start-up.
            row["target_ms"] = TARGET_SECONDS[name] * 1000
            row["anki_ms"] = ANKI_SECONDS[name] * 1000
            row["meets_target"] = (
                row["median_ms"] <= row["target_ms"] and row["peak_rss_mb"] < TARGET_RSS_MB
            )
    return {
        "rows": rows,
        "runs": runs,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "generate_seconds": generated,
        "operations": operations,
    }


if __name__ == "__main__":
    main()
