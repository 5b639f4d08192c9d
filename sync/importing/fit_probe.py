"""Walking a FIT file's record headers without decoding any field.

A data export is mostly runs, rides and wellness files; decoding each of them fully to learn
that it holds no strength set would cost a second or more a file. The FIT layout lets a reader
skip a data message by its size, known from the definition message before it, so one pass over
the record headers (``walk``) tells:

- which message kinds a file holds (a strength activity has ``set`` messages);
- where the few messages a reader needs (sessions, sets...) and their definitions lie, so that
  only those are decoded (``fit_fields``) or copied into a small valid FIT stream for fitparse
  (``Walk.small_stream``) instead of thousands of GPS and heart-rate records.

The walk keeps, for each header byte, how many bytes a record with that header spans once its
local type is defined: a data message of a kind nobody reads costs one table look-up, and a run of
them (a record a second) one comparison of their header bytes taken at a stride. The FIT CRC of
each chained file is checked natively (``fit_crc``) when the file is to be read.
"""

from __future__ import annotations

import struct
from collections.abc import Collection
from dataclasses import dataclass
from typing import NamedTuple

from runlift.sync.importing.fit_crc import crc16

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
# Header bytes of a data message of local type L: L with the two reserved bits in any state,
# and (local types 0-3) the 32 compressed-timestamp headers of L from 0x80 + 32 * L on.
_DATA_HEADERS: tuple[tuple[int, ...], ...] = tuple(
    (local, local | 0x10, local | 0x20, local | 0x30) for local in range(16)
)
_COMPRESSED_TYPES = 4
# Plain records looked at to tell a file of long runs of one record kind.
_SAMPLE = 64
# In such a file, records of one kind in a row are skipped this many at a time...
_RUN_BLOCK = 256
# ... once the record this many records on has the same header (short runs are walked).
_RUN_PEEK = 8
_BYTES = [bytes((value,)) for value in range(256)]


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
        return _is_workout(self.messages)


class Record(NamedTuple):
    """A kept record: ``data[start:end]``; a data message names its definition (else -1)."""

    start: int
    end: int
    definition: int = -1


class Walk(NamedTuple):
    """What one pass over ``data``'s record headers found."""

    data: bytes
    messages: frozenset[int]
    # Each chained file's (start, end of records): its CRC follows at ``end``.
    spans: tuple[tuple[int, int], ...]
    # The kept definitions and data messages in file order (``Record.definition`` indexes here).
    kept: tuple[Record, ...]
    # A kept data message has a compressed timestamp header: its time depends on dropped ones.
    compressed_timestamps: bool

    @property
    def has_sets(self) -> bool:
        return SET_MESG in self.messages

    @property
    def is_workout(self) -> bool:
        """A workout file (runlift's own, or one a watch keeps), not a recorded activity."""
        return _is_workout(self.messages)

    def check_crc(self) -> None:
        """Raises NotFitError when a chained file's CRC does not match its bytes."""
        view = memoryview(self.data)
        for start, end in self.spans:
            if crc16(view[start:end]) != struct.unpack_from("<H", self.data, end)[0]:
                raise NotFitError("corrupt FIT file (CRC mismatch)")

    def small_stream(self, records: Collection[int] | None = None) -> bytes:
        """A valid FIT file of the kept records (or of those at ``records`` positions)."""
        body = bytearray()
        for index, record in enumerate(self.kept):
            if records is None or index in records:
                body += self.data[record.start : record.end]
        header = struct.pack("<BBHI4sH", _OUT_HEADER_SIZE, 0x20, 2100, len(body), FIT_SIGNATURE, 0)
        out = header + bytes(body)
        return out + struct.pack("<H", crc16(out))


def _is_workout(messages: frozenset[int]) -> bool:
    return WORKOUT_MESG in messages and not {SESSION_MESG, ACTIVITY_MESG} & messages


def walk(data: bytes | memoryview, keep: Collection[int] = ()) -> Walk:
    """Every chained FIT file of ``data``, keeping the ``keep`` messages (and the developer data
    ones); raises NotFitError when ``data`` is not FIT or its records do not add up."""
    raw = bytes(data)
    if len(raw) == 0:
        raise NotFitError("empty file")
    wanted = frozenset(keep) | DEVELOPER_MESGS if keep else frozenset()
    seen: set[int] = set()
    kept: list[Record] = []
    spans = []
    compressed = False
    offset = 0
    while offset < len(raw):
        start = offset
        offset, compressed_here = _walk_one(raw, offset, seen, wanted, kept)
        compressed |= compressed_here
        spans.append((start, offset - CRC_SIZE))
    return Walk(raw, frozenset(seen), tuple(spans), tuple(kept), compressed)


def probe(data: bytes | memoryview) -> Probe:
    """The message kinds in ``data`` (chained FIT files included); raises NotFitError."""
    return Probe(walk(data).messages)


def extract(data: bytes | memoryview, wanted: Collection[int]) -> bytes | None:
    """A FIT stream of only the ``wanted`` messages of ``data`` (and their definitions).

    Checks each chained file's CRC first (raises NotFitError). Returns None when a kept
    message uses a compressed timestamp header, whose time depends on dropped messages: the
    caller then decodes the whole file.
    """
    walked = walk(data, wanted)
    walked.check_crc()
    return None if walked.compressed_timestamps else walked.small_stream()


def _walk_one(
    data: bytes, start: int, seen: set[int], wanted: frozenset[int], kept: list[Record]
) -> tuple[int, bool]:
    if len(data) - start < 12:
        raise NotFitError("not a FIT file (too short for a FIT header)")
    header_size = data[start]
    if data[start + 8 : start + 12] != FIT_SIGNATURE or header_size < 12:
        raise NotFitError("not a FIT file (no .FIT signature)")
    (data_size,) = struct.unpack_from("<I", data, start + 4)
    offset = start + header_size
    end = offset + data_size
    if end + CRC_SIZE > len(data):
        raise NotFitError(
            f"truncated FIT file (header promises {data_size} bytes of records, "
            f"{max(0, len(data) - offset - CRC_SIZE)} present)"
        )
    # Bytes a record spans, by its header byte; 0: not a plain skip (a definition, a kept
    # data message, or a local type not defined yet).
    spans = [0] * 256
    sizes: dict[int, int] = {}
    # Local type -> index in ``kept`` of its current definition, when that one is kept.
    kept_definitions: dict[int, int] = {}
    compressed = False
    # Plain records are skipped by _skip, or by _skip_runs in a file whose first _SAMPLE plain
    # records mostly repeat the one before (a record a second and little else).
    to_sample, repeats, runs = _SAMPLE, 0, False
    while True:
        if to_sample:
            offset, walked, repeated = _sample(data, offset, end, spans, to_sample)
            to_sample, repeats = to_sample - walked, repeats + repeated
            runs = 2 * repeats >= _SAMPLE
            if to_sample == 0 and offset < end and spans[data[offset]]:
                continue
        elif runs:
            offset = _skip_runs(data, offset, end, spans)
        else:
            offset = _skip(data, offset, end, spans)
        if offset >= end:
            break
        record_start = offset
        record_header = data[offset]
        offset += 1
        if record_header & 0x80:  # compressed timestamp: a data message of local type 0-3
            local = (record_header >> 5) & 0x3
        elif record_header & 0x40:  # definition message
            local = record_header & 0x0F
            offset, number, size = _definition(data, offset, record_header)
            seen.add(number)
            sizes[local] = size
            if number in wanted:
                kept_definitions[local] = len(kept)
                kept.append(Record(record_start, offset))
                span = 0
            else:
                kept_definitions.pop(local, None)
                span = size + 1
            for header in _DATA_HEADERS[local]:
                spans[header] = span
            if local < _COMPRESSED_TYPES:
                spans[0x80 + 32 * local : 0xA0 + 32 * local] = [span] * 32
            continue
        else:
            local = record_header & 0x0F
        if local not in sizes:
            raise NotFitError(f"corrupt FIT file (data message of undefined local type {local})")
        offset += sizes[local]
        compressed |= bool(record_header & 0x80)
        kept.append(Record(record_start, offset, kept_definitions[local]))
    if offset != end:
        raise NotFitError("corrupt FIT file (a record runs past the end of the data)")
    return end + CRC_SIZE, compressed


def _skip(data: bytes, offset: int, end: int, spans: list[int]) -> int:
    """Past the plain records from ``offset``: where the first other one starts (or the end)."""
    while offset < end:
        span = spans[data[offset]]
        if not span:
            return offset
        offset += span
    return offset


def _skip_runs(data: bytes, offset: int, end: int, spans: list[int]) -> int:
    """``_skip`` for a file of long runs of one record kind: a run still going some records on
    is skipped at once, its header bytes taken at a stride and compared together."""
    previous = -1
    while offset < end:
        header = data[offset]
        span = spans[header]
        if not span:
            return offset
        if header == previous and data[min(offset + _RUN_PEEK * span, end)] == header:
            block = data[offset : min(end, offset + _RUN_BLOCK * span) : span]
            offset += span * (len(block) - len(block.lstrip(_BYTES[header])))
        else:
            previous = header
            offset += span
    return offset


def _sample(data: bytes, offset: int, end: int, spans: list[int], most: int) -> tuple[int, ...]:
    """``_skip`` for at most ``most`` records: where it stopped, how many it passed and how
    many of those had the header of the one before."""
    walked = repeats = 0
    previous = -1
    while offset < end and walked < most:
        header = data[offset]
        span = spans[header]
        if not span:
            break
        repeats += header == previous
        previous = header
        offset += span
        walked += 1
    return offset, walked, repeats


def _definition(data: bytes, offset: int, record_header: int) -> tuple[int, int, int]:
    """Reads a definition's body: returns the offset past it, its global number, data size."""
    if offset + 5 > len(data):
        raise NotFitError("truncated FIT file (definition message cut short)")
    big_endian = data[offset + 1] == 1
    (global_num,) = struct.unpack_from(">H" if big_endian else "<H", data, offset + 2)
    field_count = data[offset + 4]
    offset += 5
    size = sum(data[offset : offset + 3 * field_count][1::3])
    offset += 3 * field_count
    if record_header & 0x20:  # developer fields follow
        if offset >= len(data):
            raise NotFitError("truncated FIT file (definition message cut short)")
        dev_count = data[offset]
        offset += 1
        size += sum(data[offset : offset + 3 * dev_count][1::3])
        offset += 3 * dev_count
    return offset, global_num, size
