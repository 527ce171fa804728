"""A whole review in the app: recall cards and exercises, unreadable answers, overrides, undo,
suspend, a failed card coming back, and the summary; every answer checked in the database."""

from __future__ import annotations

import threading

from textual.widgets import Input

from srs_wb.scheduling import Rating
from srs_wb.tui.screens.review import ReviewScreen
from srs_wb.tui.screens.summary import SummaryScreen
from srs_wb.tui.widgets.grade_bar import GradeBar, GradeButton
from tests.tui.conftest import settle
from tests.tui.helpers import card_flags, reviews, shown


def review_screen(app) -> ReviewScreen:
    screen = app.screen
    assert isinstance(screen, ReviewScreen), screen
    return screen


def suggested(screen: ReviewScreen) -> list[Rating]:
    return [b.rating for b in screen.query(GradeButton) if b.has_class("-suggested")]


async def test_a_whole_session(mini_db, make_app) -> None:
    app = make_app(mini_db, review=["mini"])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = review_screen(app)
        # 1. An exercise: an unreadable answer is a message and another try, never a grade.
        assert screen.card.key == "ex-neuron" and screen.stage == "typing"
        assert "0 done" in shown(screen.query_one("#session-progress"))
        assert "5 left today" in shown(screen.query_one("#session-progress"))
        await pilot.press(*"abc", "enter")
        await settle(pilot)
        assert screen.stage == "typing"
        assert "Expected a number" in shown(screen.query_one("#exercise-feedback"))
        assert screen.query_one("#exercise-answer", Input).value == "abc"  # kept to be fixed
        assert reviews(mini_db) == []
        # A wrong answer: ✗, what was read and expected, the worked solution, Again suggested.
        await pilot.press("backspace", "backspace", "backspace", *"12345", "enter")
        await settle(pilot)
        expected = screen.card.exercise.answer_text
        feedback = shown(screen.query_one("#exercise-feedback"))
        assert "✗" in feedback and "12345" in feedback and f"expected {expected}" in feedback
        solution = shown(screen.query_one("#exercise-solution"))
        assert "Worked solution" in solution and " 1. " in solution
        assert screen.stage == "graded" and suggested(screen) == [Rating.AGAIN]
        # The learner overrides the suggestion with Good (3).
        await pilot.press("3")
        await settle(pilot)
        assert reviews(mini_db) == [
            {"rating": 3, "typed": "12345", "correct": 0, "key": "ex-neuron"}
        ]

        # 2. A recall card: Space shows the back; Again sends it back into this session.
        assert screen.card.key == "weights" and screen.stage == "front"
        assert not screen.query_one("#card-back").display or not screen.query_one(
            "RecallCard"
        ).has_class("-revealed")
        await pilot.press("space")
        assert screen.stage == "back"
        labels = {b.rating: str(b.label) for b in screen.query(GradeButton)}
        assert labels[Rating.AGAIN].endswith("<10m") and labels[Rating.GOOD].endswith("1d")
        assert labels[Rating.EASY].endswith("3d")
        await pilot.press("1")
        await settle(pilot)

        # 3. Enter shows the back, Enter again accepts Good; then undo brings it back.
        assert screen.card.key == "bias"
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert [r["key"] for r in reviews(mini_db)] == ["ex-neuron", "weights", "bias"]
        assert screen.card.key == "ex-activation" and screen.stage == "typing"
        await pilot.press("ctrl+z")  # u would be typed into the answer box
        await settle(pilot)
        assert screen.card.key == "bias" and screen.stage == "front"
        assert [r["key"] for r in reviews(mini_db)] == ["ex-neuron", "weights"]
        # 4. Suspend it instead: it leaves the queue and is flagged in the database.
        await pilot.press("s")
        await settle(pilot)
        assert card_flags(mini_db, "bias")["suspended"] == 1
        assert screen.card.key == "ex-activation"

        # 5. A right answer: ✓, Good suggested, Enter accepts it.
        answer = screen.card.exercise.answer_text
        await pilot.press(*answer, "enter")
        await settle(pilot)
        assert "✓" in shown(screen.query_one("#exercise-feedback"))
        assert suggested(screen) == [Rating.GOOD]
        await pilot.press("enter")
        await settle(pilot)

        # 6. The last new card, with the mouse: the reveal button, then Easy.
        assert screen.card.key == "lr"
        await pilot.click("#reveal")
        await pilot.click("#grade-easy")
        await settle(pilot)

        # 7. The card failed in step 2 comes back in the same session.
        assert screen.card.key == "weights"
        await pilot.press("space", "3")
        await settle(pilot)

        # 8. The summary.
        assert isinstance(app.screen, SummaryScreen)
        numbers = shown(app.screen.query_one("#summary-numbers"))
        assert "Cards answered  5" in " ".join(numbers.split("  ")).replace("   ", "  ") or (
            "Cards answered" in numbers and " 5" in numbers
        )
        assert "3  (60%)" in numbers
        kinds = shown(app.screen.query_one("#summary-kinds"))
        assert "Output of one neuron" in kinds and "0/1" in kinds
        assert "Activation function" in kinds and "1/1" in kinds
        assert "Tomorrow" in shown(app.screen.query_one("#summary-tomorrow"))
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"

    log = reviews(mini_db)
    assert [(r["key"], r["rating"]) for r in log] == [
        ("ex-neuron", 3),
        ("weights", 1),
        ("ex-activation", 3),
        ("lr", 4),
        ("weights", 3),
    ]
    assert log[2]["correct"] == 1 and log[2]["typed"] == answer


async def test_a_failed_exercise_comes_back_with_new_numbers(mini_db, make_app) -> None:
    app = make_app(mini_db, review=["mini"])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = review_screen(app)
        first = screen.card.exercise
        await pilot.press(*"99999", "enter", "enter")  # wrong; Enter accepts Again
        await settle(pilot)
        assert reviews(mini_db)[0]["rating"] == int(Rating.AGAIN)
        seen = []
        while screen.card is not None and screen.card.key != "ex-neuron":
            seen.append(screen.card.key)
            if screen.card.exercise is not None:
                await pilot.press(*screen.card.exercise.answer_text, "enter", "enter")
            else:
                await pilot.press("space", "3")
            await settle(pilot)
            assert len(seen) < 10
        assert screen.card.key == "ex-neuron"
        assert screen.card.exercise.seed != first.seed
        assert screen.card.exercise.prompt != first.prompt


async def test_keys_pressed_while_an_answer_is_saved_grade_nothing_else(mini_db, make_app) -> None:
    app = make_app(mini_db, review=["mini"])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = review_screen(app)
        await pilot.press(*screen.card.exercise.answer_text, "enter")
        await settle(pilot)
        # A slow disk: the answer takes a while to save. Keys pressed meanwhile are not
        # meant for a card the learner has not seen yet.
        gate = threading.Event()
        save = screen.session.answer

        def slow_answer(*args, **kwargs):
            gate.wait(5)
            return save(*args, **kwargs)

        screen.session.answer = slow_answer
        await pilot.press("enter")
        assert screen.busy
        await pilot.press("enter", "space", "1", "3", "s", "u")
        gate.set()
        await settle(pilot)
        assert [r["key"] for r in reviews(mini_db)] == ["ex-neuron"]
        assert screen.card.key == "weights" and screen.stage == "front"
        assert card_flags(mini_db, "weights")["suspended"] == 0


async def test_explain_shows_why_and_where_each_grade_sends_the_card(mini_db, make_app) -> None:
    app = make_app(mini_db, review=["mini"])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # leave the answer box: the letter keys work again
        await pilot.press("e")
        await settle(pilot)
        assert type(app.screen).__name__ == "ExplainScreen"
        reason = shown(app.screen.query_one("#explain-reason"))
        assert "A new card" in reason
        grades = shown(app.screen.query_one("#explain-grades"))
        assert "2026-03-03" in grades and "2026-03-05" in grades  # Good: 1d, Easy: 3d
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)


async def test_ending_early_shows_the_summary_and_undo_needs_an_answer(mini_db, make_app) -> None:
    app = make_app(mini_db, review=["mini"])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = review_screen(app)
        await pilot.press("escape", "u")  # nothing to undo yet: nothing happens
        await settle(pilot)
        assert screen.card.key == "ex-neuron"
        assert not screen.query_one(GradeBar).has_class("-grades")
        await pilot.press("enter")  # back into the answer box
        await pilot.press(*screen.card.exercise.answer_text, "enter", "enter")
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.stats.answered == 1


async def test_undo_goes_back_several_answers(mini_db, make_app) -> None:
    app = make_app(mini_db, review=["mini"])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = review_screen(app)
        first = screen.card.exercise
        await pilot.press(*first.answer_text, "enter", "enter")
        await settle(pilot)
        await pilot.press("space", "3")
        await settle(pilot)
        await pilot.press("space", "2")
        await settle(pilot)
        assert [r["key"] for r in reviews(mini_db)] == ["ex-neuron", "weights", "bias"]
        await pilot.press("escape")  # leave the answer box of the exercise now shown
        for key in ("bias", "weights", "ex-neuron"):
            await pilot.press("u")
            await settle(pilot)
            assert screen.card.key == key
            if screen.stage == "typing":
                await pilot.press("escape")
        assert reviews(mini_db) == []
        assert screen.card.exercise.seed == first.seed  # the same problem, shown again
        assert "0 done" in shown(screen.query_one("#session-progress"))
