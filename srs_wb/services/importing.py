"""Importing decks: a `DeckSpec` compared with what is stored, then written in one transaction."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from srs_wb.formats.spec import CardSpec, DeckSpec
from srs_wb.scheduling.ladder import Ladder, Phase
from srs_wb.services.collection import Collection
from srs_wb.storage import decks as deck_store
from srs_wb.storage import importing as import_store


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


def _content(card: CardSpec, tags_text: str) -> dict[str, Any]:
    return {
        "kind": str(card.kind),
        "front": card.front,
        "back": card.back,
        "exercise": card.exercise,
        "params": json.dumps(dict(card.params), sort_keys=True, ensure_ascii=False)
        if card.params
        else None,
        "difficulty": card.difficulty,
        "tags": tags_text,
        "unlock_after_days": card.unlock_after_days,
    }


def write_spec(
    collection: Collection,
    session: Session,
    spec: DeckSpec,
    *,
    origin: str,
    now: datetime,
    dry_run: bool = False,
    skipped: Sequence[dict[str, str]] = (),
) -> ImportSummary:
    """Bring the stored deck `spec.key` in line with `spec` inside `session`'s transaction.

    Cards are matched by key: changed text updates the card and keeps its history;
    stored cards that the file no longer has are reported as missing and kept.
    """
    summary = ImportSummary(spec.source, spec.key, spec.name, dry_run=dry_run)
    summary.skipped = list(skipped)
    ladder = spec.ladder
    deck_values = {
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
    if dry_run:
        stored = {} if summary.new_deck else import_store.existing_cards(session, existing_deck.id)  # type: ignore[union-attr]
        deck_id = None
    else:
        deck_id, _ = deck_store.upsert_deck(session, now=now, **deck_values)
        stored = import_store.existing_cards(session, deck_id)

    today = collection.day_clock.day(now)
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    seen: set[str] = set()
    for position, card in enumerate(spec.cards):
        seen.add(card.key)
        content = _content(card, " ".join(card.tags))
        old = stored.get(card.key)
        if old is None:
            summary.added += 1
            row = {"deck_id": deck_id, "key": card.key, "position": position, **content}
            row.update(_initial_state(card, ladder or Ladder(), today, now))
            inserts.append(row)
            continue
        changed = any(old[name] != value for name, value in content.items())
        if changed:
            summary.updated += 1
        else:
            summary.unchanged += 1
        if changed or old["position"] != position:
            updates.append({"card_id": old["id"], "position": position, **content})
    summary.missing = sorted(key for key in stored if key not in seen)
    if not dry_run:
        import_store.insert_cards(session, inserts)
        import_store.update_cards(session, updates, now)
        deck_store.recount(session, deck_id)  # type: ignore[arg-type]
    return summary


def _initial_state(card: CardSpec, ladder: Ladder, today: date, now: datetime) -> dict[str, Any]:
    state: dict[str, Any] = {"suspended": card.suspended, "updated_at": now}
    progress = card.progress
    if progress is None or progress.step <= 0:
        return {**state, "phase": Phase.NEW, "step": 0, "interval_days": 0, "reps": 0, "lapses": 0}
    return {
        **state,
        "phase": Phase.REVIEW,
        "step": min(progress.step, ladder.last),
        "interval_days": ladder.interval_of(min(progress.step, ladder.last)),
        "due_day": today + timedelta(days=max(0, progress.due_in_days)),
        "reps": progress.reps,
        "lapses": progress.lapses,
    }


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


def read_file(path: Path) -> DeckSpec:
    """The deck in `path`, read by the reader its extension names."""
    from srs_wb.errors import ImportFailed
    from srs_wb.formats.toml_deck import read_deck

    if path.suffix.lower() == ".toml":
        return read_deck(path)
    raise ImportFailed(f"{path}: not a deck file srs-wb reads (expected .toml)")


def import_paths(
    collection: Collection, paths: Sequence[Path], *, dry_run: bool = False
) -> list[ImportSummary]:
    specs = [read_file(path) for path in paths]  # every file is read before anything is written
    return import_specs(collection, specs, origin="toml", dry_run=dry_run)
