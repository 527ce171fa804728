"""Just enough of the protobuf wire format to read the few fields srs-wb needs from Anki's blobs."""

from __future__ import annotations

from collections.abc import Iterator

__all__ = ["ProtobufError", "fields", "first_bytes", "first_int"]

# Anki keeps note-type, template and package settings as protobuf messages. srs-wb needs
# three fields of them (a note type's kind, a template's question and answer, a package's
# version), so it reads the wire format here rather than depending on Anki's schemas.

_VARINT, _FIXED64, _LENGTH, _FIXED32 = 0, 1, 2, 5


class ProtobufError(ValueError):
    """The bytes are not a protobuf message."""


def fields(data: bytes) -> Iterator[tuple[int, int | bytes]]:
    """Every (field number, value) of a message: integers for varints and fixed-width
    fields, bytes for length-delimited ones (strings, nested messages)."""
    position = 0
    end = len(data)
    while position < end:
        key, position = _varint(data, position)
        number, wire = key >> 3, key & 7
        if number == 0:
            raise ProtobufError("field number 0")
        if wire == _VARINT:
            value, position = _varint(data, position)
            yield number, value
        elif wire == _LENGTH:
            length, position = _varint(data, position)
            if position + length > end:
                raise ProtobufError("a field runs past the end of the message")
            yield number, data[position : position + length]
            position += length
        elif wire == _FIXED64:
            if position + 8 > end:
                raise ProtobufError("a field runs past the end of the message")
            yield number, int.from_bytes(data[position : position + 8], "little")
            position += 8
        elif wire == _FIXED32:
            if position + 4 > end:
                raise ProtobufError("a field runs past the end of the message")
            yield number, int.from_bytes(data[position : position + 4], "little")
            position += 4
        else:
            raise ProtobufError(f"unsupported wire type {wire}")


def first_int(data: bytes, number: int, default: int = 0) -> int:
    """The (last, as protobuf merges) integer value of field `number`, else `default`."""
    found = default
    for field, value in fields(data):
        if field == number and isinstance(value, int):
            found = value
    return found


def first_bytes(data: bytes, number: int, default: bytes = b"") -> bytes:
    """The (last) length-delimited value of field `number`, else `default`."""
    found = default
    for field, value in fields(data):
        if field == number and isinstance(value, bytes):
            found = value
    return found


def _varint(data: bytes, position: int) -> tuple[int, int]:
    result = 0
    shift = 0
    while True:
        if position >= len(data):
            raise ProtobufError("a number runs past the end of the message")
        byte = data[position]
        position += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, position
        shift += 7
        if shift > 63:
            raise ProtobufError("a number is longer than 64 bits")
