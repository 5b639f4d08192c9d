"""The daemon's loop: `schedule` jobs at the athlete's local times, each wrapped so one failure
never stops the daemon and never makes schedule re-fire the job on every loop."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from types import FrameType

import schedule

from runlift.sync import clock
from runlift.sync.errors import AuthRequired, RateLimited
from runlift.sync.logs import logger

# The loop never sleeps longer than this, so a changed clock (suspend, DST) is noticed soon.
MAX_SLEEP_S = 60.0


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


@dataclass
class Daemon:
    jobs_at: list[tuple[str, list[Job]]]
    timezone: str | None = None
    now: Callable[[], datetime] = field(default=lambda: clock.now().astimezone())
    outcomes: list[JobOutcome] = field(default_factory=list)
    stopped_services: dict[str, str] = field(default_factory=dict)
    on_outcome: Callable[[JobOutcome], None] | None = None

    def __post_init__(self) -> None:
        self.scheduler = schedule.Scheduler()
        self._stop = threading.Event()
        self._busy = False
        for at, jobs in self.jobs_at:
            job = (
                self.scheduler.every().day.at(at, self.timezone)
                if self.timezone
                else (self.scheduler.every().day.at(at))
            )
            job.do(self.run_jobs, jobs)

    def run_jobs(self, jobs: list[Job]) -> None:
        """Run one scheduled slot's jobs in order; each failure is logged and the next goes on."""
        for job in jobs:
            if self._stop.is_set():
                return
            self._run_one(job)

    def _run_one(self, job: Job) -> None:
        log = logger()
        if job.service in self.stopped_services:
            log.warning("%s skipped: %s", job.name, self.stopped_services[job.service])
            return
        started = self.now()
        self._busy = True
        try:
            message = job.run()
            outcome = JobOutcome(job.name, started, True, message)
            log.info("%s done: %s", job.name, message)
        except RateLimited as exc:
            outcome = JobOutcome(job.name, started, False, str(exc))
            log.warning("%s stopped: %s", job.name, exc)
        except AuthRequired as exc:
            service = exc.service or job.service
            self.stopped_services[service] = str(exc)
            outcome = JobOutcome(job.name, started, False, str(exc))
            log.error("%s stopped, %s jobs paused until you sign in: %s", job.name, service, exc)
        except Exception as exc:
            outcome = JobOutcome(job.name, started, False, f"{type(exc).__name__}: {exc}")
            log.error("%s failed: %s: %s", job.name, type(exc).__name__, exc)
        finally:
            self._busy = False
        self.outcomes.append(outcome)
        if self.on_outcome:
            self.on_outcome(outcome)

    def next_run(self) -> datetime | None:
        return self.scheduler.get_next_run()

    def tick(self) -> None:
        """Run whatever is due now (the soak test calls this after moving the clock)."""
        self.scheduler.run_pending()

    def stop(self) -> None:
        self._stop.set()

    def run_forever(self) -> None:
        with self._signals():
            log = logger()
            log.info("daemon started; next run %s", self.next_run())
            while not self._stop.is_set():
                try:
                    self.tick()
                except ShutdownRequested:
                    log.warning("stop requested: current step abandoned")
                    break
                idle = self.scheduler.idle_seconds
                wait = MAX_SLEEP_S if idle is None else max(0.0, min(idle, MAX_SLEEP_S))
                self._stop.wait(wait)
            log.info("daemon stopped")

    @contextmanager
    def _signals(self) -> Iterator[None]:
        def handle(signum: int, _frame: FrameType | None) -> None:
            logger().info("received %s", signal.Signals(signum).name)
            self._stop.set()
            if self._busy:
                raise ShutdownRequested

        previous = {s: signal.signal(s, handle) for s in (signal.SIGTERM, signal.SIGINT)}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
