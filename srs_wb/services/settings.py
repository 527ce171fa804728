"""The learner's settings, their defaults, and the checks on new values."""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, fields, replace
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from srs_wb.errors import SrsError

LANGUAGES = ("bg", "en")


@dataclass(frozen=True)
class Settings:
    language: str | None = None  # None: from the locale
    new_per_day: int = 20
    reviews_per_day: int = 200
    rollover_hour: int = 4
    timezone: str | None = None  # None: the machine's zone
    theme: str = "textual-dark"

    def with_values(self, values: dict[str, Any]) -> Settings:
        known = {f.name for f in fields(self)}
        clean = {}
        for key, value in values.items():
            if key in known:
                try:
                    clean[key] = check_setting(key, value)
                except SrsError:
                    continue  # a stored value that is no longer valid keeps its default
        return replace(self, **clean)


def _int_in(key: str, value: Any, low: int, high: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise SrsError(f"setting {key}: expected a whole number, got {value!r}") from None
    if isinstance(value, float) and not value.is_integer():
        raise SrsError(f"setting {key}: expected a whole number, got {value!r}")
    if not low <= number <= high:
        raise SrsError(f"setting {key}: expected {low}–{high}, got {number}")
    return number


def check_setting(key: str, value: Any) -> Any:
    """The value to store for `key`, or SrsError saying what is expected."""
    if key == "language":
        if value in (None, ""):
            return None
        if value not in LANGUAGES:
            raise SrsError(f"setting language: expected one of {', '.join(LANGUAGES)}")
        return value
    if key == "new_per_day":
        return _int_in(key, value, 0, 9999)
    if key == "reviews_per_day":
        return _int_in(key, value, 0, 99999)
    if key == "rollover_hour":
        return _int_in(key, value, 0, 23)
    if key == "timezone":
        if value in (None, ""):
            return None
        try:
            ZoneInfo(str(value))
        except (ZoneInfoNotFoundError, ValueError):
            raise SrsError(f"setting timezone: unknown time zone {value!r}") from None
        return str(value)
    if key == "theme":
        if not isinstance(value, str) or not value.strip():
            raise SrsError("setting theme: expected a theme name")
        return value.strip()
    raise SrsError(f"unknown setting {key!r}; known: {', '.join(f.name for f in fields(Settings))}")


def locale_language(environ: dict[str, str] | None = None) -> str:
    """bg for a Bulgarian locale (bg_BG.UTF-8 …), en for anything else."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var)
        if value:
            return "bg" if value.lower().startswith("bg") else "en"
    return "en"


def machine_zone() -> ZoneInfo:
    """The machine's zone as it is now. tzlocal keeps its first answer for the life of the
    process, so it is asked to look again: a running app then follows a change of zone
    (callers keep the answer for a while; a fresh look costs up to a millisecond or two)."""
    import tzlocal

    try:
        with warnings.catch_warnings():
            # After a change, tzlocal sees the C library still on the offset the process
            # started with and warns about it; that is expected and harmless here.
            warnings.simplefilter("ignore")
            tzlocal.reload_localzone()
        return ZoneInfo(tzlocal.get_localzone_name() or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")
