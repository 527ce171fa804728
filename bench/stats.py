"""Timing helpers shared by the benchmarks: repeat, and report min / median / max / p99."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


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
