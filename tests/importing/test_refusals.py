"""Broken and hostile files: one clear message naming the file, no traceback, nothing written.

Each case runs `srs-wb import` on a database that exists, and checks that the database
file is byte for byte what it was.
"""

from __future__ import annotations

import io
import shutil
import sqlite3
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from srs_wb.formats import apkg, zip_safety
from tests.importing.conftest import ANKI_FIXTURES, basic, make_package, rezip, run_cli

Maker = Callable[[Path], Path]


def _zip(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def not_a_zip(tmp: Path) -> Path:
    path = tmp / "deck.apkg"
    path.write_text("front,back\nq,a\n", encoding="utf-8")
    return path


def truncated_zip(tmp: Path) -> Path:
    data = (ANKI_FIXTURES / "legacy21.apkg").read_bytes()
    path = tmp / "deck.apkg"
    path.write_bytes(data[: len(data) // 2])
    return path


def zip_bomb(tmp: Path) -> Path:
    """20 MB of zeros, deflated a thousandfold: refused from the zip headers alone."""
    return _zip(tmp / "deck.apkg", {"collection.anki2": bytes(20 * 1024 * 1024)})


def huge_declared_member(tmp: Path) -> Path:
    """A member whose headers claim 3 GB."""
    path = _zip(tmp / "deck.apkg", {"collection.anki2": b"small"}, zipfile.ZIP_STORED)
    return _patch_sizes(path, uncompressed=3 * 1024**3)


def lying_member_size(tmp: Path) -> Path:
    """Headers that claim fewer bytes than the member holds: reading stops at the claim."""
    collection = tmp / "c.anki2"
    make_package(tmp / "real.apkg", [basic("q", "a")])
    with zipfile.ZipFile(tmp / "real.apkg") as archive:
        collection.write_bytes(archive.read("collection.anki2"))
    path = _zip(tmp / "deck.apkg", {"collection.anki2": collection.read_bytes()})
    return _patch_sizes(path, uncompressed=4096)


def climbing_name(tmp: Path) -> Path:
    return _zip(tmp / "deck.apkg", {"collection.anki2": b"x", "../../evil.txt": b"x"})


def absolute_name(tmp: Path) -> Path:
    return _zip(tmp / "deck.apkg", {"collection.anki2": b"x", "/etc/evil": b"x"})


def no_collection(tmp: Path) -> Path:
    return _zip(tmp / "deck.apkg", {"media": b"{}"})


def collection_not_sqlite(tmp: Path) -> Path:
    return _zip(tmp / "deck.apkg", {"collection.anki2": b"this is not a database" * 100})


def corrupt_collection(tmp: Path) -> Path:
    package = make_package(tmp / "real.apkg", [basic("q", "a")])

    def damage(name: str, data: bytes) -> tuple[str, bytes]:
        if name != "collection.anki2":
            return name, data
        return name, data[:100] + bytes(range(256)) * ((len(data) - 100) // 256 + 1)

    return rezip(package, tmp / "deck.apkg", damage)


def sqlite_but_not_anki(tmp: Path) -> Path:
    database = tmp / "other.sqlite"
    connection = sqlite3.connect(database)
    connection.execute("CREATE TABLE things (x)")
    connection.commit()
    connection.close()
    return _zip(tmp / "deck.apkg", {"collection.anki2": database.read_bytes()})


def current_not_zstd(tmp: Path) -> Path:
    def raw(name: str, data: bytes) -> tuple[str, bytes]:
        if name == "collection.anki21b":
            with zipfile.ZipFile(ANKI_FIXTURES / "legacy21.apkg") as legacy:
                return name, legacy.read("collection.anki21")  # SQLite, not zstd
        return name, data

    return rezip(ANKI_FIXTURES / "current.apkg", tmp / "deck.apkg", raw)


def current_damaged_zstd(tmp: Path) -> Path:
    def cut(name: str, data: bytes) -> tuple[str, bytes]:
        return (name, data[: len(data) // 2]) if name == "collection.anki21b" else (name, data)

    return rezip(ANKI_FIXTURES / "current.apkg", tmp / "deck.apkg", cut)


def newer_anki(tmp: Path) -> Path:
    def meta(name: str, data: bytes) -> tuple[str, bytes]:
        return (name, b"\x08\x07") if name == "meta" else (name, data)

    return rezip(ANKI_FIXTURES / "current.apkg", tmp / "deck.apkg", meta)


def empty_package(tmp: Path) -> Path:
    path = tmp / "deck.apkg"
    path.write_bytes(b"")
    return path


def empty_csv(tmp: Path) -> Path:
    path = tmp / "deck.csv"
    path.write_bytes(b"")
    return path


def csv_with_nul(tmp: Path) -> Path:
    path = tmp / "deck.csv"
    path.write_bytes(b"front,back\nq\x00,a\n")
    return path


def ragged_csv(tmp: Path) -> Path:
    path = tmp / "deck.csv"
    path.write_text("front,back\nq1,a1\nq2\n", encoding="utf-8")
    return path


def unbalanced_quote(tmp: Path) -> Path:
    path = tmp / "deck.csv"
    path.write_text('front,back\nq1,"a1\nq2,a2\n', encoding="utf-8")
    return path


def cp1251_without_option(tmp: Path) -> Path:
    path = tmp / "deck.csv"
    path.write_bytes("лице,гръб\nтежест,множител\n".encode("cp1251"))
    return path


def unknown_extension(tmp: Path) -> Path:
    path = tmp / "deck.xlsx"
    path.write_bytes(b"PK\x03\x04")
    return path


def _patch_sizes(path: Path, *, uncompressed: int) -> Path:
    """Rewrite the uncompressed size in the zip's local and central headers."""
    data = bytearray(path.read_bytes())
    local = data.find(b"PK\x03\x04")
    struct.pack_into("<I", data, local + 22, uncompressed)
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, uncompressed)
    path.write_bytes(bytes(data))
    return path


CASES: dict[str, tuple[Maker, str]] = {
    "not a zip": (not_a_zip, "not a zip archive"),
    "truncated zip": (truncated_zip, "damaged or cut short"),
    "zip bomb": (zip_bomb, "zip bomb"),
    "huge declared member": (huge_declared_member, "would unpack to 3.2 GB"),
    "lying member size": (lying_member_size, "damaged"),
    "../ member": (climbing_name, "unsafe member name '../../evil.txt'"),
    "absolute member": (absolute_name, "unsafe member name '/etc/evil'"),
    "no collection": (no_collection, "no collection inside"),
    "collection not SQLite": (collection_not_sqlite, "not an SQLite database"),
    "corrupt collection": (corrupt_collection, "damaged"),
    "SQLite, not Anki": (sqlite_but_not_anki, "not an Anki collection"),
    "anki21b not zstd": (current_not_zstd, "not zstd-compressed"),
    "anki21b cut short": (current_damaged_zstd, "collection.anki21b is damaged: its compressed"),
    "newer Anki": (newer_anki, "newer Anki"),
    "empty package": (empty_package, "the file is empty"),
    "empty CSV": (empty_csv, "the file is empty"),
    "CSV with NUL": (csv_with_nul, "deck.csv:2: line 2 contains a NUL byte"),
    "ragged CSV": (ragged_csv, "deck.csv:3: row 3: 1 cells, but the header has 2"),
    "unbalanced quote": (unbalanced_quote, "deck.csv:2: row 2: a quote opened in this row"),
    "not UTF-8": (cp1251_without_option, "byte offset 0"),
    "unknown extension": (unknown_extension, "not a deck file srs-wb reads"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_file_is_refused_and_nothing_is_written(
    case: str, tmp_path: Path, seeded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, expected = CASES[case]
    folder = tmp_path / "files"
    folder.mkdir()
    bad = make(folder)
    before = seeded_db.read_bytes()
    code, out, err = run_cli(capsys, "--db", str(seeded_db), "import", str(bad))
    assert code == 1 and out == ""
    assert err.startswith(f"srs-wb: {bad}: ") and expected in err, err
    assert "Traceback" not in err
    assert seeded_db.read_bytes() == before


def test_one_bad_file_among_good_ones_writes_nothing(
    tmp_path: Path, seeded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.csv"
    good.write_text("q,a\n", encoding="utf-8")
    package = make_package(tmp_path / "good.apkg", [basic("q", "a")])
    bad = ragged_csv(tmp_path)
    before = seeded_db.read_bytes()
    code, _, err = run_cli(
        capsys, "--db", str(seeded_db), "import", str(good), str(package), str(bad)
    )
    assert code == 1 and str(bad) in err
    assert seeded_db.read_bytes() == before


def test_an_unknown_encoding_name_writes_nothing(
    tmp_path: Path, seeded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.csv"
    good.write_text("q,a\n", encoding="utf-8")
    before = seeded_db.read_bytes()
    code, _, err = run_cli(
        capsys, "--db", str(seeded_db), "import", "--encoding", "klingon", str(good)
    )
    assert code == 1 and "unknown encoding 'klingon'" in err
    assert seeded_db.read_bytes() == before


@pytest.mark.slow  # writing 100 MB and starting a process: a few seconds
def test_a_hundred_megabyte_line_is_refused_quickly_by_the_command(
    tmp_path: Path, seeded_db: Path
) -> None:
    """As a learner runs it, in its own process: one line of 100 MB, refused at once."""
    path = tmp_path / "huge.csv"
    with open(path, "wb") as file:
        for _ in range(100):
            file.write(b"x" * (1 << 20))
    before = seeded_db.read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "srs_wb", "--db", str(seeded_db), "import", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and "line 1 is longer than" in result.stderr
    assert "Traceback" not in result.stderr
    assert seeded_db.read_bytes() == before


def test_a_zstd_bomb_is_stopped_while_unpacking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A current-layout collection whose zstd frame unpacks past the limit: the zip
    headers cannot tell, so the limit is enforced on the bytes as they come out."""
    import zstandard

    monkeypatch.setattr(apkg, "MAX_COLLECTION_BYTES", 8 * 1024 * 1024)
    compressor = zstandard.ZstdCompressor()
    bomb = io.BytesIO()
    with compressor.stream_writer(bomb, closefd=False) as writer:  # no size in the frame
        for _ in range(32):
            writer.write(bytes(1024 * 1024))
    path = _zip(
        tmp_path / "deck.apkg",
        {"meta": b"\x08\x03", "collection.anki21b": bomb.getvalue(), "collection.anki2": b""},
    )
    db = tmp_path / "x.db"
    code, _, err = run_cli(capsys, "--db", str(db), "import", str(path))
    assert code == 1 and "unpacks to more than 8,388,608 bytes" in err


def test_a_member_is_copied_no_further_than_the_limit(tmp_path: Path) -> None:
    source = io.BytesIO(bytes(5000))
    target = io.BytesIO()
    with pytest.raises(RuntimeError, match="big"):
        zip_safety.copy_limited(
            source, target, 1000, lambda: RuntimeError("big"), lambda exc: RuntimeError(str(exc))
        )
    assert len(target.getvalue()) <= 1000 + (1 << 20)


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("collection.anki2", True),
        ("0", True),
        ("media/a.png", True),
        ("../x", False),
        ("a/../../x", False),
        ("/abs", False),
        ("\\\\server\\x", False),
        ("C:\\x", False),
        ("a\\..\\..\\x", False),
        ("", False),
    ],
)
def test_member_names(name: str, safe: bool) -> None:
    assert zip_safety.is_safe_name(name) is safe


def test_no_temporary_files_are_left_behind(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    seeded_db: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import tempfile

    packages = []
    for make in (corrupt_collection, current_not_zstd, zip_bomb):
        folder = tmp_path / make.__name__
        folder.mkdir()
        packages.append(make(folder))
    shutil.copy(ANKI_FIXTURES / "current.apkg", tmp_path / "ok.apkg")
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    for package in packages:
        assert run_cli(capsys, "--db", str(seeded_db), "import", str(package))[0] == 1
    code, _, _ = run_cli(capsys, "--db", str(seeded_db), "import", str(tmp_path / "ok.apkg"))
    assert code == 0 and list(temp.iterdir()) == []
