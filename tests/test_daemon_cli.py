"""`runlift daemon` as a process: it checks the sign-ins its jobs need, runs its first sync at
once, stops within 5 s on SIGTERM/SIGINT, and `runlift status` knows whether it runs.

Each daemon is a real child process (tests/processes.py): its garminconnect talks to the fake
Garmin Connect this test serves on 127.0.0.1, and any other request meets a closed port.
"""

from __future__ import annotations

import json
import signal
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from runlift.sync import cooloff
from runlift.sync.cli import main
from runlift.sync.config import parse_config
from runlift.sync.status import next_run
from tests.fakes.garmin import FakeGarmin
from tests.processes import Child, closed_port, offline_env


@pytest.fixture
def blackhole() -> Iterator[int]:
    with closed_port() as port:
        yield port


def far_slot() -> str:
    """A daemon slot six hours away: anything the daemon does before it, it did at start."""
    return (datetime.now() + timedelta(hours=6)).strftime("%H:%M")


def write_config(home: Path, extra: str = "") -> str:
    slot = far_slot()
    (home / "config.toml").write_text(f'[daemon]\nsync_times = ["{slot}"]\n{extra}')
    return slot


def sign_in_garmin(home: Path, fake: FakeGarmin) -> None:
    fake.write_tokenstore(home / "data" / "garmin")


def daemon(home: Path, blackhole: int, garmin_url: str) -> Child:
    env = offline_env(home, blackhole, RUNLIFT_FAKE_GARMIN=garmin_url)
    return Child(["daemon"], env)


@pytest.fixture
def signed_in(runlift_home: Path, fake_garmin: FakeGarmin) -> Path:
    sign_in_garmin(runlift_home, fake_garmin)
    return runlift_home


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_the_daemon_stops_within_five_seconds(
    signed_in: Path, fake_garmin: FakeGarmin, blackhole: int, signum: int
) -> None:
    write_config(signed_in)
    child = daemon(signed_in, blackhole, fake_garmin.url)
    try:
        child.wait_for("daemon started")
        sent = time.monotonic()
        child.proc.send_signal(signum)
        code = child.finish(timeout_s=5)
        assert time.monotonic() - sent < 5
    finally:
        child.stop()
    assert code == 0
    assert any("daemon stopped" in line for line in child.lines)
    assert not any("Traceback" in line for line in child.lines)


def test_the_first_sync_runs_at_start_not_at_the_first_slot(
    signed_in: Path, fake_garmin: FakeGarmin, blackhole: int, capsys
) -> None:
    slot = write_config(signed_in)
    child = daemon(signed_in, blackhole, fake_garmin.url)
    try:
        child.wait_for("sync done:")
        child.wait_for("readback-garmin done:")
        # The calendar was read through the real client, hours before the slot.
        assert any("calendar-service" in entry.path for entry in fake_garmin.log.entries)

        assert main(["status"]) == 0
        out = capsys.readouterr().out
        assert f"Daemon: running (pid {child.proc.pid})" in out
        assert f"Next daemon run: {date.today().isoformat()}" in out or (
            f"Next daemon run: {(date.today() + timedelta(days=1)).isoformat()}" in out
        )
        assert f" {slot} " in out.split("Next daemon run: ")[1].splitlines()[0] + " "
        assert "Daemon sync: " in out and ", ok — " in out
        assert main(["status", "--json"]) == 0
        body = json.loads(capsys.readouterr().out)
        assert body["daemon"]["running"] is True and body["daemon"]["pid"] == child.proc.pid
        assert body["daemon"]["next_run"] is not None

        second = daemon(signed_in, blackhole, fake_garmin.url)
        assert second.finish() == 2
        assert second.lines[-1] == (
            f"runlift: error: another runlift daemon is running (pid {child.proc.pid}); "
            "one is enough"
        )
    finally:
        child.proc.send_signal(signal.SIGTERM)
        child.finish(timeout_s=60)
        child.stop()
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "Daemon: not running" in out and "Next daemon run" not in out


def test_with_no_sign_in_at_all_the_daemon_says_so_and_exits_2(
    runlift_home: Path, blackhole: int
) -> None:
    write_config(runlift_home)
    child = daemon(runlift_home, blackhole, f"http://127.0.0.1:{blackhole}")
    try:
        assert child.finish() == 2
    finally:
        child.stop()
    assert child.lines[-1] == (
        "runlift: error: runlift daemon has nothing it can do: Garmin Connect: not signed in: "
        "run `runlift login garmin`"
    )
    assert not any("daemon started" in line for line in child.lines)


def test_a_missing_strava_sign_in_is_named_and_the_garmin_jobs_go_on(
    signed_in: Path, fake_garmin: FakeGarmin, blackhole: int
) -> None:
    write_config(signed_in, '[plan]\nsource = "strava"\n[strava]\nclient_id = "1234"\n')
    child = daemon(signed_in, blackhole, fake_garmin.url)
    try:
        warning = child.wait_for("Strava: not signed in")
        assert "run `runlift login strava`" in warning
        assert "waiting for it: sync, readback-strava" in warning
        child.wait_for("readback-garmin done:")
        assert "skipped" in child.wait_for("sync skipped")
    finally:
        child.proc.send_signal(signal.SIGTERM)
        child.finish(timeout_s=60)
        child.stop()


def test_garmin_out_of_reach_at_start_pauses_nothing_and_is_tried_again(
    signed_in: Path, blackhole: int, capsys
) -> None:
    write_config(signed_in)
    with closed_port() as port:
        child = daemon(signed_in, blackhole, f"http://127.0.0.1:{port}")
        try:
            line = child.wait_for("sync: cannot reach Garmin Connect")
            assert "(connection refused)" in line and "nothing paused" in line
            assert "HTTPConnection" not in line and "Errno" not in line
            child.wait_for("tried again at")
        finally:
            child.proc.send_signal(signal.SIGTERM)
            child.finish(timeout_s=60)
            child.stop()
    assert cooloff.resume_time("garmin") is None
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "Garmin Connect: signed in" in out and "paused" not in out


def test_next_run_is_the_next_local_slot() -> None:
    config = parse_config({"timezone": "Asia/Tokyo", "daemon": {"sync_times": ["05:30", "17:30"]}})
    # 10:00 UTC is 19:00 in Tokyo: the next slot is 05:30 tomorrow, Tokyo time.
    now = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    got = next_run(config, now)
    assert got is not None
    assert (got.date(), got.hour, got.minute) == (date(2026, 11, 24), 5, 30)
