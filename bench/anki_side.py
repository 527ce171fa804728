"""Anki's side of the suite: the same workload and operations through Anki's Rust backend.

Needs the `anki` package (`pip install -e '.[anki]'`, in a venv of its own). The study
collection is the srs-wb workload copied card for card: its cards are imported from a
CSV (one note each, in five subdecks of "Bench"), then every card's state and every
review-log row are written through Anki's DB channel, shifted so that the workload's
"today" is Anki's today; so the same ~9% of cards are due. Methods named `op_*` mirror
`bench.srs_side.SrsWbSide`; the runner calls them through `bench.worker`.

    python -m bench.anki_side --build WORKLOAD.db COLLECTION.anki2
    python -m bench.anki_side --empty COLLECTION.anki2
    python -m bench.anki_side --worker COLLECTION.anki2 FILE.csv    # one import, timed
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import tempfile
import time
from datetime import UTC, datetime
from datetime import time as clock_time
from functools import partial
from pathlib import Path
from typing import Any

from anki.buildinfo import version as anki_version

# anki.cards cannot be imported before anki.collection (a circular import): take Card
# from where the collection module has it.
from anki.collection import Card, Collection, DeckIdLimit, ImportCsvRequest
from anki.scheduler_pb2 import CardAnswer

from bench.bench_import import measure
from bench.stats import in_a_row, peak_rss_mb, per_answer, timed

PARENT = "Bench"
ONE_DECK = "bench-1"
STATS_DAYS = 365
# Anki's day starts at its rollover hour (default 4) in local time, as the workload's
# does in UTC: the runner starts Anki's processes with TZ=UTC so the days line up.
ENV = {**os.environ, "TZ": "UTC", "PYTHONDONTWRITEBYTECODE": "1"}
BATCH = 50_000
HEADER = (
    "#separator:comma\n#html:false\n#notetype:Basic\n"
    "#guid column:1\n#tags column:4\n#deck column:5\n"
)


def deck_name(key: str) -> str:
    return f"{PARENT}::{key}"


def versions() -> dict[str, str]:
    collection = Collection(os.path.join(tempfile.mkdtemp(prefix="anki-version-"), "c.anki2"))
    sqlite = str(collection.db.scalar("select sqlite_version()"))
    collection.close()
    return {"anki": anki_version, "anki_sqlite": sqlite}


# Building the study collection -------------------------------------------------------


def _write_notes_csv(out: Path, rows: Any) -> None:
    """One note per srs-wb card: guid, front, back, tags, deck (exercises get a front)."""
    with open(out, "w", encoding="utf-8", newline="") as file:
        file.write(HEADER)
        writer = csv.writer(file)
        for card_id, deck_key, exercise, front, back, tags in rows:
            front = front or f"exercise {exercise}, card {card_id}"
            writer.writerow([f"srs{card_id}", front, back, tags, deck_name(deck_key)])


def build(workload: Path, path: Path) -> dict[str, Any]:
    """Copy the srs-wb workload at `workload` into a new Anki collection at `path`."""
    from sqlalchemy import select

    from bench.bench_study import open_collection
    from srs_wb.scheduling import Phase
    from srs_wb.storage.models import Card as SrsCard
    from srs_wb.storage.models import Deck, Review

    started = time.perf_counter()
    source = open_collection(workload)
    today = source.today()
    collection = Collection(str(path))
    # Start the collection before the history so that every due day is a positive number.
    collection.db.execute("update col set crt = crt - ?", 800 * 86400)
    collection.close()
    collection = Collection(str(path))
    notes = path.with_suffix(".csv")
    with source.reading() as session:
        rows = session.execute(
            select(
                SrsCard.id, Deck.key, SrsCard.exercise, SrsCard.front, SrsCard.back, SrsCard.tags
            )
            .join(Deck, SrsCard.deck_id == Deck.id)
            .order_by(SrsCard.deck_id, SrsCard.position)
        )
        _write_notes_csv(notes, rows)
    metadata = collection.get_csv_metadata(path=str(notes), delimiter=None)
    collection.import_csv(ImportCsvRequest(path=str(notes), metadata=metadata))
    notes.unlink()
    card_ids = {
        int(guid[3:]): cid
        for cid, guid in collection.db.all(
            "select c.id, n.guid from cards c join notes n on c.nid = n.id"
        )
    }

    anki_today = collection.sched.today
    # Seconds to add to a workload moment to put it on the same day of Anki's calendar.
    workload_day_start = datetime.combine(today, clock_time(4), tzinfo=UTC).timestamp()
    shift = (collection.sched.day_cutoff - 86400) - workload_day_start
    now = int(time.time())
    states = []
    due = 0
    with source.reading() as session:
        for row in session.execute(
            select(
                SrsCard.id,
                SrsCard.phase,
                SrsCard.interval_days,
                SrsCard.due_day,
                SrsCard.reps,
                SrsCard.lapses,
                SrsCard.suspended,
            )
        ):
            card_id, phase, interval, due_day, reps, lapses, suspended = row
            if phase is Phase.NEW and not suspended:
                continue  # as imported: new, in import order
            if phase is Phase.REVIEW:
                kind, queue, when = 2, 2, anki_today + (due_day - today).days
                due += due_day <= today and not suspended
            elif phase is Phase.LEARNING:
                kind, queue, when = 1, 1, now
            else:
                kind, queue, when = 0, 0, 0
            left = 1001 if phase is Phase.LEARNING else 0
            queue = -1 if suspended else queue
            factor = 0 if phase is Phase.NEW else 2500
            states.append(
                (kind, queue, when, interval, factor, reps, lapses, left, now, card_ids[card_id])
            )
    collection.db.transact(
        lambda: collection.db.executemany(
            "update cards set type=?, queue=?, due=?, ivl=?, factor=?, reps=?, lapses=?,"
            " left=?, mod=?, usn=-1 where id=?",
            states,
        )
    )

    written = 0
    last_ms = 0
    last_interval: dict[int, int] = {}
    reviewed: set[int] = set()
    batch: list[tuple[int, ...]] = []

    def flush() -> None:
        collection.db.transact(
            lambda: collection.db.executemany(
                "insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
                " values (?, ?, -1, ?, ?, ?, ?, ?, ?)",
                batch,
            )
        )
        batch.clear()

    with source.reading() as session:
        history = session.execute(
            select(
                Review.card_id,
                Review.reviewed_at,
                Review.rating,
                Review.phase_before,
                Review.interval_days,
                Review.duration_ms,
            ).order_by(Review.reviewed_at, Review.id)
        )
        for card_id, moment, rating, phase, interval, duration in history:
            cid = card_ids[card_id]
            # Review-log ids are milliseconds and must be unique: nudge ties apart.
            last_ms = max(int((moment.timestamp() + shift) * 1000), last_ms + 1)
            if phase is Phase.REVIEW:
                kind = 1
                reviewed.add(cid)
            else:
                kind = 2 if cid in reviewed else 0
            ivl = interval if interval > 0 else -600
            factor = 0 if kind == 0 else 2500
            batch.append(
                (
                    last_ms,
                    cid,
                    int(rating),
                    ivl,
                    last_interval.get(cid, 0),
                    factor,
                    min(duration, 60_000),
                    kind,
                )
            )
            last_interval[cid] = ivl
            written += 1
            if len(batch) >= BATCH:
                flush()
    if batch:
        flush()
    source.close()
    collection.close()
    return {
        "cards": len(card_ids),
        "reviews": written,
        "due_today": due,
        "due_share": round(due / max(1, len(card_ids)), 3),
        "build_seconds": round(time.perf_counter() - started, 1),
        "db_file_mb": round(path.stat().st_size / 1e6, 1),
    }


# Import, each in a fresh process -----------------------------------------------------


def empty(path: Path) -> None:
    Collection(str(path)).close()


def import_worker(db: Path, source: Path) -> None:
    """Import `source` into `db` as Anki's import dialog does (read the file's options,
    then import), and print the time it took and this process's peak RSS."""
    collection = Collection(str(db))
    started, used = time.perf_counter(), time.process_time()
    metadata = collection.get_csv_metadata(path=str(source), delimiter=None)
    log = collection.import_csv(ImportCsvRequest(path=str(source), metadata=metadata)).log
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - used
    collection.close()
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": cpu_seconds,
                "rss_mb": peak_rss_mb(),
                "added": len(log.new),
                "unchanged": len(log.duplicate),
            }
        )
    )


# bench.bench_import.measure for Anki: one import in a fresh process.
measure_import = partial(measure, worker="bench.anki_side", env=ENV)


# The study operations ----------------------------------------------------------------


class AnkiSide:
    def __init__(self, path: Path, folder: Path) -> None:
        self.path = path
        self.folder = folder
        self._collection: Collection | None = None
        self._answered = False

    @property
    def collection(self) -> Collection:
        if self._collection is None:
            self._collection = Collection(str(self.path))
            self._collection.decks.select(self._deck_id(None))
        return self._collection

    def close(self) -> None:
        if self._collection is not None:
            self._collection.close()
            self._collection = None

    def _deck_id(self, key: str | None) -> int:
        """The id of a bench deck, or of their parent (None)."""
        found = self.collection.decks.id(deck_name(key) if key else PARENT, create=False)
        assert found is not None
        return int(found)

    def _set_limits(self, new: int, reviews: int) -> None:
        """Every bench deck shares the default options group: set its daily limits (at most
        9,999, as in Anki's deck options; a larger number is silently not stored)."""
        decks = self.collection.decks
        config = decks.config_dict_for_deck_id(self._deck_id(ONE_DECK))
        config["new"]["perDay"], config["rev"]["perDay"] = new, reviews
        decks.update_config(config)

    def op_versions(self) -> dict[str, str]:
        return versions()

    def op_open(self, runs: int) -> dict[str, Any]:
        self.close()  # Anki holds an exclusive lock on an open collection
        return timed(lambda: Collection(str(self.path)).close(), runs)

    def op_overview(self, runs: int) -> dict[str, Any]:
        scheduler = self.collection.sched
        return timed(scheduler.deck_due_tree, runs)

    def op_queue(self, runs: int) -> dict[str, Any]:
        collection = self.collection
        parent, other = self._deck_id(None), self._deck_id(ONE_DECK)

        def select_again() -> None:
            # Selecting another deck and back (two clicks in the deck list) discards the
            # built queue, so that each run builds it again; the clicks are not timed.
            collection.decks.select(other)
            collection.decks.select(parent)

        return timed(
            lambda: collection.sched.get_queued_cards(fetch_limit=1), runs, setup=select_again
        )

    def op_answer(self, count: int) -> dict[str, Any]:
        self._set_limits(new=1000, reviews=9999)  # as bench_study.long_session
        self._answered = True
        return per_answer(*in_a_row(self._answer_good, count))

    def _answer_good(self) -> bool:
        """Next card → Good → committed, as Anki's reviewer does it."""
        scheduler = self.collection.sched
        queued = scheduler.get_queued_cards(fetch_limit=1)
        if not queued.cards:
            return False
        top = queued.cards[0]
        card = Card(self.collection, backend_card=top.card)
        card.start_timer()
        answer = scheduler.build_answer(card=card, states=top.states, rating=CardAnswer.GOOD)
        scheduler.answer_card(answer)
        return True

    def op_undo(self, runs: int) -> dict[str, Any]:
        if not self._answered:  # measured alone: answer first, untimed
            self._set_limits(new=1000, reviews=9999)
            in_a_row(self._answer_good, runs)
        collection = self.collection

        def undo() -> bool:
            if not collection.undo_status().undo:
                return False
            collection.undo()
            return True

        return per_answer(*in_a_row(undo, runs))

    def _graphs(self, search: str, runs: int) -> dict[str, Any]:
        # What Anki's statistics screen asks the backend for (the search, 365 days).
        backend = self.collection._backend
        return timed(lambda: backend.graphs(search=search, days=STATS_DAYS), runs)

    def op_stats_deck(self, runs: int) -> dict[str, Any]:
        return self._graphs(f'"deck:{deck_name(ONE_DECK)}"', runs)

    def op_stats_all(self, runs: int) -> dict[str, Any]:
        return self._graphs("deck:*", runs)

    def op_export_deck(self, runs: int) -> dict[str, Any]:
        out = str(self.folder / "anki-deck.csv")
        limit = DeckIdLimit(self._deck_id(ONE_DECK))

        def export() -> None:
            self.collection.export_note_csv(
                out_path=out,
                limit=limit,
                with_html=False,
                with_tags=True,
                with_deck=False,
                with_notetype=False,
                with_guid=True,
            )

        return timed(export, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--build", nargs=2, type=Path, metavar=("WORKLOAD", "COLLECTION"))
    parser.add_argument("--empty", type=Path, metavar="COLLECTION")
    parser.add_argument("--worker", nargs=2, type=Path, metavar=("COLLECTION", "FILE"))
    args = parser.parse_args()
    if args.build:
        print(json.dumps(build(*args.build)))
    elif args.empty:
        empty(args.empty)
    elif args.worker:
        import_worker(*args.worker)
    else:
        parser.error("nothing to do")


if __name__ == "__main__":
    main()
