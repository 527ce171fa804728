"""Timing and memory helpers shared by the benchmarks: repeat, and report min / median /
max / p99, CPU time and peak RSS."""

from __future__ import annotations

import re
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


def summarise(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {
        "min_ms": round(ordered[0], 3),
        "median_ms": round(statistics.median(ordered), 3),
        "max_ms": round(ordered[-1], 3),
        "p99_ms": round(p99, 3),
        "runs": len(ordered),
    }


def repeat(fn: Callable[[], Any], runs: int, warmup: int = 1) -> dict[str, float]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return summarise(samples)


def timed(
    fn: Callable[[], Any],
    runs: int,
    warmup: int = 1,
    setup: Callable[[], Any] | None = None,
) -> dict[str, Any]:
    """`repeat`, plus the median CPU time: on a shared machine the wall clock also counts
    the time other processes had the CPU. `setup` runs, untimed, before each call."""
    for _ in range(warmup):
        if setup:
            setup()
        fn()
    wall, cpu = [], []
    for _ in range(runs):
        if setup:
            setup()
        started, used = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    return {**summarise(wall), "cpu_median_ms": round(statistics.median(cpu), 3)}


def in_a_row(step: Callable[[], bool], count: int) -> tuple[list[float], float]:
    """Call `step` up to `count` times, until it returns False (nothing left to do).

    Returns the milliseconds of each call that did something and the CPU milliseconds of
    them all, for state-changing steps (answering the next card) that cannot be repeated.
    """
    samples: list[float] = []
    used = time.process_time()
    for _ in range(count):
        started = time.perf_counter()
        if not step():
            break
        samples.append((time.perf_counter() - started) * 1000)
    return samples, (time.process_time() - used) * 1000


def per_answer(samples: list[float], cpu_ms: float) -> dict[str, Any]:
    """Figures of steps taken in a row (`in_a_row`): min / median (p50) / max / p99, and the
    mean CPU time of one."""
    row: dict[str, Any] = summarise(samples)
    return {**row, "p50_ms": row["median_ms"], "cpu_mean_ms": round(cpu_ms / len(samples), 3)}


def reset_peak_rss() -> bool:
    """Start a new peak-RSS window for this process (Linux: /proc/self/clear_refs)."""
    try:
        _CLEAR_REFS.write_text("5")
    except OSError:
        return False
    return True


def peak_rss_mb() -> float:
    """This process's peak resident memory since `reset_peak_rss` (or since it started,
    where the window cannot be reset), in MB."""
    try:
        found = re.search(r"VmHWM:\s+(\d+) kB", _STATUS.read_text())
    except OSError:
        found = None
    if found:
        return round(int(found.group(1)) / 1024, 1)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def print_table(title: str, rows: dict[str, dict[str, Any]]) -> None:
    print(title)
    print(f"  {'operation':<34} {'min':>9} {'median':>9} {'max':>9} {'p99':>9}")
    for name, row in rows.items():
        if "median_ms" in row:
            print(
                f"  {name:<34} {row['min_ms']:>9.2f} {row['median_ms']:>9.2f}"
                f" {row['max_ms']:>9.2f} {row['p99_ms']:>9.2f}  ms"
            )
        else:
            print(f"  {name:<34} {row}")
