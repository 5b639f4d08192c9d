"""The daemon loop: jobs at local times, failures survived, sign-in trouble pauses a service."""

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from runlift.sync.daemon.runner import Daemon, Job
from runlift.sync.errors import AuthRequired

BERLIN = ZoneInfo("Europe/Berlin")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN)


def test_a_failing_job_is_logged_and_neither_stops_the_daemon_nor_refires(caplog) -> None:
    calls: list[str] = []

    def broken() -> str:
        calls.append("broken")
        raise RuntimeError("boom")

    def fine() -> str:
        calls.append("fine")
        return "ok"

    with time_machine.travel(at(23, 5, 0), tick=False) as clock:
        daemon = Daemon(
            [("05:30", [Job("sync", "garmin", broken), Job("readback", "garmin", fine)])],
            timezone="Europe/Berlin",
        )
        clock.move_to(at(23, 5, 31))
        with caplog.at_level(logging.INFO, logger="runlift"):
            daemon.tick()
            daemon.tick()
            daemon.tick()
        assert calls == ["broken", "fine"]
        assert "sync failed: RuntimeError: boom" in caplog.text
        clock.move_to(at(24, 5, 31))
        daemon.tick()
        assert calls == ["broken", "fine", "broken", "fine"]
    assert [o.ok for o in daemon.outcomes] == [False, True, False, True]


def test_jobs_run_at_the_athletes_local_time_not_the_machines() -> None:
    ran: list[datetime] = []
    # 05:30 in Auckland is 16:30 UTC the day before.
    with time_machine.travel(
        datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("UTC")), tick=False
    ) as clock:
        daemon = Daemon(
            [("05:30", [Job("sync", "garmin", lambda: ran.append(datetime.now()) or "ok")])],
            timezone="Pacific/Auckland",
        )
        clock.move_to(datetime(2026, 11, 23, 16, 29, tzinfo=ZoneInfo("UTC")))
        daemon.tick()
        assert ran == []
        clock.move_to(datetime(2026, 11, 23, 16, 30, 5, tzinfo=ZoneInfo("UTC")))
        daemon.tick()
        assert len(ran) == 1


def test_a_sign_in_failure_stops_that_services_jobs_only() -> None:
    calls: list[str] = []

    def expired() -> str:
        calls.append("garmin")
        raise AuthRequired("Garmin tokens expired: run `runlift login garmin`")

    def strava() -> str:
        calls.append("strava")
        return "ok"

    with time_machine.travel(at(23, 5, 0), tick=False) as clock:
        daemon = Daemon(
            [("05:30", [Job("sync", "garmin", expired), Job("strava", "strava", strava)])],
            timezone="Europe/Berlin",
        )
        for day in (23, 24, 25):
            clock.move_to(at(day, 5, 31))
            daemon.tick()
    assert calls == ["garmin", "strava", "strava", "strava"]
    assert "runlift login garmin" in daemon.stopped_services["garmin"]
