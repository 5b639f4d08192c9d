"""runlift's own FIT decoding gives fitparse's answers, byte for byte, on every file.

The reference is fitparse itself, as the import used it before: the messages the header walk
keeps (the whole file when one of them has a compressed timestamp), every value fitparse yields.
Compared on the fixtures, on a corpus of real files from many devices (tests/fixtures/fit/corpus,
see the NOTICE) and on seeded mutations of strength files (a fuzz budget of FUZZ_CASES, its seed
never used while writing the decoder): the same activity, or the same one-line reason to skip.
"""

from __future__ import annotations

import random
import struct
import warnings
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fitparse import FitFile
from fitparse.utils import FitParseError
from garmin_fit_sdk import Encoder
from garmin_fit_sdk.crc_calculator import CrcCalculator

from runlift.sync.importing import store
from runlift.sync.importing.activity import Activity
from runlift.sync.importing.fit_crc import crc16
from runlift.sync.importing.fit_fields import NeedsReference, decode
from runlift.sync.importing.fit_probe import NotFitError, walk
from runlift.sync.importing.fit_reader import (
    _GARBLED,
    KEPT_MESSAGES,
    READ,
    _activity,
    _parse_problem,
    read_strength,
    read_with_fitparse,
)
from runlift.sync.importing.importer import Importer
from runlift.workouts.settings import AthleteSettings
from tests.fitgen import MESG, FakeSet, Part, strength_activity
from tests.paths import FIXTURES

FILES = sorted((FIXTURES / "fit").rglob("*.fit"))
FUZZ_SEED = 20261208
FUZZ_CASES = 200


def reference(data: bytes) -> Activity | str | None:
    """What the import made of ``data`` with fitparse decoding: an activity, None, or why not."""
    try:
        walked = walk(data, KEPT_MESSAGES)
        if not walked.has_sets:
            return "no sets"
        walked.check_crc()
        stream = walked.data if walked.compressed_timestamps else walked.small_stream()
        found: dict[str, list[dict[str, Any]]] = {name: [] for name in READ}
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for message in FitFile(stream).get_messages(name=tuple(READ)):
                    found[message.name].append(message.get_values())
        except FitParseError as exc:
            raise NotFitError(f"unreadable FIT file ({_parse_problem(exc)})") from None
        except _GARBLED:
            raise NotFitError(
                "unreadable FIT file (a message definition or record in it is damaged)"
            ) from None
        try:
            return _activity(found, "x", UTC)
        except _GARBLED:
            raise NotFitError(
                "unreadable FIT file (a time or number in it is not one a watch writes)"
            ) from None
    except NotFitError as exc:
        return str(exc)


def imported(data: bytes) -> Activity | str | None:
    """What the import makes of ``data`` now: the scan's own calls."""
    try:
        walked = walk(data, KEPT_MESSAGES)
        if not walked.has_sets:
            return "no sets"
        return read_strength(data, "x", UTC, walked)
    except NotFitError as exc:
        return str(exc)


def holds_sets(data: bytes) -> bool:
    try:
        return walk(data).has_sets
    except NotFitError:
        return False


def took_fast_path(data: bytes) -> bool:
    walked = walk(data, KEPT_MESSAGES)
    try:
        decode(walked, READ)
    except NeedsReference:
        return False
    return True


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_file_imports_as_with_fitparse(path: Path) -> None:
    data = path.read_bytes()
    assert imported(data) == reference(data)


def intact(path: Path) -> bool:
    try:
        walk(path.read_bytes()).check_crc()
    except NotFitError:
        return False
    return True


# The files runlift decodes itself (the others are fitparse's: cut short, or a layout it does
# not answer for, like sessions with Connect IQ developer fields).
DECODED = [p for p in FILES if intact(p) and took_fast_path(p.read_bytes())]


@pytest.mark.parametrize("path", DECODED, ids=lambda p: p.name)
def test_every_message_read_has_fitparses_values(path: Path) -> None:
    walked = walk(path.read_bytes(), KEPT_MESSAGES)
    try:
        expected: dict[str, list[dict[str, Any]]] | str = read_with_fitparse(walked)
    except NotFitError as exc:  # fitparse refuses it: so must runlift, by handing it over
        expected = str(exc)
    found = decode(walked, READ)
    assert found == expected
    assert set(found) == set(READ)
    assert sum(map(len, found.values())) > 0


def test_real_strength_files_are_read_without_fitparse() -> None:
    strength = [p for p in FILES if holds_sets(p.read_bytes())]
    assert len(strength) == 4
    assert set(strength) <= set(DECODED)
    assert len(DECODED) >= 20
    # Sessions carrying Connect IQ developer fields are left to fitparse.
    assert not took_fast_path(
        (FIXTURES / "fit/corpus/fitparse-20170518-191602-1740899583.fit").read_bytes()
    )


def test_the_stored_sets_and_dropped_lines_are_the_references(tmp_path: Path) -> None:
    def dump(read: Callable[[bytes], Activity | str | None], name: str) -> tuple[list, list]:
        with store.opened(tmp_path / f"{name}.sqlite3") as conn:
            importer = Importer(conn, AthleteSettings())
            for path in FILES:
                activity = read(path.read_bytes())
                if isinstance(activity, Activity):
                    importer.add(activity)
            sets = conn.execute("SELECT * FROM lift_sets ORDER BY activity_id, position")
            return sets.fetchall(), importer.tally.dropped

    ours, theirs = dump(imported, "ours"), dump(reference, "theirs")
    assert len(ours[0]) > 100
    assert ours == theirs


# ---------------------------------------------------------------- the CRC


def test_the_crc_is_crc16_arc_as_the_fit_sdk_computes_it() -> None:
    assert crc16(b"123456789") == 0xBB3D  # CRC-16/ARC's catalogue check value
    rng = random.Random(FUZZ_SEED)
    for size in (0, 1, 2, 3, 15, 16, 17, 255, 4096):
        data = bytes(rng.randrange(256) for _ in range(size))
        assert crc16(data) == CrcCalculator.calculate_crc(data, 0, size)
    data = bytes(range(256)) * 4
    assert crc16(data[512:], crc16(data[:512])) == CrcCalculator.calculate_crc(data, 0, len(data))


def walkable(path: Path) -> bool:
    try:
        walk(path.read_bytes())
    except NotFitError:
        return False
    return True


@pytest.mark.parametrize("path", [p for p in FILES if walkable(p)], ids=lambda p: p.name)
def test_every_files_stored_crc_is_the_one_computed(path: Path) -> None:
    """Each file's CRC was written by its device's own FIT code: ours agrees on every one."""
    data = path.read_bytes()
    for start, end in walk(data).spans:
        assert crc16(data[start:end]) == struct.unpack_from("<H", data, end)[0]
        # The SDK's own table, over a part (it walks a byte at a time, in Python).
        part = min(end, start + 4096)
        assert crc16(data[start:part]) == CrcCalculator.calculate_crc(data, start, part)


# ---------------------------------------------------------------- developer data


def chained(first: bytes, messages: list[dict[str, Any]]) -> bytes:
    encoder = Encoder()
    for message in messages:
        encoder.write_mesg(message)
    return first + bytes(encoder.close())


def a_session() -> bytes:
    start = datetime(2026, 3, 3, 17, 0, tzinfo=UTC)
    sets = [FakeSet(["row"], 10, 30.0), FakeSet(["deadlift"], 8, 60.0, subtypes=[23])]
    return strength_activity(start, [Part("strength", 30, sets)])


APP = {"mesg_num": MESG["DEVELOPER_DATA_ID"], "developer_data_index": 0, "application_id": [7] * 16}


def field(index: int, number: int, name: str) -> dict[str, Any]:
    return {
        "mesg_num": MESG["FIELD_DESCRIPTION"],
        "developer_data_index": index,
        "field_definition_number": number,
        "fit_base_type_id": "uint8",
        "field_name": name,
    }


def test_developer_data_fitparse_accepts_leaves_the_fast_path() -> None:
    data = chained(a_session(), [APP, field(0, 0, "start_time")])
    assert took_fast_path(data)
    assert imported(data) == reference(data)
    assert isinstance(imported(data), Activity)


def test_developer_data_fitparse_refuses_skips_the_file_in_words() -> None:
    data = chained(a_session(), [APP, field(3, 1, "orphan")])
    assert not took_fast_path(data)
    assert (
        imported(data)
        == reference(data)
        == (
            "unreadable FIT file (a developer field in it refers to developer data the file does "
            "not define)"
        )
    )


# ---------------------------------------------------------------- fuzz


def with_crc(data: bytearray) -> bytes:
    """``data`` with each chained file's CRC made right again, so the mutation reaches decoding."""
    at = 0
    while at + 12 <= len(data) and data[at + 8 : at + 12] == b".FIT":
        end = at + data[at] + struct.unpack_from("<I", data, at + 4)[0]
        if end + 2 > len(data):
            break
        struct.pack_into("<H", data, end, crc16(bytes(data[at:end])))
        at = end + 2
    return bytes(data)


def mutated(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    kept = [r for r in walk(data, KEPT_MESSAGES).kept]
    kind = rng.randrange(5)
    if kind == 0:  # anywhere
        for _ in range(rng.choice((1, 2, 8))):
            out[rng.randrange(len(out))] = rng.randrange(256)
    elif kind == 1:  # a kept definition: architecture, message, field numbers, sizes, base types
        definition = rng.choice([r for r in kept if r.definition < 0])
        at = definition.start + rng.choice((2, 3, 4, *range(6, definition.end - definition.start)))
        out[at] = rng.choice((0, 1, 2, 0x84, 0x86, 0x07, 0x0D, 0x88, 0x8C, rng.randrange(256)))
    elif kind == 2:  # a kept data message: invalid values, huge values, noise
        record = rng.choice([r for r in kept if r.definition >= 0])
        for at in range(record.start + 1, record.end):
            if rng.random() < 0.3:
                out[at] = rng.choice((0xFF, 0x00, 0x7F, 0x80, rng.randrange(256)))
    elif kind == 3:  # a kept record's header: another local type, a compressed timestamp
        record = rng.choice(kept)
        out[record.start] ^= rng.choice((0x01, 0x20, 0x80, 0x10))
    else:  # a kept definition of another message (a set one: no sets left)
        definition = rng.choice([r for r in kept if r.definition < 0])
        number = rng.choice((225, 0, 18, 34, 20, rng.randrange(65536)))
        struct.pack_into("<H", out, definition.start + 3, number)
    return with_crc(out) if rng.random() < 0.9 else bytes(out)


def fuzz_sources() -> list[bytes]:
    real = [p.read_bytes() for p in FILES if holds_sets(p.read_bytes())]
    start = datetime(2026, 3, 3, 17, 0, tzinfo=UTC)
    made = [
        strength_activity(
            start,
            [
                Part(
                    "strength",
                    20,
                    [FakeSet(["row"], 12, 20.4375, step_index=1, display_unit="pound")],
                ),
                Part("run", 5),
                Part(
                    "strength",
                    10,
                    [FakeSet(["plank", "core"], 1, duration_s=30.0, subtypes=[80, None])],
                ),
            ],
            steps={1: ("row", 46)},
            workout_name="Runner Strength A",
            workout_description="runlift",
        ),
        chained(a_session(), [APP, field(0, 0, "x")]),
    ]
    return made * 3 + real


def test_seeded_mutations_import_as_with_fitparse() -> None:
    rng = random.Random(FUZZ_SEED)
    sources = fuzz_sources()
    outcomes: set[str] = set()
    for case in range(FUZZ_CASES):
        data = mutated(rng.choice(sources), rng)
        ours = imported(data)
        assert ours == reference(data), f"case {case}"
        outcomes.add(type(ours).__name__ if not isinstance(ours, str) else ours.split(" (")[0])
    # The mutations reach every outcome: activities, files without sets, refusals of each kind.
    assert {"Activity", "no sets", "unreadable FIT file", "corrupt FIT file"} <= outcomes


def test_a_crc_mismatch_is_refused_before_decoding() -> None:
    data = bytearray(a_session())
    a_set = [r for r in walk(bytes(data), KEPT_MESSAGES).kept if r.definition >= 0][-1]
    data[a_set.start + 2] ^= 0x01  # a value, not the layout
    assert imported(bytes(data)) == reference(bytes(data)) == "corrupt FIT file (CRC mismatch)"


def with_developer_field(data: bytes, mesg: int, value: int) -> bytes:
    """``data`` (one FIT file) with a one-byte developer field (index 0, number 0) added to the
    definition of message ``mesg`` and ``value`` to each of its data messages."""
    header_size = data[0]
    end = header_size + struct.unpack_from("<I", data, 4)[0]
    out = bytearray(data[:header_size])
    at, sizes, extended = header_size, {}, set()
    while at < end:
        header = data[at]
        if header & 0xC0 == 0x40:
            local, count = header & 0x0F, data[at + 5]
            length = 6 + 3 * count
            sizes[local] = sum(data[at + 7 + 3 * k] for k in range(count))
            if struct.unpack_from("<H", data, at + 3)[0] == mesg:
                out += bytes([header | 0x20]) + data[at + 1 : at + length] + bytes([1, 0, 1, 0])
                extended.add(local)
            else:
                out += data[at : at + length]
                extended.discard(local)
            at += length
            continue
        local = (header >> 5) & 0x3 if header & 0x80 else header & 0x0F
        out += data[at : at + 1 + sizes[local]]
        if local in extended:
            out.append(value)
        at += 1 + sizes[local]
    struct.pack_into("<I", out, 4, len(out) - header_size)
    if header_size == 14:
        struct.pack_into("<H", out, 12, 0)
    out += b"\0\0"
    return with_crc(out)


@pytest.mark.parametrize("name", ["weight", "heart_rate"])
def test_a_developer_field_in_the_sets_is_read_as_fitparse_reads_it(name: str) -> None:
    """fitparse names a developer field after its description: one named like a field runlift
    reads takes that field's place."""
    session = with_developer_field(a_session(), 225, 3)
    described = [APP, {**field(0, 0, name), "fit_base_type_id": "uint8"}]
    encoder = Encoder()
    for message in described:
        encoder.write_mesg(message)
    data = bytes(encoder.close()) + session
    ours = imported(data)
    assert ours == reference(data)
    assert isinstance(ours, Activity)
    weights = {s.weight_kg for s in ours.sets if s.active}
    assert weights == ({3.0} if name == "weight" else {30.0, 60.0})


def test_an_unknown_field_of_an_odd_size_is_refused_as_fitparse_refuses_it() -> None:
    """fitparse names the field in its warning about the size, and has no name for it."""
    data = bytearray(a_session())
    walked = walk(bytes(data), KEPT_MESSAGES)
    sets = next(r for r in walked.kept if r.definition < 0 and data[r.start + 3] == 225)
    two_bytes = next(
        at for at in range(sets.start + 6, sets.end, 3) if data[at + 1] == 2 and data[at] != 253
    )
    data[two_bytes] = 99  # no set field has this number
    data[two_bytes + 2] = 0x86  # uint32: 2 bytes are not a whole one
    data = bytearray(with_crc(data))
    # Said in words, not fitparse's AttributeError (issue 24).
    expected = "unreadable FIT file (a message definition or record in it is damaged)"
    assert imported(bytes(data)) == reference(bytes(data)) == expected


def test_a_component_field_of_two_numbers_one_invalid_is_refused_as_fitparse_refuses_it() -> None:
    """fitparse splits avg_speed into enhanced_avg_speed bit by bit: given as two one-byte
    numbers, one of them invalid (None), it fails adding None."""
    data = bytearray((FIXTURES / "fit" / "fr965-strength-activity.fit").read_bytes())
    kept = walk(bytes(data), KEPT_MESSAGES).kept
    index, session = next(
        (i, r) for i, r in enumerate(kept) if r.definition < 0 and data[r.start + 3] == 18
    )
    fields = [tuple(data[at : at + 3]) for at in range(session.start + 6, session.end, 3)]
    avg_speed = next(k for k, (number, size, _) in enumerate(fields) if number == 14 and size == 2)
    data[session.start + 6 + 3 * avg_speed + 2] = 0x02  # uint8: two numbers
    offset = 1 + sum(size for _, size, _ in fields[:avg_speed])
    for record in kept:
        if record.definition == index:
            data[record.start + offset : record.start + offset + 2] = b"\x01\xff"
    data = bytearray(with_crc(data))
    # Said in words, not fitparse's TypeError (issue 24).
    expected = "unreadable FIT file (a message definition or record in it is damaged)"
    assert imported(bytes(data)) == reference(bytes(data)) == expected


# ---------------------------------------------------------------- the header walk


def plain_walk(data: bytes, keep: frozenset[int]) -> tuple[Any, ...] | str:
    """The header walk written plainly, a record at a time (as runlift walked before it kept a
    table of spans and skipped runs whole): what it finds, or why it refuses ``data``."""
    if not data:
        return "empty file"
    seen: set[int] = set()
    kept: list[tuple[int, int, int]] = []
    spans, compressed, offset = [], False, 0
    while offset < len(data):
        start = offset
        if len(data) - start < 12:
            return "not a FIT file (too short for a FIT header)"
        if data[start + 8 : start + 12] != b".FIT" or data[start] < 12:
            return "not a FIT file (no .FIT signature)"
        offset = start + data[start]
        end = offset + struct.unpack_from("<I", data, start + 4)[0]
        if end + 2 > len(data):
            present = max(0, len(data) - offset - 2)
            promised = f"header promises {end - offset} bytes of records"
            return f"truncated FIT file ({promised}, {present} present)"
        sizes: dict[int, int] = {}
        kinds: dict[int, int] = {}
        while offset < end:
            header, record = data[offset], offset
            offset += 1
            if header & 0xC0 == 0x40:
                if offset + 5 > len(data):
                    return "truncated FIT file (definition message cut short)"
                order = ">" if data[offset + 1] == 1 else "<"
                number = struct.unpack_from(order + "H", data, offset + 2)[0]
                count = data[offset + 4]
                offset += 5
                size = sum(data[offset : offset + 3 * count][1::3])
                offset += 3 * count
                if header & 0x20:
                    if offset >= len(data):
                        return "truncated FIT file (definition message cut short)"
                    developer = data[offset]
                    size += sum(data[offset + 1 : offset + 1 + 3 * developer][1::3])
                    offset += 1 + 3 * developer
                seen.add(number)
                sizes[header & 0x0F] = size
                kinds[header & 0x0F] = len(kept) if number in keep else -1
                if number in keep:
                    kept.append((record, offset, -1))
                continue
            local = (header >> 5) & 0x3 if header & 0x80 else header & 0x0F
            if local not in sizes:
                return f"corrupt FIT file (data message of undefined local type {local})"
            offset += sizes[local]
            if kinds[local] >= 0:
                compressed |= bool(header & 0x80)
                kept.append((record, offset, kinds[local]))
        if offset != end:
            return "corrupt FIT file (a record runs past the end of the data)"
        spans.append((start, end))
        offset = end + 2
    return frozenset(seen), tuple(spans), tuple(kept), compressed


def walked(data: bytes, keep: frozenset[int]) -> tuple[Any, ...] | str:
    try:
        found = walk(data, keep)
    except NotFitError as exc:
        return str(exc)
    kept = tuple(tuple(record) for record in found.kept)
    return found.messages, found.spans, kept, found.compressed_timestamps


KEEP = KEPT_MESSAGES | {206, 207}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_walk_finds_what_a_plain_walk_finds(path: Path) -> None:
    data = path.read_bytes()
    assert walked(data, KEPT_MESSAGES) == plain_walk(data, KEEP)
    assert walked(data, frozenset()) == plain_walk(data, frozenset())


def test_the_walk_finds_what_a_plain_walk_finds_in_mutated_files() -> None:
    rng = random.Random(FUZZ_SEED + 1)
    sources = fuzz_sources() + [p.read_bytes() for p in FILES if intact(p)]
    for case in range(FUZZ_CASES):
        data = mutated(rng.choice(sources), rng) if case % 2 else rng.choice(sources)
        if case % 3 == 0:  # cut anywhere
            data = data[: rng.randrange(len(data) + 1)]
        assert walked(data, KEPT_MESSAGES) == plain_walk(data, KEEP), f"case {case}"


def big_endian(data: bytes) -> bytes:
    """``data`` (one little-endian FIT file) written as a big-endian device writes it: each
    definition's architecture byte 1, its message number and every multi-byte value swapped."""
    from fitparse.records import BASE_TYPE_BYTE, BASE_TYPES

    header_size = data[0]
    end = header_size + struct.unpack_from("<I", data, 4)[0]
    out = bytearray(data)
    at, layouts = header_size, {}
    while at < end:
        header = data[at]
        if header & 0xC0 == 0x40:
            count = data[at + 5]
            out[at + 2] = 1
            out[at + 3 : at + 5] = data[at + 3 : at + 5][::-1]
            fields = [data[at + 6 + 3 * k : at + 9 + 3 * k] for k in range(count)]
            layouts[header & 0x0F] = [
                (size, BASE_TYPES.get(base, BASE_TYPE_BYTE).size) for _, size, base in fields
            ]
            at += 6 + 3 * count
            continue
        at += 1
        for size, item in layouts[(header >> 5) & 0x3 if header & 0x80 else header & 0x0F]:
            if item > 1:
                for start in range(at, at + size - item + 1, item):
                    out[start : start + item] = data[start : start + item][::-1]
            at += size
    return with_crc(out)


def test_a_big_endian_strength_file_is_read_without_fitparse_as_fitparse_reads_it() -> None:
    little = (FIXTURES / "fit" / "fr965-strength-then-run.fit").read_bytes()
    data = big_endian(little)
    assert data != little
    assert took_fast_path(data)
    ours = imported(data)
    assert ours == reference(data) == imported(little)
