"""Fuzz: FIT files (headers, definitions, records) and zips, imported as `runlift import` does.

Each case writes its file to disk and runs the import's walk (``scan.plan``, ``scan.run``) into a
real state file: a file or member is imported, skipped, or reported in one line of words.
"""

from __future__ import annotations

import io
import struct
import tempfile
import zipfile
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from runlift.sync.errors import UserError
from runlift.sync.importing import scan, store
from runlift.sync.importing.importer import Importer
from runlift.workouts.settings import AthleteSettings
from tests import fuzz
from tests.fitgen import FakeSet, Part, run_activity, strength_activity


@cache
def bases() -> tuple[bytes, ...]:
    start = datetime(2026, 3, 5, 17, 0, tzinfo=UTC)
    sets = [
        FakeSet(["deadlift"], 12, 40.0, subtypes=[23]),
        FakeSet(["lunge", "squat"], 10, 16.0, subtypes=[None, 2]),
        FakeSet(["plank"], None, 0.0, duration_s=45.0),
    ]
    return (
        strength_activity(start, [Part("strength", 30, sets)], workout_name="Runner Strength A"),
        strength_activity(start, [Part("strength", 20, sets[:1]), Part("run", 5)]),
        run_activity(start, 30),
    )


def definitions(data: bytes) -> list[int]:
    """Offsets of the definition messages' record headers (the walk fit_probe does)."""
    found: list[int] = []
    sizes: dict[int, int] = {}
    at = data[0] if data else 0
    try:
        while at < len(data) - 2:
            header = data[at]
            if header & 0x40:
                found.append(at)
                fields = data[at + 5]
                sizes[header & 0x0F] = sum(data[at + 6 + 3 * k + 1] for k in range(fields))
                at += 6 + 3 * fields + (1 + 3 * data[at + 6 + 3 * fields] if header & 0x20 else 0)
            else:
                at += 1 + sizes.get(header & (0x0F if not header & 0x80 else 0x03), 0)
    except IndexError:  # a file the mutations already cut or garbled
        pass
    return found


@st.composite
def fit_files(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(bases())))
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["header", "definition", "byte", "cut", "size"]))
        if kind == "header" and data:
            at = draw(st.integers(0, min(13, len(data) - 1)))
            data[at] = draw(st.integers(0, 255))
        elif kind == "definition" and (offsets := definitions(bytes(data))):
            at = draw(st.sampled_from(offsets))
            # field count, a field's number, size or base type, the global number, endianness
            target = at + draw(st.sampled_from([2, 3, 4, 5, 6, 7, 8]))
            if target < len(data):
                data[target] = draw(st.integers(0, 255))
        elif kind == "byte" and data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[draw(st.integers(0, len(data))) :]
        elif kind == "size" and len(data) >= 8:
            struct.pack_into("<I", data, 4, draw(st.integers(0, 2**32 - 1)))
    return bytes(data)


names = st.one_of(
    st.sampled_from(["a.fit", "b.FIT", "dir/c.fit", "../../evil.fit", "nested.zip", "x.fit\n"]),
    st.text(min_size=1, max_size=30).map(lambda t: t + ".fit"),
)


@st.composite
def zips(draw: st.DrawFn, depth: int = 0) -> bytes:
    buffer = io.BytesIO()
    method = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
    members: dict[str, bytes] = {}
    for _ in range(draw(st.integers(0, 4))):
        name = draw(names)
        if name.endswith(".zip") and depth < 2:
            members[name] = draw(zips(depth + 1))
        else:
            members[name] = draw(st.one_of(fit_files(), st.binary(max_size=64)))
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in members.items():
            # A fixed time: the same case gives the same bytes on every run.
            archive.writestr(zipfile.ZipInfo(name, (2026, 3, 5, 17, 0, 0)), content, method)
    data = bytearray(buffer.getvalue())
    for _ in range(draw(st.integers(0, 3))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    if draw(st.booleans()) and data:
        del data[draw(st.integers(0, len(data))) :]
    return bytes(data)


def imported(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        with store.opened(Path(folder) / "state.sqlite3") as conn:
            importer = Importer(conn, AthleteSettings())
            try:
                scan.run(scan.plan([path]), importer, UTC, scan.Progress())
            except UserError as exc:
                fuzz.one_line(str(exc))
                return
        for line in importer.tally.problems + importer.tally.dropped:
            fuzz.one_line(line)


@fuzz.budget(80)
@given(fit_files())
def test_any_fit_file_is_imported_skipped_or_reported_in_one_line(data: bytes) -> None:
    with fuzz.bounded("fit files"):
        imported("activity.fit", data)


@fuzz.budget(50)
@given(zips())
def test_any_zip_is_imported_skipped_or_reported_in_one_line(data: bytes) -> None:
    with fuzz.bounded("zips"):
        imported("export.zip", data)
