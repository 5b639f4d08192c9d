"""Answers that vary where the recordings vary: runlift reads them without crashing or
duplicating a workout (the fake over loopback, through the real garminconnect client)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest

from runlift.sync.model import PlannedSession
from runlift.sync.providers.garmin import GarminProvider
from runlift.sync.state import SyncState
from runlift.sync.targets.garmin.account import GarminAccount
from runlift.sync.targets.garmin.cache import GarminCache
from runlift.sync.targets.garmin.snapshot import read_snapshot
from runlift.sync.targets.garmin.target import GarminTarget
from runlift.workouts.garmin_marker import parse_marker
from runlift.workouts.settings import AthleteSettings, MoveTarget
from tests.fakes.garmin import FakeGarmin
from tests.fakes.http import Request, Response
from tests.garmin_world import World, lose_state, open_world, world_fixture  # noqa: F401
from tests.target_sync import sync_planned

MON = date(2026, 11, 2)
WINDOW = (MON, MON + timedelta(days=13))
SETTINGS = AthleteSettings(targets={"romanian_deadlift": MoveTarget(load=40)})
SESSIONS = [
    PlannedSession(MON + timedelta(days=d), label, "easy day")
    for d, label in [(1, "A"), (4, "B"), (8, "A"), (11, "B")]
]
ID_KEYS = {"id", "workoutId", "workoutScheduleId", "activityId"}


def _ids_as_text(data: Any) -> Any:
    if isinstance(data, list):
        return [_ids_as_text(item) for item in data]
    if isinstance(data, dict):
        return {
            key: str(value)
            if key in ID_KEYS and isinstance(value, int) and not isinstance(value, bool)
            else _ids_as_text(value)
            for key, value in data.items()
        }
    return data


class TextIdGarmin(FakeGarmin):
    """Every id in every JSON answer as a string ("766862681", not 766862681)."""

    def handle(self, request: Request) -> Response:
        answer = super().handle(request)
        if not answer.headers.get("Content-Type", "").startswith("application/json"):
            return answer
        body = _ids_as_text(json.loads(answer.body))
        return Response(answer.status, json.dumps(body).encode(), answer.headers)


@pytest.fixture(name="text_ids")
def text_ids_world(runlift_home, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    with open_world(monkeypatch, TextIdGarmin()) as world:
        yield world


def sync(world: World) -> None:
    client = world.client()
    sync_planned(
        lambda state: GarminTarget(GarminAccount(client, GarminCache(state)), state),
        SESSIONS,
        SETTINGS,
        window=WINDOW,
    )


def runlift_workouts(world: World) -> list[int]:
    return [wid for wid, w in world.fake.workouts.items() if parse_marker(w.get("description"))]


def test_ids_sent_as_text_neither_duplicate_nor_break_a_sync(text_ids: World) -> None:
    sync(text_ids)
    assert len(runlift_workouts(text_ids)) == len(SESSIONS)
    assert len(text_ids.calendar()) == len(SESSIONS)

    text_ids.mark()
    sync(text_ids)
    assert text_ids.writes() == []

    lose_state()  # found again by the markers, through the library and calendar answers
    text_ids.mark()
    sync(text_ids)
    assert text_ids.writes() == []
    assert len(runlift_workouts(text_ids)) == len(SESSIONS)


class UpdateDateGarmin(FakeGarmin):
    """A workout read by id carries ``updateDate``, as abrander/garmin-connect's Workout struct
    reads it (the kaiord and python-garminconnect recordings say ``updatedDate``)."""

    def _get_workout(self, request: Request, workout_id: int) -> Response:
        workout = self.state.workouts.get(workout_id)
        if workout is None:
            return super()._get_workout(request, workout_id)
        body = {k: v for k, v in workout.items() if k != "updatedDate"}
        return Response.of_json({**body, "updateDate": workout["updatedDate"]})


@pytest.fixture(name="update_date")
def update_date_world(runlift_home, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    with open_world(monkeypatch, UpdateDateGarmin()) as world:
        yield world


def titles(world: World) -> list[str]:
    with SyncState() as state:
        provider = GarminProvider(world.config, world.client(), state)
        return [r.title for r in provider.runs(read_snapshot(provider.client, *WINDOW))]


def test_an_edit_in_garmin_connect_is_seen_whichever_update_key_the_workout_carries(
    update_date: World,
) -> None:
    tempo = update_date.running(MON + timedelta(days=2), "tempo")
    update_date.running(MON + timedelta(days=3), "easy")
    assert titles(update_date) == ["Tempo 25", "Easy 45'"]

    update_date.fake.edit_workout(tempo, workoutName="Tempo 30")
    update_date.mark()
    assert titles(update_date) == ["Tempo 30", "Easy 45'"]
    reads = [e.path for e in update_date.requests() if "/workout-service/workout/" in e.path]
    assert reads == [f"/workout-service/workout/{tempo}"]  # only the edited one read again


def test_a_library_of_many_pages_read_one_based_finds_every_runlift_workout(
    world: World,
) -> None:
    """The workout list pages one-based (start=0 and start=1 both begin at the first workout),
    so page two repeats page one's last workout: runlift's lost workouts on page two are still
    found, once, and put back on the calendar instead of made again."""
    sync(world)
    ids = sorted(runlift_workouts(world))
    for schedule_id, _wid, _day in world.calendar():
        world.fake.remove_schedule(schedule_id)
    for n in range(130):  # the athlete's own, newer: listed first
        world.fake.add_own_strength_workout(MON - timedelta(days=30), f"Leg day {n}")
    lose_state()
    world.mark()
    sync(world)
    assert sorted(runlift_workouts(world)) == ids
    assert [e.method for e in world.writes()] == ["POST"] * len(SESSIONS)  # schedules only
    library = [e for e in world.requests() if e.path == "/workout-service/workouts"]
    assert len(library) == 2
