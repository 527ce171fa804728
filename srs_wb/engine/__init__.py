"""The neuron and gradient engine: generated numeric exercises, their grading and worked solutions.

Pure: the standard library and NumPy only (NumPy is loaded by the autograd, on first use),
no database, no UI, no global random state. An instance is fully determined by
(kind, params, seed, difficulty).
"""

from __future__ import annotations

from srs_wb.engine.grading import grade
from srs_wb.engine.registry import generate, kind_names, list_kinds, validate_params
from srs_wb.engine.types import (
    AnswerType,
    Exercise,
    Grade,
    GradeStatus,
    KindInfo,
    Mistake,
    SolutionStep,
)

__all__ = [
    "AnswerType",
    "Exercise",
    "Grade",
    "GradeStatus",
    "KindInfo",
    "Mistake",
    "SolutionStep",
    "generate",
    "grade",
    "kind_names",
    "list_kinds",
    "validate_params",
]
