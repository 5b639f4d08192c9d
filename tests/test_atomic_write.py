"""Every file runlift keeps for itself is replaced whole, private, with nothing left behind."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine

from runlift.sync import cooloff, paths
from runlift.sync.daemon import journal
from runlift.sync.daemon.runner import JobOutcome
from runlift.sync.files import TEMP_SUFFIX, atomic_write
from runlift.sync.strava.budget import ReadBudget
from runlift.sync.strava.tokens import StravaTokens, save_tokens

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RUNLIFT_HOME", str(tmp_path))
    return tmp_path


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_file_gets_the_mode_asked_for_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        atomic_write(tmp_path / "shared.json", "{}", 0o644)
    finally:
        os.umask(old)
    atomic_write(tmp_path / "secret.json", b"{}")
    assert (mode(tmp_path / "shared.json"), mode(tmp_path / "secret.json")) == (0o644, 0o600)


def test_a_failed_rename_keeps_the_old_content_and_leaves_no_temporary_file(
    tmp_path: Path,
) -> None:
    target = tmp_path / "cooloff.json"
    atomic_write(target, '{"old": 1}')

    def crash(_temp: str, _path: Path) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        atomic_write(target, '{"new": 2}', replace=crash)
    assert target.read_text() == '{"old": 1}'
    assert [p.name for p in tmp_path.iterdir()] == ["cooloff.json"]


def test_temporary_files_a_killed_writer_left_are_swept_once_stale(tmp_path: Path) -> None:
    target = tmp_path / "budget.json"
    fresh = tmp_path / f".budget.json.fresh_01{TEMP_SUFFIX}"
    stale = tmp_path / f".budget.json.stale_01{TEMP_SUFFIX}"
    for leftover in (fresh, stale):
        leftover.write_text("{")
    an_hour_ago = NOW.timestamp() - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    with time_machine.travel(NOW, tick=False):
        os.utime(fresh, (NOW.timestamp(), NOW.timestamp()))
        atomic_write(target, "{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == [fresh.name, target.name]


@pytest.mark.parametrize(
    "name",
    [
        ".s.ics.backup.tmp",
        ".s.ics.abcdefgh.tmp",
        f".s.ics.backup{TEMP_SUFFIX}",
        f".s.ics.abcdefgh{TEMP_SUFFIX}.keep",
        f".s.ics.abcdefghi{TEMP_SUFFIX}",
    ],
)
def test_the_sweep_leaves_a_users_file_that_only_looks_like_a_temporary_one(
    tmp_path: Path, name: str
) -> None:
    mine = tmp_path / name
    mine.write_text("the user's own backup")
    a_day_ago = NOW.timestamp() - 86400
    os.utime(mine, (a_day_ago, a_day_ago))
    with time_machine.travel(NOW, tick=False):
        atomic_write(tmp_path / "s.ics", "BEGIN:VCALENDAR")
    assert mine.read_text() == "the user's own backup"


def write_cooloff() -> Path:
    cooloff.record("garmin", NOW, 60, 60)
    return paths.data_dir() / "cooloff.json"


def write_budget() -> Path:
    ReadBudget().spend(NOW)
    return ReadBudget().path


def write_journal() -> Path:
    journal.record(JobOutcome("sync", NOW, True, "ok"))
    return paths.data_dir() / "daemon_jobs.json"


def write_strava_tokens() -> Path:
    save_tokens(StravaTokens("a", "r", 1))
    return paths.strava_token_file()


WRITERS: dict[str, Callable[[], Path]] = {
    "cool-off": write_cooloff,
    "strava budget": write_budget,
    "daemon journal": write_journal,
    "strava tokens": write_strava_tokens,
}


@pytest.mark.parametrize("write", WRITERS.values(), ids=WRITERS.keys())
def test_runlifts_own_files_are_private_in_a_private_folder(write: Callable[[], Path]) -> None:
    old = os.umask(0o022)
    try:
        written = write()
    finally:
        os.umask(old)
    assert (mode(written), mode(written.parent)) == (0o600, 0o700)
    assert [p.name for p in written.parent.iterdir() if p.name.startswith(".")] == []
