"""The built-in Weights & Biases decks: installed on first run, refreshed when the app updates."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from srs_wb.services.collection import Collection
from srs_wb.services.importing import write_spec
from srs_wb.storage import settings as settings_store

BUILTIN_FILES = {
    "bg": "weights_and_biases.bg.toml",
    "en": "weights_and_biases.en.toml",
}
INSTALLED_KEY = "builtin_decks"  # setting: {file name: sha256 of the installed text}


def install_builtin_decks(
    collection: Collection, languages: Iterable[str], *, explicit: bool = False
) -> list[str]:
    """Install the built-in deck of the learner's language on first run (or of any
    language asked for `explicit`ly, so both can be installed), and refresh installed
    ones whose file changed with an update of the app.

    A deck whose file is unchanged since it was installed is not even parsed, so this
    costs a file read and a hash on every start. Returns the files (re)installed.
    """
    from srs_wb.resources import decks_dir

    with collection.reading() as session:
        installed: dict[str, str] = settings_store.read_settings(session).get(INSTALLED_KEY, {})
    requested = languages if explicit or not installed else []
    wanted = set(installed) | {BUILTIN_FILES[lang] for lang in requested if lang in BUILTIN_FILES}
    changed = {}
    for name in sorted(wanted):
        path = decks_dir() / name
        if not path.is_file():
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if installed.get(name) != digest:
            changed[name] = (path, digest)
    if not changed:
        return []
    from srs_wb.formats.toml_deck import read_deck

    specs = [(name, read_deck(path), digest) for name, (path, digest) in changed.items()]
    now = collection.now()
    with collection.writing() as session:
        for name, spec, digest in specs:
            write_spec(collection, session, spec, origin="builtin", now=now)
            installed[name] = digest
        settings_store.write_setting(session, INSTALLED_KEY, installed)
    return sorted(changed)
