"""The daemon loop: jobs at local times, failures survived, sign-in trouble pauses a service."""

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine

from runlift.sync.daemon.runner import Daemon, Job
from runlift.sync.errors import AuthRequired

BERLIN = ZoneInfo("Europe/Berlin")


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, second, tzinfo=BERLIN)


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


def test_a_service_out_of_reach_pauses_nothing_and_is_tried_again_within_the_hour(
    runlift_home,
) -> None:
    from runlift.sync import cooloff
    from runlift.sync.errors import ServiceUnreachable

    calls: list[datetime] = []
    reachable_from = at(23, 6, 0)

    def sync() -> str:
        calls.append(datetime.now(BERLIN))
        if datetime.now(BERLIN) < reachable_from:
            raise ServiceUnreachable("garmin", "name not resolved")
        return "ok"

    with time_machine.travel(at(23, 5, 0), tick=False) as clock:
        daemon = Daemon([("05:30", [Job("sync", "garmin", sync)])], timezone="Europe/Berlin")
        clock.move_to(at(23, 5, 30, 5))
        daemon.tick()
        assert len(calls) == 1
        for minutes in range(31, 81):
            clock.move_to(at(23, 5, 0, 10) + timedelta(minutes=minutes))
            daemon.tick()
        # 15 minutes later, again (still out of reach), then 30 minutes after that: reached.
        assert [c.strftime("%H:%M") for c in calls] == ["05:30", "05:45", "06:15"]
        assert [o.ok for o in daemon.outcomes] == [False, False, True]
        clock.move_to(at(23, 7, 30))
        daemon.tick()
        assert len(calls) == 3  # back on the daily schedule
        assert daemon.next_run() is not None
        assert daemon.next_run().astimezone(BERLIN).strftime("%d %H:%M") == "24 05:30"
    assert cooloff.all_pauses() == {}
    assert daemon.stopped_services == {}


def test_a_missing_sign_in_skips_the_job_until_the_athlete_signs_in() -> None:
    signed_in = {"garmin": False}
    calls: list[str] = []

    def missing(service: str) -> str | None:
        return None if signed_in[service] else "Garmin Connect: not signed in"

    with time_machine.travel(at(23, 5, 0), tick=False) as clock:
        daemon = Daemon(
            [("05:30", [Job("sync", "garmin", lambda: calls.append("sync") or "ok")])],
            timezone="Europe/Berlin",
            missing=missing,
        )
        clock.move_to(at(23, 5, 31))
        daemon.tick()
        assert (
            calls == [] and daemon.outcomes[-1].message == "skipped: Garmin Connect: not signed in"
        )
        signed_in["garmin"] = True
        clock.move_to(at(24, 5, 31))
        daemon.tick()
    assert calls == ["sync"]


def test_a_refused_sign_in_stops_the_jobs_until_the_saved_sign_in_changes() -> None:
    stamp = {"garmin": 1}
    calls: list[str] = []

    def sync() -> str:
        calls.append("sync")
        if stamp["garmin"] == 1:
            raise AuthRequired(
                "Garmin Connect refused the saved sign-in: run `runlift login garmin`"
            )
        return "ok"

    with time_machine.travel(at(23, 5, 0), tick=False) as clock:
        daemon = Daemon(
            [("05:30", [Job("sync", "garmin", sync)])],
            timezone="Europe/Berlin",
            stamp=lambda service: stamp[service],
        )
        for day in (23, 24):
            clock.move_to(at(day, 5, 31))
            daemon.tick()
        assert calls == ["sync"]
        stamp["garmin"] = 2  # `runlift login garmin` wrote new tokens
        clock.move_to(at(25, 5, 31))
        daemon.tick()
    assert calls == ["sync", "sync"] and daemon.outcomes[-1].ok


def test_a_clear_error_is_journaled_in_its_own_words() -> None:
    from runlift.sync.errors import UserError

    def broken() -> str:
        raise UserError("https://calendar.example.com/…: the server answered 404 Not Found")

    with time_machine.travel(at(23, 5, 0), tick=False) as clock:
        daemon = Daemon([("05:30", [Job("sync", "garmin", broken)])], timezone="Europe/Berlin")
        clock.move_to(at(23, 5, 31))
        daemon.tick()
    assert daemon.outcomes[-1].message == (
        "https://calendar.example.com/…: the server answered 404 Not Found"
    )
