"""Bilingual phrases that several kinds share: rounding instructions, the loss convention, steps."""

from __future__ import annotations

from srs_wb.engine.formatting import paren, pfull
from srs_wb.engine.types import SolutionStep, Text

SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def sub(i: int) -> str:
    """A subscript index: sub(2) == "₂" (not an ASCII digit, so it is no input number)."""
    return str(i).translate(SUB)


def step(text: str) -> SolutionStep:
    return SolutionStep({"bg": text, "en": text})


def step2(bg: str, en: str) -> SolutionStep:
    return SolutionStep({"bg": bg, "en": en})


def rounding(decimals: int, *, exact: bool = True, vector: bool = False) -> Text:
    """The rounding the prompt asks for; `exact` False adds "do not round in between"."""
    places_en = "decimal place" if decimals == 1 else "decimal places"
    places_bg = "знак" if decimals == 1 else "знака"
    what_en = "each number" if vector else ("the final answer" if not exact else "the answer")
    what_bg = "всяко число" if vector else ("крайния отговор" if not exact else "отговора")
    en = f"Round {what_en} to {decimals} {places_en}."
    bg = f"Закръглете {what_bg} до {decimals} {places_bg} след десетичната точка."
    if not exact:
        en = en[:-1] + "; do not round intermediate results."
        bg = bg[:-1] + "; не закръглявайте междинните резултати."
    return {"bg": bg, "en": en}


def loss_convention() -> Text:
    return {
        "bg": "Функцията на загубата е L = ½(ŷ − y)², грешката е e = ŷ − y, така че ∂L/∂ŷ = e.",
        "en": "The loss is L = ½(ŷ − y)² and the error is e = ŷ − y, so ∂L/∂ŷ = e.",
    }


def weighted_sum(x: list[float], w: list[float], b: float | None = None) -> str:
    """ "1.0·0.2 + 2.0·0.8 + 3.0·(−0.5) + 0.1": the terms of w·x + b, inputs first."""
    terms = [f"{paren(xi)}·{paren(wi)}" for xi, wi in zip(x, w, strict=True)]
    if b is not None:
        terms.append(paren(b))
    return " + ".join(terms)


def sum_terms(values: list[float]) -> str:
    return " + ".join(pfull(v) for v in values)
