"""The exceptions a user can cause; the CLI and the TUI turn each into one clear message."""


class SrsError(Exception):
    """Something the user can fix: a bad file, a bad argument, a database in the wrong state."""


class DatabaseError(SrsError):
    """The database file cannot be opened, is not ours, is corrupt, or is busy."""


class NotFoundError(SrsError):
    """A deck, card or exercise kind that does not exist."""


class ImportFailed(SrsError):
    """A file that cannot be imported; nothing of it was written.

    `problems` lists every problem found, each already prefixed with file, line or row.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []

    def __str__(self) -> str:
        if not self.problems:
            return super().__str__()
        return "\n".join([super().__str__(), *("  " + p for p in self.problems)])


class UndoUnavailable(SrsError):
    """Nothing to undo, or the card changed since (another process answered it)."""


class AnsweredElsewhere(SrsError):
    """The card was answered in another srs-wb while it was shown here; this answer is dropped."""
