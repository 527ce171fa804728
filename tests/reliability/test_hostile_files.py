"""Hostile files the other refusal tests leave out: refused with one clear message, nothing written.

tests/importing/test_refusals.py has the deflate and zstd bombs, `../` and absolute member
names, damaged collections and the 100 MB line through the command; tests/formats has
TOML nested 5,000 deep. Here: symbolic links and other special files inside a package, a
collection whose tables are views, a bomb in a media member, too many members, names that
climb out the Windows way, 100 MB lines in every text format through the import service,
and TOML nested 100,000 deep in every way TOML nests — including dotted keys and table
headers, which once cost time and memory growing with the square of their length (hours
and gigabytes for a 200 KB file). Each case imports into a real database and checks that
its file did not change.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import stat
import time
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from srs_wb.errors import SrsError
from srs_wb.formats import zip_safety
from srs_wb.services.collection import Collection
from srs_wb.services.importing import import_paths

ANKI = Path(__file__).resolve().parents[1] / "fixtures" / "anki"
HEADER = 'format = 1\nid = "d"\nname = "D"\nlanguage = "en"\n'
CARD = '[[cards]]\nid = "c"\nfront = "f"\nback = "b"\n'
DEEP = 100_000


@pytest.fixture
def refuse(tmp_path: Path) -> Iterator[Callable[[Path], str]]:
    """Import a file that must be refused; its message. The database must not change."""
    db = tmp_path / "learner.db"
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with Collection(db, now=lambda: now, install_builtin=False) as collection:
        good = tmp_path / "good.csv"
        good.write_text("q,a\n", encoding="utf-8")
        import_paths(collection, [good])  # a database with something in it

        def _refuse(path: Path) -> str:
            before = hashlib.sha256(db.read_bytes()).hexdigest()
            with pytest.raises(SrsError) as refused:
                import_paths(collection, [path])
            message = str(refused.value)
            assert message.startswith(f"{path}: "), message
            assert hashlib.sha256(db.read_bytes()).hexdigest() == before
            return message

        yield _refuse


def _package(path: Path, extra: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    """The Anki-made legacy package with members added (each a name or a ZipInfo)."""
    shutil.copy(ANKI / "legacy21.apkg", path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        for info, data in extra:
            archive.writestr(info, data)
    return path


def _unix_member(name: str, mode: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3  # Unix: the high 16 bits of external_attr are st_mode
    info.external_attr = mode << 16
    return info


# --- Special files inside a package -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("collection.anki2", b"/etc/passwd"),  # what an unpacker that follows links would read
        ("2", b"../../../.ssh/authorized_keys"),  # a media member pointing out of the folder
    ],
)
def test_a_symbolic_link_inside_a_package_is_refused(
    tmp_path: Path, refuse: Callable[[Path], str], name: str, target: bytes
) -> None:
    package = tmp_path / "deck.apkg"
    if name == "collection.anki2":
        with zipfile.ZipFile(package, "w") as archive:
            archive.writestr(_unix_member(name, stat.S_IFLNK | 0o777), target)
    else:
        _package(package, [(_unix_member(name, stat.S_IFLNK | 0o777), target)])
    message = refuse(package)
    assert f"the member '{name}' is a symbolic link: a package holds only files" in message


@pytest.mark.parametrize(
    "kind",
    [stat.S_IFIFO, stat.S_IFCHR, stat.S_IFBLK, stat.S_IFSOCK],
    ids=["fifo", "character device", "block device", "socket"],
)
def test_other_special_files_inside_a_package_are_refused(
    tmp_path: Path, refuse: Callable[[Path], str], kind: int
) -> None:
    package = _package(tmp_path / "deck.apkg", [(_unix_member("2", kind | 0o644), b"")])
    assert "the member '2' is not a regular file" in refuse(package)


def test_plain_files_and_folders_with_unix_modes_are_read(tmp_path: Path) -> None:
    """Anki's own members carry Unix modes (regular files, 0o644); a folder entry is fine."""
    package = _package(
        tmp_path / "deck.apkg",
        [(_unix_member("media/", stat.S_IFDIR | 0o755), b""), ("3", b"a media file")],
    )
    with zipfile.ZipFile(package) as archive:
        assert stat.S_ISREG(archive.getinfo("meta").external_attr >> 16)
    db = tmp_path / "x.db"
    with Collection(db, install_builtin=False) as collection:
        assert import_paths(collection, [package])


# --- Bombs and names ----------------------------------------------------------------------


def test_a_bomb_in_a_media_member_is_refused(tmp_path: Path, refuse: Callable[[Path], str]) -> None:
    """The collection is fine; one media member unpacks a thousandfold."""
    package = _package(tmp_path / "deck.apkg", [("2", bytes(24 * 1024 * 1024))])
    message = refuse(package)
    assert "the member '2' would unpack" in message and "(a zip bomb?)" in message


def test_an_archive_of_too_many_members_is_refused(
    tmp_path: Path, refuse: Callable[[Path], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(zip_safety, "MAX_MEMBERS", 10)  # 200,000 real members: too slow here
    package = _package(tmp_path / "deck.apkg", [(str(n), b"x") for n in range(2, 12)])
    assert "the archive has 16 members; the limit is 10" in refuse(package)


@pytest.mark.parametrize(
    "name",
    ["..\\..\\evil.txt", "C:\\Windows\\evil.dll", "c:evil", "media/../../evil", "\\\\host\\x"],
)
def test_names_that_climb_out_the_windows_way_are_refused(
    tmp_path: Path, refuse: Callable[[Path], str], name: str
) -> None:
    package = _package(tmp_path / "deck.apkg", [(name, b"x")])
    assert f"unsafe member name {name!r}" in refuse(package)


# --- A collection that is not plain tables --------------------------------------------------


def test_a_collection_whose_tables_are_views_is_refused(
    tmp_path: Path, refuse: Callable[[Path], str]
) -> None:
    """Found here: reading a view runs its query, and a recursive one may never end (one that
    filtered for x > 10**12 hung the import for good). This one ends after three million
    rows, so that the test would fail rather than hang if views were read again."""
    with zipfile.ZipFile(ANKI / "legacy21.apkg") as archive:
        members = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
    database = tmp_path / "collection.sqlite"
    database.write_bytes(dict(members)["collection.anki21"])
    connection = sqlite3.connect(database)
    connection.executescript(
        "ALTER TABLE col RENAME TO col_data;"
        "CREATE VIEW col AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r "
        "WHERE x < 3000000) SELECT col_data.* FROM r, col_data WHERE x = 3000000;"
    )
    connection.close()
    package = tmp_path / "deck.apkg"
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, database.read_bytes() if name == "collection.anki21" else data)
    assert "the collection inside is not Anki's: 'col' is a view" in refuse(package)


# --- 100 MB on one line -------------------------------------------------------------------


@pytest.fixture(scope="module")
def hundred_megabytes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("huge") / "line"
    chunk = b"x" * (1 << 20)
    with open(path, "wb") as file:
        for _ in range(100):
            file.write(chunk)
    yield path
    path.unlink()  # pytest keeps the last runs' temporary folders: not 100 MB of them


@pytest.mark.parametrize(
    ("suffix", "head", "expected"),
    [
        (".csv", b"", "line 1 is longer than 1,000,000 characters"),
        (".tsv", b"front\tback\n", "line 2 is longer than 1,000,000 characters"),
        (".txt", b"#separator:tab\n#html:false\n", "line 3 is longer than 1,000,000 characters"),
        (".toml", b"", "the file is 104.9 MB (104,857,600 bytes); decks are limited to 5 MB"),
    ],
)
def test_a_hundred_megabyte_line_is_refused_at_once(
    tmp_path: Path,
    refuse: Callable[[Path], str],
    hundred_megabytes: Path,
    suffix: str,
    head: bytes,
    expected: str,
) -> None:
    path = tmp_path / f"huge{suffix}"
    if head:
        with open(path, "wb") as file:
            file.write(head)
            with open(hundred_megabytes, "rb") as line:
                shutil.copyfileobj(line, file, 1 << 20)
    else:
        path.hardlink_to(hundred_megabytes)
    started = time.perf_counter()
    try:
        message = refuse(path)
    finally:
        path.unlink()
    assert time.perf_counter() - started < 5  # after the first megabyte, not the hundredth
    assert expected in message


# --- TOML nested 100,000 deep -------------------------------------------------------------

NESTED = {
    "arrays": HEADER + "x = " + "[" * DEEP + "]" * DEEP + "\n" + CARD,
    "inline tables": HEADER + "x = " + "{a=" * DEEP + "1" + "}" * DEEP + "\n" + CARD,
    "arrays never closed": HEADER + "x = " + "[" * DEEP + "\n",
    "a card's text": HEADER + '[[cards]]\nid = "c"\nfront = ' + "[" * DEEP + "]" * DEEP + "\n",
    "exercise params": HEADER
    + '[[cards]]\nid = "c"\nexercise = "neuron_output"\nparams = '
    + "{a=" * DEEP
    + "1"
    + "}" * DEEP
    + "\n",
    "ladder steps": HEADER + "[ladder]\nsteps = " + "[" * DEEP + "]" * DEEP + "\n" + CARD,
}
DOTTED = {
    "a dotted key": HEADER + "a" + ".a" * DEEP + " = 1\n" + CARD,
    "a card's dotted key": HEADER + CARD + "params." + "a." * DEEP + "a = 1\n",
    "a table header": HEADER + CARD + "[" + "a." * DEEP + "a]\nx = 1\n",
    "an array-of-tables header": HEADER + CARD + "[[" + "a." * DEEP + "a]]\nx = 1\n",
    "a dotted key in an inline table": HEADER + "x = {" + "a." * DEEP + "a = 1}\n" + CARD,
    "quoted parts": HEADER + '"a".' * DEEP + "'b' = 1\n" + CARD,
}


@pytest.mark.parametrize("case", list(NESTED))
def test_toml_nested_a_hundred_thousand_deep_is_refused(
    tmp_path: Path, refuse: Callable[[Path], str], case: str
) -> None:
    path = tmp_path / "deck.toml"
    path.write_text(NESTED[case], encoding="utf-8")
    started = time.perf_counter()
    message = refuse(path)
    assert time.perf_counter() - started < 5
    assert "values are nested too deeply (lists or tables inside each other)" in message


@pytest.mark.parametrize("case", list(DOTTED))
def test_toml_keys_of_a_hundred_thousand_parts_are_refused_before_parsing(
    tmp_path: Path, refuse: Callable[[Path], str], case: str
) -> None:
    """Found by this suite: tomllib (and the line finder) took time and memory growing with
    the square of a dotted key's length — 10,000 parts took 19 s and 400 MB, 100,000 were
    killed for want of memory. Such keys are now refused before tomllib sees them."""
    path = tmp_path / "deck.toml"
    path.write_text(DOTTED[case], encoding="utf-8")
    started = time.perf_counter()
    message = refuse(path)
    assert time.perf_counter() - started < 5
    assert "a dotted key of more than 10 parts (a.b.c…); deck keys are a few parts at most" in (
        message
    )


def test_dotted_keys_of_a_few_parts_are_still_read(tmp_path: Path) -> None:
    """The limit leaves room: exercise params three levels deep, written as dotted keys."""
    text = HEADER + (
        '[[cards]]\nid = "e"\nexercise = "neuron_output"\nparams.inputs = 2\n'
        '[[cards]]\nid = "c"\nfront = "a.b.c.d.e.f.g.h.i.j.k.l inside a string"\nback = "b"\n'
    )
    path = tmp_path / "deck.toml"
    path.write_text(text, encoding="utf-8")
    with Collection(tmp_path / "x.db", install_builtin=False) as collection:
        [summary] = import_paths(collection, [path])
    assert summary.added == 2


def test_the_dotted_key_check_is_quick_on_a_large_deck() -> None:
    """The pre-check scans the text once: five megabytes of near-misses in well under a second
    of work (generous here: the machine may be busy)."""
    from srs_wb.formats.toml_reader import _DEEP_KEY

    texts = ["a" * 5_000_000, ("a." * 9 + "a = 1\n") * 250_000, ('"x", ' * 1_000_000)]
    for text in texts:
        started = time.process_time()
        assert _DEEP_KEY.search(text) is None
        assert time.process_time() - started < 3
