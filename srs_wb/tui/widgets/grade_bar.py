"""The row under a card: "show the answer", then the four grades with the interval each gives."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Static

from srs_wb.i18n import _
from srs_wb.labels import rating_name
from srs_wb.scheduling.ladder import Rating


class GradeButton(Button):
    """A grade; it never takes focus, so Enter always means the suggested grade."""

    can_focus = False

    def __init__(self, rating: Rating) -> None:
        super().__init__("", id=f"grade-{rating.name.lower()}", classes="grade")
        self.rating = rating


class GradeBar(Horizontal):
    """Three faces: a "show the answer" button, a hint while typing, and the grade buttons."""

    class Graded(Message):
        def __init__(self, rating: Rating) -> None:
            super().__init__()
            self.rating = rating

    class RevealAsked(Message):
        """The learner clicked "show the answer"."""

    def compose(self) -> ComposeResult:
        reveal = Button(_("Show the answer  (Space)"), id="reveal", classes="reveal")
        reveal.can_focus = False
        yield reveal
        yield Static(id="grade-hint", classes="hint")
        for rating in Rating:
            yield GradeButton(rating)

    def ask_reveal(self) -> None:
        self.set_classes("-reveal")

    def hint(self, message: str) -> None:
        self.query_one("#grade-hint", Static).update(message)
        self.set_classes("-hint")

    def ask_grade(self, labels: dict[Rating, str], suggested: Rating | None) -> None:
        """Show the grades, each with the interval it gives, `suggested` highlighted."""
        for button in self.query(GradeButton):
            rating = button.rating
            label = Text.assemble((str(int(rating)), "bold"), " ", rating_name(rating))
            if rating in labels:
                label.append(f" · {labels[rating]}", style="dim" if rating != suggested else "")
            button.label = label
            button.variant = "primary" if rating == suggested else "default"
            button.set_class(rating == suggested, "-suggested")
        self.set_classes("-grades")

    @on(Button.Pressed, ".grade")
    def _graded(self, event: Button.Pressed) -> None:
        event.stop()
        if isinstance(event.button, GradeButton):
            self.post_message(self.Graded(event.button.rating))

    @on(Button.Pressed, "#reveal")
    def _reveal(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.RevealAsked())
