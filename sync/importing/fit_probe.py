"""Which FIT messages a file holds, found by walking record headers without decoding any field.

A data export is mostly runs, rides and wellness files; decoding each of them fully to learn
that it holds no strength set would cost seconds a file. The FIT layout lets a reader skip a
data message by its size, known from the definition message before it, so telling a strength
activity (it has ``set`` messages) from anything else costs one pass over the record headers.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

FIT_SIGNATURE = b".FIT"
SET_MESG = 225
FILE_ID_MESG = 0
CRC_SIZE = 2


class NotFitError(ValueError):
    """Bytes that are not a FIT file, or a FIT file cut short or garbled; says which."""


@dataclass(frozen=True)
class Probe:
    # Global message numbers seen (definitions, so every message kind the file holds).
    messages: frozenset[int]

    @property
    def has_sets(self) -> bool:
        return SET_MESG in self.messages


def probe(data: bytes | memoryview) -> Probe:
    """The message kinds in ``data`` (chained FIT files included); raises NotFitError."""
    view = memoryview(data)
    if len(view) == 0:
        raise NotFitError("empty file")
    seen: set[int] = set()
    offset = 0
    while offset < len(view):
        offset = _walk_one(view, offset, seen)
    return Probe(frozenset(seen))


def _walk_one(view: memoryview, start: int, seen: set[int]) -> int:
    if len(view) - start < 12:
        raise NotFitError("not a FIT file (too short for a FIT header)")
    header_size = view[start]
    if bytes(view[start + 8 : start + 12]) != FIT_SIGNATURE or header_size < 12:
        raise NotFitError("not a FIT file (no .FIT signature)")
    (data_size,) = struct.unpack_from("<I", view, start + 4)
    offset = start + header_size
    end = offset + data_size
    if end + CRC_SIZE > len(view):
        raise NotFitError(
            f"truncated FIT file (header promises {data_size} bytes of records, "
            f"{max(0, len(view) - offset - CRC_SIZE)} present)"
        )
    sizes: dict[int, int] = {}
    while offset < end:
        record_header = view[offset]
        offset += 1
        if record_header & 0x80:  # compressed timestamp: a data message of local type 0-3
            local = (record_header >> 5) & 0x3
        elif record_header & 0x40:  # definition message
            offset = _definition(view, offset, record_header, sizes, seen)
            continue
        else:
            local = record_header & 0x0F
        size = sizes.get(local)
        if size is None:
            raise NotFitError(f"corrupt FIT file (data message of undefined local type {local})")
        offset += size
    if offset != end:
        raise NotFitError("corrupt FIT file (a record runs past the end of the data)")
    return end + CRC_SIZE


def _definition(
    view: memoryview, offset: int, record_header: int, sizes: dict[int, int], seen: set[int]
) -> int:
    if offset + 5 > len(view):
        raise NotFitError("truncated FIT file (definition message cut short)")
    big_endian = view[offset + 1] == 1
    (global_num,) = struct.unpack_from(">H" if big_endian else "<H", view, offset + 2)
    field_count = view[offset + 4]
    offset += 5
    fields = view[offset : offset + 3 * field_count]
    size = sum(fields[1::3])
    offset += 3 * field_count
    if record_header & 0x20:  # developer fields follow
        if offset >= len(view):
            raise NotFitError("truncated FIT file (definition message cut short)")
        dev_count = view[offset]
        offset += 1
        size += sum(view[offset : offset + 3 * dev_count][1::3])
        offset += 3 * dev_count
    sizes[record_header & 0x0F] = size
    seen.add(global_num)
    return offset
