"""`runlift import` goes on past whatever one file or zip member does wrong, one line each."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import struct
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fitparse.records import Crc

from runlift.sync.cli import main
from runlift.sync.importing import scan
from tests.fitgen import FakeSet, Part, strength_activity

SET_MESG = 225


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RUNLIFT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COLUMNS", "160")
    return tmp_path / "home"


def session(day: int, *extra: FakeSet) -> bytes:
    start = datetime(2026, 3, day, 17, 0, tzinfo=UTC)
    sets = [FakeSet(["deadlift"], 12, 40.0, subtypes=[23]) for _ in range(2)]
    return strength_activity(start, [Part("strength", 40, [*sets, *extra])], serial=1000 + day)


def zip_bytes(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def patch_member(data: bytes, name: str, *, flags: int = 0, method: int | None = None) -> bytes:
    """Set general-purpose flag bits or the method of ``name`` in both of the zip's headers."""
    out = bytearray(data)
    encoded = name.encode()
    for signature, flag_at, method_at, name_at in (
        (b"PK\x03\x04", 6, 8, 30),
        (b"PK\x01\x02", 8, 10, 46),
    ):
        at = out.find(signature)
        while at != -1:
            if out[at + name_at : at + name_at + len(encoded)] == encoded:
                old = struct.unpack_from("<H", out, at + flag_at)[0]
                struct.pack_into("<H", out, at + flag_at, old | flags)
                if method is not None:
                    struct.pack_into("<H", out, at + method_at, method)
            at = out.find(signature, at + 4)
    return bytes(out)


def corrupt_deflate(data: bytes, name: str) -> bytes:
    out = bytearray(data)
    at = 0
    while out[at + 30 : at + 30 + len(name)] != name.encode():
        at = out.find(b"PK\x03\x04", at + 4)
    start = at + 30 + len(name) + struct.unpack_from("<H", out, at + 28)[0]
    out[start : start + 8] = b"\xff" * 8  # reserved block type: invalid deflate
    return bytes(out)


def damaged_definition(fit: bytes) -> bytes:
    """The set message's definition given a base type of its first field that makes no sense."""
    data = bytearray(fit)
    at, sizes = data[0], {}
    while at < len(data) - 2:
        header = data[at]
        if header & 0x40:
            number = struct.unpack_from("<H", data, at + 3)[0]
            fields = data[at + 5]
            if number == SET_MESG:
                data[at + 6 + 2] = 0x00  # field 0 becomes an enum of its (larger) size
                break
            sizes[header & 0x0F] = sum(data[at + 6 + 3 * k + 1] for k in range(fields))
            at += 6 + 3 * fields
        else:
            at += 1 + sizes[header & 0x0F]
    crc = Crc()
    crc.update(bytes(data[:-2]))
    struct.pack_into("<H", data, len(data) - 2, crc.value)
    return bytes(data)


def stored(home: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(home / "data" / "state.sqlite3") as conn:
        return conn.execute(sql).fetchall()


def skipped(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("skipped ")]


def test_each_broken_zip_member_is_one_line_and_the_import_goes_on(
    tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = {
        "a-encrypted.fit": session(2),
        "b-corrupt.fit": session(3),
        "c-method.fit": session(4),
        "d-good.fit": session(5),
    }
    data = zip_bytes(members)
    data = patch_member(data, "a-encrypted.fit", flags=0x1)
    data = corrupt_deflate(data, "b-corrupt.fit")
    data = patch_member(data, "c-method.fit", method=99)
    archive = tmp_path / "export.zip"
    archive.write_bytes(data)
    assert main(["import", str(archive)]) == 0
    lines = skipped(capsys.readouterr().err)
    assert [line.split(": ")[0] for line in lines] == [
        f"skipped {archive}!a-encrypted.fit",
        f"skipped {archive}!b-corrupt.fit",
        f"skipped {archive}!c-method.fit",
    ]
    assert lines[0].endswith("cannot be read (it is encrypted (protected by a password))")
    assert lines[1].endswith("cannot be read (its compressed data is damaged)")
    assert lines[2].endswith(
        "cannot be read (it is packed with a compression method runlift cannot read)"
    )
    assert stored(home, "SELECT day FROM lift_activities") == [("2026-03-05",)]


def test_zips_nested_1100_deep_stop_at_the_limit_with_one_line(
    tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inner = zip_bytes({"deep.fit": session(2)}, zipfile.ZIP_STORED)
    for _ in range(1_100):
        inner = zip_bytes({"z.zip": inner}, zipfile.ZIP_STORED)
    archive = tmp_path / "nested.zip"
    archive.write_bytes(zip_bytes({"z.zip": inner, "good.fit": session(5)}))
    assert main(["import", str(archive)]) == 0
    lines = skipped(capsys.readouterr().err)
    assert len(lines) == 1
    assert lines[0].endswith(f"zips nested more than {scan.MAX_NESTING} deep, not opened")
    assert stored(home, "SELECT day FROM lift_activities") == [("2026-03-05",)]


def test_member_names_cannot_forge_output_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "evil.fit\nrunlift: error: \x1b[31mforged.fit"
    archive = tmp_path / "names.zip"
    archive.write_bytes(zip_bytes({name: b"not a fit file at all", "good.fit": session(5)}))
    assert main(["import", str(archive)]) == 0
    err = capsys.readouterr().err
    assert "\x1b" not in err
    lines = skipped(err)
    assert len(lines) == 1
    assert "evil.fit\\nrunlift: error: \\x1b[31mforged.fit: " in lines[0]
    assert not any(line.startswith("runlift: error") for line in err.splitlines())


def test_a_huge_member_is_skipped_without_reading_it_whole(
    tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scan, "MAX_FIT_BYTES", 2**20)
    archive = tmp_path / "huge.zip"
    archive.write_bytes(zip_bytes({"huge.fit": bytes(8 * 2**20), "good.fit": session(5)}))
    assert main(["import", str(archive)]) == 0
    lines = skipped(capsys.readouterr().err)
    assert lines == [f"skipped {archive}!huge.fit: larger than 1 MiB, too big for a FIT activity"]
    assert stored(home, "SELECT day FROM lift_activities") == [("2026-03-05",)]


def test_a_big_zip_inside_a_zip_is_read_from_a_temporary_file(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scan, "SPOOL_BYTES", 256)
    inner = zip_bytes({f"s{day}.fit": session(day) for day in (2, 5)}, zipfile.ZIP_STORED)
    assert len(inner) > 256
    archive = tmp_path / "outer.zip"
    archive.write_bytes(zip_bytes({"inner.zip": inner}))
    assert main(["import", str(archive)]) == 0
    assert stored(home, "SELECT day FROM lift_activities ORDER BY day") == [
        ("2026-03-02",),
        ("2026-03-05",),
    ]


def test_a_fit_file_with_a_damaged_field_definition_is_skipped(
    tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "fits"
    folder.mkdir()
    (folder / "a-damaged.fit").write_bytes(damaged_definition(session(2)))
    (folder / "b-good.fit").write_bytes(session(5))
    assert main(["import", str(folder)]) == 0
    lines = skipped(capsys.readouterr().err)
    assert len(lines) == 1
    assert lines[0].startswith(f"skipped {folder / 'a-damaged.fit'}: unreadable FIT file (")
    assert stored(home, "SELECT day FROM lift_activities") == [("2026-03-05",)]


def test_sets_no_human_lifts_or_holds_are_dropped_with_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "odd.fit"
    heavy = FakeSet(["row"], 10, 2032.0)
    endless = FakeSet(["plank"], 1, 0.0, duration_s=600_000)
    countless = FakeSet(["row"], 60_000, 30.0)
    path.write_bytes(session(5, heavy, endless, countless))
    assert main(["import", str(path), "--json"]) == 0
    captured = capsys.readouterr()
    dropped = [line for line in captured.err.splitlines() if line.startswith("dropped ")]
    assert dropped == [
        f"dropped {path}: set 5 (2,032 kg: no one lifts that)",
        f"dropped {path}: set 7 (600,000 s: no set lasts that long)",
        f"dropped {path}: set 9 (60,000 reps: no one does that many in one set)",
    ]
    sets = json.loads(captured.out)
    assert [(s["category"], s["weight_kg"]) for s in sets] == [("deadlift", 40.0)] * 2


def test_a_pipe_named_like_a_fit_file_is_skipped_not_waited_on(
    tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "fits"
    folder.mkdir()
    os.mkfifo(folder / "a-pipe.fit")
    os.mkfifo(folder / "b-pipe.zip")
    (folder / "c-good.fit").write_bytes(session(5))
    assert main(["import", str(folder)]) == 0
    assert skipped(capsys.readouterr().err) == [
        f"skipped {folder / 'a-pipe.fit'}: not a regular file (a pipe or device), not read",
        f"skipped {folder / 'b-pipe.zip'}: not a regular file (a pipe or device), not read",
    ]
    assert stored(home, "SELECT day FROM lift_activities") == [("2026-03-05",)]


def test_a_member_whose_header_lies_about_its_size_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scan, "MAX_FIT_BYTES", 2**20)
    data = zip_bytes({"liar.fit": bytes(4 * 2**20), "good.fit": session(5)}, zipfile.ZIP_STORED)
    # The central directory claims 1 KiB: zipfile reads that much, and the CRC gives it away.
    at = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data := bytearray(data), at + 24, 1024)
    archive = tmp_path / "liar.zip"
    archive.write_bytes(bytes(data))
    assert main(["import", str(archive)]) == 0
    lines = skipped(capsys.readouterr().err)
    assert lines == [
        f"skipped {archive}!liar.fit: cannot be read "
        "(its data does not match the zip's checksum (damaged))"
    ]
