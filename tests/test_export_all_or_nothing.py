"""`runlift export` writes every file or none: faults on the way leave --out and the watch as
they were, with one line and exit code 2."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest

from runlift.sync.cli import main

START = ["--start", "2026-11-23"]
FIRST, SECOND = "2026-11-23_runner-strength-A.fit", "2026-11-26_runner-strength-B.fit"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RUNLIFT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COLUMNS", "120")
    return tmp_path / "home"


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.startswith("runlift: error: ") and err.count("\n") == 1, err
    return err


def everything_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def disk_full_on_write(monkeypatch: pytest.MonkeyPatch, after: int) -> None:
    """The file system runs out of space once ``after`` files have been written."""
    real_fsync = os.fsync
    written: list[int] = []

    def fsync(fd: int) -> None:
        if len(written) >= after:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def test_second_name_taken_by_a_folder_writes_neither(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    (out / SECOND).mkdir(parents=True)
    assert main(["export", "--out", str(out), *START]) == 2
    assert f"{out / SECOND}: the name is taken by a folder" in one_error_line(capsys)
    assert everything_in(out) == [SECOND]


def test_a_full_disk_leaves_no_part_file_and_no_new_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    disk_full_on_write(monkeypatch, after=1)
    out = tmp_path / "out"
    assert main(["export", "--out", str(out), *START]) == 2
    assert "No space left on device" in one_error_line(capsys)
    assert not out.exists()
    assert {p.name for p in tmp_path.iterdir()} <= {"home"}


def test_a_full_disk_leaves_an_existing_folder_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / FIRST).write_bytes(b"last week's")
    disk_full_on_write(monkeypatch, after=1)
    assert main(["export", "--out", str(out), *START]) == 2
    one_error_line(capsys)
    assert everything_in(out) == [FIRST]
    assert (out / FIRST).read_bytes() == b"last week's"


def test_a_read_only_watch_leaves_out_unwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    volume = tmp_path / "watch"
    (volume / "GARMIN" / "NewFiles").mkdir(parents=True)
    real_mkdtemp = tempfile.mkdtemp

    def mkdtemp(*args: object, dir: object = None, **kwargs: object) -> str:
        if dir is not None and Path(str(dir)).is_relative_to(volume):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_mkdtemp(*args, dir=dir, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)
    out = tmp_path / "out"
    assert main(["export", "--out", str(out), *START, "--watch", str(volume)]) == 2
    assert "--watch" in one_error_line(capsys)
    assert not out.exists()
    assert everything_in(volume) == ["GARMIN", "GARMIN/NewFiles"]


def test_the_watch_gets_the_files_when_newfiles_is_missing(tmp_path: Path) -> None:
    volume = tmp_path / "watch"
    (volume / "GARMIN").mkdir(parents=True)
    (volume / "GARMIN" / "GarminDevice.xml").write_text("<Device/>")
    out = tmp_path / "out"
    assert main(["export", "--out", str(out), *START, "--watch", str(volume)]) == 0
    assert everything_in(volume / "GARMIN" / "NewFiles") == [FIRST, SECOND]
    assert everything_in(out) == [FIRST, SECOND]


@pytest.mark.parametrize("where", ["name", "parent"])
def test_a_300_character_out_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    long = "x" * 300
    out = tmp_path / long if where == "name" else tmp_path / long / "fit"
    assert main(["export", "--out", str(out), *START]) == 2
    one_error_line(capsys)
    assert {p.name for p in tmp_path.iterdir()} <= {"home"}


def test_an_out_below_a_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("x")
    assert main(["export", "--out", str(tmp_path / "notes.txt" / "fit"), *START]) == 2
    assert "--out" in one_error_line(capsys)
