"""`srs-wb review --plain`: a line-oriented review for scripts, screen readers, dumb terminals."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from srs_wb.cli.common import add_command, open_collection
from srs_wb.i18n import N_, _, activate, ngettext
from srs_wb.labels import interval as ladder_interval
from srs_wb.labels import rating_name
from srs_wb.labels import step as ladder_step

HELP = N_("Enter shows the answer · 1 Again  2 Hard  3 Good  4 Easy · u undo · s suspend · q quit")


def register(sub: Any) -> None:
    parser = add_command(sub, "review", "review today's cards")
    parser.add_argument(
        "--plain",
        action="store_true",
        help="line-oriented review on stdin/stdout (no full-screen app)",
    )
    parser.add_argument(
        "--deck",
        action="append",
        metavar="DECK",
        help="only this deck (id or name; repeat for several)",
    )
    parser.add_argument("--ahead", action="store_true", help="study cards due in the coming days")


def run(args: argparse.Namespace) -> int:
    if not args.plain:
        from srs_wb.tui.app import run as run_tui

        return run_tui(
            db=getattr(args, "db", None),
            lang=getattr(args, "lang", None),
            review=args.deck or [],
            ahead=args.ahead,
        )
    from srs_wb.services.study import StudySession

    with open_collection(args) as collection:
        activate(collection.language)
        session = StudySession(collection, args.deck, ahead=args.ahead)
        PlainReview(session, _tolerant(sys.stdin), sys.stdout).run()
    return 0


def _tolerant(stdin: TextIO) -> TextIO:
    """stdin that reads bytes it cannot decode as U+FFFD (an unreadable answer, asked again)
    rather than stopping the review with a UnicodeDecodeError."""
    reconfigure = getattr(stdin, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")
    return stdin


class _Quit(Exception):
    """The learner typed q, or the input ended."""


class PlainReview:
    """The review loop: prints a card, reads a line, answers; every answer is saved at once."""

    def __init__(self, session: Any, stdin: TextIO, stdout: TextIO) -> None:
        self.session = session
        self.stdin = stdin
        self.stdout = stdout

    def say(self, text: str = "") -> None:
        from srs_wb.display import inert

        self.stdout.write(inert(text) + "\n")
        self.stdout.flush()

    def ask(self, prompt: str) -> str:
        from srs_wb.display import inert

        self.stdout.write(inert(prompt))
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.stdout.write("\n")
            raise _Quit
        text = line.strip()
        if text.lower() == "q":
            raise _Quit
        return text

    def run(self) -> None:
        session = self.session
        left = session.remaining()
        if left == 0:
            self.say(_("Nothing to review now."))
            return
        self.say(
            ngettext("{n} card to review.", "{n} cards to review.", left).format(n=left)
            + " "
            + _(HELP)
        )
        try:
            while (card := session.next_card()) is not None:
                self.show(card)
        except _Quit:
            pass
        except KeyboardInterrupt:
            # Every answer so far is already saved; say so, then let the CLI exit 130.
            self.summary()
            raise
        self.summary()

    def show(self, card: Any) -> None:
        session = self.session
        self.say()
        self.say(
            f"[{session.stats.answered + 1}/{session.stats.answered + session.remaining() + 1}]"
            f" {card.deck_name} · {ladder_step(card.step_label)}"
        )
        if card.exercise is not None:
            self.exercise(card)
            return
        self.say(card.front.strip())
        command = self.ask(_("(Enter: show answer) > "))
        if self.command(command):
            return
        self.say("—" * 20)
        self.say(card.back.strip())
        self.rate(card)

    def exercise(self, card: Any) -> None:
        exercise = card.exercise
        lang = self.session.collection.language
        self.say(exercise.prompt[lang])
        while True:
            typed = self.ask(_("answer > "))
            if self.command(typed):
                return
            if not typed:
                continue
            grade = self.session.check(typed)
            if grade.invalid:
                self.say(_("? {message} — try again").format(message=grade.message[lang]))
                continue
            break
        verdict = (
            _("✓ correct: you gave {value}, expected {expected}")
            if grade.correct
            else _("✗ incorrect: you gave {value}, expected {expected}")
        )
        self.say(verdict.format(value=_fmt(grade.value), expected=_fmt_answer(exercise)))
        if grade.mistake_text:
            self.say(f"  {grade.mistake_text[lang]}")
        self.say(_("Solution:"))
        for step in exercise.solution:
            self.say(f"  {step.text[lang]}")
        suggested = 3 if grade.correct else 1
        self.rate(card, typed=typed, grade=grade, default=suggested)

    def command(self, text: str) -> bool:
        """Run u or s; True if the card was dealt with that way."""
        from srs_wb.errors import UndoUnavailable

        lowered = text.lower()
        if lowered == "u":
            try:
                self.session.undo()
                self.say(_("undone: the previous card comes back"))
            except UndoUnavailable as exc:
                self.say(_("cannot undo: {reason}").format(reason=exc))
                return False
            return True
        if lowered == "s":
            self.session.suspend_current()
            self.say(_("suspended"))
            return True
        return False

    def rate(
        self, card: Any, *, typed: str | None = None, grade: Any = None, default: int | None = None
    ) -> None:
        from srs_wb.scheduling.ladder import Rating

        labels = "  ".join(
            f"{int(r)} {rating_name(r)} ({ladder_interval(card.outcomes[r].label)})" for r in Rating
        )
        hint = " " + _("[Enter = {n}]").format(n=default) if default else ""
        while True:
            text = self.ask(f"{labels}{hint} > ")
            if self.command(text):
                return
            if not text and default:
                text = str(default)
            if text in {"1", "2", "3", "4"}:
                rating = Rating(int(text))
                break
            self.say(_("type 1, 2, 3 or 4 (or u, s, q)"))
        from srs_wb.errors import AnsweredElsewhere

        try:
            result = self.session.answer(rating, typed=typed, grade=grade)
        except AnsweredElsewhere as exc:
            self.say(_("not saved: {reason}").format(reason=exc))
            return
        when = (
            _("again in this session")
            if result.interval_days == 0
            else _("due {day} ({interval})").format(
                day=result.due_day.isoformat(),
                interval=ladder_interval(card.outcomes[rating].label),
            )
        )
        self.say(_("saved: {grade} — {when}").format(grade=rating_name(rating), when=when))

    def summary(self) -> None:
        stats = self.session.stats
        minutes = stats.seconds / 60
        self.say()
        self.say(
            _(
                "Session: {answered} answered, {correct} correct, {again} again, {minutes} min."
            ).format(
                answered=stats.answered,
                correct=stats.correct,
                again=stats.again,
                minutes=f"{minutes:.1f}",
            )
        )
        for kind, (right, total) in sorted(stats.exercises_by_kind.items()):
            self.say(
                "  "
                + _("{kind}: {right}/{total} correct").format(kind=kind, right=right, total=total)
            )


def _fmt(value: Any) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(f"{v:g}" for v in value) + "]"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _fmt_answer(exercise: Any) -> str:
    """The expected answer as the prompt asks for it; yes/no in the learner's language."""
    if exercise.answer_text in ("yes", "no"):
        return _(exercise.answer_text)
    return str(exercise.answer_text)
