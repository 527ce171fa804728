"""Reading native TOML decks into `DeckSpec`s, with every problem of a file reported at once."""

from __future__ import annotations

import codecs
import contextlib
import difflib
import itertools
import math
import os
import re
import tomllib
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from srs_wb.errors import ImportFailed
from srs_wb.formats.spec import AfterLast, CardKind, CardSpec, DeckSpec, LadderSpec
from srs_wb.scheduling.durations import parse_days

FORMAT_VERSION = 1

# Limits against hostile or broken files: a deck past any of them is refused, never truncated.
MAX_FILE_BYTES = 5_000_000
MAX_CARDS = 20_000
MAX_TEXT_CHARS = 20_000
MAX_NAME_CHARS = 200
MAX_TAG_CHARS = 100
MAX_PARAMS_DEPTH = 3
MAX_LADDER_STEPS = 12
MAX_DURATION_DAYS = 3650
MAX_NEW_PER_DAY = 9_999
MAX_REVIEWS_PER_DAY = 99_999
MAX_DIFFICULTY = 3
# A dotted key of N parts (`a.b.c = 1`) costs tomllib, and the line finder below, N² time and
# memory: 100,000 parts in a 200 KB file would take hours and gigabytes. Decks use two or three.
MAX_KEY_PARTS = 10
# Past this many, the rest are counted rather than listed: enough to fix a file by.
MAX_PROBLEMS_LISTED = 1_000

DECK_ID = re.compile(r"[a-z0-9._-]{1,64}")
CARD_ID = re.compile(r"[a-z0-9._-]{1,128}")
LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")

DECK_KEYS = ("format", "id", "name", "language", "description", "ladder", "limits", "cards")
LADDER_KEYS = ("steps", "after_last")
LIMITS_KEYS = ("new_per_day", "reviews_per_day")
CARD_KEYS = ("id", "tags", "front", "back", "exercise", "difficulty", "params", "unlock_after")

# "10m" reads as ten months in `parse_days`, which a teacher may well mean as ten minutes.
_BARE_M_UNIT = re.compile(r"\s*\d+\s*[mM]\s*")
# A key of more than MAX_KEY_PARTS parts (bare or quoted), found before tomllib sees it: at the
# start of a line (a key/value pair, a [table] or [[array]] header) or after `{` or `,` (in an
# inline table). Inside a string such text is refused all the same: eleven words joined by
# dots are not prose.
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_DEEP_KEY = re.compile(
    rf"(?:^[ \t]*\[{{0,2}}|[{{,])[ \t]*(?:{_KEY_PART}[ \t]*\.[ \t]*){{{MAX_KEY_PARTS}}}",
    re.MULTILINE,
)
_TOML_ERROR_AT = re.compile(
    r"^(?P<what>.*?) \(at (?:line (?P<line>\d+), column (?P<col>\d+)|end of document)\)$"
)

Path_ = tuple[str | int, ...]  # where a value sits in the document: ("cards", 3, "front")


class ExerciseCatalog(Protocol):
    """What the reader asks of the exercise engine: which kinds exist, and are these params fine."""

    def kind_names(self) -> list[str]: ...

    def validate_params(self, kind: str, params: Mapping[str, Any], difficulty: int) -> list[str]:
        """Problems with `params` for `kind` at `difficulty`, as short messages; [] if none."""
        ...


class EngineCatalog:
    """The built-in exercise engine, imported on first use so that recall decks never load it."""

    def kind_names(self) -> list[str]:
        from srs_wb import engine

        return list(engine.kind_names())

    def validate_params(self, kind: str, params: Mapping[str, Any], difficulty: int) -> list[str]:
        from srs_wb import engine

        return list(engine.validate_params(kind, params, difficulty))


def read_deck(path: Path | str, *, exercises: ExerciseCatalog | None = None) -> DeckSpec:
    """Read and validate the deck at `path`; raise `ImportFailed` listing every problem."""
    source = str(path)
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise _refused(source, _too_big(source, size))
            data = file.read(MAX_FILE_BYTES + 1)  # a pipe or device may report no size
    except OSError as exc:
        raise _refused(source, f"{source}: cannot read the file: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise _refused(source, _too_big(source, len(data)))
    return parse_deck_text(_decode(data, source), source, exercises=exercises)


def parse_deck_text(
    text: str, source: str, *, exercises: ExerciseCatalog | None = None
) -> DeckSpec:
    """Validate deck `text` (named `source` in messages) and build its `DeckSpec`."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_FILE_BYTES:
        raise _refused(source, _too_big(source, size))
    text = text.removeprefix("\ufeff")
    deep = _DEEP_KEY.search(text)
    if deep is not None:
        line = text.count("\n", 0, deep.start()) + 1
        raise _refused(
            source,
            f"{source}:{line}: a dotted key of more than {MAX_KEY_PARTS} parts "
            "(a.b.c…); deck keys are a few parts at most",
        )
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _refused(source, _syntax_problem(source, text, str(exc))) from None
    except RecursionError:
        raise _refused(
            source, f"{source}: values are nested too deeply (lists or tables inside each other)"
        ) from None
    except ValueError as exc:  # e.g. an integer with thousands of digits
        raise _refused(source, f"{source}: not a readable deck: {exc}") from None
    catalog = exercises if exercises is not None else EngineCatalog()
    checker = _Checker(source, SourceLines(text), catalog)
    spec = checker.deck(document)
    if spec is None:
        raise _failed(source, checker.problems)
    return spec


def _refused(source: str, problem: str) -> ImportFailed:
    return ImportFailed(f"{source}: deck not imported", [problem])


def _failed(source: str, problems: list[str]) -> ImportFailed:
    count = len(problems)
    listed = problems[:MAX_PROBLEMS_LISTED]
    if count > MAX_PROBLEMS_LISTED:
        listed.append(f"… and {count - MAX_PROBLEMS_LISTED} more problems")
    noun = "problem" if count == 1 else "problems"
    return ImportFailed(f"{source}: deck not imported ({count} {noun})", listed)


def _too_big(source: str, size: int) -> str:
    return (
        f"{source}: the file is {size / 1e6:.1f} MB ({size:,} bytes); "
        f"decks are limited to {MAX_FILE_BYTES / 1e6:.0f} MB"
    )


def _decode(data: bytes, source: str) -> str:
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = skip + exc.start
        line = data.count(b"\n", 0, offset) + 1
        raise _refused(
            source,
            f"{source}:{line}: the file is not UTF-8 text: byte 0x{data[offset]:02X} at byte "
            f"offset {offset} cannot be read; save the deck as UTF-8",
        ) from None


def _syntax_problem(source: str, text: str, message: str) -> str:
    match = _TOML_ERROR_AT.match(message)
    if match is None:
        return f"{source}: not valid TOML: {message}"
    what = match["what"]
    if match["line"] is None:
        return (
            f"{source}:{text.count(chr(10)) + 1}: not valid TOML: {what} (at the end of the file)"
        )
    return f"{source}:{match['line']}: not valid TOML: {what} (column {match['col']})"


# --- Checking the parsed document -------------------------------------------------------------


class _Checker:
    """Walks a parsed deck, collecting every problem, and builds the spec when there are none."""

    def __init__(self, source: str, lines: SourceLines, exercises: ExerciseCatalog) -> None:
        self.source = source
        self.lines = lines
        self.exercises = exercises
        self._found: list[tuple[int, str]] = []
        self._kinds: list[str] | None = None

    def report(self, path: Path_, message: str, card: str | None = None) -> None:
        line = self.lines.line_of(path)
        where = f"{self.source}:{line}" if line is not None else self.source
        who = f"card {card}: " if card is not None else ""
        self._found.append((line or 0, f"{where}: {who}{message}"))

    @property
    def problems(self) -> list[str]:
        """Every problem found, in the order of the file (those without a line first)."""
        return [message for _, message in sorted(self._found, key=lambda found: found[0])]

    # The deck -----------------------------------------------------------------------------

    def deck(self, doc: dict[str, Any]) -> DeckSpec | None:
        if not self._format_ok(doc):
            return None
        self._unknown_keys(doc, DECK_KEYS, ())
        key = self._deck_id(doc)
        name = self._text(doc, "name", (), required=True, single_line=True, limit=MAX_NAME_CHARS)
        language = self._language(doc)
        description = self._text(doc, "description", (), required=False) or ""
        ladder = self._ladder(doc)
        new_per_day, reviews_per_day = self._limits(doc)
        cards = self._cards(doc)
        if self._found or key is None or name is None or language is None:
            return None
        return DeckSpec(
            key=key,
            name=name,
            cards=cards,
            language=language,
            description=description,
            format_version=FORMAT_VERSION,
            ladder=ladder,
            new_per_day=new_per_day,
            reviews_per_day=reviews_per_day,
            source=self.source,
        )

    def _format_ok(self, doc: dict[str, Any]) -> bool:
        """False when the file is a newer format: its other keys would only be noise then."""
        if "format" not in doc:
            self.report((), f"missing required key 'format' (write format = {FORMAT_VERSION})")
            return True
        version = doc["format"]
        if not _is_int(version):
            self.report(("format",), f"'format' must be a whole number, not {_describe(version)}")
        elif version > FORMAT_VERSION:
            self.report(
                ("format",),
                f"this deck needs a newer srs-wb: it is format {version}, "
                f"this version reads format {FORMAT_VERSION}",
            )
            return False
        elif version != FORMAT_VERSION:
            self.report(("format",), f"unknown format {version}; write format = {FORMAT_VERSION}")
        return True

    def _deck_id(self, doc: dict[str, Any]) -> str | None:
        key = self._text(doc, "id", (), required=True, limit=None)
        if key is not None and not DECK_ID.fullmatch(key):
            self.report(
                ("id",),
                f"bad deck id {_quote(key)}: use 1–64 lowercase letters, digits, '-', '_' or '.'",
            )
            return None
        return key

    def _language(self, doc: dict[str, Any]) -> str | None:
        code = self._text(doc, "language", (), required=True, limit=None)
        if code is not None and not LANGUAGE.fullmatch(code):
            self.report(
                ("language",), f"bad language code {_quote(code)}: use a code such as bg or en"
            )
            return None
        return code

    def _ladder(self, doc: dict[str, Any]) -> LadderSpec | None:
        table = self._table(doc, "ladder", (), "[ladder] with steps = [...]")
        if table is None:
            return None
        path: Path_ = ("ladder",)
        self._unknown_keys(table, LADDER_KEYS, path)
        after_last = AfterLast.REPEAT
        if "after_last" in table:
            value = table["after_last"]
            choices = [a.value for a in AfterLast]
            if value in choices:
                after_last = AfterLast(value)
            else:
                self.report(
                    (*path, "after_last"),
                    f"'after_last' must be {' or '.join(map(repr, choices))}, "
                    f"not {_describe(value)}",
                )
        if "steps" not in table:
            self.report(path, "missing required key 'steps' in [ladder]")
            return None
        steps = table["steps"]
        where: Path_ = (*path, "steps")
        if not isinstance(steps, list) or not 1 <= len(steps) <= MAX_LADDER_STEPS:
            self.report(
                where, f"'steps' must be a list of 1 to {MAX_LADDER_STEPS} durations such as \"1d\""
            )
            return None
        parsed = [self._duration(step, where, "ladder step", minimum=1) for step in steps]
        days = [d for d in parsed if d is not None]
        if len(days) != len(parsed):
            return None
        if any(later <= earlier for earlier, later in itertools.pairwise(days)):
            self.report(where, f"ladder steps must strictly increase, got {_show_list(steps)}")
            return None
        return LadderSpec(steps_days=tuple(days), after_last=after_last)

    def _limits(self, doc: dict[str, Any]) -> tuple[int | None, int | None]:
        table = self._table(doc, "limits", (), "[limits] with new_per_day = ...")
        if table is None:
            return None, None
        self._unknown_keys(table, LIMITS_KEYS, ("limits",))
        new = self._count(table, "new_per_day", ("limits",), MAX_NEW_PER_DAY)
        reviews = self._count(table, "reviews_per_day", ("limits",), MAX_REVIEWS_PER_DAY)
        return new, reviews

    def _count(self, table: dict[str, Any], key: str, path: Path_, top: int) -> int | None:
        if key not in table:
            return None
        value = table[key]
        if not _is_int(value) or not 0 <= value <= top:
            self.report(
                (*path, key),
                f"'{key}' must be a whole number from 0 to {top}, not {_describe(value)}",
            )
            return None
        return int(value)

    # The cards ----------------------------------------------------------------------------

    def _cards(self, doc: dict[str, Any]) -> tuple[CardSpec, ...]:
        raw = doc.get("cards")
        if raw is None:
            self.report((), "the deck has no cards: add at least one [[cards]] table")
            return ()
        if not isinstance(raw, list):
            self.report(("cards",), f"'cards' must be [[cards]] tables, not {_describe(raw)}")
            return ()
        if not raw:
            self.report(("cards",), "the deck has no cards: add at least one [[cards]] table")
            return ()
        if len(raw) > MAX_CARDS:
            self.report(("cards",), f"the deck has {len(raw):,} cards; the limit is {MAX_CARDS:,}")
            return ()
        cards = [self._card(index, item) for index, item in enumerate(raw)]
        self._duplicates(raw)
        return tuple(card for card in cards if card is not None)

    def _card(self, index: int, raw: object) -> CardSpec | None:
        path: Path_ = ("cards", index)
        if not isinstance(raw, dict):
            self.report(path, f"card #{index + 1} must be a table, not {_describe(raw)}")
            return None
        before = len(self._found)
        label = _card_label(index, raw)
        self._unknown_keys(raw, CARD_KEYS, path, card=label)
        key = self._card_id(raw, path, label)
        tags = self._tags(raw, path, label)
        unlock = None
        if "unlock_after" in raw:
            unlock = self._duration(
                raw["unlock_after"],
                (*path, "unlock_after"),
                "'unlock_after'",
                minimum=0,
                card=label,
            )
        if "exercise" in raw:
            card = self._exercise_card(raw, path, label)
        else:
            card = self._recall_card(raw, path, label)
        if len(self._found) > before or key is None or card is None:
            return None
        return CardSpec(
            key=key,
            tags=tags,
            unlock_after_days=unlock,
            line=self.lines.line_of(path),
            **card,
        )

    def _card_id(self, raw: dict[str, Any], path: Path_, label: str) -> str | None:
        if "id" not in raw:
            self.report(path, "missing required key 'id'", card=label)
            return None
        key = raw["id"]
        if not isinstance(key, str):
            self.report((*path, "id"), f"'id' must be text, not {_describe(key)}", card=label)
            return None
        if not CARD_ID.fullmatch(key):
            self.report(
                (*path, "id"),
                f"bad card id {_quote(key)}: use 1–128 lowercase letters, digits, '-', '_' or '.'",
                card=label,
            )
            return None
        return key

    def _tags(self, raw: dict[str, Any], path: Path_, label: str) -> tuple[str, ...]:
        tags = raw.get("tags", [])
        where: Path_ = (*path, "tags")
        if not isinstance(tags, list):
            self.report(where, f"'tags' must be a list of words, not {_describe(tags)}", card=label)
            return ()
        for tag in tags:
            if not isinstance(tag, str):
                self.report(where, f"a tag must be text, not {_describe(tag)}", card=label)
            elif not tag or len(tag) > MAX_TAG_CHARS:
                self.report(where, f"a tag must have 1 to {MAX_TAG_CHARS} characters", card=label)
            elif any(ch.isspace() or unicodedata.category(ch) == "Cc" for ch in tag):
                self.report(
                    where, f"tag {_quote(tag)} must be one word, without spaces", card=label
                )
        return tuple(tag for tag in tags if isinstance(tag, str))

    def _recall_card(self, raw: dict[str, Any], path: Path_, label: str) -> dict[str, Any] | None:
        for key in ("difficulty", "params"):
            if key in raw:
                self.report(
                    (*path, key),
                    f"'{key}' belongs to exercise cards; a card with 'front' and 'back' has none",
                    card=label,
                )
        if "front" not in raw and "back" not in raw:
            self.report(
                path,
                "a card needs 'front' and 'back' (a question card) "
                "or 'exercise' (an exercise card)",
                card=label,
            )
            return None
        front = self._text(raw, "front", path, required=True, card=label, nonblank=True)
        back = self._text(raw, "back", path, required=True, card=label, nonblank=True)
        if front is None or back is None:
            return None
        return {"kind": CardKind.RECALL, "front": front, "back": back}

    def _exercise_card(self, raw: dict[str, Any], path: Path_, label: str) -> dict[str, Any] | None:
        for key in ("front", "back"):
            if key in raw:
                self.report(
                    (*path, key),
                    f"an exercise card has no '{key}': the engine writes its question and answer",
                    card=label,
                )
        kind = raw["exercise"]
        known: str | None = None
        if not isinstance(kind, str):
            self.report(
                (*path, "exercise"),
                f"'exercise' must be a kind name, not {_describe(kind)}",
                card=label,
            )
        elif self._known_kind(kind, (*path, "exercise"), label):
            known = kind
        difficulty = raw.get("difficulty", 1)
        difficulty_ok = _is_int(difficulty) and 1 <= difficulty <= MAX_DIFFICULTY
        if not difficulty_ok:
            self.report(
                (*path, "difficulty"),
                f"'difficulty' must be 1, 2 or 3, not {_describe(difficulty)}",
                card=label,
            )
        params = raw.get("params", {})
        params_ok = self._params(params, (*path, "params"), label)
        if known is None or not difficulty_ok or not params_ok:
            return None
        params_path: Path_ = (*path, "params") if "params" in raw else (*path, "exercise")
        try:
            rejected = self.exercises.validate_params(known, params, int(difficulty))
        except Exception as exc:  # a bad deck must give a message, even through an engine bug
            rejected = [f"could not be checked ({type(exc).__name__}: {exc})"]
        for message in rejected:
            self.report(params_path, f"params for '{known}': {message}", card=label)
        if rejected:
            return None
        return {
            "kind": CardKind.EXERCISE,
            "exercise": known,
            "params": params,
            "difficulty": int(difficulty),
        }

    def _known_kind(self, kind: str, path: Path_, label: str) -> bool:
        if self._kinds is None:
            self._kinds = sorted(self.exercises.kind_names())
        if kind in self._kinds:
            return True
        known = ", ".join(self._kinds) or "none"
        self.report(
            path,
            f"unknown exercise kind {_quote(kind)}{_did_you_mean(kind, self._kinds)}; "
            f"known kinds: {known}",
            card=label,
        )
        return False

    def _params(self, params: object, path: Path_, label: str) -> bool:
        if not isinstance(params, dict):
            self.report(
                path,
                f"'params' must be a table such as {{ inputs = 3 }}, not {_describe(params)}",
                card=label,
            )
            return False
        found = list(_plain_data_problems(params, "params", depth=0))
        for message in found:
            self.report(path, message, card=label)
        return not found

    def _duplicates(self, raw: list[Any]) -> None:
        first: dict[str, int] = {}
        for index, card in enumerate(raw):
            key = card.get("id") if isinstance(card, dict) else None
            if not isinstance(key, str) or not CARD_ID.fullmatch(key):
                continue
            if key not in first:
                first[key] = index
                continue
            earlier = self.lines.line_of(("cards", first[key]))
            where = f"line {earlier}" if earlier is not None else f"card #{first[key] + 1}"
            self.report(
                ("cards", index, "id"),
                f"duplicate card id, already used by the card at {where}",
                card=key,
            )

    # Shared checks -------------------------------------------------------------------------

    def _unknown_keys(
        self, table: Mapping[str, Any], known: Sequence[str], path: Path_, card: str | None = None
    ) -> None:
        for key in table:
            if key in known:
                continue
            hint = _did_you_mean(key, known) or f" (known keys: {', '.join(known)})"
            self.report((*path, key), f"unknown key {_quote(key)}{hint}", card=card)

    def _table(
        self, doc: dict[str, Any], key: str, path: Path_, example: str
    ) -> dict[str, Any] | None:
        if key not in doc:
            return None
        value = doc[key]
        if not isinstance(value, dict):
            self.report(
                (*path, key), f"'{key}' must be a table ({example}), not {_describe(value)}"
            )
            return None
        return value

    def _text(
        self,
        table: dict[str, Any],
        key: str,
        path: Path_,
        *,
        required: bool,
        card: str | None = None,
        single_line: bool = False,
        nonblank: bool = False,
        limit: int | None = MAX_TEXT_CHARS,
    ) -> str | None:
        if key not in table:
            if required:
                self.report(path, f"missing required key '{key}'", card=card)
            return None
        value = table[key]
        where: Path_ = (*path, key)
        if not isinstance(value, str):
            self.report(where, f"'{key}' must be text, not {_describe(value)}", card=card)
            return None
        if (nonblank or single_line) and not value.strip():
            self.report(where, f"'{key}' is empty", card=card)
            return None
        if limit is not None and len(value) > limit:
            self.report(
                where,
                f"'{key}' is {len(value):,} characters long; the limit is {limit:,}",
                card=card,
            )
            return None
        if single_line and any(unicodedata.category(ch) == "Cc" for ch in value):
            self.report(where, f"'{key}' must be one line of text", card=card)
            return None
        return value

    def _duration(
        self, value: object, path: Path_, what: str, *, minimum: int, card: str | None = None
    ) -> int | None:
        if isinstance(value, str) and _BARE_M_UNIT.fullmatch(value):
            self.report(
                path,
                f"{what} {_quote(value)}: write months as 'mo' (such as 1mo); "
                "srs-wb counts whole days",
                card=card,
            )
            return None
        if not isinstance(value, str | int) or isinstance(value, bool):
            self.report(
                path, f'{what} must be a duration such as "3d", not {_describe(value)}', card=card
            )
            return None
        if isinstance(value, int):
            days = value  # a bare whole number counts days
        else:
            try:
                days = parse_days(value)
            except ValueError as exc:
                self.report(path, f"{what}: {exc}", card=card)
                return None
        if not minimum <= days <= MAX_DURATION_DAYS:
            self.report(
                path,
                f"{what} {_quote(str(value))} must be from {minimum} to {MAX_DURATION_DAYS} days",
                card=card,
            )
            return None
        return days


def _plain_data_problems(value: object, where: str, depth: int) -> Iterator[str]:
    """Why `value` is not plain data (text, numbers, true/false, lists, tables), if it is not."""
    if isinstance(value, bool | int):
        return
    if isinstance(value, str):
        if len(value) > MAX_TEXT_CHARS:
            yield f"{where} is {len(value):,} characters long; the limit is {MAX_TEXT_CHARS:,}"
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            yield f"{where} must be a finite number, not {value}"
        return
    if isinstance(value, list | dict):
        if depth > MAX_PARAMS_DEPTH:
            yield (
                f"{where} is nested too deeply: "
                f"params allow {MAX_PARAMS_DEPTH} levels of lists and tables"
            )
            return
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            inner = f"{where}.{key}" if isinstance(value, dict) else f"{where}[{key}]"
            yield from _plain_data_problems(item, inner, depth + 1)
        return
    yield (
        f"{where} is {_describe(value)}: "
        "params hold only text, numbers, true/false, lists and tables"
    )


# --- Words for messages -----------------------------------------------------------------------


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _quote(text: str, limit: int = 40) -> str:
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(shown)


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {_quote(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"  # the only other values TOML has


def _show_list(values: list[Any]) -> str:
    return "[" + ", ".join(_quote(v) if isinstance(v, str) else str(v) for v in values) + "]"


def _did_you_mean(word: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _card_label(index: int, raw: Mapping[str, Any]) -> str:
    key = raw.get("id")
    return key if isinstance(key, str) and CARD_ID.fullmatch(key) else f"#{index + 1}"


# --- Lines in the source ----------------------------------------------------------------------

# Tokens of a (valid) TOML document that matter for telling where statements start: the rest
# of a value is skipped up to the newline that ends it outside brackets.
_VALUE_STOP = re.compile(r"[\"'\[\]{}#\n]")
_BASIC_END = re.compile(r'\\.|"', re.DOTALL)
_ML_BASIC_END = re.compile(r'\\.|"{3,}', re.DOTALL)
_ML_LITERAL_END = re.compile(r"'{3,}")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BLANK = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")
_INLINE_BLANK = re.compile(r"[ \t]*")


class SourceLines:
    """Where each key, table and `[[cards]]` header of a TOML document starts (1-based lines).

    tomllib keeps no positions, so this re-reads the text: it skips strings (a `[[cards]]`
    inside a multi-line string is text, not a header), comments and values, and records
    the line of each statement under its path: `("ladder", "steps")`, `("cards", 3)`,
    `("cards", 3, "front")`. It expects text that tomllib has accepted.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: dict[Path_, int] = {}
        self._line = 1
        self._counted_to = 0
        # Should the scan ever trip, only messages lose their line numbers.
        with contextlib.suppress(IndexError, ValueError, tomllib.TOMLDecodeError):
            self._scan()

    def line_of(self, path: Path_) -> int | None:
        """The line of `path`, else of its nearest enclosing table or key, else None."""
        for end in range(len(path), 0, -1):
            line = self._lines.get(path[:end])
            if line is not None:
                return line
        return None

    def _line_at(self, pos: int) -> int:
        # Positions are asked for in increasing order, so counting is linear overall.
        self._line += self._text.count("\n", self._counted_to, pos)
        self._counted_to = pos
        return self._line

    def _record(self, path: Path_, pos: int) -> None:
        line = self._line_at(pos)
        for end in range(1, len(path) + 1):
            self._lines.setdefault(path[:end], line)

    def _scan(self) -> None:
        text = self._text
        table: Path_ = ()
        cards = -1
        pos = 0
        while True:
            match = _BLANK.match(text, pos)
            pos = match.end() if match else pos
            if pos >= len(text):
                return
            start = pos
            if text[pos] == "[":
                array = text.startswith("[[", pos)
                keys, pos = self._key(pos + (2 if array else 1))
                if array and keys == ("cards",):
                    cards += 1
                    table = ("cards", cards)
                elif keys[0] == "cards" and cards >= 0 and len(keys) > 1:
                    table = ("cards", cards, *keys[1:])
                else:
                    table = keys
                self._record(table, start)
                newline = text.find("\n", pos)
                pos = len(text) if newline < 0 else newline + 1
            else:
                keys, pos = self._key(pos)
                self._record((*table, *keys), start)
                pos = self._skip_value(text.index("=", pos) + 1)
            if pos <= start:  # pragma: no cover - valid TOML always moves on
                return

    def _key(self, pos: int) -> tuple[tuple[str, ...], int]:
        text = self._text
        parts: list[str] = []
        while True:
            pos = _INLINE_BLANK.match(text, pos).end()  # type: ignore[union-attr]
            if text[pos] == '"':
                end = self._skip_string(pos)
                parts.append(tomllib.loads(f"k = {text[pos:end]}")["k"])
            elif text[pos] == "'":
                end = text.index("'", pos + 1) + 1
                parts.append(text[pos + 1 : end - 1])
            else:
                bare = _BARE_KEY.match(text, pos)
                if bare is None:
                    raise ValueError("not a key")
                end = bare.end()
                parts.append(bare.group())
            pos = _INLINE_BLANK.match(text, end).end()  # type: ignore[union-attr]
            if not text.startswith(".", pos):
                return tuple(parts), pos
            pos += 1

    def _skip_value(self, pos: int) -> int:
        """The position after the value starting at `pos` and the rest of its line."""
        text = self._text
        depth = 0
        while True:
            stop = _VALUE_STOP.search(text, pos)
            if stop is None:
                return len(text)
            char, pos = stop.group(), stop.start()
            if char in "\"'":
                pos = self._skip_string(pos)
            elif char in "[{":
                depth, pos = depth + 1, pos + 1
            elif char in "]}":
                depth, pos = depth - 1, pos + 1
            elif char == "#":
                newline = text.find("\n", pos)
                pos = len(text) if newline < 0 else newline
            elif depth == 0:  # the newline that ends the statement
                return pos + 1
            else:
                pos += 1

    def _skip_string(self, pos: int) -> int:
        """The position after the string that starts at `pos`."""
        text = self._text
        if text.startswith('"""', pos):
            return self._after_closing(_ML_BASIC_END, pos + 3, '"')
        if text.startswith("'''", pos):
            return self._after_closing(_ML_LITERAL_END, pos + 3, "'")
        if text[pos] == "'":
            return text.index("'", pos + 1) + 1
        return self._after_closing(_BASIC_END, pos + 1, '"')

    def _after_closing(self, closing: re.Pattern[str], pos: int, quote: str) -> int:
        while True:
            found = closing.search(self._text, pos)
            if found is None:
                raise ValueError("unterminated string")
            if found.group().startswith(quote):
                # Up to two quotes may end the text itself, right before the closing three.
                return found.end()
            pos = found.end()
