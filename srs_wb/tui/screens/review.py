"""The review: one card at a time, graded on the ladder; exercises checked, with their solution."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import ContentSwitcher

from srs_wb.display import inert
from srs_wb.errors import SrsError
from srs_wb.i18n import N_, _
from srs_wb.labels import interval as ladder_interval
from srs_wb.scheduling.ladder import Rating
from srs_wb.services.views import CardView
from srs_wb.tui.screens.base import HELP_BINDING, ServiceFailed, SrsScreen
from srs_wb.tui.widgets.exercise_panel import ExercisePanel
from srs_wb.tui.widgets.grade_bar import GradeBar
from srs_wb.tui.widgets.key_bar import KeyBar
from srs_wb.tui.widgets.recall_card import RecallCard
from srs_wb.tui.widgets.session_header import SessionHeader

# Where the screen is with the card it shows.
LOADING, FRONT, BACK, TYPING, GRADED, STALLED = (
    "loading",
    "front",
    "back",
    "typing",
    "graded",
    "stalled",
)


class ReviewScreen(SrsScreen):
    """Today's cards of some decks (or all), or a round of practice exercises."""

    CSS_PATH = "review.tcss"
    HELP_TEXT = N_(
        "Recall the answer, then show it and grade yourself honestly: Again sends the card "
        "back to the start of the ladder (you will see it again today), Hard repeats the "
        "interval, Good climbs one step, Easy two. For an exercise, type the answer and press "
        "Enter; the suggested grade is highlighted, Enter accepts it and 1–4 choose another. "
        "Every answer is saved the moment you give it."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "reveal", N_("Show the answer"), id="review.reveal", show=False),
        Binding("enter", "primary", N_("Continue"), id="review.continue", key_display="⏎"),
        Binding("1", "grade(1)", N_("Again"), id="review.again", show=False),
        Binding("2", "grade(2)", N_("Hard"), id="review.hard", show=False),
        Binding("3", "grade(3)", N_("Good"), id="review.good", show=False),
        Binding("4", "grade(4)", N_("Easy"), id="review.easy", show=False),
        Binding("u", "undo", N_("Undo"), id="review.undo"),
        # Undo from the answer box too, where u is a letter of the answer.
        Binding("ctrl+z", "undo", N_("Undo"), id="review.undo-anywhere", show=False, priority=True),
        Binding("s", "suspend", N_("Suspend"), id="review.suspend"),
        Binding("e", "explain", N_("Why now?"), id="review.explain"),
        Binding("escape", "escape", N_("Back"), id="review.escape"),
        Binding("q", "finish", N_("End the session"), id="review.finish", show=False),
        HELP_BINDING,
    ]

    class CardReady(Message):
        """A worker has the next card (None: the session is over) and the counts."""

        def __init__(self, card: CardView | None, done: int, left: int, note: str = "") -> None:
            super().__init__()
            self.card = card
            self.done = done
            self.left = left
            self.note = note

    class Stalled(Message):
        """A worker failed; the screen waits for the learner to try again."""

        def __init__(self, text: str, *, answered: bool) -> None:
            super().__init__()
            self.text = text
            self.answered = answered  # the answer was saved; only the next card is missing

    class Explained(Message):
        def __init__(self, explanation: Any, card: CardView) -> None:
            super().__init__()
            self.explanation = explanation
            self.card = card

    def __init__(
        self, deck_keys: list[str] | None, *, ahead: bool = False, practice: bool = False
    ) -> None:
        super().__init__()
        self.deck_keys = deck_keys
        self.ahead = ahead
        self.practice = practice
        self.session: Any = None  # a StudySession or a PracticeSession, made by a worker
        self.card: CardView | None = None
        self.stage = LOADING
        self.busy = True
        self.grade: Any = None
        self.typed: str | None = None
        self.cards_shown = 0  # for tests and the benchmark: cards painted so far
        self._finish_when_idle = False
        self._stage_before = LOADING  # to go back to if a save fails

    def compose(self) -> ComposeResult:
        yield SessionHeader(id="review-header")
        with VerticalScroll(id="review-card"), ContentSwitcher(initial="recall", id="review-kind"):
            yield RecallCard(id="recall")
            yield ExercisePanel(id="exercise")
        yield GradeBar(id="review-grades")
        yield KeyBar(id="review-keys")

    def on_mount(self) -> None:
        self.query_one(GradeBar).hint(_("Loading…"))
        self._start()

    # Workers: every call into the study service runs off the event loop ------------------

    @work(thread=True, group="review")
    def _start(self) -> None:
        try:
            if self.practice:
                from srs_wb.services.progress import PracticeSession

                self.session = PracticeSession(self.collection, self.deck_keys)
            else:
                from srs_wb.services.study import StudySession

                self.session = StudySession(self.collection, self.deck_keys, ahead=self.ahead)
        except SrsError as exc:
            self.post_message(ServiceFailed(str(exc)))
            self.app.call_from_thread(self.dismiss)
            return
        self._next_in_thread()

    def _next_in_thread(self, note: str = "") -> None:
        try:
            card = self.session.next_card()
        except SrsError as exc:
            self.post_message(self.Stalled(str(exc), answered=True))
            return
        left = self.session.remaining() + (1 if card is not None else 0)
        self.post_message(self.CardReady(card, self.session.stats.answered, left, note))

    @work(thread=True, group="review")
    def _answer(self, rating: Rating, typed: str | None, grade: Any) -> None:
        try:
            self.session.answer(rating, typed=typed, grade=grade)
        except SrsError as exc:
            self.post_message(self.Stalled(str(exc), answered=False))
            return
        self._next_in_thread()

    @work(thread=True, group="review")
    def _next(self) -> None:
        self._next_in_thread()

    @work(thread=True, group="review")
    def _undo(self) -> None:
        try:
            card = self.session.undo()
        except SrsError as exc:
            self.post_message(self.Stalled(str(exc), answered=False))
            return
        left = self.session.remaining() + 1
        self.post_message(
            self.CardReady(card, self.session.stats.answered, left, _("Answer undone"))
        )

    @work(thread=True, group="review")
    def _suspend(self) -> None:
        try:
            self.session.suspend_current()
        except SrsError as exc:
            self.post_message(self.Stalled(str(exc), answered=False))
            return
        self._next_in_thread(_("Card suspended"))

    @work(thread=True, group="review-explain")
    def _explain(self, card: CardView) -> None:
        from srs_wb.services.progress import explain

        try:
            explanation = explain(self.collection, card)
        except SrsError as exc:
            self.post_message(ServiceFailed(str(exc)))
            return
        self.post_message(self.Explained(explanation, card))

    # What the workers bring back ------------------------------------------------------

    @on(CardReady)
    def _card_ready(self, message: CardReady) -> None:
        self.busy = False
        if message.note:
            self.notify(inert(message.note), timeout=2, markup=False)
        if self._finish_when_idle:
            self.action_finish()
            return
        card = message.card
        self.card = card
        self.grade = None
        self.typed = None
        header = self.query_one(SessionHeader)
        header.show(message.done, message.left, card, practice=self.practice)
        if card is None:
            self._show_summary()
            return
        bar = self.query_one(GradeBar)
        switcher = self.query_one(ContentSwitcher)
        if card.exercise is not None:
            switcher.current = "exercise"
            panel = self.query_one(ExercisePanel)
            panel.show(card.exercise, self.srs.language, cursor_blink=self.srs.cursor_blink)
            bar.hint(_("Type your answer and press Enter · Esc: the other keys"))
            self.stage = TYPING
        else:
            switcher.current = "recall"
            self.query_one(RecallCard).show(card.front, card.back)
            bar.ask_reveal()
            self.stage = FRONT
            self.set_focus(None)
        self.query_one("#review-card").scroll_home(animate=False)
        self._sync_footer()
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        self.cards_shown += 1

    @on(Stalled)
    def _stalled(self, message: Stalled) -> None:
        self.busy = False
        self.notify(
            inert(message.text), title=_("Error"), severity="error", timeout=8, markup=False
        )
        if message.answered:
            self.stage = STALLED
            self.query_one(GradeBar).hint(_("Press Enter to try again"))
        else:
            self.stage = self._stage_before  # nothing was saved: the same card, as it was
        self._sync_footer()

    @on(Explained)
    def _explained(self, message: Explained) -> None:
        from srs_wb.tui.screens.explain import ExplainScreen

        self.app.push_screen(ExplainScreen(message.explanation, message.card))

    # The learner's moves ----------------------------------------------------------------

    def _sync_footer(self) -> None:
        """Show the keys that work now (the key bar redraws only when they change)."""
        keys = []
        seen = set()
        for _key, binding, enabled, _tooltip in self.active_bindings.values():
            if binding.show and binding.action not in seen and binding.description:
                seen.add(binding.action)
                keys.append((self.app.get_key_display(binding), binding.description, enabled))
        self.query_one(KeyBar).show(keys)

    def on_descendant_focus(self) -> None:
        self._sync_footer()  # the answer box takes the letter keys while it has the focus

    def on_descendant_blur(self) -> None:
        self._sync_footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Checked when a key is pressed, and for the footer. While the answer box has the
        # focus, Textual leaves out the letter keys by itself.
        if action == "reveal":
            return self.stage == FRONT
        if action == "grade":
            return self.stage in (BACK, GRADED)
        if action == "undo":
            return False if self.practice else bool(self.session and self.session.can_undo) or None
        if action in ("suspend", "explain"):
            return False if self.practice else (self.card is not None) or None
        return True

    def action_reveal(self) -> None:
        if self.stage != FRONT or self.card is None:
            return
        self.query_one(RecallCard).reveal()
        self.query_one(GradeBar).ask_grade(self._labels(), Rating.GOOD)
        self.stage = BACK
        self._sync_footer()

    def action_primary(self) -> None:
        if self.stage == FRONT:
            self.action_reveal()
        elif self.stage == BACK:
            self._grade(Rating.GOOD)
        elif self.stage == GRADED:
            self._grade(self._suggested())
        elif self.stage == TYPING:
            self.query_one(ExercisePanel).input.focus()
        elif self.stage == STALLED and not self.busy:
            self.busy = True
            self._next()

    def action_grade(self, number: int) -> None:
        self._grade(Rating(number))

    @on(GradeBar.Graded)
    def _grade_clicked(self, message: GradeBar.Graded) -> None:
        self._grade(message.rating)

    @on(GradeBar.RevealAsked)
    def _reveal_clicked(self) -> None:
        self.action_reveal()

    def _grade(self, rating: Rating) -> None:
        if self.busy or self.stage not in (BACK, GRADED):
            return  # a key pressed twice must not grade the next card unseen
        self._busy_with_card()
        self._answer(rating, self.typed, self.grade)

    def _busy_with_card(self) -> None:
        self.busy = True
        self._stage_before = self.stage
        self.stage = LOADING

    @on(ExercisePanel.Submitted)
    def _submitted(self, message: ExercisePanel.Submitted) -> None:
        typed = message.typed.strip()
        if self.busy or self.stage != TYPING or not typed or self.card is None:
            return
        panel = self.query_one(ExercisePanel)
        lang = self.srs.language
        grade = self.session.check(typed)
        if grade.invalid:
            panel.show_unreadable(grade.message[lang])
            return
        self.grade, self.typed = grade, typed
        panel.show_grade(grade, self.card.exercise, lang)
        self.query_one(GradeBar).ask_grade(self._labels(), self._suggested())
        self.stage = GRADED
        self.set_focus(None)
        self._sync_footer()

    def _suggested(self) -> Rating:
        if self.grade is not None and self.grade.suggested == "again":
            return Rating.AGAIN
        return Rating.GOOD

    def _labels(self) -> dict[Rating, str]:
        if self.card is None:
            return {}
        return {rating: ladder_interval(o.label) for rating, o in self.card.outcomes.items()}

    def action_undo(self) -> None:
        if self.busy or self.session is None:
            return
        self._busy_with_card()
        self._undo()

    def action_suspend(self) -> None:
        if self.busy or self.card is None or self.practice:
            return
        self._busy_with_card()
        self._suspend()

    def action_explain(self) -> None:
        if self.card is not None and not self.practice:
            self._explain(self.card)

    def action_escape(self) -> None:
        panel = self.query_one(ExercisePanel)
        if self.stage == TYPING and panel.input.has_focus:
            self.set_focus(None)  # the other keys work again; Enter or a click goes back
            self._sync_footer()
            return
        self.action_finish()

    def action_finish(self) -> None:
        if self.busy and self.session is not None:
            self._finish_when_idle = True  # after the answer in flight is saved
            return
        if self.session is None or self.session.stats.answered == 0:
            self.dismiss()
            return
        self._show_summary()

    def _show_summary(self) -> None:
        from srs_wb.tui.screens.summary import SummaryScreen

        stats = self.session.stats if self.session is not None else None
        self.app.switch_screen(SummaryScreen(stats, practice=self.practice))

    def on_click(self) -> None:
        if self.stage == TYPING:
            self.query_one(ExercisePanel).input.focus()
