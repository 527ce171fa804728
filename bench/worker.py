"""A long-lived benchmark process per system, driven one operation at a time over a pipe.

The runner starts one worker for srs-wb and one for Anki, so that each keeps its own
collection open between operations, its peak memory is its own, and the two can take
turns operation by operation. A request is a JSON line `{"op": NAME, ...parameters}`; the
reply is a JSON line `{"result": ...}` or `{"error": TRACEBACK}`.

    python -m bench.worker srs-wb DB FOLDER | anki COLLECTION FOLDER
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from bench.machine import ROOT
from bench.stats import peak_rss_mb, reset_peak_rss


class WorkerFailed(RuntimeError):
    """A worker process died or one of its operations raised."""


class Worker:
    """The runner's end of the pipe to one worker process."""

    def __init__(self, system: str, *args: str, env: dict[str, str] | None = None) -> None:
        self.system = system
        command = [sys.executable, "-m", "bench.worker", system, *args]
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,  # where `bench` can be imported from
        )

    def call(self, op: str, **params: Any) -> Any:
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        try:
            stdin.write(json.dumps({"op": op, **params}) + "\n")
            stdin.flush()
        except BrokenPipeError as exc:
            raise WorkerFailed(f"the {self.system} worker has exited") from exc
        line = stdout.readline()
        if not line:
            raise WorkerFailed(f"the {self.system} worker exited during {op!r}")
        reply = json.loads(line)
        if "error" in reply:
            raise WorkerFailed(f"{self.system} {op!r} failed:\n{reply['error']}")
        return reply["result"]

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=60)


def serve(side: Any, replies: IO[str], profiles: Path | None = None) -> None:
    """Answer requests from stdin with `side.op_NAME(**parameters)`, one line each.

    Each operation gets a fresh peak-RSS window; a measurement's reply carries the peak it
    reached unless the operation measured its own (in child processes). With `profiles`,
    each operation runs under pyinstrument and its profile is written there as text.
    """
    for line in sys.stdin:
        request = json.loads(line)
        op = request.pop("op")
        try:
            reset_peak_rss()
            with _profiled(profiles, op):
                result = getattr(side, "op_" + op.replace("-", "_"))(**request)
            if isinstance(result, dict) and "runs" in result:
                result.setdefault("peak_rss_mb", peak_rss_mb())
            reply: dict[str, Any] = {"result": result}
        except Exception:
            reply = {"error": traceback.format_exc()}
        replies.write(json.dumps(reply) + "\n")
        replies.flush()
    side.close()


@contextmanager
def _profiled(folder: Path | None, op: str) -> Iterator[None]:
    if folder is None:
        yield
        return
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    with profiler:
        yield
    (folder / f"{op}.txt").write_text(profiler.output_text(unicode=True), encoding="utf-8")


def main() -> None:
    system, db, folder = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    # Replies go to the real stdout; anything else the systems print goes to stderr.
    replies = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    if system == "srs-wb":
        from bench.srs_side import SrsWbSide

        profiles = os.environ.get("BENCH_PROFILE")
        serve(SrsWbSide(db, folder), replies, Path(profiles) if profiles else None)
    elif system == "anki":
        from bench.anki_side import AnkiSide

        serve(AnkiSide(db, folder), replies)
    else:
        raise SystemExit(f"unknown system {system!r}")


if __name__ == "__main__":
    main()
