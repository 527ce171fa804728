"""Exporting progress: answers or cards as CSV (streamed), the stats as JSON or Markdown."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from sqlalchemy.orm import Session

from srs_wb.errors import SrsError
from srs_wb.formats import stats_csv, stats_markdown
from srs_wb.services.collection import Collection
from srs_wb.services.exporting import write_atomically
from srs_wb.services.stats import Selection, compute_stats, select_range
from srs_wb.storage import stats_queries as queries

FORMATS = {".csv": "csv", ".json": "json", ".md": "md", ".markdown": "md"}
TABLES = ("reviews", "cards")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str  # csv, json or md
    table: str | None  # CSV only: reviews or cards
    rows: int  # CSV: data rows written; JSON and Markdown: answers covered
    since: date
    until: date


def export_format(path: Path, given: str | None) -> str:
    """The format asked for, else the one the file's extension names."""
    if given is not None:
        if given not in set(FORMATS.values()):
            raise SrsError(f"unknown format {given!r}; use csv, json or md")
        return given
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        shown = path.suffix or "(none)"
        raise SrsError(
            f"{path}: cannot tell the format from the extension {shown}; "
            "use .csv, .json or .md, or --format"
        )
    return found


def export_stats(
    collection: Collection,
    path: Path,
    *,
    fmt: str | None = None,
    table: str | None = None,
    deck: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> ExportResult:
    """Write the stats of a range (one deck or all) to `path`, whole or not at all."""
    kind = export_format(path, fmt)
    if table is not None and table not in TABLES:
        raise SrsError(f"unknown table {table!r}; use reviews or cards")
    if table is not None and kind != "csv":
        raise SrsError("--table applies to CSV exports only")
    _check_folder(path)
    if kind == "csv":
        return _export_csv(collection, path, table or "reviews", deck, since, until)
    stats = compute_stats(collection, deck=deck, since=since, until=until)
    data = stats.to_json()
    if kind == "json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        text = stats_markdown.render(data)
    write_atomically(path, text.encode("utf-8"))
    return ExportResult(path, kind, None, stats.totals.reviews, stats.since, stats.until)


def _check_folder(path: Path) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise SrsError(f"{path}: the folder {folder} does not exist")
    if path.is_dir():
        raise SrsError(f"{path}: is a folder")


def _export_csv(
    collection: Collection,
    path: Path,
    table: str,
    deck: str | None,
    since: date | None,
    until: date | None,
) -> ExportResult:
    """Stream the rows into a temporary file beside `path`, then rename it over `path`:
    a million rows never sit in memory, and a crash never leaves half a file."""
    folder = path.parent if str(path.parent) else Path(".")
    temps: list[str] = []

    def temporary() -> tuple[int, str]:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
        temps.append(temp)
        return handle, temp

    try:
        with collection.reading() as session:
            chosen = select_range(collection, session, deck=deck, since=since, until=until)
            handle, temp = temporary()
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                if table == "cards":
                    out.write(stats_csv.header(stats_csv.CARD_COLUMNS))
                    rows = _write(out, queries.card_csv(session, chosen.scope.deck_id))
                else:
                    out.write(stats_csv.header(stats_csv.REVIEW_COLUMNS))
                    rows = _write_reviews(collection, session, chosen, out, temporary)
                out.flush()
                os.fsync(out.fileno())
        os.replace(temp, path)
    except OSError as exc:
        raise SrsError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    finally:
        for leftover in temps:
            Path(leftover).unlink(missing_ok=True)
    return ExportResult(path, "csv", table, rows, chosen.scope.since, chosen.scope.until)


def _write(out: IO[str], chunks: Iterator[tuple[str, int]]) -> int:
    rows = 0
    for text, count in chunks:
        out.write(text)
        rows += count
    return rows


# Building the lines is nearly all the work of a large export, and SQLite does it without
# holding Python's lock, so the log is split in two halves written at once, each through its
# own connection; the second half's file is then appended to the first. The window ends at
# the last id seen when the export began, so answers given meanwhile are left out of both.
PARALLEL_FROM = 200_000  # rows in the log; below this one pass is as quick


def _write_reviews(
    collection: Collection,
    session: Session,
    chosen: Selection,
    out: IO[str],
    temporary: Callable[[], tuple[int, str]],
) -> int:
    ids = queries.review_id_range(session)
    if ids is None:
        return 0
    low, high = ids
    if high - low < PARALLEL_FROM:
        return _write(out, queries.review_csv(session, chosen.scope, ids))
    middle = (low + high) // 2
    handle, second_path = temporary()

    def second_half() -> int:
        with (
            collection.reading() as other,
            os.fdopen(handle, "w", encoding="utf-8", newline="") as second,
        ):
            return _write(second, queries.review_csv(other, chosen.scope, (middle + 1, high)))

    with ThreadPoolExecutor(max_workers=1) as pool:
        later = pool.submit(second_half)
        rows = _write(out, queries.review_csv(session, chosen.scope, (low, middle)))
        rows += later.result()
    with open(second_path, encoding="utf-8", newline="") as second:
        shutil.copyfileobj(second, out, 1 << 20)
    return rows
