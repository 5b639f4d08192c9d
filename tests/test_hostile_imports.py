"""Imports built to cost time, memory or disk stay within the limits, in a child process capped
at 500 MB; what is skipped is one line in words."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from runlift.sync import limits
from runlift.sync.cli import main
from tests.bounded_run import run_bounded


def skipped(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("skipped ")]


def one_byte_members(count: int) -> bytes:
    """A real zip of ``count`` stored one-byte files, written directly (zipfile takes minutes)."""
    local, central = bytearray(), bytearray()
    crc = zlib.crc32(b"x")
    for n in range(count):
        name = f"{n:07d}.fit".encode()
        offset = len(local)
        local += struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 0, 0, 0, crc, 1, 1, len(name), 0)
        local += name + b"x"
        central += struct.pack(
            "<4s6H3I5H2I",
            b"PK\x01\x02",
            20,
            20,
            0,
            0,
            0,
            0,
            crc,
            1,
            1,
            len(name),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += name
    end = struct.pack(
        "<4s4H2IH",
        b"PK\x05\x06",
        0,
        0,
        min(count, 0xFFFF),
        min(count, 0xFFFF),
        len(central),
        len(local),
        0,
    )
    return bytes(local + central + end)


def test_a_zip_of_more_files_than_runlift_reads_is_skipped_before_any_is_read(
    tmp_path: Path,
) -> None:
    archive = tmp_path / "million.zip"
    archive.write_bytes(one_byte_members(limits.ZIP_MEMBERS + 10_000))
    ran = run_bounded(["import", str(archive)], home=tmp_path / "home")
    assert ran.code == 0, ran.err
    assert skipped(ran.err) == [
        f"skipped {archive}: lists {limits.ZIP_MEMBERS + 10_000:,} files, more than runlift "
        f"reads from one zip ({limits.ZIP_MEMBERS:,}); not opened"
    ]
    assert ran.seconds < 30


def test_a_zip_whose_end_record_understates_its_files_is_counted_from_its_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from runlift.sync.importing import scan

    monkeypatch.setattr(scan, "MAX_MEMBERS", 100)
    data = bytearray(one_byte_members(150))
    struct.pack_into("<HH", data, len(data) - 22 + 8, 3, 3)  # "3 files"
    archive = tmp_path / "liar.zip"
    archive.write_bytes(bytes(data))
    assert main(["import", str(archive)]) == 0
    assert skipped(capsys.readouterr().err) == [
        f"skipped {archive}: lists 150 files, more than runlift reads from one zip (100); "
        "not opened"
    ]


def zip_of(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zips_inside_zips_stop_at_the_imports_temporary_space(tmp_path: Path) -> None:
    # Ten zips inside, each a 16 MiB file once inflated: 160 MiB of copies from a small zip.
    inner = zip_of({"activity.fit": b"\0" * 16 * 2**20}, zipfile.ZIP_STORED)
    outer = zip_of({f"part-{n}.zip": inner for n in range(10)})
    archive = tmp_path / "export.zip"
    archive.write_bytes(outer)
    assert len(outer) < 2**20
    ran = run_bounded(["import", str(archive)], home=tmp_path / "home")
    assert ran.code == 0, ran.err
    lines = skipped(ran.err)
    over = [line for line in lines if "temporary space" in line]
    opened = [line for line in lines if "activity.fit" in line]
    budget = limits.IMPORT_TEMP_FLOOR_BYTES
    assert len(opened) == budget // len(inner)
    assert len(over) == 10 - len(opened)
    assert over[0].endswith(
        f"not opened: the zips inside zips of this import would take more than "
        f"{limits.size_text(budget)} of temporary space ({limits.IMPORT_TEMP_FACTOR} x the input)"
    )


BROKEN_WORDS = {
    "not a FIT file": (b"hello", "not a FIT file (too short for a FIT header)"),
    "a FIT header promising more": (
        struct.pack("<BBHI4sH", 14, 0x20, 2100, 10_000, b".FIT", 0) + b"\0" * 10,
        "truncated FIT file (header promises 10000 bytes of records",
    ),
}


@pytest.mark.parametrize(("data", "said"), BROKEN_WORDS.values(), ids=BROKEN_WORDS.keys())
def test_a_broken_fit_file_is_skipped_in_words(
    data: bytes, said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.fit"
    path.write_bytes(data)
    assert main(["import", str(path)]) == 0
    (line,) = skipped(capsys.readouterr().err)
    assert said in line
    assert "Error" not in line and "errno" not in line.lower()


def test_a_zip_that_is_not_a_zip_is_one_line_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "export.zip"
    archive.write_bytes(b"PK\x03\x04 not really")
    assert main(["import", str(archive)]) == 0
    (line,) = skipped(capsys.readouterr().err)
    assert line == (
        f"skipped {archive}: not a readable zip file (not a zip file, or its directory is missing)"
    )
