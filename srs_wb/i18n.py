"""The interface in the learner's language: gettext catalogues with the English text as msgids.

The catalogues live in `srs_wb/locale/<lang>/LC_MESSAGES/srs_wb.po` (the source) and
`srs_wb.mo` (compiled, committed, loaded by the standard library's `gettext`). English
needs no catalogue: a msgid is its own English text.

Code marks a string with `_("...")` (translated now, in the active language),
`ngettext("... one", "... many", n)` for a count, or `N_("...")` for a string kept at class
level and translated when it is shown (binding descriptions). To add or change a string::

    pybabel extract -o /tmp/srs_wb.pot -k N_ srs_wb/tui srs_wb/cli srs_wb/i18n.py srs_wb/labels.py
    pybabel update -i /tmp/srs_wb.pot -d srs_wb/locale -D srs_wb --no-fuzzy-matching
    # translate the new entries in srs_wb/locale/bg/LC_MESSAGES/srs_wb.po, then
    pybabel compile -d srs_wb/locale -D srs_wb

`tests/tui/test_i18n.py` fails when a marked string has no Bulgarian translation or when the
committed `.mo` does not match the `.po`.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

DOMAIN = "srs_wb"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("bg", "en")
LANGUAGE_NAMES = {"bg": "Български", "en": "English"}  # each in its own language


class Translator:
    """The messages of one language: call it with a msgid, or `.plural(one, many, n)`."""

    def __init__(self, lang: str, catalogue: gettext.NullTranslations) -> None:
        self.lang = lang
        self._catalogue = catalogue

    def __call__(self, message: str) -> str:
        return self._catalogue.gettext(message)

    def plural(self, singular: str, plural: str, n: int) -> str:
        return self._catalogue.ngettext(singular, plural, n)

    def __repr__(self) -> str:
        return f"Translator({self.lang!r})"


@cache
def translator(lang: str | None) -> Translator:
    """The translator for `lang` ("bg", "en"); English (the msgids) for anything unknown."""
    code = lang if lang in LANGUAGES else "en"
    catalogue = gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)
    return Translator(code, catalogue)


# The interface shows one language at a time; the app activates it when it starts and
# when the learner changes it, and every screen reads it through `_` and `ngettext`.
_active: Translator = translator("en")


def activate(lang: str | None) -> Translator:
    """Make `lang` the language of `_` and `ngettext`; returns its translator."""
    global _active
    _active = translator(lang)
    return _active


def active_language() -> str:
    return _active.lang


def _(message: str) -> str:
    """`message` in the active language."""
    return _active(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the active language."""
    return _active.plural(singular, plural, n)


def N_(message: str) -> str:
    """Mark `message` for translation without translating it yet."""
    return message
