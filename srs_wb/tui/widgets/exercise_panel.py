"""An exercise: the generated prompt, the answer box, then the verdict and the worked solution."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from srs_wb.i18n import _
from srs_wb.tui import text


class ExercisePanel(Vertical):
    class Submitted(Message):
        """The learner pressed Enter in the answer box."""

        def __init__(self, typed: str) -> None:
            super().__init__()
            self.typed = typed

    def compose(self) -> ComposeResult:
        yield Static(id="exercise-prompt")
        yield Input(
            placeholder=_("Your answer, e.g. 0.4, 2/5 or [0.1, 0.2]"),
            id="exercise-answer",
            select_on_focus=False,
        )
        yield Static(id="exercise-feedback")
        yield Static(id="exercise-solution")

    @property
    def input(self) -> Input:
        return self.query_one("#exercise-answer", Input)

    def show(self, exercise: Any, lang: str, *, cursor_blink: bool = True) -> None:
        """A new problem: the prompt and an empty, focused answer box."""
        self.query_one("#exercise-prompt", Static).update(text.plain(exercise.prompt[lang]))
        self._feedback(None)
        self.query_one("#exercise-solution", Static).update("")
        self.set_class(False, "-graded")
        box = self.input
        box.cursor_blink = cursor_blink
        box.disabled = False
        box.value = ""
        box.focus()

    def show_unreadable(self, message: str) -> None:
        """The answer could not be read: say what is expected; the text stays to be fixed."""
        self._feedback(Text.assemble(("? ", "bold"), message), "-unreadable")
        self.input.focus()

    def show_grade(self, grade: Any, exercise: Any, lang: str) -> None:
        """✓ or ✗, what was read and what was expected, a known mistake, the solution."""
        verdict = Text()
        if grade.correct:
            verdict.append("✓ ", style="bold")
            verdict.append(_("Correct"), style="bold")
        else:
            verdict.append("✗ ", style="bold")
            verdict.append(_("Not quite"), style="bold")
        verdict.append("  ")
        verdict.append(_("you gave {value}").format(value=text.value(grade.value)))
        verdict.append(" · ")
        verdict.append(_("expected {value}").format(value=exercise.answer_text))
        if grade.mistake_text:
            verdict.append("\n")
            verdict.append(text.plain(grade.mistake_text[lang]))
        self._feedback(verdict, "-correct" if grade.correct else "-incorrect")
        solution = Text()
        solution.append(_("Worked solution"), style="bold")
        for number, step in enumerate(exercise.solution, start=1):
            solution.append(f"\n{number:>2}. ", style="dim")
            solution.append_text(text.plain(step.text[lang]))
        self.query_one("#exercise-solution", Static).update(solution)
        self.set_class(True, "-graded")
        self.input.disabled = True

    def _feedback(self, content: Text | None, state: str | None = None) -> None:
        feedback = self.query_one("#exercise-feedback", Static)
        feedback.update(content or "")
        feedback.set_classes(state or "")

    @on(Input.Submitted, "#exercise-answer")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))
