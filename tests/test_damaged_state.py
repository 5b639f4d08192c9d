"""A damaged, misplaced or unwritable state file ends every command in one line and exit 2;
a damaged one is moved aside so the next command starts afresh."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import time_machine

from runlift.sync import paths
from runlift.sync.cli import main
from runlift.sync.state import OwnedWorkout, SyncState
from runlift.workouts.session_key import SessionKey
from tests.fitgen import FakeSet, Part, strength_activity
from tests.paths import FIXTURES

STRENGTH = FIXTURES / "fit" / "fr965-strength-activity.fit"
NOW = datetime(2026, 11, 26, 10, 15, 30, tzinfo=UTC)
ASIDE = "state.sqlite3.damaged-20261126T101530Z"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RUNLIFT_HOME", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    """The command's last word: one error line naming the file (after any progress bar)."""
    err = capsys.readouterr().err
    assert "Traceback" not in err
    (line,) = [line for line in err.splitlines() if line.startswith("runlift")]
    assert err.strip().splitlines()[-1] == line
    assert line.startswith("runlift: error: ") and str(paths.state_db()) in line
    return line


def filled_state() -> None:
    with SyncState() as state:
        for n in range(400):
            day = date(2026, 11, 24) + timedelta(days=n)
            state.ledger.remember(
                OwnedWorkout(
                    "garmin", str(n), SessionKey(day, "A"), "a" * 12, day, str(n), "x" * 200
                )
            )


def garble() -> None:
    paths.state_db().write_bytes(bytes(range(256)) * 32)


def truncate() -> None:
    filled_state()
    data = paths.state_db().read_bytes()
    paths.state_db().write_bytes(data[: len(data) // 2])


def overwrite_a_page() -> None:
    filled_state()
    with paths.state_db().open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xff" * 4096)


def wrong_columns() -> None:
    with closing(sqlite3.connect(paths.state_db())) as db, db:
        db.execute("CREATE TABLE gc_workouts (workout_id INTEGER PRIMARY KEY, key TEXT)")


def wrong_shape_of_a_migrated_table() -> None:
    with closing(sqlite3.connect(paths.state_db())) as db, db:
        db.execute("CREATE TABLE gc_intents (id INTEGER PRIMARY KEY)")


DAMAGE: dict[str, Callable[[], None]] = {
    "garbled": garble,
    "truncated": truncate,
    "a page overwritten": overwrite_a_page,
    "other columns": wrong_columns,
    "a migration that cannot apply": wrong_shape_of_a_migrated_table,
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_file_is_moved_aside_and_the_next_command_starts_afresh(
    damage: Callable[[], None], capsys: pytest.CaptureFixture[str]
) -> None:
    damage()
    damaged = paths.state_db().read_bytes()
    with time_machine.travel(NOW, tick=False):
        assert main(["import", str(STRENGTH)]) == 2
    line = one_line(capsys)
    assert "damaged" in line and ASIDE in line and "runlift sync" in line
    assert "runlift import" in line
    assert (paths.data_dir() / ASIDE).read_bytes() == damaged
    assert not paths.state_db().exists()
    assert main(["import", str(STRENGTH)]) == 0
    assert main(["history"]) == 0
    assert "Nothing imported yet" not in capsys.readouterr().out


def test_status_reports_a_damaged_file_and_leaves_it_for_a_writing_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    garble()
    assert main(["status"]) == 2
    line = one_line(capsys)
    assert "damaged" in line and "moves it aside" in line
    assert paths.state_db().exists()
    assert not list(paths.data_dir().glob("*.damaged-*"))


@pytest.mark.parametrize("argv", [["status"], ["import", str(STRENGTH)], ["history"]])
def test_a_folder_where_the_file_belongs_is_named_and_left_alone(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    (paths.state_db() / "keep.txt").parent.mkdir()
    (paths.state_db() / "keep.txt").write_text("mine")
    assert main(argv) == 2
    assert "is a folder" in one_line(capsys)
    assert (paths.state_db() / "keep.txt").read_text() == "mine"


def connections_that(monkeypatch: pytest.MonkeyPatch, tweak: Callable[[str], Any]) -> None:
    """Every SQLite connection to the state file goes through ``tweak`` (the OS's refusal)."""
    real = sqlite3.connect

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        # The store opens it by URI ("file:/…/state.sqlite3?mode=rw&nofollow=1").
        path = unquote(str(database).removeprefix("file:").split("?")[0])
        if path == str(paths.state_db()):
            return tweak(path)(*args, **kwargs)
        return real(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)


def test_a_read_only_file_is_named_and_nothing_is_half_written(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    SyncState().close()
    before = paths.state_db().read_bytes()
    paths.state_db().chmod(0o400)
    # chmod alone does not stop root: open the file the way SQLite does when the OS refuses
    # to write it.
    real = sqlite3.connect
    connections_that(
        monkeypatch,
        lambda path: lambda *a, **k: real(f"file:{path}?mode=ro", *a, **{**k, "uri": True}),
    )
    assert main(["import", str(STRENGTH)]) == 2
    assert "read-only" in one_line(capsys)
    assert paths.state_db().read_bytes() == before


def test_a_full_disk_is_named_and_nothing_is_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    SyncState().close()
    # More sets than the free room in the file's pages: the import must grow the file.
    sets = [FakeSet(["deadlift"], 10, 40.0 + n, subtypes=[23]) for n in range(120)]
    big = tmp_path / "long-session.fit"
    big.write_bytes(strength_activity(NOW, [Part("strength", 90, sets)]))
    real = sqlite3.connect

    def no_room(path: str) -> Callable[..., sqlite3.Connection]:
        def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
            db = real(path, *args, **kwargs)
            pages = db.execute("PRAGMA page_count").fetchone()[0]
            db.execute(f"PRAGMA max_page_count = {pages}")
            return db

        return connect

    connections_that(monkeypatch, no_room)
    assert main(["import", str(big)]) == 2
    line = one_line(capsys)
    assert "full" in line and "free some disk space" in line
    with closing(real(paths.state_db())) as db:
        assert db.execute("SELECT COUNT(*) FROM lift_activities").fetchone() == (0,)
        assert db.execute("SELECT COUNT(*) FROM lift_sets").fetchone() == (0,)


def test_a_lock_path_that_is_a_folder_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths.lock_file().mkdir()
    config = tmp_path / "config.toml"
    config.write_text('[plan]\nsource = "garmin"\n')
    assert main(["sync", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    (line,) = err.strip().splitlines()
    assert str(paths.lock_file()) in line and "folder" in line


def test_a_file_where_the_data_folder_belongs_is_named(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (home / "data").write_text("not a folder")
    assert main(["status"]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert str(home / "data") in line and "data folder" in line
