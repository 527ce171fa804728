"""Making file-borne text safe to print: no terminal control sequences ever reach the screen."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls (which include CSI 0x9b), and the
# escape character that starts every ANSI sequence. Whole ANSI sequences go first so
# that their parameters do not remain as stray text.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")  # overrides that reorder what is shown
# What json.dumps(..., ensure_ascii=False) leaves raw (it escapes only C0) but a terminal acts on.
_JSON_RAW = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def inert(text: str) -> str:
    """`text` with escape sequences and control characters removed (tab and newline kept)."""
    text = text.replace("\r\n", "\n")
    text = _ANSI.sub("", text)
    text = _CONTROL.sub("", text)
    return _BIDI.sub("", text)


def json_escaped(text: str) -> str:
    """JSON from `json.dumps(..., ensure_ascii=False)` with DEL, the C1 controls and the bidi
    overrides written as \\u escapes: the same data, and nothing a terminal acts on.

    (These characters can only be inside JSON strings, where an escape means the same.)
    """
    return _JSON_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
