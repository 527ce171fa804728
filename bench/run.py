"""The whole benchmark suite in one run, optionally side by side with Anki's backend.

    python -m bench [--cards 10000 --reviews 100000] [--seed 1] [--smoke]
                    [--only op,op] [--out FILE.json] [--vs-anki]

Large size: --cards 100000 --reviews 1000000. Each operation is measured by the code of
the benchmark module that owns it (bench_study, bench_import, bench_stats, bench_tui,
bench_engine), in a long-lived worker process per system (bench.worker), so that each
step's peak RSS is its own. With --vs-anki the same workload goes through Anki's backend
(bench.anki_side) and the two systems take turns operation by operation.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from bench.machine import REFERENCE_LOOP, ROOT, git_commit, machine, versions
from bench.worker import Worker, WorkerFailed

SRS, ANKI = "srs_wb", "anki"


class Operation(NamedTuple):
    label: str
    runs: int  # runs (answers, for `answer`) at the normal sizes
    smoke_runs: int
    in_anki: bool  # whether Anki has the same operation


OPERATIONS = {
    "import": Operation("CSV import, N rows, into empty db", 3, 1, True),
    "reimport": Operation("CSV re-import, same file", 3, 1, True),
    "open": Operation("open the database", 10, 3, True),
    "overview": Operation("decks overview with counts", 30, 3, True),
    "queue": Operation("build today's queue", 20, 3, True),
    "answer": Operation("answer: next → Good → committed", 1000, 50, True),
    "undo": Operation("undo one answer", 20, 5, True),
    "stats-deck": Operation("stats, a year, one deck", 7, 2, True),
    "stats-all": Operation("stats, a year, all decks", 7, 2, True),
    "export-reviews": Operation("CSV export of every review", 3, 1, False),
    "export-deck": Operation("CSV export of one deck", 7, 2, True),
    "tui": Operation("TUI cold start → home painted", 5, 1, False),
    "engine": Operation("generate + grade per exercise kind", 7, 1, False),
    "size": Operation("database file size", 1, 1, True),
}
PER_ANSWER = {"answer", "undo"}  # reported with p50/p99
IMPORTS = {"import", "reimport"}
NO_WORKLOAD = IMPORTS | {"engine"}  # need no study collection
ENGINE_COUNT = {False: 2000, True: 20}  # exercises per run: normal, smoke
ANKI_MISSING = (
    "--vs-anki needs Anki's Python package, which is not installed here; install it in a "
    "venv of its own: python3 -m venv ../venv-anki && "
    "../venv-anki/bin/pip install -e '.[test,anki]'  (see bench/README.md)"
)
NOTES = {
    ANKI: [
        "Anki commits each answer with synchronous=FULL (an fsync per commit); srs-wb uses "
        "WAL with synchronous=NORMAL.",
        "Anki imports the CSV's header row as one more note.",
        "Anki's stats are the graphs its statistics screen asks the backend for "
        "(search, 365 days); srs-wb's are `stats --json` over a year.",
        "Anki has no CSV export of the review log, no headless TUI and no exercise engine: "
        "those rows have no Anki figure.",
    ]
}


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--cards", type=int, default=10_000, help="cards (and CSV rows)")
    parser.add_argument("--reviews", type=int, default=100_000, help="review-log rows")
    parser.add_argument("--answers", type=int, help="answers in a row (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic workload")
    parser.add_argument("--smoke", action="store_true", help="1,000 cards, few runs: seconds")
    parser.add_argument("--only", help=f"comma-separated operations, of: {', '.join(OPERATIONS)}")
    parser.add_argument("--out", type=Path, help="also write the report to this JSON file")
    parser.add_argument(
        "--vs-anki", action="store_true", help="run the same workload through Anki's backend"
    )
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="profile srs-wb's side of each operation with pyinstrument into DIR/OP.txt "
        "(slows it down: quote no figures from such a run)",
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.cards, args.reviews = 1000, 10_000
    if args.answers is None:
        args.answers = OPERATIONS["answer"].smoke_runs if args.smoke else 1000
    if args.cards < 10 or args.reviews < 0:
        parser.error("--cards needs at least 10 cards and --reviews a count")
    if args.only:
        asked = {name.strip() for name in args.only.split(",") if name.strip()}
        unknown = sorted(asked - set(OPERATIONS))
        if unknown or not asked:
            parser.error(f"unknown operation {', '.join(unknown)}; use {', '.join(OPERATIONS)}")
        args.selected = [name for name in OPERATIONS if name in asked]
    else:
        args.selected = list(OPERATIONS)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.vs_anki and importlib.util.find_spec("anki") is None:
        print(ANKI_MISSING, file=sys.stderr)
        return 2
    if args.profile and importlib.util.find_spec("pyinstrument") is None:
        print("--profile needs pyinstrument: pip install pyinstrument", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="srs-bench-run-"))
    try:
        report = run(args, folder, sys.argv[1:] if argv is None else argv)
    except WorkerFailed as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print_report(report)
    if args.out:
        args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        print(f"\nwritten to {args.out}")
    return 0


def run(args: argparse.Namespace, folder: Path, argv: list[str]) -> dict[str, Any]:
    from bench.workload import build

    report: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": " ".join(["python -m bench", *argv]),
        "options": {
            "cards": args.cards,
            "reviews": args.reviews,
            "answers": args.answers,
            "seed": args.seed,
            "smoke": args.smoke,
            "only": args.selected,
            "vs_anki": args.vs_anki,
        },
        "machine": machine(),
        "versions": versions(),
        "git": git_commit(),
        "workload": {},
        "operations": {},
    }
    srs_db, anki_db = folder / "srs-wb.db", folder / "collection.anki2"
    if set(args.selected) - NO_WORKLOAD:
        _progress(f"building the workload: {args.cards:,} cards, {args.reviews:,} reviews")
        built = build(srs_db, args.cards, args.reviews, args.seed)
        report["workload"][SRS] = {
            "cards": built.cards,
            "reviews": built.reviews,
            "due_today": built.due_today,
            "due_share": round(built.due_today / max(1, built.cards), 3),
            "build_seconds": round(built.seconds, 1),
            "db_file_mb": round(srs_db.stat().st_size / 1e6, 1),
        }
        if args.vs_anki:
            _progress("copying it into an Anki collection")
            report["workload"][ANKI] = _anki_tool("--build", str(srs_db), str(anki_db))

    env = None
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "BENCH_PROFILE": str(args.profile.resolve())}
    systems = {SRS: Worker("srs-wb", str(srs_db), str(folder), env=env)}
    if args.vs_anki:
        from bench.anki_side import ENV

        systems[ANKI] = Worker("anki", str(anki_db), str(folder), env=ENV)
        report["versions"].update(systems[ANKI].call("versions"))
        report["notes"] = NOTES[ANKI]
    try:
        imports = _prepare_imports(args, folder) if IMPORTS & set(args.selected) else None
        for index, name in enumerate(args.selected):
            operation = OPERATIONS[name]
            runs = operation.smoke_runs if args.smoke else operation.runs
            order = list(systems) if index % 2 == 0 else list(reversed(systems))
            row: dict[str, Any] = {"label": operation.label}
            for system in order:
                if system == ANKI and not operation.in_anki:
                    continue
                _progress(f"{name}: {system}")
                row[system] = _measure(name, system, systems[system], runs, args, report, imports)
            if args.vs_anki:
                row.setdefault(ANKI, None)
                row["ratio"] = _ratio(row[SRS], row[ANKI], "median_ms")
                counts = {system: (row[system] or {}).get("runs") for system in (SRS, ANKI)}
                if name in PER_ANSWER and counts[SRS] != counts[ANKI]:
                    row["warning"] = f"unequal runs: {counts}"
                    _progress(f"{name}: {row['warning']}")
                row["cpu_ratio"] = _ratio(row[SRS], row[ANKI], "cpu")
            report["operations"][name] = row
    finally:
        for worker in systems.values():
            worker.close()
    after = machine()
    report["machine"]["load_average_after"] = after["load_average"]
    report["machine"]["reference_loop_s_after"] = after["reference_loop_s"]
    return report


def _progress(text: str) -> None:
    print(f"  … {text}", file=sys.stderr, flush=True)


def _anki_tool(*args: str) -> Any:
    from bench.anki_side import ENV

    command = [sys.executable, "-m", "bench.anki_side", *args]
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=ENV, cwd=ROOT)
    return json.loads(done.stdout) if done.stdout.strip() else None


def _prepare_imports(args: argparse.Namespace, folder: Path) -> dict[str, Path]:
    """The CSV both systems import, and an empty database of each to import it into."""
    from bench.bench_import import write_csv
    from srs_wb.services.collection import Collection

    paths = {"csv": folder / "import.csv", SRS: folder / "empty.db"}
    write_csv(paths["csv"], args.cards, args.seed)
    Collection(paths[SRS], install_builtin=False).close()
    if args.vs_anki:
        paths[ANKI] = folder / "empty.anki2"
        _anki_tool("--empty", str(paths[ANKI]))
    return paths


def _measure(
    name: str,
    system: str,
    worker: Worker,
    runs: int,
    args: argparse.Namespace,
    report: dict[str, Any],
    imports: dict[str, Path] | None,
) -> dict[str, Any] | None:
    if name in IMPORTS:
        from bench.bench_import import measure as measure_srs
        from bench.bench_import import scenario

        assert imports is not None
        measure = measure_srs
        if system == ANKI:
            from bench.anki_side import measure_import as measure
        label = f"{system}-{name}"
        empty, table = imports[system], imports["csv"]
        return scenario(
            label, runs, empty, table, imports["csv"].parent, name == "reimport", measure
        )
    if name == "size":
        workload = report["workload"].get(system)
        return {"mb": workload["db_file_mb"]} if workload else None
    if name == "answer":
        return worker.call(name, count=args.answers)
    if name == "engine":
        return worker.call(name, count=ENGINE_COUNT[args.smoke], runs=runs)
    return worker.call(name, runs=runs)


def _cpu(figures: dict[str, Any]) -> float | None:
    """The CPU time of one run: the median, or the mean over steps taken in a row."""
    return figures.get("cpu_median_ms", figures.get("cpu_mean_ms"))


def _ratio(ours: dict[str, Any] | None, theirs: dict[str, Any] | None, key: str) -> float | None:
    """srs-wb's figure over Anki's (below 1: srs-wb is faster or smaller): the median wall
    time (`median_ms`), the CPU time (`cpu`), or the file size."""
    if not ours or not theirs:
        return None
    if "mb" in ours:
        key = "mb"
    mine, other = (_cpu(ours), _cpu(theirs)) if key == "cpu" else (ours.get(key), theirs.get(key))
    if mine is None or not other:
        return None
    return round(mine / other, 2)


# The terminal table ------------------------------------------------------------------


def _ms(value: float | None) -> str:
    if value is None:
        return "-"
    if value >= 1000:
        return f"{value / 1000:.2f} s"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def _plain(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def print_report(report: dict[str, Any]) -> None:
    options, workload = report["options"], report["workload"]
    vs_anki = options["vs_anki"]
    print(
        f"srs-wb benchmark — {options['cards']:,} cards, {options['reviews']:,} reviews, "
        f"seed {options['seed']}; {report['machine']['cpu']}, {report['machine']['cores']} "
        f"cores; load {report['machine']['load_average']}; a {REFERENCE_LOOP:,}-step Python "
        f"loop took {report['machine']['reference_loop_s']} s (quiet machine: ~0.16 s)"
    )
    for system, built in workload.items():
        print(
            f"  {system}: {built['cards']:,} cards, {built['reviews']:,} reviews, "
            f"{built['due_today']:,} due today ({built['due_share']:.1%}), {built['db_file_mb']} MB"
        )
    head = f"  {'operation':<34} {'min':>8} {'median':>8} {'max':>8} {'p99':>8} {'CPU':>8}"
    head += f" {'RSS MB':>7}"
    if vs_anki:
        head += f" │ {'Anki med':>8} {'CPU':>8} {'RSS MB':>7} {'ratio':>6} {'CPU r.':>6}"
    print(head)
    print("  (times in ms unless marked; ratio = srs-wb / Anki, median wall and CPU time)")
    engine = None
    for name, row in report["operations"].items():
        ours = row.get(SRS) or {}
        if name == "engine":
            engine = ours
            continue
        if name == "size":
            line = f"  {row['label']:<34} {'':>8} {ours.get('mb', '-'):>5} MB"
            if vs_anki:
                theirs = row.get(ANKI) or {}
                line = (
                    f"{line:<87} │ {theirs.get('mb', '-'):>5} MB {'':>17} {_plain(row['ratio']):>6}"
                )
            print(line)
            continue
        p99 = _ms(ours.get("p99_ms")) if name in PER_ANSWER else ""
        line = (
            f"  {row['label']:<34} {_ms(ours.get('min_ms')):>8} {_ms(ours.get('median_ms')):>8}"
            f" {_ms(ours.get('max_ms')):>8} {p99:>8} {_ms(_cpu(ours)):>8}"
            f" {_plain(ours.get('peak_rss_mb')):>7}"
        )
        if vs_anki:
            theirs = row.get(ANKI)
            if theirs:
                line += (
                    f" │ {_ms(theirs.get('median_ms')):>8} {_ms(_cpu(theirs)):>8}"
                    f" {_plain(theirs.get('peak_rss_mb')):>7} {_plain(row['ratio']):>6}"
                    f" {_plain(row['cpu_ratio']):>6}"
                )
            else:
                line += f" │ {'n/a':>8}"
        print(line)
        if row.get("warning"):
            print(f"    ! {row['warning']}")
    if engine:
        print(f"  generate + grade, {engine['unit']}:")
        for kind, rates in engine["kinds"].items():
            print(f"    {kind:<22} {rates['1']:>8,} {rates['2']:>8,} {rates['3']:>8,}")
