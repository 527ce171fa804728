"""Zip archives from strangers: refuse unsafe names and zip bombs, copy members out under limits."""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO

__all__ = [
    "MAX_MEMBERS",
    "MAX_MEMBER_BYTES",
    "MAX_RATIO",
    "RATIO_CHECK_BYTES",
    "SafeZip",
    "copy_limited",
]

# An Anki package holds its collection and one member per media file. The limits are far
# above any real package and far below what would fill a disk or memory.
MAX_MEMBERS = 200_000
MAX_MEMBER_BYTES = 2 * 1024**3  # uncompressed, per member
# Real members compress at most ~20:1 (SQLite pages of text) and media hardly at all;
# deflate's ceiling is ~1032:1, which only a bomb of repeated bytes reaches.
MAX_RATIO = 200
RATIO_CHECK_BYTES = 16 * 1024**2  # smaller members may compress as well as they like
_CHUNK = 1 << 20
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")


class SafeZip:
    """A zip archive whose central directory has been checked before anything is read.

    Refused: a file that is not a zip or is cut short, an encrypted member, a member name
    that is absolute or climbs out with `..`, duplicate names, a symbolic link or other
    special file, too many members, and members whose declared size or compression ratio
    passes the limits. Reading then enforces the declared sizes (zipfile stops at them and
    checks the CRC).
    """

    def __init__(self, path: Path, refuse: Callable[[str], Exception]) -> None:
        self.path = path
        self._refuse = refuse
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise refuse(f"cannot read the file: {exc.strerror or exc}") from None
        if size == 0:
            raise refuse("the file is empty")
        try:
            self.zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise refuse(self._not_zip_reason()) from None
        except (OSError, ValueError, EOFError) as exc:
            raise refuse(f"cannot read the zip archive: {exc}") from None
        try:
            self._check_directory()
        except BaseException:
            self.zip.close()
            raise

    def _not_zip_reason(self) -> str:
        with open(self.path, "rb") as file:
            head = file.read(4)
        if head == b"PK\x03\x04":
            return "the zip archive is damaged or cut short (was the download complete?)"
        return "not a zip archive: an Anki package (.apkg, .colpkg) is a zip file"

    def _check_directory(self) -> None:
        members = self.zip.infolist()
        if len(members) > MAX_MEMBERS:
            raise self._refuse(
                f"the archive has {len(members):,} members; the limit is {MAX_MEMBERS:,}"
            )
        seen: set[str] = set()
        for info in members:
            name = info.filename
            if not is_safe_name(name):
                raise self._refuse(
                    f"unsafe member name {name!r}: absolute, or climbs out with '..'"
                )
            if name in seen:
                raise self._refuse(f"the member {name!r} appears twice")
            seen.add(name)
            if info.flag_bits & 0x1:
                raise self._refuse(f"the member {name!r} is encrypted")
            kind = stat.S_IFMT(info.external_attr >> 16)  # Unix file type, where one is given
            if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
                what = "a symbolic link" if kind == stat.S_IFLNK else "not a regular file"
                raise self._refuse(f"the member {name!r} is {what}: a package holds only files")
            if info.file_size > MAX_MEMBER_BYTES:
                raise self._refuse(
                    f"the member {name!r} would unpack to {info.file_size / 1e9:.1f} GB; "
                    f"the limit is {MAX_MEMBER_BYTES / 1e9:.1f} GB"
                )
            if info.file_size > RATIO_CHECK_BYTES and info.file_size > MAX_RATIO * max(
                1, info.compress_size
            ):
                ratio = info.file_size / max(1, info.compress_size)
                raise self._refuse(
                    f"the member {name!r} would unpack {ratio:,.0f} times larger than it is "
                    "stored (a zip bomb?)"
                )

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def names(self) -> set[str]:
        return set(self.zip.namelist())

    def read_small(self, name: str, limit: int) -> bytes:
        """A small member (a package's `meta` or media map) read whole, up to `limit` bytes."""
        info = self.zip.getinfo(name)
        if info.file_size > limit:
            raise self._refuse(
                f"the member {name!r} is {info.file_size:,} bytes; expected at most {limit:,}"
            )
        with self._open(name) as member:
            return self._read(member, name, limit)

    def extract_to(self, name: str, target: Path, limit: int = MAX_MEMBER_BYTES) -> int:
        """Copy member `name` to the file `target` (never to a path from the archive)."""
        with self._open(name) as member, open(target, "wb") as out:
            return copy_limited(
                member, out, limit, lambda: self._too_big(name, limit), self._damaged(name)
            )

    def open_member(self, name: str) -> IO[bytes]:
        return self._open(name)

    def _open(self, name: str) -> IO[bytes]:
        try:
            return self.zip.open(name)
        except KeyError:
            raise self._refuse(f"the archive has no member {name!r}") from None
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError) as exc:
            raise self._refuse(f"the member {name!r} cannot be read: {exc}") from None

    def _read(self, member: IO[bytes], name: str, limit: int) -> bytes:
        try:
            data = member.read(limit + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
            raise self._damaged(name)(exc) from None
        if len(data) > limit:
            raise self._too_big(name, limit)
        return data

    def _too_big(self, name: str, limit: int) -> Exception:
        return self._refuse(f"the member {name!r} unpacks to more than {limit:,} bytes")

    def _damaged(self, name: str) -> Callable[[BaseException], Exception]:
        def damaged(exc: BaseException) -> Exception:
            return self._refuse(f"the member {name!r} is damaged ({exc})")

        return damaged


def copy_limited(
    source: IO[bytes],
    target: IO[bytes],
    limit: int,
    too_big: Callable[[], Exception],
    damaged: Callable[[BaseException], Exception],
) -> int:
    """Copy `source` to `target`, refusing once more than `limit` bytes came out."""
    copied = 0
    while True:
        try:
            chunk = source.read(_CHUNK)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
            raise damaged(exc) from None
        except Exception as exc:  # zstandard.ZstdError and kin, which have no common base
            raise damaged(exc) from None
        if not chunk:
            return copied
        copied += len(chunk)
        if copied > limit:
            raise too_big()
        target.write(chunk)


def is_safe_name(name: str) -> bool:
    """A member name that stays inside the folder it would be unpacked to."""
    if not name or "\x00" in name:
        return False
    normal = name.replace("\\", "/")
    if normal.startswith("/") or _WINDOWS_DRIVE.match(normal):
        return False
    return ".." not in normal.split("/")
