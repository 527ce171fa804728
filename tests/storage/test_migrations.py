"""The migrations and the models agree, and the revision list matches the scripts."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from srs_wb.resources import migrations_dir
from srs_wb.services.collection import Collection
from srs_wb.storage import schema_version
from srs_wb.storage.models import Base


def test_autogenerate_finds_no_difference(db_path: Path) -> None:
    with (
        Collection(db_path, install_builtin=False) as collection,
        collection.engine.connect() as conn,
    ):
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_known_revisions_match_the_scripts() -> None:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    script = ScriptDirectory.from_config(config)
    chain = [rev.revision for rev in script.walk_revisions()][::-1]
    assert tuple(chain) == schema_version.KNOWN_REVISIONS
    assert script.get_current_head() == schema_version.HEAD_REVISION
