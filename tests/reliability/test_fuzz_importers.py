"""Fuzzing every importer from valid seed files: an import, or one clear error, and nothing else.

Each case mutates a real file — the built-in TOML decks, a spreadsheet (CSV and TSV), Anki's
text export, the Anki-made legacy and current packages (as .apkg and as .colpkg) — and runs
the import service on it against a real database file. The only outcomes allowed: the import
succeeds, or it is refused with one `SrsError` whose message starts with the file's path,
the database file is byte for byte what it was, and SQLite's integrity check passes. Any
other exception is a bug in a reader, fixed there and kept below as an `@example`.

Mutations of text files: bit flips, cuts, inserted bytes (random ones and tokens that mean
something to one of the formats), deleted runs, shuffled, swapped and repeated lines.
Inside a package the same mutations hit one member's content with a valid zip around it:
the SQLite collection (decompressed and recompressed for the current layout, so that the
change reaches SQLite rather than stopping at zip's or zstd's checksum), the zstd frame
itself, `meta` and `media`; members are dropped, renamed and stored with another method;
and the collection's rows are edited through SQL (any value of any type in any column, a
table dropped), which reaches the JSON, protobuf, HTML and cloze readers.

The default run is quick; `pytest -m slow` runs many more examples of each.
"""

from __future__ import annotations

import hashlib
import io
import random
import re
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import zstandard
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from srs_wb.errors import SrsError
from srs_wb.services.collection import Collection
from srs_wb.services.importing import import_paths
from srs_wb.services.study import overview

ROOT = Path(__file__).resolve().parents[2]
ANKI = ROOT / "tests" / "fixtures" / "anki"

DEFAULT = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
SLOW = settings(DEFAULT, max_examples=300)

# --- The seeds ----------------------------------------------------------------------------

CSV_SEED = (
    "\ufefffront,back,tags,id\r\n"
    'Какво правят тежестите?,"Умножават входовете, всеки със своя сила.",basics,w-1\r\n'
    '"Защо е нужно пристрастие?","Измества сумата:\r\nбез него z = w·x е нула.",basics bias,\r\n'
    "'=1+1,a guarded formula,,\r\n"
    "ReLU(-2)?,0,activations,r.2\r\n"
    '"He said ""hi""",quotes,,\r\n'
).encode()

TSV_SEED = (
    "# a comment line at the top\n"
    "weight\tтежест\twords\n"
    "bias\tпристрастие\twords bias\n"
    "learning rate\tскорост на учене\t\n"
    'gradient\t"градиент\n(на много редове)"\twords\n'
).encode()


@dataclass(frozen=True)
class Seed:
    suffix: str
    data: bytes


@cache
def seeds() -> dict[str, Seed]:
    current = (ANKI / "current.apkg").read_bytes()
    return {
        "toml-bg": Seed(".toml", (ROOT / "decks" / "weights_and_biases.bg.toml").read_bytes()),
        "toml-en": Seed(".toml", (ROOT / "decks" / "weights_and_biases.en.toml").read_bytes()),
        "csv": Seed(".csv", CSV_SEED),
        "tsv": Seed(".tsv", TSV_SEED),
        "anki-text": Seed(".txt", (ANKI / "notes.txt").read_bytes()),
        "apkg-legacy": Seed(".apkg", (ANKI / "legacy21.apkg").read_bytes()),
        "apkg-current": Seed(".apkg", current),
        "colpkg": Seed(".colpkg", current),
    }


TEXT_SEEDS = ["toml-bg", "toml-en", "csv", "tsv", "anki-text"]
PACKAGE_SEEDS = ["apkg-legacy", "apkg-current", "colpkg"]
CURRENT = "collection.anki21b"
LEGACY = "collection.anki21"

# --- Mutations of bytes and lines ---------------------------------------------------------

# Bytes that mean something to one of the readers: quotes, delimiters, line ends, encodings,
# Anki's headers and cloze markers, HTML, TOML syntax, escapes, huge numbers.
TOKENS = [
    b'"', b'""', b",", b";", b"\t", b"|", b"\n", b"\r", b"\r\n", b"\x00", b"\xef\xbb\xbf",
    b"\xff\xfe", b"\xc3", b"\xe2\x80", b"\xff", b"#separator:tab\n", b"#separator:Pipe\n",
    b"#html:true\n", b"#html:maybe\n", b"#deck column:9\n", b"#guid column:0\n",
    b"#notetype:Cloze\n", b"#columns:Front\tBack\tTags\n", b"tags:x y\n", b"{{c1::", b"{{c2::",
    b"}}", b"::", b"<b>", b"<br>", b"<script>", b"&amp;", b"&#0;", b'<img src="', b"[sound:",
    b"[[cards]]\n", b'id = "x"\n', b'"""', b"'''", b"[", b"]", b"{", b"}", b" = ", b"\\",
    b"\\u0000", b"\x1b[2J", b"\xc2\x9b", b"[bold red]", b"'=1+1", b'kind = "neuron_output"\n',
    b"params = { inputs = 99 }\n", b"[ladder]\nsteps = [", b"1e999", b"-9223372036854775809",
    b"format = 2\n", b"{{c1::" * 1_000, b"}}" * 1_000, b"[" * 1_200, b"<div>" * 1_000,
]  # fmt: skip

Op = tuple[Any, ...]


def byte_ops(line_ops: bool) -> st.SearchStrategy[list[Op]]:
    """A few mutations in a row; positions are taken modulo the length at that point."""
    position = st.integers(0, 1 << 20)
    inserted = st.one_of(st.sampled_from(TOKENS), st.binary(min_size=1, max_size=16))
    kinds = [
        st.tuples(st.just("flip"), position, st.integers(0, 7)),
        st.tuples(st.just("cut"), position),
        st.tuples(st.just("insert"), position, inserted),
        st.tuples(st.just("delete"), position, st.integers(1, 256)),
    ]
    if line_ops:
        kinds += [
            st.tuples(st.just("shuffle"), st.integers(0, 2**32)),
            st.tuples(st.just("swap"), position, position),
            st.tuples(st.just("repeat"), position, st.integers(2, 50)),
        ]
    return st.lists(st.one_of(kinds), min_size=1, max_size=4)


def mutate(data: bytes, ops: Sequence[Op]) -> bytes:
    for op in ops:
        data = _mutate_once(data, op)
    return data


def _mutate_once(data: bytes, op: Op) -> bytes:
    kind, size = op[0], len(data)
    if kind == "cut":
        return data[: op[1] % (size + 1)]
    if kind == "insert":
        at = op[1] % (size + 1)
        return data[:at] + op[2] + data[at:]
    if not data:
        return data
    if kind == "flip":
        at = op[1] % size
        return data[:at] + bytes([data[at] ^ (1 << op[2])]) + data[at + 1 :]
    if kind == "delete":
        at = op[1] % size
        return data[:at] + data[at + op[2] :]
    lines = data.split(b"\n")
    if kind == "shuffle":
        random.Random(op[1]).shuffle(lines)
    elif kind == "swap":
        i, j = op[1] % len(lines), op[2] % len(lines)
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "repeat":
        i = op[1] % len(lines)
        lines[i : i + 1] = [lines[i]] * op[2]
    return b"\n".join(lines)


# --- Mutations inside a package -----------------------------------------------------------

SQL_TEXTS = [
    "", "{}", "[]", "null", "5", '"x"', '{"1": 5}', '{"1": {"flds": 5, "tmpls": [1]}}',
    '{"1": {"flds": [{"ord": "x"}, {"ord": 1}], "tmpls": [{"qfmt": 5}]}}',
    '{"1": {"type": 1, "flds": [], "tmpls": [{"qfmt": "{{cloze:Nope}}"}]}}',
    '{"x": {"name": "Nope"}}', '{"1": {"name": null}}',
    "[" * 100_000, '{"a":' * 50_000,
    "{{c1::" * 3_000 + "x" + "}}" * 3_000, "{{c1::a}} {{c600::b}}", "{{c0::x}}", "{{c9999::x}}",
    "\x1f", "\x1f" * 1000, "a\x1fb\x1fc\x1fd", "Parent\x1fChild", "::", "Parent::",
    "<div>" * 10_000, "<b>unclosed", "<img src=x>", "[sound:a.mp3]", "&#x110000;", "&#0;",
    "\x1b[2J\x1b]52;c;aGk=\x07\x9b31m[bold red]x[/] \u202eevil", "Cloze", "{{cloze:Text}}",
    "{{#Add Reverse}}{{Back}}{{/Add Reverse}}", "{{Front}}", "\ud7ff\ue000\U0010ffff",
    "x" * 30_000,
]  # fmt: skip
SQL_BLOBS = [
    b"", b"\x00", b"\x08", b"\x08\x01", b"\x08\x07", b"\x0a\xff\xff\xff\xff\x0f",
    b"\xff" * 11, b"\x12\x05hello", b"\x0a\x03{{c", b"\x0a\x10{{cloze:Text}}\xff",
    b"\x0b", b"\x0e\x00", bytes(range(256)),
]  # fmt: skip
SQL_VALUES = st.one_of(
    st.none(),
    st.sampled_from([0, 1, -1, 2, 3, 6, 2**31, 2**53, 2**62, -(2**63), 2**63 - 1]),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    st.sampled_from(SQL_TEXTS),
    st.text(max_size=30),
    st.sampled_from(SQL_BLOBS),
    st.binary(max_size=30),
)


def _unicase(a: str, b: str) -> int:
    """Anki's `unicase` collation, which its current schema names (needed to edit it)."""
    a, b = a.casefold(), b.casefold()
    return (a > b) - (a < b)


@cache
def package_members(name: str) -> tuple[tuple[str, bytes, int], ...]:
    with zipfile.ZipFile(io.BytesIO(seeds()[name].data)) as archive:
        return tuple(
            (info.filename, archive.read(info.filename), info.compress_type)
            for info in archive.infolist()
        )


@cache
def collection_columns(name: str) -> tuple[tuple[str, str], ...]:
    """(table, column) of every column of the package's collection."""
    with _sqlite(_collection_bytes(name)) as connection:
        tables = [
            table
            for (table,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return tuple(
            (table, row[1])
            for table in tables
            for row in connection.execute(f'PRAGMA table_info("{table}")')
        )


def _row_key(connection: sqlite3.Connection, table: str) -> str:
    """What names one row of `table`: its rowid, or its primary key in a WITHOUT ROWID table."""
    found = connection.execute("SELECT lower(sql) FROM sqlite_master WHERE name = ?", (table,))
    if "without rowid" not in (found.fetchone() or ("",))[0]:
        return "rowid"  # or no such table in this layout: the edit fails and is left out
    info = connection.execute(f'PRAGMA table_info("{table}")').fetchall()
    return ", ".join(f'"{row[1]}"' for row in sorted(info, key=lambda r: r[5]) if row[5])


def _collection_bytes(name: str) -> bytes:
    members = {member: data for member, data, _ in package_members(name)}
    if CURRENT in members:
        return zstandard.ZstdDecompressor().decompressobj().decompress(members[CURRENT])
    return members[LEGACY]


class _sqlite:
    """A temporary SQLite file holding `data`; its bytes again (edits included) in `.data`."""

    def __init__(self, data: bytes) -> None:
        self.folder = tempfile.TemporaryDirectory()
        self.path = Path(self.folder.name) / "collection.sqlite"
        self.path.write_bytes(data)
        self.connection = sqlite3.connect(self.path)
        self.connection.create_collation("unicase", _unicase)
        self.data = data

    def __enter__(self) -> sqlite3.Connection:
        return self.connection

    def __exit__(self, *exc: object) -> None:
        self.connection.commit()
        self.connection.close()
        self.data = self.path.read_bytes()
        self.folder.cleanup()


def edit_collection(data: bytes, ops: Sequence[Op]) -> bytes:
    """The collection with each SQL edit applied (an edit SQLite refuses is left out)."""
    database = _sqlite(data)
    with database as connection:
        for op in ops:
            try:
                if op[0] == "droptable":
                    connection.execute(f'DROP TABLE IF EXISTS "{op[1]}"')
                    continue
                _, table, column, row, value = op
                key = _row_key(connection, table)
                rows = f'SELECT {key} FROM "{table}" LIMIT 1 OFFSET {row}'  # noqa: S608 - the seed's own schema
                where = "" if row is None else f" WHERE ({key}) IN ({rows})"
                update = f'UPDATE OR IGNORE "{table}" SET "{column}" = ?{where}'  # noqa: S608 - ditto
                connection.execute(update, (value,))
            except sqlite3.Error:
                connection.rollback()
    return database.data


# The columns srs-wb reads (half the edits go to these, half to any column at all).
READ_COLUMNS = [
    ("col", "crt"), ("col", "models"), ("col", "decks"),
    *(("notes", c) for c in ("id", "guid", "mid", "tags", "flds")),
    *(("cards", c) for c in ("nid", "ord", "did", "odid", "type", "queue", "due", "odue")),
    *(("cards", c) for c in ("ivl", "reps", "lapses")),
    ("notetypes", "id"), ("notetypes", "name"), ("notetypes", "config"),
    ("fields", "ntid"), ("fields", "ord"), ("fields", "name"),
    ("templates", "ntid"), ("templates", "ord"), ("templates", "config"),
    ("decks", "id"), ("decks", "name"),
]  # fmt: skip


def package_ops() -> st.SearchStrategy[list[Op]]:
    """Mutations for either package layout (one that names what a package lacks does nothing)."""
    layouts = ("apkg-legacy", "apkg-current")
    names = sorted({member for layout in layouts for member, _, _ in package_members(layout)})
    columns = sorted({column for layout in layouts for column in collection_columns(layout)})
    tables = sorted({table for table, _ in columns})
    set_value = st.builds(
        lambda column, row, value: ("set", *column, row, value),
        st.one_of(st.sampled_from(READ_COLUMNS), st.sampled_from(columns)),
        st.one_of(st.none(), st.integers(0, 12)),
        SQL_VALUES,
    )
    kinds = [
        st.tuples(st.just("member"), st.sampled_from(names), byte_ops(line_ops=False)),
        set_value,
        set_value,
        st.tuples(st.just("droptable"), st.sampled_from(tables)),
        st.tuples(st.just("frame"), byte_ops(line_ops=False)),
        st.tuples(st.just("drop"), st.sampled_from(names)),
        st.tuples(
            st.just("rename"),
            st.sampled_from(names),
            st.sampled_from([*names, "x", "media/../0", "0/", "COLLECTION.ANKI2"]),
        ),
        st.tuples(
            st.just("method"),
            st.sampled_from(names),
            st.sampled_from(
                [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]
            ),
        ),
    ]
    return st.lists(st.one_of(kinds), min_size=1, max_size=4)


def build_package(name: str, ops: Sequence[Op]) -> bytes:
    """The seed package with `ops` applied inside it, in a valid zip archive."""
    members = [[member, data, method] for member, data, method in package_members(name)]
    by_name = {member[0]: member for member in members}
    current = CURRENT in by_name
    collection_member = CURRENT if current else LEGACY
    edits = [op for op in ops if op[0] in ("set", "droptable")]
    collection = None
    if edits or any(op[:2] == ("member", collection_member) for op in ops):
        collection = edit_collection(_collection_bytes(name), edits)
    for op in ops:
        if op[0] != "member" or op[1] not in by_name:
            continue
        if op[1] == collection_member:
            collection = mutate(collection or b"", op[2])
        else:
            by_name[op[1]][1] = mutate(by_name[op[1]][1], op[2])
    if collection is not None:
        by_name[collection_member][1] = (
            zstandard.ZstdCompressor().compress(collection) if current else collection
        )
    for op in ops:
        if op[0] == "frame" and current:
            by_name[CURRENT][1] = mutate(by_name[CURRENT][1], op[1])
    for op in ops:
        target = by_name.get(op[1]) if op[0] in ("drop", "rename", "method") else None
        if target is None or target not in members:
            continue
        if op[0] == "drop":
            members.remove(target)
        elif op[0] == "rename" and op[2] not in {m[0] for m in members}:
            target[0] = op[2]
        elif op[0] == "method":
            target[2] = op[2]
    out = io.BytesIO(b"")
    with zipfile.ZipFile(out, "w") as archive:
        for member, data, method in members:
            archive.writestr(member, data, compress_type=method)
    return bytes(out.getvalue())


# --- Importing, and what must hold afterwards ---------------------------------------------


def _fixed_now() -> datetime:
    return datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass
class Target:
    collection: Collection
    db: Path
    folder: Path


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    """One real database for the module's cases; each case hashes it before and after."""
    folder = tmp_path_factory.mktemp("fuzz")
    db = folder / "learner.db"
    with Collection(db, now=_fixed_now, install_builtin=False) as collection:
        yield Target(collection, db, folder)


def _digest(db: Path) -> str:
    """The database as stored: the file and, in WAL mode, its write-ahead log."""
    digest = hashlib.sha256(db.read_bytes())
    wal = db.with_name(db.name + "-wal")
    if wal.exists():
        digest.update(wal.read_bytes())
    return digest.hexdigest()


def _integrity(db: Path) -> str:
    connection = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check"))
    finally:
        connection.close()


def import_and_check(target: Target, suffix: str, data: bytes, **options: Any) -> None:
    """Import `data` as a file; an import or one clear refusal, and an intact database."""
    path = target.folder / f"fuzzed{suffix}"
    path.write_bytes(data)
    before = _digest(target.db)
    try:
        summaries = import_paths(target.collection, [path], **options)
    except SrsError as exc:
        message = str(exc)
        assert message.startswith(f"{path}: "), message
        assert "Traceback" not in message
        assert _digest(target.db) == before, "a refused import changed the database"
    else:
        assert summaries and all(summary.source for summary in summaries)
        assert _values_off_schema(target.db) == []
        overview(target.collection)  # what the app shows first reads every deck back
    assert _integrity(target.db) == "ok"


def _values_off_schema(db: Path) -> list[str]:
    """Stored values of another type than their column's, or longer than its VARCHAR(n)."""
    problems = []
    connection = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        tables = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        for (table,) in tables:
            for _, column, declared, *_ in connection.execute(f'PRAGMA table_info("{table}")'):
                declared = declared.upper()
                kinds = ("integer",) if "INT" in declared or "BOOL" in declared else ("text",)
                if "FLOAT" in declared or "REAL" in declared:
                    kinds = ("real", "integer")
                query = (
                    f'SELECT count(*) FROM "{table}" WHERE "{column}" IS NOT NULL AND '  # noqa: S608 - the database's own schema
                    f'typeof("{column}") NOT IN ({", ".join(repr(k) for k in kinds)})'
                )
                if limit := re.fullmatch(r"VARCHAR\((\d+)\)", declared):
                    query += f' OR length("{column}") > {limit.group(1)}'
                (count,) = connection.execute(query).fetchone()
                if count:
                    problems.append(f"{table}.{column} ({declared}): {count} values")
    finally:
        connection.close()
    return problems


# --- The cases ----------------------------------------------------------------------------

text_options = st.fixed_dictionaries({"deck": st.sampled_from([None, "Fuzz::Deck"])})
package_options = st.fixed_dictionaries(
    {"deck": st.sampled_from([None, "Fuzz::Deck"]), "with_progress": st.booleans()}
)


def check_text(target: Target, seed: str, ops: list[Op], options: dict[str, Any]) -> None:
    found = seeds()[seed]
    if found.suffix == ".toml":
        options = {}  # --deck does not apply to native decks
    import_and_check(target, found.suffix, mutate(found.data, ops), **options)


def check_package_file(target: Target, seed: str, ops: list[Op], options: dict[str, Any]) -> None:
    found = seeds()[seed]
    import_and_check(target, found.suffix, mutate(found.data, ops), **options)


def check_package_inside(target: Target, seed: str, ops: list[Op], options: dict[str, Any]) -> None:
    import_and_check(target, seeds()[seed].suffix, build_package(seed, ops), **options)


# Each importer's bytes and lines, mutated.


# Where Anki's text export opens and closes a cloze deletion (the regression below nests a
# thousand more around it).
NOTES_CLOZE = seeds()["anki-text"].data.index(b"{{c1::Backpropagation}}")
NOTES_CLOZE_END = NOTES_CLOZE + len(b"{{c1::Backpropagation")
NO_OPTIONS: dict[str, Any] = {"deck": None}
WITH_PROGRESS = {"deck": None, "with_progress": True}
REVIEW_CARDS = [("set", "cards", "type", None, 2), ("set", "cards", "ivl", None, 40)]


@pytest.mark.parametrize("seed", TEXT_SEEDS)
@DEFAULT
@given(ops=byte_ops(line_ops=True), options=text_options)
# Found and fixed: deletions nested a thousand deep overflowed the stack (RecursionError).
@example(
    ops=[("insert", NOTES_CLOZE_END, b"}}" * 1_000), ("insert", NOTES_CLOZE, b"{{c1::" * 1_000)],
    options=NO_OPTIONS,
)
def test_mutated_text_files(target: Target, seed: str, ops: list[Op], options: Any) -> None:
    check_text(target, seed, ops, options)


@pytest.mark.slow
@pytest.mark.parametrize("seed", TEXT_SEEDS)
@SLOW
@given(ops=byte_ops(line_ops=True), options=text_options)
def test_mutated_text_files_at_length(
    target: Target, seed: str, ops: list[Op], options: Any
) -> None:
    check_text(target, seed, ops, options)


# A package's bytes as a whole (mostly stopped by zip's own structure and checksums).


@pytest.mark.parametrize("seed", PACKAGE_SEEDS)
@settings(DEFAULT, max_examples=5)
@given(ops=byte_ops(line_ops=False), options=package_options)
def test_mutated_package_files(target: Target, seed: str, ops: list[Op], options: Any) -> None:
    check_package_file(target, seed, ops, options)


@pytest.mark.slow
@pytest.mark.parametrize("seed", PACKAGE_SEEDS)
@settings(SLOW, max_examples=150)
@given(ops=byte_ops(line_ops=False), options=package_options)
def test_mutated_package_files_at_length(
    target: Target, seed: str, ops: list[Op], options: Any
) -> None:
    check_package_file(target, seed, ops, options)


# Inside a valid zip: members' content, the collection's bytes and rows, the zstd frame.


@pytest.mark.parametrize("seed", PACKAGE_SEEDS)
@settings(DEFAULT, max_examples=20)
@given(ops=st.deferred(package_ops), options=package_options)
# Found and fixed, each a traceback before (or, for reps, text stored in an integer column):
# JSON nested past Python's recursion limit in the legacy layout's col.models and col.decks;
@example(ops=[("set", "col", "models", None, "[" * 100_000)], options=NO_OPTIONS)
@example(ops=[("set", "col", "decks", None, '{"a":' * 50_000)], options=NO_OPTIONS)
# cloze deletions nested three thousand deep in every note;
@example(
    ops=[("set", "notes", "flds", None, "{{c1::" * 3_000 + "x" + "}}" * 3_000)], options=NO_OPTIONS
)
# a note type's protobuf config that is the integer 2**53 (bytes() of it: a MemoryError);
@example(ops=[("set", "notetypes", "config", None, 2**53)], options=NO_OPTIONS)
# a collection created at an infinite time (int() of it: an OverflowError);
@example(ops=[("set", "col", "crt", None, float("inf"))], options=NO_OPTIONS)
# with --with-progress: a due day 2**62 days ahead (past the calendar: an OverflowError
# while writing), and reps that are text (stored as text in an integer column).
@example(ops=[*REVIEW_CARDS, ("set", "cards", "due", None, 2**62)], options=WITH_PROGRESS)
@example(ops=[*REVIEW_CARDS, ("set", "cards", "reps", None, "x")], options=WITH_PROGRESS)
def test_mutated_package_members(target: Target, seed: str, ops: list[Op], options: Any) -> None:
    check_package_inside(target, seed, ops, options)


@pytest.mark.slow
@pytest.mark.parametrize("seed", PACKAGE_SEEDS)
@settings(SLOW, max_examples=1_000)
@given(ops=st.deferred(package_ops), options=package_options)
def test_mutated_package_members_at_length(
    target: Target, seed: str, ops: list[Op], options: Any
) -> None:
    check_package_inside(target, seed, ops, options)


def test_the_seeds_themselves_import(target: Target) -> None:
    """Every seed, unmutated, is a good file: the fuzzing starts from files that import."""
    for name, found in seeds().items():
        path = target.folder / f"seed-{name}{found.suffix}"
        path.write_bytes(found.data)
        assert import_paths(target.collection, [path]), name
    for name in ("apkg-legacy", "apkg-current"):
        assert build_package(name, []) and collection_columns(name)


def test_mutations_reach_inside_the_package() -> None:
    """An edit of the collection arrives in the package intact (zip and zstd checks pass)."""
    ops = [("set", "notes", "flds", 0, "edited\x1fnote")]
    for name in ("apkg-legacy", "apkg-current"):
        package = build_package(name, ops)
        with zipfile.ZipFile(io.BytesIO(package)) as archive:
            assert archive.testzip() is None
            member = CURRENT if name == "apkg-current" else LEGACY
            data = archive.read(member)
        if name == "apkg-current":
            data = zstandard.ZstdDecompressor().decompressobj().decompress(data)
        with _sqlite(data) as connection:
            fields = [row[0] for row in connection.execute("SELECT flds FROM notes")]
        assert fields.count("edited\x1fnote") == 1, name
