"""What the daemon does at each slot: sync each target's calendar, then read back what was done.

At start it checks, from local files, the sign-in each job needs, logs what is missing and
which command helps, refuses to start when no job could run (exit 2), and then runs its first
sync at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from runlift.sync import clock, sign_ins
from runlift.sync.config import Config
from runlift.sync.daemon.runner import Daemon, Job, JobOutcome
from runlift.sync.errors import UserError
from runlift.sync.logs import logger

# The sign-in a sync needs for its runs, by plan.source (beyond Garmin Connect's).
_SOURCE_SIGN_INS = {"strava": sign_ins.STRAVA, "intervals": sign_ins.INTERVALS}


def sync_job(config: Config) -> Callable[[], str]:
    def run() -> str:
        from runlift.sync.daemon.calendar_file import write_calendar_file
        from runlift.sync.lock import sync_lock
        from runlift.sync.syncing import SyncRequest, sync_once

        targets, left_out = _signed_in_targets(config)
        with sync_lock():
            today = clock.today(config.zone())
            request = SyncRequest(
                start=today,
                days=config.plan.window_days,
                source=config.plan.source,
                targets=targets,
            )
            outcome = sync_once(config, request)
        for problem in left_out:
            logger().warning("sync left out %s", problem)
        for note in outcome.all_notes():  # e.g. a calendar event not read as a run, and why
            logger().info("sync note: %s", note)
        summary = outcome.summary()
        written = write_calendar_file(config, outcome.desired, (request.start, request.end))
        return f"{summary}; {written}" if written else summary

    return run


def readback_jobs(config: Config) -> list[Job]:
    """Completion read-back after each sync: sets from Garmin Connect, sessions done on Strava."""
    from runlift.sync.daemon.readback import garmin_readback, strava_readback

    jobs = []
    if sign_ins.GARMIN in config.sync.targets or config.plan.source == "garmin":
        jobs.append(Job("readback-garmin", "garmin", lambda: garmin_readback(config)))
    if config.strava.client_id:
        jobs.append(Job("readback-strava", "strava", lambda: strava_readback(config)))
    return jobs


def daemon_jobs(config: Config) -> list[Job]:
    """The sync needs its runs source's sign-in, and its target's when it has one target; with
    several, a target whose sign-in is missing is left out of that slot's sync (the others are
    synced) and the sync stops only when none is signed in."""
    targets = config.sync.targets
    needs = [targets[0] if len(targets) == 1 else ""]
    if config.plan.source == "garmin":
        needs.append(sign_ins.GARMIN)
    needs.append(_SOURCE_SIGN_INS.get(config.plan.source, ""))
    needs = [n for n in dict.fromkeys(needs) if n]
    service = targets[0] if len(targets) == 1 else sign_ins.GARMIN
    jobs = [Job("sync", service, sync_job(config), tuple(needs))]
    return [*jobs, *readback_jobs(config)]


def _signed_in_targets(config: Config) -> tuple[tuple[str, ...], list[str]]:
    """The targets whose sign-in is saved, and what is missing for the others. With none signed
    in, all are tried (the sync says which login to run)."""
    ready, left_out = [], []
    for name in config.sync.targets:
        problem = sign_ins.check(name, config)
        if problem is None:
            ready.append(name)
        else:
            left_out.append(sign_ins.explain(name, problem))
    if not ready:
        return config.sync.targets, []
    return tuple(ready), left_out


def build_daemon(
    config: Config,
    now: Callable[[], datetime] | None = None,
    on_outcome: Callable[[JobOutcome], None] | None = None,
    on_next_run: Callable[[datetime | None], None] | None = None,
) -> Daemon:
    jobs = daemon_jobs(config)
    slots = [(at, jobs) for at in config.daemon.sync_times]
    return Daemon(
        slots,
        timezone=config.timezone or None,
        now=now or (lambda: clock.now().astimezone(config.zone())),
        on_outcome=on_outcome,
        missing=lambda service: _missing(service, config),
        stamp=sign_ins.stamp,
        on_next_run=on_next_run,
    )


def _missing(service: str, config: Config) -> str | None:
    problem = sign_ins.check(service, config)
    return sign_ins.explain(service, problem) if problem is not None else None


def start_checks(config: Config, jobs: list[Job]) -> list[Job]:
    """Log each sign-in missing and the jobs that wait for it; the jobs that can run now.
    None can: one line and exit 2, as there is nothing the daemon could do."""
    log = logger()
    missing: dict[str, str] = {}
    for service in dict.fromkeys(s for job in jobs for s in job.services):
        problem = _missing(service, config)
        if problem is not None:
            missing[service] = problem
    ready = [job for job in jobs if not any(s in missing for s in job.services)]
    for service, problem in missing.items():
        waiting = ", ".join(job.name for job in jobs if service in job.services)
        log.warning("%s (waiting for it: %s)", problem, waiting)
    if not ready:
        raise UserError(
            "runlift daemon has nothing it can do: " + "; ".join(dict.fromkeys(missing.values()))
        )
    return ready


def run_daemon(config: Config) -> None:
    from runlift.sync import logs
    from runlift.sync.daemon import journal, presence
    from runlift.sync.daemon.calendar_file import calendar_target

    # Redacted even if a library ever logs it; runlift itself never does.
    logs.SECRETS.add([config.strava.client_secret, config.intervals.api_key])
    # A calendar file that cannot be written stops the daemon now, not at every slot.
    calendar_target(config)
    with presence.held() as here:
        start_checks(config, daemon_jobs(config))
        daemon = build_daemon(config, on_outcome=journal.record, on_next_run=here.announce)
        here.announce(daemon.next_run())
        logger().info(
            "sync at %s (%s)", ", ".join(config.daemon.sync_times), config.timezone or "system time"
        )
        daemon.run_forever()
