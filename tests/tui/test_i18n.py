"""The interface's translations: every marked string has Bulgarian, the committed .mo is the
compiled .po, placeholders survive translation, and unknown languages fall back to English."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from srs_wb import i18n

ROOT = Path(i18n.__file__).resolve().parent
PO = ROOT / "locale" / "bg" / "LC_MESSAGES" / "srs_wb.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def catalog():
    with PO.open("rb") as handle:
        return read_po(handle, locale="bg", domain="srs_wb")


def marked_strings() -> set[str]:
    """Every msgid the interface marks, as `pybabel extract -k N_` finds them."""
    method_map = [
        ("tui/**.py", "python"),
        ("cli/**.py", "python"),
        ("i18n.py", "python"),
        ("labels.py", "python"),
    ]
    return {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT, method_map=method_map, keywords=KEYWORDS
        )
    }


def test_every_marked_string_has_a_bulgarian_translation() -> None:
    messages = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog() if m.id}
    marked = marked_strings()
    assert len(marked) > 100
    missing = sorted(marked - set(messages))
    assert missing == [], f"not in the .po (run pybabel extract/update): {missing}"
    untranslated = sorted(key for key in marked if not all(_strings(messages[key])))
    assert untranslated == []
    fuzzy = sorted(key for key in marked if messages[key].fuzzy)
    assert fuzzy == []
    unused = sorted(set(messages) - marked)
    assert unused == [], f"obsolete entries in the .po: {unused}"


def _strings(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def test_translations_keep_every_placeholder() -> None:
    for message in catalog():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = _strings(message)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == wanted, (message.id, string)


def test_the_committed_mo_is_the_compiled_po(tmp_path: Path) -> None:
    compiled = tmp_path / "srs_wb.mo"
    with compiled.open("wb") as handle:
        write_mo(handle, catalog())
    with compiled.open("rb") as fresh, MO.open("rb") as committed:
        fresh_messages = gettext.GNUTranslations(fresh)._catalog  # type: ignore[attr-defined]
        committed_messages = gettext.GNUTranslations(committed)._catalog  # type: ignore[attr-defined]
    assert committed_messages == fresh_messages, (
        "srs_wb.mo is stale: run `pybabel compile -d srs_wb/locale -D srs_wb`"
    )


def test_translator_plurals_and_fallback() -> None:
    bg = i18n.translator("bg")
    assert bg("Again") == "Отново" and bg("Hard") == "Трудно"
    assert bg("Good") == "Добре" and bg("Easy") == "Лесно"
    assert bg("Deck") == "Тесте"
    assert bg.plural("{n} day", "{n} days", 1).format(n=1) == "1 ден"
    assert bg.plural("{n} day", "{n} days", 5).format(n=5) == "5 дни"
    en = i18n.translator("en")
    assert en("Again") == "Again"
    assert en.plural("{n} day", "{n} days", 2) == "{n} days"
    assert i18n.translator("xx").lang == "en"
    assert i18n.translator(None)("Deck") == "Deck"


@pytest.mark.parametrize("lang", ["bg", "en"])
def test_activate_switches_the_language_of_underscore(lang: str) -> None:
    try:
        i18n.activate(lang)
        assert i18n.active_language() == lang
        assert i18n._("Deck") == {"bg": "Тесте", "en": "Deck"}[lang]
        assert i18n.N_("Deck") == "Deck"  # marked, not translated
    finally:
        i18n.activate("en")
