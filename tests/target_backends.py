"""Each backend a target runs against, with the hands a contract test needs behind it: lose a
write's answer, drop a write, answer 429, count the requests the service got, look at what it
holds. The contract (tests/test_target_contract.py) is written once against this."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar, Literal, Protocol

import pytest

from runlift.sync.engine.target import Target
from runlift.sync.state import SyncState
from runlift.sync.targets.coros.client import CorosClient
from runlift.sync.targets.coros.session import CorosSession
from runlift.sync.targets.coros.target import CorosTarget
from runlift.sync.targets.coros.twin import MemoryCoros
from runlift.sync.targets.garmin.account import GarminAccount
from runlift.sync.targets.garmin.cache import GarminCache
from runlift.sync.targets.garmin.target import GarminTarget
from runlift.sync.targets.garmin.twin import MemoryGarmin
from runlift.workouts.garmin_marker import parse_marker
from tests.fakes.coros import USER_ID, FakeCoros
from tests.fakes.http import FakeServer
from tests.garmin_world import World, open_world

Write = Literal["create", "schedule", "unschedule", "delete"]


class Backend(Protocol):
    def open(self, state: SyncState) -> Target:
        """The target as a new command opens it, on the same service."""
        ...

    def lose_next(self, write: Write) -> None:
        """The next such write lands and its answer is lost."""
        ...

    def drop_next(self, write: Write) -> None:
        """The next such write never arrives."""
        ...

    def limit_next(self) -> None:
        """The next request is answered 429 (Retry-After an hour)."""
        ...

    def requests(self) -> int:
        """Requests the service has received."""
        ...

    def runlift_workouts(self) -> int:
        """Workouts carrying runlift's marker the service holds."""
        ...

    def runlift_entries(self) -> list[date]:
        """Days of the calendar entries of runlift's workouts the service holds."""
        ...

    def add_own(self, day: date) -> None:
        """The athlete's own strength workout on ``day`` (named like runlift's, no marker)."""
        ...


OWN_NAME = "Runner Strength A · Tue 24 Nov"


@dataclass
class GarminTwin:
    twin: MemoryGarmin = field(default_factory=MemoryGarmin)

    CALLS: ClassVar[dict[str, str]] = {
        "create": "create_workout",
        "schedule": "schedule",
        "unschedule": "unschedule",
        "delete": "delete_workout",
    }

    def open(self, state: SyncState) -> Target:
        return GarminTarget(GarminAccount(self.twin, GarminCache(state)), state)

    def lose_next(self, write: Write) -> None:
        self.twin.fail(self.CALLS[write], "lost")

    def drop_next(self, write: Write) -> None:
        self.twin.fail(self.CALLS[write], "not_landed")

    def limit_next(self) -> None:
        self.twin.fail("calendar_month", "rate_limited")

    def requests(self) -> int:
        return self.twin.requests_sent

    def runlift_workouts(self) -> int:
        return sum(1 for w in self.twin.workouts.values() if parse_marker(w.get("description")))

    def runlift_entries(self) -> list[date]:
        own = {i for i, w in self.twin.workouts.items() if parse_marker(w.get("description"))}
        return sorted(day for wid, day in self.twin.scheduled() if wid in own)

    def add_own(self, day: date) -> None:
        body = {
            "workoutName": OWN_NAME,
            "description": None,
            "sportType": {"sportTypeId": 5, "sportTypeKey": "strength_training"},
            "workoutSegments": [],
        }
        self.twin.add_workout(body, day)


@dataclass
class GarminLoopback:
    """The real garminconnect client over 127.0.0.1 against tests/fakes/garmin.py."""

    world: World

    ROUTES: ClassVar[dict[str, tuple[str, str]]] = {
        "create": ("POST", r"^/workout-service/workout$"),
        "schedule": ("POST", r"^/workout-service/schedule/"),
        "unschedule": ("DELETE", r"^/workout-service/schedule/"),
        "delete": ("DELETE", r"^/workout-service/workout/\d+$"),
    }

    def open(self, state: SyncState) -> Target:
        account = GarminAccount(cache=GarminCache(state), make_client=self.world.client)
        return GarminTarget(account, state)

    def _fault(self, kind: str, write: Write) -> None:
        method, path = self.ROUTES[write]
        self.world.fake.faults.add(kind, method=method, path_re=path)

    def lose_next(self, write: Write) -> None:
        self._fault("apply_then_reset", write)

    def drop_next(self, write: Write) -> None:
        self._fault("reset", write)

    def limit_next(self) -> None:
        self.world.fake.faults.add("status", status=429, retry_after=3600)

    def requests(self) -> int:
        return len(self.world.fake.log.entries)

    def _own_ids(self) -> set[int]:
        fake = self.world.fake
        return {i for i, w in fake.workouts.items() if parse_marker(w.get("description"))}

    def runlift_workouts(self) -> int:
        return len(self._own_ids())

    def runlift_entries(self) -> list[date]:
        own = self._own_ids()
        return sorted(day for _s, wid, day in self.world.calendar() if wid in own)

    def add_own(self, day: date) -> None:
        self.world.fake.add_own_strength_workout(day, OWN_NAME)


@dataclass
class CorosTwin:
    twin: MemoryCoros = field(default_factory=MemoryCoros)

    def open(self, state: SyncState) -> Target:
        return CorosTarget(self.twin)

    def lose_next(self, write: Write) -> None:
        self.twin.fail(write, "lost")

    def drop_next(self, write: Write) -> None:
        self.twin.fail(write, "not_landed")

    def limit_next(self) -> None:
        self.twin.fail("library", "rate_limited")

    def requests(self) -> int:
        return self.twin.requests_sent

    def runlift_workouts(self) -> int:
        return sum(1 for p in self.twin.programs.values() if parse_marker(p.get("overview")))

    def runlift_entries(self) -> list[date]:
        return sorted(e.day for e in self.twin.entries if parse_marker(e.program.get("overview")))

    def add_own(self, day: date) -> None:
        self.twin.add_own(OWN_NAME, day)


@dataclass
class CorosLoopback:
    """runlift's COROS client (real httpx) over 127.0.0.1 against tests/fakes/coros.py."""

    fake: FakeCoros
    token: str = ""

    PATHS: ClassVar[dict[str, str]] = {
        "create": "/training/program/add",
        "schedule": "/training/schedule/update",
        "unschedule": "/training/schedule/update",
        "delete": "/training/program/delete",
    }

    def open(self, state: SyncState) -> Target:
        self.token = self.token or self.fake.issue_token()
        session = CorosSession(self.token, USER_ID, "eu", self.fake.url)
        return CorosTarget(CorosClient(session))

    def lose_next(self, write: Write) -> None:
        self.fake.faults.add("apply_then_reset", method="POST", path_re=self.PATHS[write])

    def drop_next(self, write: Write) -> None:
        self.fake.faults.add("reset", method="POST", path_re=self.PATHS[write])

    def limit_next(self) -> None:
        self.fake.faults.add("status", status=429, retry_after=3600)

    def requests(self) -> int:
        return self.fake.log.count()

    def runlift_workouts(self) -> int:
        return sum(1 for p in self.fake.programs.values() if parse_marker(p.get("overview")))

    def runlift_entries(self) -> list[date]:
        return sorted(
            e.happen_day
            for e in self.fake.state.entities
            if e.status == 1 and parse_marker(e.program.get("overview"))
        )

    def add_own(self, day: date) -> None:
        self.fake.add_own_program(OWN_NAME, "Squats and lunges")
        self.fake.add_own_entry(day, OWN_NAME, "Squats and lunges")


@contextmanager
def garmin_loopback(monkeypatch: pytest.MonkeyPatch) -> Iterator[GarminLoopback]:
    with open_world(monkeypatch) as world:
        yield GarminLoopback(world)


@contextmanager
def coros_loopback() -> Iterator[CorosLoopback]:
    fake = FakeCoros()
    server = FakeServer(fake).start()
    try:
        yield CorosLoopback(fake)
    finally:
        server.stop()
    bugs = [e for e in fake.server_errors if not isinstance(e, ConnectionError)]
    assert not bugs, f"the fake server failed: {bugs!r}"
