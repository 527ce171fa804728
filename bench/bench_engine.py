"""Benchmark of the exercise engine: generate + grade throughput per kind, and import time.

python -m bench.bench_engine [--count 2000] [--runs 7] [--smoke] [--json]

Throughput is exercises per second of process CPU time on one core (the process is pinned
to one CPU where the system allows), over several runs taken round-robin; each exercise is
a fresh seed, generated and graded with its own formatted answer. Both the median and the
best run are reported; the targets are checked against the best run, as `timeit` advises:
on a shared machine a slower run measures the neighbours (the same code was seen to swing
2x within a minute), while the best run is what the code itself can do. The median shows
how far the machine's slow moments pull it down. "+texts" also
writes the prompt and the worked solution in both languages, as a review screen does. The
import time of `srs_wb.engine` is measured in fresh interpreters (median), without and with
the first network exercise (which loads NumPy for the autograd). A plain Python loop is
timed too, to show how fast the machine was.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from typing import Any

from bench.machine import REFERENCE_LOOP, reference_seconds
from srs_wb.engine import generate, grade, kind_names

# Targets: exercises/s for generate + grade on one core, and milliseconds for the import.
# Kinds not listed have no target and are reported for information.
TARGETS = {
    "neuron_output": 20_000,
    "activation": 20_000,
    "error_gradient": 20_000,
    "gradient_step": 20_000,
    "learning_rate": 20_000,
    "normalization": 20_000,
    "backprop_mlp": 5_000,
}
IMPORT_TARGET_MS = 100.0

_IMPORT = (
    "import time; t = time.perf_counter(); import srs_wb.engine; {extra}"
    "print(time.perf_counter() - t)"
)


def pin_to_one_cpu() -> int | None:
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def rate(kind: str, difficulty: int, seeds: range, *, texts: bool) -> float:
    """Exercises per CPU second for these seeds: generate, grade (and write the texts)."""
    started = time.process_time()
    for seed in seeds:
        exercise = generate(kind, seed, difficulty)
        grade(exercise, exercise.answer_text)
        if texts:
            exercise.prompt  # noqa: B018 - written on first use
            exercise.solution  # noqa: B018
    return len(seeds) / (time.process_time() - started)


def throughputs(count: int, runs: int) -> dict[tuple[str, int, bool], list[float]]:
    """The rates of every run per (kind, difficulty, with texts).

    The runs go round-robin over every measurement, so that a slow moment of a shared
    machine lowers one run of each rather than every run of one kind; the first round
    warms up and is not counted.
    """
    cases = [(kind, d, False) for kind in kind_names() for d in (1, 2, 3)]
    cases += [(kind, 1, True) for kind in kind_names()]
    rates: dict[tuple[str, int, bool], list[float]] = {case: [] for case in cases}
    for run in range(runs + 1):
        seeds = range(run * count, (run + 1) * count)  # fresh seeds every run
        for kind, difficulty, texts in cases:
            value = rate(kind, difficulty, seeds, texts=texts)
            if run:
                rates[(kind, difficulty, texts)].append(value)
    return rates


def import_ms(runs: int, extra: str = "") -> float:
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _IMPORT.format(extra=extra)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        times.append(float(out) * 1000)
    return statistics.median(times)


def measure(count: int, runs: int) -> dict[str, Any]:
    cpu = pin_to_one_cpu()
    reference = reference_seconds(max(runs, 3))
    measured = throughputs(count, runs)
    kinds: dict[str, Any] = {}
    for kind in kind_names():
        runs_of = {str(d): measured[(kind, d, False)] for d in (1, 2, 3)}
        median = {d: round(statistics.median(values)) for d, values in runs_of.items()}
        best = {d: round(max(values)) for d, values in runs_of.items()}
        goal = TARGETS.get(kind)
        kinds[kind] = {
            "generate_grade_per_s": median,
            "best_per_s": best,
            "with_texts_per_s": round(statistics.median(measured[(kind, 1, True)])),
            "target_per_s": goal,
            "meets_target": None if goal is None else min(best.values()) >= goal,
            "median_meets_target": None if goal is None else min(median.values()) >= goal,
        }
    engine_ms = import_ms(runs)
    first_ms = import_ms(runs, "import srs_wb.engine as e; e.generate('neuron_output', 1); ")
    with_numpy_ms = import_ms(runs, "import srs_wb.engine as e; e.generate('backprop_mlp', 1); ")
    return {
        "unit": "exercises per second of process CPU time, median (best) of runs",
        "count_per_run": count,
        "runs": runs,
        "pinned_cpu": cpu,
        "python": sys.version.split()[0],
        "reference_loop_s": round((reference + reference_seconds(max(runs, 3))) / 2, 3),
        "reference_loop": f"{REFERENCE_LOOP:,} integer additions in a Python for-loop",
        "kinds": kinds,
        "import_ms": {
            "srs_wb.engine": round(engine_ms, 1),
            "srs_wb.engine + first neuron exercise (loads the kinds)": round(first_ms, 1),
            "srs_wb.engine + first network exercise (loads NumPy)": round(with_numpy_ms, 1),
            "target_ms": IMPORT_TARGET_MS,
            "meets_target": engine_ms < IMPORT_TARGET_MS,
        },
    }


def print_report(result: dict[str, Any]) -> None:
    print(
        f"Engine throughput ({result['unit']}; {result['count_per_run']} exercises x "
        f"{result['runs']} runs)"
    )
    print(f"  {'kind':<20} {'d1':>15} {'d2':>15} {'d3':>15} {'+texts':>7} {'target':>7}")
    for kind, row in result["kinds"].items():
        median, best = row["generate_grade_per_s"], row["best_per_s"]
        goal = row["target_per_s"]
        mark = {None: "", True: "ok", False: "MISSED"}[row["meets_target"]]
        cells = " ".join(f"{f'{median[d]} ({best[d]})':>15}" for d in ("1", "2", "3"))
        print(f"  {kind:<20} {cells} {row['with_texts_per_s']:>7} {goal or '-':>7}  {mark}")
    print("  (targets checked against the best run; see the module's docstring)")
    print(f"  machine speed: {result['reference_loop']} took {result['reference_loop_s']} s")
    imports = result["import_ms"]
    names = [k for k in imports if k.startswith("srs_wb")]
    for name in names:
        print(f"  import {name}: {imports[name]} ms (median)")
    verdict = "ok" if imports["meets_target"] else "MISSED"
    print(f"  import target < {imports['target_ms']} ms: {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=2000, help="exercises per run")
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, for CI")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    if args.smoke:
        args.count, args.runs = 20, 1
    result = measure(args.count, args.runs)
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print_report(result)


if __name__ == "__main__":
    main()
