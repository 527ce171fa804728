"""srs-wb's side of the suite: each operation, measured with the benchmark modules' own code.

Methods named `op_*` are called by `bench.worker`; `bench.anki_side.AnkiSide` has the same
names for the same operations in Anki's backend.
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

from bench.bench_stats import export_every_answer, stats_json
from bench.bench_study import answer_in_a_row, long_session, open_collection, undo_in_a_row
from bench.stats import per_answer, summarise, timed
from srs_wb.services.collection import Collection
from srs_wb.services.exporting import export_deck
from srs_wb.services.study import StudySession, overview

ONE_DECK = "bench-1"


class SrsWbSide:
    def __init__(self, db: Path, folder: Path) -> None:
        self.db = db
        self.folder = folder
        self._collection: Collection | None = None
        self._session: StudySession | None = None

    @property
    def collection(self) -> Collection:
        if self._collection is None:
            self._collection = open_collection(self.db)
        return self._collection

    def close(self) -> None:
        if self._collection is not None:
            self._collection.close()
            self._collection = self._session = None

    def op_open(self, runs: int) -> dict[str, Any]:
        self.close()
        return timed(lambda: open_collection(self.db).close(), runs)

    def op_overview(self, runs: int) -> dict[str, Any]:
        collection = self.collection
        return timed(lambda: overview(collection), runs)

    def op_queue(self, runs: int) -> dict[str, Any]:
        collection = self.collection
        return timed(lambda: StudySession(collection), runs)

    def op_answer(self, count: int) -> dict[str, Any]:
        self._session = long_session(self.collection)
        return per_answer(*answer_in_a_row(self._session, count))

    def op_undo(self, runs: int) -> dict[str, Any]:
        if self._session is None:  # measured alone: answer first, untimed
            self._session = long_session(self.collection)
            answer_in_a_row(self._session, runs)
        return per_answer(*undo_in_a_row(self._session, runs))

    def op_stats_deck(self, runs: int) -> dict[str, Any]:
        return timed(lambda: stats_json(self.collection, ONE_DECK), runs)

    def op_stats_all(self, runs: int) -> dict[str, Any]:
        return timed(lambda: stats_json(self.collection, None), runs)

    def op_export_reviews(self, runs: int) -> dict[str, Any]:
        out = self.folder / "srs-wb-answers.csv"
        return timed(lambda: export_every_answer(self.collection, out), runs, warmup=0)

    def op_export_deck(self, runs: int) -> dict[str, Any]:
        out = self.folder / "srs-wb-deck.csv"
        return timed(lambda: export_deck(self.collection, ONE_DECK, out), runs)

    # The TUI and the engine are imported only for their own operations, so that the
    # other operations' peak RSS does not count Textual.

    def op_tui(self, runs: int) -> dict[str, Any]:
        from bench.bench_tui import cold_start

        cold_start(self.db, 1)  # the first start installs the built-in course: not timed
        samples, peak = cold_start(self.db, runs)
        return {**summarise(samples), "peak_rss_mb": round(peak, 1)}

    def op_engine(self, count: int, runs: int) -> dict[str, Any]:
        from bench.bench_engine import throughputs
        from srs_wb.engine import kind_names

        rates = throughputs(count, runs)
        kinds = {
            kind: {str(d): round(statistics.median(rates[(kind, d, False)])) for d in (1, 2, 3)}
            for kind in kind_names()
        }
        return {"unit": "exercises per CPU second, median (difficulty 1, 2, 3)", "kinds": kinds}
