"""What the daemon does at each slot: sync the Garmin calendar, then read back what was done."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from runlift.sync import clock
from runlift.sync.config import Config
from runlift.sync.daemon.runner import Daemon, Job, JobOutcome
from runlift.sync.logs import logger


def sync_job(config: Config) -> Callable[[], str]:
    def run() -> str:
        from runlift.sync.daemon.calendar_file import write_calendar_file
        from runlift.sync.lock import sync_lock
        from runlift.sync.syncing import SyncRequest, sync_once

        with sync_lock():
            today = clock.today(config.zone())
            request = SyncRequest(start=today, days=config.plan.days, source=config.plan.source)
            outcome = sync_once(config, request)
        for note in outcome.all_notes():  # e.g. a calendar event not read as a run, and why
            logger().info("sync note: %s", note)
        summary = outcome.summary()
        written = write_calendar_file(config, outcome.desired, (request.start, request.end))
        return f"{summary}; {written}" if written else summary

    return run


def readback_jobs(config: Config) -> list[Job]:
    """Completion read-back after each sync: sets from Garmin Connect, sessions done on Strava."""
    from runlift.sync.daemon.readback import garmin_readback, strava_readback

    jobs = [Job("readback-garmin", "garmin", lambda: garmin_readback(config))]
    if config.strava.client_id:
        jobs.append(Job("readback-strava", "strava", lambda: strava_readback(config)))
    return jobs


def build_daemon(
    config: Config,
    now: Callable[[], datetime] | None = None,
    on_outcome: Callable[[JobOutcome], None] | None = None,
) -> Daemon:
    jobs = [Job("sync", "garmin", sync_job(config)), *readback_jobs(config)]
    slots = [(at, jobs) for at in config.daemon.sync_times]
    return Daemon(
        slots,
        timezone=config.timezone or None,
        now=now or (lambda: clock.now().astimezone(config.zone())),
        on_outcome=on_outcome,
    )


def run_daemon(config: Config) -> None:
    from runlift.sync import logs
    from runlift.sync.daemon import journal
    from runlift.sync.daemon.calendar_file import calendar_target

    # Redacted even if a library ever logs it; runlift itself never does.
    logs.SECRETS.add([config.strava.client_secret, config.intervals.api_key])
    # A calendar file that cannot be written stops the daemon now, not at every slot.
    calendar_target(config)
    daemon = build_daemon(config, on_outcome=journal.record)
    logger().info(
        "sync at %s (%s)", ", ".join(config.daemon.sync_times), config.timezone or "system time"
    )
    daemon.run_forever()
