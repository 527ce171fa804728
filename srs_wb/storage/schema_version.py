"""The schema revisions this version knows, so opening a current database needs no Alembic.

Add each new revision here when writing its migration; a test checks this list against
the scripts in migrations/versions.
"""

KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002")
HEAD_REVISION: str = KNOWN_REVISIONS[-1]
