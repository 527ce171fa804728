"""Exercises and grades assembled on the hot path are the same objects the constructors make."""

from __future__ import annotations

import dataclasses

import pytest

from srs_wb.engine import Exercise, Grade, generate, grade, kind_names


@pytest.mark.parametrize("kind", kind_names())
def test_assembled_exercise_equals_the_constructed_one(kind: str) -> None:
    for seed in range(5):
        exercise = generate(kind, seed, 2)
        fields = {f.name: getattr(exercise, f.name) for f in dataclasses.fields(Exercise)}
        assert set(vars(exercise)) == set(fields)  # every field set, nothing more
        rebuilt = Exercise(**fields)
        assert rebuilt == exercise
        assert rebuilt.to_json() == exercise.to_json()
        with pytest.raises(dataclasses.FrozenInstanceError):
            exercise.seed = 0  # type: ignore[misc]


def test_assembled_grades_equal_the_constructed_ones() -> None:
    exercise = generate("neuron_output", 7)
    typed = [exercise.answer_text, "1000", "not a number"]
    typed += [str(mistake.value) for mistake in exercise.mistakes]
    for text in typed:
        verdict = grade(exercise, text)
        fields = {f.name: getattr(verdict, f.name) for f in dataclasses.fields(Grade)}
        assert set(vars(verdict)) == set(fields)
        assert Grade(**fields) == verdict
