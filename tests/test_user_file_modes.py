"""Files runlift writes for the user (workouts, the history picture) get the permissions the
user's umask gives, as any other program's would; only secrets are kept 0600."""

import os
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from runlift.sync.cli import main
from tests.fitgen import FakeSet, Part, strength_activity


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RUNLIFT_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture(params=[0o022, 0o027], ids=["umask-022", "umask-027"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    before = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_exported_workouts_and_their_watch_copies_follow_the_umask(
    tmp_path: Path, umask: int
) -> None:
    volume = tmp_path / "watch"
    (volume / "GARMIN" / "NewFiles").mkdir(parents=True)
    out = tmp_path / "out"
    argv = ["export", "--out", str(out), "--start", "2026-11-23", "--watch", str(volume)]
    assert main(argv) == 0
    written = sorted(out.glob("*.fit")) + sorted((volume / "GARMIN" / "NewFiles").glob("*.fit"))
    assert len(written) == 4
    assert {path: mode(path) for path in written} == {path: 0o666 & ~umask for path in written}
    assert not list(out.glob(".runlift-*"))


def test_the_history_picture_follows_the_umask(tmp_path: Path, umask: int) -> None:
    start = datetime(2026, 3, 3, 17, 0, tzinfo=UTC)
    sets = [FakeSet(["deadlift"], reps, 40.0, subtypes=[23]) for reps in (12, 12)]
    activity = tmp_path / "s3.fit"
    activity.write_bytes(strength_activity(start, [Part("strength", 40, sets)], serial=1003))
    assert main(["import", str(activity)]) == 0
    picture = tmp_path / "history.png"
    assert main(["history", "--png", str(picture)]) == 0
    assert mode(picture) == 0o666 & ~umask
