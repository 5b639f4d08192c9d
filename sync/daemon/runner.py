"""The daemon's loop: `schedule` jobs at the athlete's local times, each wrapped so one failure
never stops the daemon and never makes schedule re-fire the job on every loop.

A job runs only while every service it needs has a saved sign-in (``missing``), checked before
each run, so a `runlift login` made while the daemon runs is used at its next slot. A sign-in a
service refused stops that service's jobs until the saved sign-in changes (``stamp``). A
service that cannot be reached pauses nothing: the jobs that met it run again after
``RETRY_WAITS_S`` (15 minutes, then longer), or at the next slot if that comes first.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import FrameType

import schedule

from runlift.sync import clock
from runlift.sync.daemon.stop_request import StopRequest
from runlift.sync.errors import AuthRequired, RateLimited, ServiceUnreachable, UserError
from runlift.sync.logs import logger

# The loop never sleeps longer than this, so a changed clock (suspend, DST) is noticed soon.
MAX_SLEEP_S = 60.0
# After a service could not be reached, the jobs that met it run again this long after, one
# wait after another while it stays out of reach (the last one repeats).
RETRY_WAITS_S = (15 * 60, 30 * 60, 60 * 60, 120 * 60)


class ShutdownRequested(BaseException):
    """SIGTERM/SIGINT during a job: abandon the step (the sync's intent log makes it safe)."""


@dataclass
class JobOutcome:
    name: str
    started: datetime
    ok: bool
    message: str


@dataclass
class Job:
    name: str
    # The service the job talks to: after a sign-in failure its jobs stop until `runlift login`.
    service: str
    run: Callable[[], str]
    # Every service whose sign-in the job needs (default: ``service``).
    needs: tuple[str, ...] = ()

    @property
    def services(self) -> tuple[str, ...]:
        return self.needs or (self.service,)


@dataclass
class Daemon:
    jobs_at: list[tuple[str, list[Job]]]
    timezone: str | None = None
    now: Callable[[], datetime] = field(default=lambda: clock.now().astimezone())
    outcomes: list[JobOutcome] = field(default_factory=list)
    stopped_services: dict[str, str] = field(default_factory=dict)
    on_outcome: Callable[[JobOutcome], None] | None = None
    # What is missing to call ``service`` (a sign-in), None when nothing is.
    missing: Callable[[str], str | None] = field(default=lambda _service: None)
    # A token of the service's saved sign-in that changes when the athlete signs in again.
    stamp: Callable[[str], object] = field(default=lambda _service: None)
    # Told the next run whenever it changes (`runlift status` shows it).
    on_next_run: Callable[[datetime | None], None] | None = None

    def __post_init__(self) -> None:
        self.scheduler = schedule.Scheduler()
        self._stop = StopRequest()
        # The signal that asked to stop, logged by the loop (never from the handler itself).
        self._signalled: int | None = None
        self._busy = False
        self._stopped_stamps: dict[str, object] = {}
        self._retry: schedule.Job | None = None
        self._retries = 0
        for at, jobs in self.jobs_at:
            job = (
                self.scheduler.every().day.at(at, self.timezone)
                if self.timezone
                else (self.scheduler.every().day.at(at))
            )
            job.do(self.run_jobs, jobs)

    def run_jobs(self, jobs: list[Job]) -> None:
        """Run one scheduled slot's jobs in order; each failure is logged and the next goes on."""
        self._cancel_retry()
        unreachable: list[Job] = []
        for job in jobs:
            if self._stop.is_set():
                return
            if self._run_one(job) == "unreachable":
                unreachable.append(job)
        self._plan_retry(unreachable)

    def run_first(self) -> None:
        """At start: the first slot's jobs now, not hours later."""
        if self.jobs_at:
            logger().info("first run now")
            self.run_jobs(self.jobs_at[0][1])

    def _retry_jobs(self, jobs: list[Job]) -> type[schedule.CancelJob]:
        self._retry = None
        self.run_jobs(jobs)
        return schedule.CancelJob

    def _plan_retry(self, jobs: list[Job]) -> None:
        if not jobs:
            self._retries = 0
            return
        wait = RETRY_WAITS_S[min(self._retries, len(RETRY_WAITS_S) - 1)]
        self._retries += 1
        now = datetime.now()  # schedule's clock: the machine's local time
        # The slot running now still shows its own time until it returns: not an upcoming run.
        upcoming = min(
            (job.next_run for job in self.scheduler.jobs if job.next_run and job.next_run > now),
            default=None,
        )
        retry_at = now + timedelta(seconds=wait)
        names = ", ".join(job.name for job in jobs)
        if upcoming is not None and upcoming <= retry_at:
            logger().info("%s: tried again at the next run, %s", names, _minute(upcoming))
            return
        self._retry = self.scheduler.every(wait).seconds.do(self._retry_jobs, jobs)
        logger().info("%s: tried again at %s", names, _minute(retry_at))

    def _cancel_retry(self) -> None:
        if self._retry is not None:
            self.scheduler.cancel_job(self._retry)
            self._retry = None

    def _blocked(self, job: Job) -> str | None:
        """Why ``job`` cannot run now (a sign-in missing or refused), else None."""
        for service in job.services:
            if service in self.stopped_services:
                if self.stamp(service) == self._stopped_stamps.get(service):
                    return self.stopped_services[service]
                logger().info("the %s sign-in changed: its jobs run again", service)
                del self.stopped_services[service]
            missing = self.missing(service)
            if missing is not None:
                return missing
        return None

    def _run_one(self, job: Job) -> str:
        """Run ``job``; returns how it went: ok, skipped, unreachable or failed."""
        log = logger()
        started = self.now()
        blocked = self._blocked(job)
        if blocked is not None:
            log.warning("%s skipped: %s", job.name, blocked)
            self._record(JobOutcome(job.name, started, False, f"skipped: {blocked}"))
            return "skipped"
        self._busy = True
        result = "failed"
        try:
            message = job.run()
            outcome = JobOutcome(job.name, started, True, message)
            result = "ok"
            log.info("%s done: %s", job.name, message)
        except RateLimited as exc:
            outcome = JobOutcome(job.name, started, False, str(exc))
            log.warning("%s stopped: %s", job.name, exc)
        except ServiceUnreachable as exc:
            outcome = JobOutcome(job.name, started, False, str(exc))
            result = "unreachable"
            log.warning("%s: %s (nothing paused)", job.name, exc)
        except AuthRequired as exc:
            service = exc.service or job.service
            self.stopped_services[service] = str(exc)
            self._stopped_stamps[service] = self.stamp(service)
            outcome = JobOutcome(job.name, started, False, str(exc))
            log.error("%s stopped, %s jobs paused until you sign in: %s", job.name, service, exc)
        except UserError as exc:
            outcome = JobOutcome(job.name, started, False, str(exc))
            log.error("%s failed: %s", job.name, exc)
        except Exception as exc:
            outcome = JobOutcome(job.name, started, False, f"{type(exc).__name__}: {exc}")
            log.error("%s failed: %s: %s", job.name, type(exc).__name__, exc)
        finally:
            self._busy = False
        self._record(outcome)
        return result

    def _record(self, outcome: JobOutcome) -> None:
        self.outcomes.append(outcome)
        if self.on_outcome:
            self.on_outcome(outcome)

    def next_run(self) -> datetime | None:
        """When the next job runs, in the machine's local time (schedule keeps it so)."""
        upcoming = self.scheduler.get_next_run()
        return upcoming.astimezone() if upcoming is not None else None

    def tick(self) -> None:
        """Run whatever is due now (the soak test calls this after moving the clock)."""
        self.scheduler.run_pending()
        if self.on_next_run:
            self.on_next_run(self.next_run())

    def stop(self) -> None:
        self._stop.set()

    def run_forever(self, first: bool = True) -> None:
        with self._signals():
            log = logger()
            log.info("daemon started; next run %s", _minute(self.next_run()))
            if first:
                try:
                    self.run_first()
                except ShutdownRequested:
                    log.warning("stop requested: current step abandoned")
            while not self._stop.is_set():
                try:
                    self.tick()
                except ShutdownRequested:
                    log.warning("stop requested: current step abandoned")
                    break
                idle = self.scheduler.idle_seconds
                wait = MAX_SLEEP_S if idle is None else max(0.0, min(idle, MAX_SLEEP_S))
                self._stop.wait(wait)
            if self._signalled is not None:
                log.info("received %s", signal.Signals(self._signalled).name)
            log.info("daemon stopped")

    @contextmanager
    def _signals(self) -> Iterator[None]:
        def handle(signum: int, _frame: FrameType | None) -> None:
            # Only lock-free work here: the handler can interrupt the main thread anywhere,
            # logging and the stop request's wait included.
            self._signalled = signum
            self._stop.set()
            if self._busy:
                raise ShutdownRequested

        previous = {s: signal.signal(s, handle) for s in (signal.SIGTERM, signal.SIGINT)}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            self._stop.close()


def _minute(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment is not None else "never"
