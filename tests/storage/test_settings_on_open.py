"""Opening a collection reads its stored settings: current databases, upgraded ones, bad values."""

import shutil
import sqlite3
from pathlib import Path

from srs_wb.services.collection import Collection
from srs_wb.services.settings import Settings
from srs_wb.storage.migrate import examine, identify
from srs_wb.storage.schema_version import HEAD_REVISION

FIXTURES = Path(__file__).parent.parent / "fixtures" / "migrations"


def test_settings_are_read_again_on_opening(db_path: Path) -> None:
    with Collection(db_path, install_builtin=False) as collection:
        collection.set_setting("new_per_day", 7)
        collection.set_setting("timezone", "Europe/Sofia")
    with Collection(db_path, install_builtin=False) as collection:
        assert collection.settings.new_per_day == 7
        assert collection.settings.timezone == "Europe/Sofia"


def test_an_unreadable_stored_value_keeps_its_default(db_path: Path) -> None:
    with Collection(db_path, install_builtin=False) as collection:
        collection.set_setting("new_per_day", 7)
        collection.set_setting("reviews_per_day", 50)
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE settings SET value = '{not json' WHERE key = 'new_per_day'")
    conn.close()
    with Collection(db_path, install_builtin=False) as collection:
        assert collection.settings.new_per_day == Settings().new_per_day
        assert collection.settings.reviews_per_day == 50


def test_an_older_schema_has_its_settings_read_after_the_upgrade(tmp_path: Path) -> None:
    oldest = sorted(FIXTURES.glob("*.db"))[0]
    path = tmp_path / "srs-wb.db"
    shutil.copyfile(oldest, path)
    found = examine(path)
    assert found.revision == oldest.stem != HEAD_REVISION
    assert found.settings is None  # not read from a schema this version does not write
    with Collection(path, install_builtin=False) as collection:
        assert collection.settings.new_per_day == 12  # as the fixture's learner set it


def test_examine_agrees_with_identify(db_path: Path) -> None:
    assert examine(db_path).revision is None
    with Collection(db_path, install_builtin=False) as collection:
        collection.set_setting("new_per_day", 3)
    found = examine(db_path)
    assert found.revision == identify(db_path) == HEAD_REVISION
    assert found.settings is not None and found.settings["new_per_day"] == 3
