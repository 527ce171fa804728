"""How numbers are written: inputs as drawn, answers as rounded, math with a real minus sign."""

from __future__ import annotations

from collections.abc import Iterable

MINUS = "\u2212"


def num(x: float) -> str:
    """An input number as the learner sees it: shortest form, a real minus sign ("−0.5")."""
    text = plain(x)
    return MINUS + text[1:] if text.startswith("-") else text


def plain(x: float) -> str:
    """The shortest decimal form with an ASCII minus: 0.1 -> "0.1", 2.0 -> "2.0"."""
    if x == 0:
        return "0.0"
    text = repr(float(x))
    if "e" in text or "n" in text:  # keep huge or tiny values readable, never "1e-05"
        text = f"{x:.6f}".rstrip("0")
        text = text + "0" if text.endswith(".") else text
    return text


def paren(x: float) -> str:
    """A number inside a product or a sum: negative ones in parentheses, "(−0.5)"."""
    return f"({num(x)})" if x < 0 else num(x)


def vec(xs: Iterable[float]) -> str:
    return "[" + ", ".join(num(x) for x in xs) + "]"


def rounded(x: float, decimals: int) -> str:
    """`x` rounded to `decimals` places with an ASCII minus, and never "-0.0".

    Float noise is cut first (0.39149999999999996 is 0.3915), so a value computed two ways
    always rounds the same way.
    """
    text = f"{round(x, 12):.{decimals}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return text


def rounded_vec(xs: Iterable[float], decimals: int) -> str:
    return "[" + ", ".join(rounded(x, decimals) for x in xs) + "]"


def show(text: str) -> str:
    """An ASCII answer text as math shows it, with the real minus sign."""
    return text.replace("-", MINUS)


def approx(x: float, decimals: int) -> str:
    """`x` rounded for display: "= 0.4" when exact, "≈ 0.62" when rounding changed it."""
    text = rounded(x, decimals)
    sign = "=" if abs(float(text) - x) < 1e-12 else "≈"
    return f"{sign} {show(text)}"


def approx_vec(xs: tuple[float, ...], decimals: int) -> str:
    text = rounded_vec(xs, decimals)
    exact = all(abs(float(rounded(x, decimals)) - x) < 1e-12 for x in xs)
    return f"{'=' if exact else '≈'} {show(text)}"


def full(x: float, places: int = 6) -> str:
    """An intermediate value in a worked solution: up to `places` decimals, trailing zeros cut."""
    text = f"{x:.{places}f}".rstrip("0")
    if text.endswith("."):
        text += "0"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return show(text)


def pfull(x: float, places: int = 6) -> str:
    """`full` in parentheses when negative, for products and sums."""
    text = full(x, places)
    return f"({text})" if text.startswith(MINUS) else text


def neg(text: str) -> str:
    """A displayed number with its sign flipped: "0.5" -> "−0.5", "−0.5" -> "0.5"."""
    return text[1:] if text.startswith(MINUS) else MINUS + text
