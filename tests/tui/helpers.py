"""Reading what the app shows, and what it wrote, from the tests."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from sqlalchemy import create_engine, select, text
from textual.widget import Widget
from textual.widgets import Static


def shown(widget: Widget) -> str:
    """The text a Static shows (Rich text, a table or Markdown), as plain text."""
    if not isinstance(widget, Static):
        raise TypeError(f"not a Static: {widget!r}")
    console = Console(width=200, file=io.StringIO(), color_system=None, record=True)
    console.print(widget.content)
    return console.export_text()


def footer_keys(screen: Widget) -> list[tuple[str, str]]:
    """(key, description) of each key the footer shows."""
    return [(key.key, key.description) for key in screen.query("FooterKey")]  # type: ignore[attr-defined]


def reviews(db: Path) -> list[dict[str, object]]:
    """The review log, oldest first, as plain rows."""
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT r.rating, r.typed, r.correct, c.key FROM reviews r "
                    "JOIN cards c ON c.id = r.card_id ORDER BY r.id"
                )
            ).mappings()
            return [dict(row) for row in rows]
    finally:
        engine.dispose()


def card_flags(db: Path, key: str) -> dict[str, object]:
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as connection:
            row = (
                connection.execute(
                    select(text("suspended, phase, step"))
                    .select_from(text("cards"))
                    .where(text("key = :key")),
                    {"key": key},
                )
                .mappings()
                .one()
            )
            return dict(row)
    finally:
        engine.dispose()


def render_text(renderable: object, width: int = 200) -> str:
    """A Rich renderable as plain text, trailing spaces removed from each line."""
    console = Console(width=width, file=io.StringIO(), color_system=None, record=True)
    console.print(renderable)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())
