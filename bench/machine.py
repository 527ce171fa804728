"""What a benchmark ran on: the machine, the versions of what it measured, the git commit."""

from __future__ import annotations

import os
import platform
import re
import sqlite3
import statistics
import subprocess
import time
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _cpu_model() -> str:
    try:
        found = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
    except OSError:
        found = None
    return found.group(1).strip() if found else (platform.processor() or platform.machine())


def _ram_gb() -> float | None:
    try:
        return round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        return None


# Additions in a plain Python loop: how fast this machine ran at the time. The project's
# machine is shared and its speed varies by a factor of 2–3 with its neighbours' work,
# which the load average does not show; figures are comparable at equal loop times.
REFERENCE_LOOP = 3_000_000


def reference_seconds(runs: int = 3) -> float:
    """CPU seconds for a fixed plain-Python loop (median): the speed of this machine."""
    times = []
    for _ in range(runs):
        started = time.process_time()
        total = 0
        for i in range(REFERENCE_LOOP):
            total += i
        times.append(time.process_time() - started)
    return statistics.median(times)


def machine() -> dict[str, Any]:
    affinity = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "cores_usable": len(affinity) if affinity is not None else os.cpu_count(),
        "ram_gb": _ram_gb(),
        "os": platform.platform(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "reference_loop_s": round(reference_seconds(), 3),
    }


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def versions() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "srs_wb": _version("srs-wb"),
        "sqlite": sqlite3.sqlite_version,
        "sqlalchemy": _version("sqlalchemy"),
        "textual": _version("textual"),
        "numpy": _version("numpy"),
    }


def git_commit(root: Path = ROOT) -> dict[str, Any] | None:
    """The checked-out commit and whether the tree has changes; None outside git."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=True, timeout=10
        )
        return done.stdout.strip()

    try:
        return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain"))}
    except (OSError, subprocess.SubprocessError):
        return None
