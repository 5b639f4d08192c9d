"""Walking a FIT file's record headers without decoding any field.

A data export is mostly runs, rides and wellness files; decoding each of them fully to learn
that it holds no strength set would cost a second or more a file. The FIT layout lets a reader
skip a data message by its size, known from the definition message before it, so:

- ``probe`` tells which message kinds a file holds (a strength activity has ``set`` messages)
  in one pass over the record headers;
- ``extract`` copies out only the messages a reader needs (sessions, sets...) into a small
  valid FIT stream, after checking the file's CRC, so fitparse decodes a hundred messages
  instead of thousands of GPS and heart-rate records.
"""

from __future__ import annotations

import struct
from collections.abc import Collection
from dataclasses import dataclass, field

FIT_SIGNATURE = b".FIT"
SET_MESG = 225
# Global message numbers (garmin_fit_sdk.Profile["types"]["mesg_num"]): a workout file (the
# steps a watch guides you through) holds a workout and no session or activity, which every
# recorded activity holds, one done from a workout too.
SESSION_MESG = 18
WORKOUT_MESG = 26
ACTIVITY_MESG = 34
# Developer data definitions: needed by any kept definition that has developer fields.
DEVELOPER_MESGS = frozenset({206, 207})
CRC_SIZE = 2
_OUT_HEADER_SIZE = 14


class NotFitError(ValueError):
    """Bytes that are not a FIT file, or a FIT file cut short or garbled; says which."""


@dataclass(frozen=True)
class Probe:
    # Global message numbers of every definition met: every kind of message the file holds.
    messages: frozenset[int]

    @property
    def has_sets(self) -> bool:
        return SET_MESG in self.messages

    @property
    def is_workout(self) -> bool:
        """A workout file (runlift's own, or one a watch keeps), not a recorded activity."""
        recorded = {SESSION_MESG, ACTIVITY_MESG} & self.messages
        return WORKOUT_MESG in self.messages and not recorded


def probe(data: bytes | memoryview) -> Probe:
    """The message kinds in ``data`` (chained FIT files included); raises NotFitError."""
    seen: set[int] = set()
    _walk(memoryview(data), seen, None)
    return Probe(frozenset(seen))


def extract(data: bytes | memoryview, wanted: Collection[int]) -> bytes | None:
    """A FIT stream of only the ``wanted`` messages of ``data`` (and their definitions).

    Checks each chained file's CRC first (raises NotFitError). Returns None when a kept
    message uses a compressed timestamp header, whose time depends on dropped messages: the
    caller then decodes the whole file.
    """
    from fitparse.records import Crc

    view = memoryview(data)
    copy = _Copy(frozenset(wanted) | DEVELOPER_MESGS)
    for start, end in _walk(view, set(), copy):
        if Crc.calculate(view[start:end]) != struct.unpack_from("<H", view, end)[0]:
            raise NotFitError("corrupt FIT file (CRC mismatch)")
    if copy.compressed_timestamps:
        return None
    header = struct.pack("<BBHI4sH", _OUT_HEADER_SIZE, 0x20, 2100, len(copy.out), FIT_SIGNATURE, 0)
    body = header + bytes(copy.out)
    return body + struct.pack("<H", Crc.calculate(body))


@dataclass
class _Copy:
    keep: frozenset[int]
    out: bytearray = field(default_factory=bytearray)
    compressed_timestamps: bool = False


def _walk(view: memoryview, seen: set[int], copy: _Copy | None) -> list[tuple[int, int]]:
    """Walk every chained file; returns each one's (start, end of records) for the CRC."""
    if len(view) == 0:
        raise NotFitError("empty file")
    spans = []
    offset = 0
    while offset < len(view):
        start = offset
        offset = _walk_one(view, offset, seen, copy)
        spans.append((start, offset - CRC_SIZE))
    return spans


def _walk_one(view: memoryview, start: int, seen: set[int], copy: _Copy | None) -> int:
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
    # Local type -> the global number of its current definition (only when copying).
    kinds: dict[int, int] = {}
    while offset < end:
        record_start = offset
        record_header = view[offset]
        offset += 1
        if record_header & 0x80:  # compressed timestamp: a data message of local type 0-3
            local = (record_header >> 5) & 0x3
        elif record_header & 0x40:  # definition message
            offset, number = _definition(view, offset, record_header, sizes)
            seen.add(number)
            if copy is not None:
                kinds[record_header & 0x0F] = number
                if number in copy.keep:
                    copy.out += view[record_start:offset]
            continue
        else:
            local = record_header & 0x0F
        size = sizes.get(local)
        if size is None:
            raise NotFitError(f"corrupt FIT file (data message of undefined local type {local})")
        offset += size
        if copy is not None and kinds.get(local) in copy.keep:
            copy.compressed_timestamps |= bool(record_header & 0x80)
            copy.out += view[record_start:offset]
    if offset != end:
        raise NotFitError("corrupt FIT file (a record runs past the end of the data)")
    return end + CRC_SIZE


def _definition(
    view: memoryview, offset: int, record_header: int, sizes: dict[int, int]
) -> tuple[int, int]:
    if offset + 5 > len(view):
        raise NotFitError("truncated FIT file (definition message cut short)")
    big_endian = view[offset + 1] == 1
    (global_num,) = struct.unpack_from(">H" if big_endian else "<H", view, offset + 2)
    field_count = view[offset + 4]
    offset += 5
    size = sum(view[offset : offset + 3 * field_count][1::3])
    offset += 3 * field_count
    if record_header & 0x20:  # developer fields follow
        if offset >= len(view):
            raise NotFitError("truncated FIT file (definition message cut short)")
        dev_count = view[offset]
        offset += 1
        size += sum(view[offset : offset + 3 * dev_count][1::3])
        offset += 3 * dev_count
    sizes[record_header & 0x0F] = size
    return offset, global_num
