"""An athlete's Garmin Connect account for the sync tests, on the project's fake server.

The fake (tests/fakes) is driven through the REAL garminconnect client; runlift finds it through
`garmin_redirect` and signs in with the token store the fake issued, exactly as after
`runlift login garmin`. This module only adds the sync tests' vocabulary on top: seeding the
athlete's own workouts, marking the request log, and "killing" a sync at a given request.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import pytest

from runlift.sync import paths
from runlift.sync.config import Config, GarminSection, PlanSection
from runlift.sync.targets.garmin.client import GarminClient
from tests.fakes.garmin import FakeGarmin
from tests.fakes.hooks import redirect_garmin
from tests.fakes.http import FakeServer
from tests.fakes.requestlog import WRITE_METHODS, Entry

TWO_WEEKS = [
    (1, "intervals"),
    (3, "easy_strides"),
    (5, "long"),
    (8, "tempo"),
    (10, "easy"),
    (12, "long"),
    (15, "hr_intervals"),
]


@dataclass
class World:
    fake: FakeGarmin
    config: Config
    mark_at: int = 0

    # -- seeding

    def api(self) -> Any:
        """A garminconnect client of the athlete's own (Garmin Connect's web app, say)."""
        return self.client().api

    def upload(self, workout: dict[str, Any]) -> int:
        return self.api().upload_workout(workout)["workoutId"]

    def schedule(self, workout_id: int, day: date) -> int:
        return self.api().schedule_workout(workout_id, day.isoformat())["workoutScheduleId"]

    def running(self, day: date, kind: str = "easy", title: str | None = None) -> int:
        workout_id, _ = self.fake.add_running_workout(day, kind, title)
        return workout_id

    def two_weeks_of_running(self, start: date) -> None:
        """A runner's plan from ``start``: intervals, strides, long runs, tempo, a race later."""
        for offset, kind in TWO_WEEKS:
            self.running(start + timedelta(days=offset), kind)
        self.fake.add_race(start + timedelta(days=27), "Autumn Half")

    # -- the request log

    def mark(self) -> None:
        self.mark_at = len(self.fake.log.entries)

    def requests(self) -> list[Entry]:
        return self.fake.log.entries[self.mark_at :]

    def writes(self) -> list[Entry]:
        return [e for e in self.requests() if e.method in WRITE_METHODS]

    # -- the calendar as it stands

    def calendar(self) -> list[tuple[int, int, date]]:
        """(schedule id, workout id, day) of every calendar entry."""
        return sorted(
            (sid, s["workoutId"], date.fromisoformat(s["calendarDate"]))
            for sid, s in self.fake.schedules.items()
        )

    # -- failing

    def fail(self, kind: str, nth: int, **options: Any) -> None:
        """The nth request from now fails (``reset``, ``apply_then_reset``, ``status``...)."""
        self.fake.faults.add(kind, nth=nth, times=1, **options)

    def kill_from(self, nth: int, kind: str) -> None:
        """From the nth request on, nothing gets through: as if the sync died there. With
        ``apply_then_reset`` the nth request itself lands and only its answer is lost."""
        self.fake.faults.add(kind, nth=nth, times=1)
        self.fake.faults.add("reset", nth=nth + 1, times=None)

    def heal(self) -> None:
        self.fake.faults.clear()

    # -- runlift's side

    def client(self) -> GarminClient:
        return GarminClient.from_token_store(self.config)


def fast_retry_config(**changes: Any) -> Config:
    """Defaults, with reads retried at once (the fake answers immediately).

    Every week gets the full program (periodize off): these worlds test the sync's mechanics;
    the phases of the running block have their own tests.
    """
    values: dict[str, Any] = {
        "garmin": GarminSection(retry_wait_seconds=0.0, read_retries=2),
        "plan": PlanSection(periodize=False),
        **changes,
    }
    return replace(Config(), **values)


def lose_state() -> None:
    """The local state file is gone (a new computer, a deleted data dir)."""
    db = paths.state_db()
    for suffix in ("", "-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)


@contextmanager
def open_world(monkeypatch: pytest.MonkeyPatch, fake: FakeGarmin | None = None) -> Iterator[World]:
    """A fake Garmin Connect (``fake``, or a plain one) served on 127.0.0.1, signed in."""
    fake = fake or FakeGarmin()
    server = FakeServer(fake).start()
    try:
        redirect_garmin(monkeypatch, fake.url)
        fake.write_tokenstore(paths.garmin_token_dir())
        yield World(fake, fast_retry_config())
    finally:
        server.stop()


@pytest.fixture(name="world")
def world_fixture(runlift_home, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    with open_world(monkeypatch) as world:
        yield world
