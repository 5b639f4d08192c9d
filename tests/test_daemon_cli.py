"""`runlift daemon` as a process: stops within 5 s on SIGTERM/SIGINT; `status`; the systemd unit."""

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from runlift.sync import cooloff
from runlift.sync.cli import main
from runlift.sync.config import parse_config
from runlift.sync.status import next_run


def start_daemon(home: Path) -> subprocess.Popen[str]:
    far = (datetime.now() + timedelta(hours=6)).strftime("%H:%M")
    (home / "config.toml").write_text(f'[daemon]\nsync_times = ["{far}"]\n')
    env = {**os.environ, "RUNLIFT_HOME": str(home)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "runlift", "daemon"], env=env, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 20
    assert proc.stderr is not None
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if "daemon started" in line:
            return proc
    proc.kill()
    raise AssertionError("daemon did not start")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_the_daemon_stops_within_five_seconds(tmp_path, signum) -> None:
    proc = start_daemon(tmp_path)
    sent = time.monotonic()
    proc.send_signal(signum)
    try:
        proc.wait(timeout=5)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert time.monotonic() - sent < 5
    assert proc.returncode == 0
    rest = proc.stderr.read() if proc.stderr else ""
    assert "daemon stopped" in rest
    assert "Traceback" not in rest


def test_print_systemd_unit(capsys) -> None:
    assert main(["daemon", "--print-systemd-unit"]) == 0
    unit = capsys.readouterr().out
    assert "[Service]" in unit and "daemon" in unit.split("ExecStart=")[1].splitlines()[0]
    assert "TimeoutStopSec" in unit


def test_next_run_is_the_next_local_slot() -> None:
    config = parse_config({"timezone": "Asia/Tokyo", "daemon": {"sync_times": ["05:30", "17:30"]}})
    # 10:00 UTC is 19:00 in Tokyo: the next slot is 05:30 tomorrow, Tokyo time.
    now = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    got = next_run(config, now)
    assert got is not None
    assert (got.date(), got.hour, got.minute) == (date(2026, 11, 24), 5, 30)


def test_status_reads_local_files_only(runlift_home, capsys) -> None:
    cooloff.record("garmin", datetime.now(UTC), 3600, 3600)
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "Last sync: never" in out
    assert "garmin: rate-limited" in out
    assert "Next daemon run" in out
    assert "No runlift sessions on the Garmin calendar." in out


def test_status_says_where_the_config_and_data_live(runlift_home, capsys) -> None:
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert f"Config: {runlift_home / 'config.toml'} (not there: the defaults apply)\n" in out
    assert f"Data: {runlift_home / 'data'}\n" in out
    (runlift_home / "config.toml").write_text('units = "lb"\n')
    assert main(["status"]) == 0
    assert f"Config: {runlift_home / 'config.toml'}\n" in capsys.readouterr().out
