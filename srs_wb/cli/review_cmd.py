"""`srs-wb review --plain`: a line-oriented review for scripts, screen readers, dumb terminals."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from srs_wb.cli.common import add_command, open_collection

HELP = "Enter shows the answer · 1 Again  2 Hard  3 Good  4 Easy · u undo · s suspend · q quit"


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
        session = StudySession(collection, args.deck, ahead=args.ahead)
        PlainReview(session, sys.stdin, sys.stdout).run()
    return 0


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
        self.stdout.write(prompt)
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
            self.say("Nothing to review now.")
            return
        self.say(f"{left} card(s) to review. {HELP}")
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
            f" {card.deck_name} · {card.step_label}"
        )
        if card.exercise is not None:
            self.exercise(card)
            return
        self.say(card.front.strip())
        command = self.ask("(Enter: show answer) > ")
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
            typed = self.ask("answer > ")
            if self.command(typed):
                return
            if not typed:
                continue
            grade = self.session.check(typed)
            if grade.invalid:
                self.say(f"? {grade.message[lang]} — try again")
                continue
            break
        mark = "✓ correct" if grade.correct else "✗ incorrect"
        self.say(f"{mark}: you gave {_fmt(grade.value)}, expected {exercise.answer_text}")
        if grade.mistake_text:
            self.say(f"  {grade.mistake_text[lang]}")
        self.say("Solution:")
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
                self.say("undone: the previous card comes back")
            except UndoUnavailable as exc:
                self.say(f"cannot undo: {exc}")
                return False
            return True
        if lowered == "s":
            self.session.suspend_current()
            self.say("suspended")
            return True
        return False

    def rate(
        self, card: Any, *, typed: str | None = None, grade: Any = None, default: int | None = None
    ) -> None:
        from srs_wb.scheduling.ladder import Rating

        labels = "  ".join(f"{int(r)} {r.name.title()} ({card.outcomes[r].label})" for r in Rating)
        hint = f" [Enter = {default}]" if default else ""
        while True:
            text = self.ask(f"{labels}{hint} > ")
            if self.command(text):
                return
            if not text and default:
                text = str(default)
            if text in {"1", "2", "3", "4"}:
                rating = Rating(int(text))
                break
            self.say("type 1, 2, 3 or 4 (or u, s, q)")
        from srs_wb.errors import AnsweredElsewhere

        try:
            result = self.session.answer(rating, typed=typed, grade=grade)
        except AnsweredElsewhere as exc:
            self.say(f"not saved: {exc}")
            return
        when = (
            "again in this session"
            if result.interval_days == 0
            else (f"due {result.due_day.isoformat()} ({card.outcomes[rating].label})")
        )
        self.say(f"saved: {rating.name.title()} — {when}")

    def summary(self) -> None:
        stats = self.session.stats
        minutes = stats.seconds / 60
        self.say()
        self.say(
            f"Session: {stats.answered} answered, {stats.correct} correct, "
            f"{stats.again} again, {minutes:.1f} min."
        )
        for kind, (right, total) in sorted(stats.exercises_by_kind.items()):
            self.say(f"  {kind}: {right}/{total} correct")


def _fmt(value: Any) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(f"{v:g}" for v in value) + "]"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
