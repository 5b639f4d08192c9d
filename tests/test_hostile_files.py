"""Files where runlift reads or writes are someone else's too: its state file, its own small JSON
files, the calendar file it writes, a watch's folders. A link, a device, a pipe, another
program's database or the wrong shape ends in one line naming the file; nothing is followed,
hung on, or half-written."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from runlift.sync import paths
from runlift.sync.cli import main
from runlift.sync.state import SyncState
from runlift.sync.store.hardening import harden

OTHER_APP = (
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
    "INSERT INTO notes (body) VALUES ('an address book, a browser history...');"
)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RUNLIFT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path / "home"


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("runlift")]
    assert len(lines) == 1, err
    return lines[0]


def other_database(path: Path) -> bytes:
    with closing(sqlite3.connect(path)) as db:
        db.executescript(OTHER_APP)
    path.chmod(0o644)
    return path.read_bytes()


# -------------------------------------------------------------------------- the state file


def test_a_state_file_that_links_to_another_programs_database_is_refused_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = tmp_path / "other-app.sqlite3"
    before = other_database(victim)
    paths.state_db().symlink_to(victim)
    for command in (["status"], ["import", str(tmp_path)], ["plan", "--demo"]):
        code = main(command)
        if command == ["plan", "--demo"]:
            assert code == 0  # plan reads no state file
            capsys.readouterr()
            continue
        assert code == 2
        line = one_line(capsys)
        assert f"{paths.state_db()}: is a link" in line
    assert victim.read_bytes() == before
    assert stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert not Path(f"{victim}-wal").exists()


def test_a_link_where_the_state_files_journal_belongs_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    SyncState().close()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(b"")
    Path(f"{paths.state_db()}-wal").unlink(missing_ok=True)
    Path(f"{paths.state_db()}-wal").symlink_to(elsewhere)
    (tmp_path / "nothing").mkdir()
    assert main(["import", str(tmp_path / "nothing")]) == 2
    assert "state.sqlite3-wal: is a link" in one_line(capsys)
    assert elsewhere.read_bytes() == b""


def test_another_programs_database_as_the_state_file_is_refused_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths.data_dir()
    before = other_database(paths.state_db())
    assert main(["status"]) == 2
    line = one_line(capsys)
    assert "holds table notes that runlift did not create" in line
    assert "move it away" in line
    assert main(["import", str(tmp_path)]) == 2
    assert "holds table notes" in one_line(capsys)
    assert paths.state_db().read_bytes() == before
    assert [p.name for p in paths.state_db().parent.iterdir()] == ["state.sqlite3"]


RUNAWAY = {
    "a trigger that inserts for ever": (
        "CREATE TRIGGER again AFTER INSERT ON sync_runs BEGIN"
        " INSERT INTO sync_runs (started_at, outcome) VALUES ('x', 'x'); END;"
    ),
    "a view in place of a table": (
        "ALTER TABLE owned_workouts RENAME TO owned_workouts_real;"
        "CREATE VIEW owned_workouts AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1"
        " FROM n) SELECT 'garmin' AS target, i AS workout_ref, NULL AS entry_ref, '' AS key,"
        " '' AS content_hash, '' AS day, '' AS name, '' AS updated_at FROM n;"
    ),
}


@pytest.mark.parametrize("sql", RUNAWAY.values(), ids=RUNAWAY.keys())
def test_a_runaway_trigger_or_view_in_the_state_file_cannot_hang_a_command(
    sql: str, capsys: pytest.CaptureFixture[str]
) -> None:
    SyncState().close()
    with closing(sqlite3.connect(paths.state_db())) as db:
        db.executescript(sql)
    before = paths.state_db().read_bytes()
    started = time.monotonic()
    assert main(["status"]) == 2
    assert time.monotonic() - started < 20
    line = one_line(capsys)
    assert "that runlift did not create" in line
    assert paths.state_db().read_bytes() == before


def test_a_statement_running_past_the_limit_is_interrupted() -> None:
    with closing(sqlite3.connect(":memory:")) as db:
        harden(db, statement_s=0.2)
        endless = (
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
        )
        with pytest.raises(sqlite3.OperationalError, match="interrupted"):
            db.execute(endless).fetchone()
        # The next statement has its own time.
        assert db.execute("SELECT 1").fetchone() == (1,)


def test_triggers_and_views_do_not_run_in_runlifts_connections() -> None:
    with closing(sqlite3.connect(":memory:", isolation_level=None)) as db:
        harden(db)
        db.execute("CREATE TABLE t (n INTEGER)")
        db.execute("CREATE TABLE log (n INTEGER)")
        db.execute("CREATE TRIGGER copy AFTER INSERT ON t BEGIN INSERT INTO log VALUES (1); END")
        db.execute("INSERT INTO t VALUES (1)")
        assert db.execute("SELECT count(*) FROM log").fetchone() == (0,)
        db.execute("CREATE VIEW v AS SELECT n FROM t")
        with pytest.raises(sqlite3.OperationalError):
            db.execute("SELECT * FROM v").fetchall()


def test_a_schema_version_that_is_not_a_number_is_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    SyncState().close()
    with closing(sqlite3.connect(paths.state_db())) as db, db:
        db.execute("UPDATE schema_versions SET version = 'two' WHERE part = 'lifts'")
    assert main(["status"]) == 2
    assert "schema version 'two'" in one_line(capsys)


# ------------------------------------------------------------- runlift's own JSON files

COOLOFF = "cooloff.json"
JOBS = "daemon_jobs.json"
BAD_CONTENT: dict[str, tuple[str, bytes, str]] = {
    "a list": (COOLOFF, b"[]", "not a JSON object"),
    "a date it cannot read": (COOLOFF, b'{"garmin": "tomorrow"}', "not a date and time"),
    "a date without a zone": (COOLOFF, b'{"garmin": "2026-11-24T10:00:00"}', "no time zone"),
    "a number for a pause": (COOLOFF, b'{"garmin": 5}', "is not a JSON object"),
    "a number for a date": (COOLOFF, b'{"garmin": {"until": 5}}', "is not text"),
    "a reason that is no text": (
        COOLOFF,
        b'{"garmin": {"until": "2026-11-24T10:00:00+00:00", "why": []}}',
        "reason is not text",
    ),
    "a date in year 9999": (COOLOFF, b'{"garmin": "9999-12-31T00:00:00+00:00"}', "between"),
    "non-UTF-8 bytes": (COOLOFF, b'{"garmin": "\xff\xfe"}', "not UTF-8"),
    "not JSON": (COOLOFF, b"{garmin", "not valid JSON"),
    "nested deep": (COOLOFF, b"[" * 5000 + b"]" * 5000, "nested more than"),
    "an empty job": (JOBS, b'{"sync": {}}', "is not text"),
    "a job that is a list": (JOBS, b'{"sync": []}', "not a JSON object"),
    "a job's outcome as text": (
        JOBS,
        b'{"sync": {"started": "2026-11-24T05:30:00+01:00", "ok": "yes", "message": ""}}',
        "not true or false",
    ),
}


@pytest.mark.parametrize(("name", "content", "why"), BAD_CONTENT.values(), ids=BAD_CONTENT.keys())
def test_runlifts_own_file_of_the_wrong_shape_is_one_line_naming_it(
    name: str, content: bytes, why: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (paths.data_dir() / name).write_bytes(content)
    assert main(["status"]) == 2
    line = one_line(capsys)
    assert f"{paths.data_dir() / name}: damaged (" in line and why in line
    assert "delete it" in line


def test_runlifts_own_file_as_a_link_is_refused_never_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "someone-elses.json"
    secret.write_text('{"garmin": "2026-11-24T10:00:00+00:00"}')
    (paths.data_dir() / COOLOFF).symlink_to(secret)
    assert main(["status"]) == 2
    line = one_line(capsys)
    assert f"{paths.data_dir() / COOLOFF}: is a link" in line
    assert "garmin" not in line.split(": is a link")[1]


@pytest.mark.parametrize("name", [COOLOFF, JOBS, "strava_tokens.json"])
def test_runlifts_own_file_as_a_pipe_is_refused_not_waited_on(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(paths.data_dir() / name)
    assert main(["status"]) in (0, 2)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if name != "strava_tokens.json":
        assert "is not a regular file (a device, pipe or socket)" in err


def test_a_huge_own_file_is_refused_without_reading_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    (paths.data_dir() / COOLOFF).write_bytes(b"{" + b" " * (2 * 2**20) + b"}")
    assert main(["status"]) == 2
    assert "is larger than 1 MiB" in one_line(capsys)


def test_garmin_tokens_as_a_link_are_refused_with_the_sign_in_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "tokens.json"
    elsewhere.write_text(json.dumps({"di_token": "t", "di_refresh_token": "r"}))
    (paths.garmin_token_dir() / "garmin_tokens.json").symlink_to(elsewhere)
    config = tmp_path / "config.toml"
    config.write_text('[plan]\nsource = "garmin"\n')
    assert main(["plan", "--config", str(config)]) == 2
    line = one_line(capsys)
    assert "garmin_tokens.json" in line and "is a link" in line
    assert "runlift login garmin" in line


def test_strava_tokens_of_the_wrong_types_are_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    paths.strava_token_file().write_text(
        json.dumps({"access_token": "a", "refresh_token": "r", "expires_at": "soon"})
    )
    assert main(["plan", "--source", "strava"]) == 2
    line = one_line(capsys)
    assert "Strava tokens unreadable (damaged (expires_at is not a whole number))" in line


# ------------------------------------------------------------- where runlift writes

SPECIAL: dict[str, Callable[[Path], Path]] = {
    "/dev/zero": lambda _: Path("/dev/zero"),
    "/dev/full": lambda _: Path("/dev/full"),
    "a FIFO": lambda folder: _fifo(folder / "sessions.ics"),
}


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("target", SPECIAL.values(), ids=SPECIAL.keys())
def test_a_calendar_file_that_is_a_device_or_pipe_is_refused_before_anything(
    target: Callable[[Path], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ics = target(tmp_path)
    out = tmp_path / "fit"
    assert main(["export", "--demo", "--out", str(out), "--ics", str(ics)]) == 2
    line = one_line(capsys)
    assert f"--ics {ics}: is not a regular file (a device, pipe or socket)" in line
    assert not out.exists()
    config = tmp_path / "config.toml"
    config.write_text(f'[daemon]\nics_path = "{ics}"\n')
    with daemon_logging():
        assert main(["daemon", "--config", str(config)]) == 2
    assert f"daemon.ics_path {ics}: is not a regular file" in one_line(capsys)


@contextmanager
def daemon_logging() -> Iterator[None]:
    """`runlift daemon` sends its log to stderr before it checks anything: the handler it adds
    (on this test's captured stderr) must not outlive the test."""
    root, ours = logging.getLogger(), logging.getLogger("runlift")
    handlers, levels = list(root.handlers), (root.level, ours.level)
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(levels[0])
        ours.setLevel(levels[1])


def test_a_calendar_file_that_is_a_link_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real.ics"
    link = tmp_path / "link.ics"
    link.symlink_to(real)
    assert main(["export", "--demo", "--out", str(tmp_path / "fit"), "--ics", str(link)]) == 2
    assert f"--ics {link}: is a link; name the file it points to" in one_line(capsys)
    assert not real.exists()


def watch(tmp_path: Path) -> tuple[Path, Path]:
    volume = tmp_path / "watch"
    new_files = volume / "GARMIN" / "NewFiles"
    new_files.mkdir(parents=True)
    return volume, new_files


def test_export_out_equal_to_the_watchs_new_files_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    volume, new_files = watch(tmp_path)
    for out in (new_files, volume / "GARMIN" / "." / "NewFiles"):
        assert main(["export", "--demo", "--out", str(out), "--watch", str(volume)]) == 2
        assert "is the watch's" in one_line(capsys)
        assert list(new_files.iterdir()) == []
    alias = tmp_path / "alias"
    alias.symlink_to(new_files)
    assert main(["export", "--demo", "--out", str(alias), "--watch", str(volume)]) == 2
    assert "is the watch's" in one_line(capsys)
    assert list(new_files.iterdir()) == []


def test_a_new_files_folder_linked_out_of_the_watch_is_not_written_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    volume = tmp_path / "watch"
    (volume / "GARMIN").mkdir(parents=True)
    (volume / "GARMIN" / "GarminDevice.xml").write_text("<Device/>")
    outside = tmp_path / "documents"
    outside.mkdir()
    (volume / "GARMIN" / "NewFiles").symlink_to(outside)
    out = tmp_path / "fit"
    assert main(["export", "--demo", "--out", str(out), "--watch", str(volume)]) == 2
    assert "is a link to a folder outside the watch" in one_line(capsys)
    assert list(outside.iterdir()) == []
    assert not out.exists()
