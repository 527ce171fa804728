"""Turning data into what the screens show: inert card text, grades, intervals, days, values."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from rich.markdown import Markdown
from rich.text import Text

from srs_wb.display import inert
from srs_wb.i18n import _, ngettext


def plain(text: str, style: str = "") -> Text:
    """File-borne text (a card, a deck name, a typed answer) as inert text: no markup is
    read from it and no control character reaches the terminal."""
    return Text(inert(text), style=style)


# Anything that Markdown would format: emphasis, code, headings, quotes, lists, links, tables.
_MARKDOWN = re.compile(r"[*_`#>|\[\]<]|^\s*(?:[-+]\s|\d+[.)]\s)|\n\s*\n", re.MULTILINE)


def card_markdown(text: str, *, dark: bool = True) -> Markdown | Text:
    """A card's front or back: Markdown with highlighted code blocks, never console markup.

    Rich's Markdown renders in one widget update (the Markdown widget mounts a widget per
    block, too slow between two cards); links are shown but not made clickable. Text with
    nothing to format skips the Markdown parser, which is most of the time between cards.
    """
    clean = inert(text).strip()
    if not _MARKDOWN.search(clean):
        return Text(" ".join(line.strip() for line in clean.splitlines()))  # as Markdown would
    return Markdown(
        clean,
        code_theme="monokai" if dark else "default",
        hyperlinks=False,
        inline_code_lexer="python",
    )


def day(when: date | None, today: date) -> str:
    """A day relative to today: "today", "tomorrow", "in 3 days (2026-03-05)"."""
    if when is None:
        return _("not scheduled")
    delta = (when - today).days
    if delta == 0:
        return _("today")
    if delta == 1:
        return _("tomorrow")
    if delta == -1:
        return _("yesterday")
    if delta > 1:
        text = ngettext("in {n} day", "in {n} days", delta).format(n=delta)
    else:
        text = ngettext("{n} day ago", "{n} days ago", -delta).format(n=-delta)
    return f"{text} ({when.isoformat()})"


def value(answer: Any) -> str:
    """A number, a vector or a yes/no as the learner would type it."""
    if isinstance(answer, bool):
        return _("yes") if answer else _("no")
    if isinstance(answer, tuple):
        return "[" + ", ".join(f"{v:g}" for v in answer) + "]"
    if isinstance(answer, float):
        return f"{answer:g}"
    return inert(str(answer))


def duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    if minutes:
        return _("{m} min {s} s").format(m=minutes, s=secs)
    return _("{s} s").format(s=secs)
