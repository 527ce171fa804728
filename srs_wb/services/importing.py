"""Importing decks: files read into `DeckSpec`s, compared with what is stored, written at once."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from srs_wb.errors import ImportFailed
from srs_wb.formats.card_build import card_keys, card_values
from srs_wb.formats.read_result import ReadOptions, ReadResult, Skipped
from srs_wb.formats.spec import AfterLast, CardProgress, DeckSpec, LadderSpec
from srs_wb.scheduling.ladder import Ladder, Phase
from srs_wb.services.collection import Collection
from srs_wb.storage import decks as deck_store
from srs_wb.storage import importing as import_store

# Every file `srs-wb import` reads, by extension (the TUI's file picker offers these).
NATIVE_SUFFIXES = (".toml",)
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
ANKI_SUFFIXES = (".apkg", ".colpkg")
SUPPORTED_SUFFIXES = (*NATIVE_SUFFIXES, *TEXT_SUFFIXES, *ANKI_SUFFIXES)


def supported_suffixes() -> tuple[str, ...]:
    """The file extensions an import reads, lowercase with their dot."""
    return SUPPORTED_SUFFIXES


def is_supported(path: Path | str) -> bool:
    return Path(path).suffix.lower() in SUPPORTED_SUFFIXES


@dataclass
class ImportSummary:
    source: str
    deck_key: str
    deck_name: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    missing: list[str] = field(default_factory=list)  # card ids in the database, not the file
    skipped: list[dict[str, str]] = field(default_factory=list)  # {"item": …, "reason": …}
    dry_run: bool = False
    new_deck: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "deck": self.deck_key,
            "deck_name": self.deck_name,
            "new_deck": self.new_deck,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "missing": self.missing,
            "skipped": self.skipped,
            "dry_run": self.dry_run,
        }

    def describe(self) -> str:
        verb = "would import" if self.dry_run else "imported"
        parts = [
            f"{self.added} added",
            f"{self.updated} updated",
            f"{self.unchanged} unchanged",
        ]
        if self.missing:
            parts.append(f"{len(self.missing)} missing from the file (kept)")
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        lines = [f"{self.source}: {verb} deck {self.deck_name!r} — {', '.join(parts)}"]
        lines += [f"  skipped {item['item']}: {item['reason']}" for item in self.skipped]
        return "\n".join(lines)


# --- Writing one deck ---------------------------------------------------------------------


# A new card's row: the insert's columns, in this order.
_ROW_COLUMNS = ("key", "position", *import_store.CONTENT_FIELDS)
# A card's values that go into its row, in one call.
_STORED_ID = import_store.STORED_COLUMNS.index("id")
_STORED_UNLOCK = import_store.STORED_COLUMNS.index("unlock_after_days")


def _params_text(params: Mapping[str, Any]) -> str:
    return json.dumps(dict(params), sort_keys=True, ensure_ascii=False)


def write_spec(
    collection: Collection,
    session: Session,
    spec: DeckSpec,
    *,
    origin: str,
    now: datetime,
    dry_run: bool = False,
    skipped: Sequence[dict[str, str]] = (),
    keep_unlock: bool = False,
) -> ImportSummary:
    """Bring the stored deck `spec.key` in line with `spec` inside `session`'s transaction.

    Cards are matched by key: changed text updates the card and keeps its history;
    stored cards that the file no longer has are reported as missing and kept.
    `keep_unlock`: the file's format has no `unlock_after` (CSV, Anki), so a stored
    card keeps its own.
    """
    summary = ImportSummary(spec.source, spec.key, spec.name, dry_run=dry_run)
    summary.skipped = list(skipped)
    ladder = spec.ladder
    deck_values: dict[str, Any] = {
        "key": spec.key,
        "name": spec.name,
        "language": spec.language,
        "description": spec.description,
        "origin": origin,
        "ladder_steps": ",".join(str(d) for d in ladder.steps_days) if ladder else None,
        "after_last": str(ladder.after_last) if ladder else None,
        "new_per_day": spec.new_per_day,
        "reviews_per_day": spec.reviews_per_day,
    }
    existing_deck = deck_store.find_deck(session, spec.key)
    summary.new_deck = existing_deck is None or existing_deck.key != spec.key
    deck_id: int | None = None
    if dry_run:
        stored = {}
        if existing_deck is not None and not summary.new_deck:
            stored = import_store.existing_cards(session, existing_deck.id)
    else:
        deck_id, _ = deck_store.upsert_deck(session, now=now, **deck_values)
        stored = import_store.existing_cards(session, deck_id)

    today = collection.day_clock.day(now)
    state_ladder = ladder or Ladder()
    inserts: list[tuple[Any, ...]] = []  # new cards, new on the ladder too
    placed: list[tuple[Any, ...]] = []  # new cards with progress from another program
    updates: list[dict[str, Any]] = []
    added = unchanged = 0
    keys = card_keys(spec.cards)
    seen = set(keys)
    repeats = len(seen) != len(keys)
    repeated: set[str] = set()  # keys met so far, kept only when the spec repeats a key
    # The hot loop of a 100,000-card import: each card's values come out in one step (from
    # a bulk reader's columns, without a CardSpec), and a stored card is compared with the
    # row it would have, (key, id, position, *content), in one comparison. Keys are checked
    # for repeats in one step above, so the loop tracks them only when there are some.
    for position, card in enumerate(card_values(spec.cards)):
        key, kind, front, back, exercise, params, difficulty, tags, unlock, progress, suspended = (
            card
        )
        if repeats:
            if key in repeated:
                summary.skipped.append(
                    {"item": f"card {key}", "reason": "the same card id as an earlier card"}
                )
                continue
            repeated.add(key)
        old = stored.get(key)
        if keep_unlock and old is not None:
            unlock = old[_STORED_UNLOCK]  # the file has none: the stored card keeps its own
        # A CardKind is a str: it is stored and compared as its value, without Enum lookups.
        params_text = _params_text(params) if params else None
        content = (kind, front, back, exercise, params_text, difficulty, " ".join(tags), unlock)
        if old is None:
            added += 1
            if progress is None and not suspended:
                inserts.append((key, position, *content))
            else:
                state = _initial_state(progress, suspended, state_ladder, today)
                placed.append((key, position, *content, *state))
            continue
        if (key, old[_STORED_ID], position, *content) == old:
            unchanged += 1
            continue
        if content != old[import_store.STORED_CONTENT :]:
            summary.updated += 1
        else:
            unchanged += 1  # only its place in the deck moved
        values = dict(zip(import_store.CONTENT_FIELDS, content, strict=True))
        updates.append({"card_id": old[_STORED_ID], "position": position, **values})
    summary.added += added
    summary.unchanged += unchanged
    summary.missing = sorted(stored.keys() - seen)
    if not dry_run:
        common = {"deck_id": deck_id}
        import_store.insert_cards(session, inserts, _ROW_COLUMNS, common | _new_state(now))
        import_store.insert_cards(
            session, placed, _PLACED_CARD_COLUMNS, common | {"updated_at": now}
        )
        import_store.update_cards(session, updates, now)
        deck_store.recount(session, deck_id)  # type: ignore[arg-type]
    return summary


_STATE_COLUMNS = ("suspended", "phase", "step", "interval_days", "due_day", "reps", "lapses")
_PLACED_CARD_COLUMNS = (*_ROW_COLUMNS, *_STATE_COLUMNS)


def _new_state(now: datetime) -> dict[str, Any]:
    """The scheduling columns every new card shares."""
    return {
        "suspended": False,
        "updated_at": now,
        "phase": Phase.NEW,
        "step": 0,
        "interval_days": 0,
        "due_day": None,
        "reps": 0,
        "lapses": 0,
    }


def _initial_state(
    progress: CardProgress | None, suspended: bool, ladder: Ladder, today: date
) -> tuple[Any, ...]:
    """A card's scheduling columns (`_STATE_COLUMNS`) from its progress in another program."""
    if progress is None or progress.step <= 0:
        return (suspended, Phase.NEW, 0, 0, None, 0, 0)
    step = min(progress.step, ladder.last)
    return (
        suspended,
        Phase.REVIEW,
        step,
        ladder.interval_of(step),
        today + timedelta(days=max(0, progress.due_in_days)),
        progress.reps,
        progress.lapses,
    )


def import_specs(
    collection: Collection, specs: Sequence[DeckSpec], *, origin: str, dry_run: bool = False
) -> list[ImportSummary]:
    """Write several decks in one transaction: all of them or (on any error) none."""
    now = collection.now()
    with collection.writing() as session:
        summaries = [
            write_spec(collection, session, spec, origin=origin, now=now, dry_run=dry_run)
            for spec in specs
        ]
        if dry_run:
            session.rollback()
    return summaries


# --- Reading files ------------------------------------------------------------------------


def read_file(path: Path, options: ReadOptions | None = None) -> ReadResult:
    """Every deck in `path`, read by the reader its extension names, and what was skipped."""
    options = options or ReadOptions()
    suffix = path.suffix.lower()
    if suffix in NATIVE_SUFFIXES:
        from srs_wb.formats.toml_deck import read_deck

        return ReadResult((read_deck(path),), origin="toml")
    if suffix in TEXT_SUFFIXES:
        from srs_wb.formats.csv_deck import read_text_deck

        return read_text_deck(path, options)
    if suffix in ANKI_SUFFIXES:
        from srs_wb.formats.apkg import read_apkg

        return read_apkg(path, options)
    known = ", ".join(SUPPORTED_SUFFIXES)
    raise ImportFailed(
        f"{path}: not a deck file srs-wb reads (expected {known})"
        if suffix
        else f"{path}: a deck file needs an extension ({known})"
    )


def import_paths(
    collection: Collection,
    paths: Sequence[Path],
    *,
    dry_run: bool = False,
    deck: str | None = None,
    encoding: str | None = None,
    with_progress: bool = False,
) -> list[ImportSummary]:
    """Read every file, then write all their decks in one transaction (or nothing).

    `deck` puts the cards of CSV, text and Anki files into that one deck (an existing
    deck's id or name, or a new name); `encoding` is that of CSV and text files;
    `with_progress` carries Anki's scheduling over instead of starting cards as new.
    """
    from srs_wb.formats.text_rows import check_encoding

    if deck is not None and not deck.strip():
        raise ImportFailed("--deck needs a deck name")
    options = ReadOptions(
        deck=deck.strip() if deck else None,
        encoding=check_encoding(encoding),
        with_progress=with_progress,
        now=collection.now(),
    )
    with _collector_paused():
        # Every file is read, and so checked, before anything is written.
        results = [read_file(Path(path), options) for path in paths]
        summaries = import_results(collection, results, dry_run=dry_run, deck=options.deck)
        del results  # the cards go while the collector is paused (see `_collector_paused`)
    return summaries


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a bulk import builds its objects.

    A 100,000-row file makes millions of objects that all live until the import ends, and
    the collector kept walking them: a third of a CSV import's time. They hold no cycles,
    so pausing it frees nothing later than it would have been freed anyway. The block
    should drop them before it ends: the first collection after the pause walks every
    object made during it that is still alive (a sixth of a re-import's time, when the
    cards were still held).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def import_results(
    collection: Collection,
    results: Sequence[ReadResult],
    *,
    dry_run: bool = False,
    deck: str | None = None,
) -> list[ImportSummary]:
    """Write what readers returned, all in one transaction: every deck or (on error) none.

    Decks of the same id from several files are merged. A deck that came from a CSV or an
    Anki file into a deck that is already there keeps that deck's name, language,
    description, ladder and limits: those formats carry none of their own.
    """
    now = collection.now()
    batches = _batches(results)
    with collection.writing() as session:
        summaries = []
        for batch in batches:
            spec = batch.spec
            if batch.origin != "toml":
                spec = _onto_stored_deck(session, spec, deck)
            summaries.append(
                write_spec(
                    collection,
                    session,
                    spec,
                    origin=batch.origin,
                    now=now,
                    dry_run=dry_run,
                    skipped=[item.to_dict() for item in batch.skipped],
                    keep_unlock=batch.origin != "toml",
                )
            )
        if dry_run:
            session.rollback()
    return summaries


@dataclass
class _Batch:
    spec: DeckSpec
    origin: str
    skipped: list[Skipped]


def _batches(results: Sequence[ReadResult]) -> list[_Batch]:
    """One batch per deck id, in the order first met; each skipped item with its deck."""
    batches: dict[str, _Batch] = {}
    for result in results:
        keys = []
        for spec in result.decks:
            keys.append(spec.key)
            batch = batches.get(spec.key)
            if batch is None:
                batches[spec.key] = _Batch(spec, result.origin, [])
            else:
                batch.spec, duplicates = _merged(batch.spec, spec)
                batch.skipped.extend(duplicates)
        for item in result.skipped:
            key = item.deck if item.deck in keys else (keys[0] if keys else None)
            if key is not None:
                batches[key].skipped.append(item)
    return list(batches.values())


def _merged(first: DeckSpec, other: DeckSpec) -> tuple[DeckSpec, list[Skipped]]:
    known = {card.key for card in first.cards}
    duplicates = [
        Skipped(f"{other.source}: card {card.key}", f"the same card as in {first.source}")
        for card in other.cards
        if card.key in known
    ]
    cards = (*first.cards, *(card for card in other.cards if card.key not in known))
    return replace(first, cards=cards, source=f"{first.source}, {other.source}"), duplicates


def _onto_stored_deck(session: Session, spec: DeckSpec, deck: str | None) -> DeckSpec:
    """`spec` aimed at the stored deck it belongs to, keeping that deck's own settings."""
    from srs_wb.formats.naming import deck_key

    record = None
    if deck is not None and spec.key == deck_key(deck):
        record = deck_store.find_deck(session, deck)  # --deck may name a deck by id or name
    if record is None:
        found = deck_store.find_deck(session, spec.key)
        record = found if found is not None and found.key == spec.key else None
    if record is None:
        return spec
    ladder = None
    if record.ladder_steps:
        ladder = LadderSpec(
            tuple(int(days) for days in record.ladder_steps.split(",")),
            AfterLast(record.after_last or AfterLast.REPEAT),
        )
    return replace(
        spec,
        key=record.key,
        name=record.name,
        language=record.language,
        description=record.description,
        ladder=ladder,
        new_per_day=record.new_per_day,
        reviews_per_day=record.reviews_per_day,
    )
