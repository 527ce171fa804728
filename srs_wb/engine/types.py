"""The plain, frozen values the engine hands out: exercises, solution steps, grades, kind infos."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple, TypeVar

Answer = float | tuple[float, ...] | bool
_Frozen = TypeVar("_Frozen")
Text = dict[str, str]  # one text per language: {"bg": ..., "en": ...}


class AnswerType(enum.StrEnum):
    """What shape of answer an exercise expects."""

    NUMBER = "number"
    VECTOR = "vector"
    YES_NO = "yes_no"


class GradeStatus(enum.StrEnum):
    CORRECT = "correct"
    INCORRECT = "incorrect"
    INVALID = "invalid"  # the answer could not be read; the learner tries again


@dataclass(frozen=True)
class SolutionStep:
    """One line of a worked solution, with the numbers substituted."""

    text: Text


class Mistake(NamedTuple):
    """A known wrong way to solve an instance: the answer it leads to, and what went wrong.

    A named tuple rather than a dataclass: immutable all the same, and an exercise makes
    several of them every time it is generated, thousands of times a second.
    """

    code: str
    value: Answer
    text: Text


@dataclass(frozen=True)
class Exercise:
    """One generated problem, fully determined by (kind, params, seed, difficulty).

    `prompt`, `solution` and `mistakes` are made on first use (and then kept): grading a right
    answer needs only the numbers, writing every solution line in two languages is most of
    the cost of an instance, and the known mistakes are needed only to name a wrong answer.
    Equality compares the numbers, which determine the rest.
    """

    kind: str
    seed: int
    difficulty: int
    params: dict[str, Any]  # JSON-safe: every number the learner sees plus the chosen options
    answer: Answer  # exact (unrounded) value
    answer_text: str  # rounded as the prompt asks; ASCII minus; "yes"/"no" for yes/no
    tolerance: float
    decimals: int | None
    answer_type: AnswerType = AnswerType.NUMBER
    write_mistakes: Callable[[], Sequence[Mistake]] = field(
        default=tuple, repr=False, compare=False
    )
    write_prompt: Callable[[], Text] = field(default=dict, repr=False, compare=False)
    write_solution: Callable[[], Sequence[SolutionStep]] = field(
        default=tuple, repr=False, compare=False
    )

    @cached_property
    def mistakes(self) -> tuple[Mistake, ...]:
        """The known mistakes worth naming in this instance, each with the value it leads to."""
        return tuple(self.write_mistakes())

    @cached_property
    def prompt(self) -> Text:
        """The question in both languages: {"bg": ..., "en": ...}."""
        return self.write_prompt()

    @cached_property
    def solution(self) -> tuple[SolutionStep, ...]:
        """The worked solution, step by step, with the numbers substituted."""
        return tuple(self.write_solution())

    @property
    def size(self) -> int:
        """How many numbers the answer holds (1 for a number or a yes/no)."""
        return len(self.answer) if isinstance(self.answer, tuple) else 1

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        """Plain JSON data; both languages when `lang` is None, else only that language."""
        return {
            "kind": self.kind,
            "seed": self.seed,
            "difficulty": self.difficulty,
            "params": self.params,
            "prompt": _pick(self.prompt, lang),
            "answer_type": self.answer_type.value,
            "answer": _json_answer(self.answer),
            "answer_text": self.answer_text,
            "tolerance": self.tolerance,
            "decimals": self.decimals,
            "solution": [_pick(step.text, lang) for step in self.solution],
        }


@dataclass(frozen=True)
class Grade:
    """The verdict on one typed answer."""

    status: GradeStatus
    value: Answer | None  # what was read from the typed text; None when unreadable
    expected: Answer
    error: float | None  # largest absolute difference; None for yes/no and unreadable answers
    tolerance: float = 0.0
    mistake: str | None = None  # a stable code such as "forgot_bias"
    mistake_text: Text | None = None
    message: Text | None = None  # for INVALID: what kind of answer was expected
    suggested: str | None = None  # "good", "again", or None when the answer was unreadable

    @property
    def correct(self) -> bool:
        return self.status is GradeStatus.CORRECT

    @property
    def invalid(self) -> bool:
        return self.status is GradeStatus.INVALID

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "status": self.status.value,
            "correct": self.correct,
            "value": None if self.value is None else _json_answer(self.value),
            "expected": _json_answer(self.expected),
            "error": self.error,
            "tolerance": self.tolerance,
            "mistake": self.mistake,
            "mistake_text": None if self.mistake_text is None else _pick(self.mistake_text, lang),
            "message": None if self.message is None else _pick(self.message, lang),
            "suggested": self.suggested,
        }


@dataclass(frozen=True)
class KindInfo:
    """What a deck author needs to know about an exercise kind."""

    name: str
    summary: Text
    params_doc: str

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {"name": self.name, "summary": _pick(self.summary, lang), "params": self.params_doc}


def assemble(cls: type[_Frozen], fields: dict[str, Any]) -> _Frozen:
    """An instance of a frozen dataclass from every one of its fields, given by name.

    The same object as `cls(**fields)`, without the generated `__init__`, which sets each
    field through `object.__setattr__`: for an exercise (twelve fields) and its grade, made
    thousands of times a second, that was a tenth of the cost. `fields` must name every
    field; the tests compare the result with the ordinary constructor.
    """
    instance = object.__new__(cls)
    instance.__dict__.update(fields)
    return instance


def _pick(text: Text, lang: str | None) -> Any:
    return dict(text) if lang is None else text[lang]


def _json_answer(answer: Answer) -> Any:
    if isinstance(answer, tuple):
        return list(answer)
    return answer
