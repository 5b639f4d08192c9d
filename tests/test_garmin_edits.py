"""Edits to the athlete's running workouts are seen, whatever order the workout list answers in.

The fake answers the list as recorded (newest CREATED first, ``start`` one-based, pages meeting
on one workout) and ignores the parameters no recording shows honoured. runlift sends only
``start`` and ``limit``; an edit stays where its creation put the workout in the list. All over
loopback with the real garminconnect client.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import parse_qs

import pytest

from runlift.sync.providers.garmin import GarminProvider
from runlift.sync.state import SyncState
from runlift.sync.syncing import SyncRequest, sync_once
from runlift.sync.targets.garmin import edits, library
from runlift.workouts.garmin_marker import parse_marker
from tests.fakes.garmin import running_segments
from tests.garmin_world import World, world_fixture  # noqa: F401

START = date(2026, 11, 2)
LONG_AGO = datetime(2024, 3, 1, 7, 0)


def library_of(world: World, size: int) -> list[int]:
    """``size`` running workouts in the library, oldest first, one day apart, none scheduled."""
    return [
        world.fake.add_running_workout(None, "easy", f"Library {i}", LONG_AGO + timedelta(days=i))[
            0
        ]
        for i in range(size)
    ]


def sessions(world: World) -> list[date]:
    return sorted(
        date.fromisoformat(s["calendarDate"])
        for s in world.fake.schedules.values()
        if parse_marker(world.fake.workouts[s["workoutId"]].get("description"))
    )


def sync(world: World) -> list[date]:
    world.mark()
    sync_once(world.config, SyncRequest(START, 14, "garmin"))
    return sessions(world)


def test_an_edited_old_run_in_a_120_workout_library_moves_the_session_next_to_it(
    world: World,
) -> None:
    """An old "Easy 45'" (the oldest of 120 workouts: last in the recorded order) is scheduled
    three times; the runner turns it into 6 x 800 m. The next sync sees it and the session on
    that day moves."""
    old = library_of(world, 120)[0]
    for offset, kind in [(1, "easy"), (3, "intervals"), (5, "long"), (8, "tempo"), (12, "long")]:
        world.running(START + timedelta(days=offset), kind)
    reused = [START + timedelta(days=offset) for offset in (2, 9, 10)]
    for day in reused:
        world.schedule(old, day)
    placed = sync(world)
    on_old_run = [day for day in placed if day in reused]
    assert on_old_run, "the scenario needs a session on the old easy run's day"

    assert sync(world) == placed
    assert len(world.requests()) <= edits.STEADY_REQUESTS  # nothing changed: counted
    assert world.writes() == []

    world.fake.edit_workout(old, workoutSegments=running_segments("intervals"))
    moved = sync(world)
    assert f"/workout-service/workout/{old}" in [e.path for e in world.requests()]
    assert not set(moved) & set(reused)  # no session on a quality day any more
    assert len(moved) == len(placed)


def test_the_list_is_asked_for_with_recorded_parameters_only(world: World) -> None:
    library_of(world, 3)
    world.running(START + timedelta(days=1), "easy")
    sync(world)
    sync(world)
    asked = [e for e in world.fake.log.entries if e.path == "/workout-service/workouts"]
    assert asked
    for entry in asked:
        assert set(parse_qs(entry.query)) <= {"start", "limit"}, entry.query


@dataclass(frozen=True)
class Library:
    """A generated account: ``size`` workouts, some scheduled, one of them edited later."""

    seed: int
    size: int
    page: int
    order: str
    scheduled: tuple[int, ...]  # indexes in creation order (0: the oldest)
    edited: int

    def __str__(self) -> str:
        return f"seed{self.seed}-n{self.size}-p{self.page}-{self.order}"


def generated(seed: int) -> Library:
    rng = random.Random(seed)
    size = rng.choice([1, 2, 7, 99, 100, 101, 120, 201, 333])
    scheduled = tuple(sorted(rng.sample(range(size), k=min(size, rng.randint(1, 6)))))
    return Library(
        seed=seed,
        size=size,
        page=rng.choice([5, 20, 50, 100]),
        order=rng.choice(["recorded", "recorded", "oldest first", "shuffled"]),
        scheduled=scheduled,
        edited=rng.choice(scheduled),
    )


# Seeds 0-35 were the development half; 1000-1011 were first run once the reading was done.
LIBRARIES = [generated(seed) for seed in [*range(36), *range(1000, 1012)]]


def answer_in(world: World, order: str, seed: int) -> None:
    """The list answered in ``order``: as recorded, or in one no recording shows."""
    if order == "oldest first":
        world.fake.list_order = lambda rows: rows[::-1]
    elif order == "shuffled":
        world.fake.list_order = lambda rows: random.Random(seed).sample(rows, len(rows))


def read_runs(world: World, page: int):
    with SyncState() as state:
        provider = GarminProvider(world.config, world.client(), state, list_page=page)
        return provider.upcoming_runs(START, START + timedelta(days=13))


@pytest.mark.parametrize("case", LIBRARIES, ids=str)
def test_an_edit_is_seen_in_any_library_order_and_page_size(world: World, case: Library) -> None:
    ids = library_of(world, case.size)
    days = {}
    for n, index in enumerate(case.scheduled):
        days[ids[index]] = START + timedelta(days=2 * n)
        world.schedule(ids[index], days[ids[index]])
    answer_in(world, case.order, case.seed)
    read_runs(world, case.page)  # every scheduled run read once

    world.mark()
    read_runs(world, case.page)
    assert len(world.requests()) <= edits.STEADY_REQUESTS  # one calendar month, no change

    edited = ids[case.edited]
    world.fake.edit_workout(edited, workoutSegments=running_segments("intervals"))
    # In the recorded order the first page holds the newest ``page`` workouts; with at most one
    # scheduled workout beyond it, one sync sees the edit. In any order, each sync confirms the
    # stalest workouts first, so every scheduled workout is looked at within this many syncs.
    beyond = sum(1 for index in case.scheduled if case.size - 1 - index >= case.page)
    bound = 1 if case.order == "recorded" and beyond <= 1 else len(case.scheduled) + 1
    seen = [
        read_runs(world, case.page)[case.scheduled.index(case.edited)].structure.hard_targets
        for _ in range(bound)
    ]
    assert True in seen, f"the edit was not seen within {bound} sync(s)"


@pytest.mark.parametrize("case", LIBRARIES, ids=str)
def test_the_whole_library_is_read_with_each_workout_once(world: World, case: Library) -> None:
    """Pages meet on one workout (start is one-based): no workout is counted twice, none is
    skipped, in any order and page size."""
    ids = library_of(world, case.size)
    answer_in(world, case.order, case.seed)
    world.mark()
    found = [
        library.item_id(item) for item in library.whole_library(world.client(), case.page, 500)
    ]
    assert sorted(found) == sorted(ids)
    assert len(world.requests()) <= (case.size + 1) // case.page + 2


def test_overlapping_pages_count_once_and_a_lost_library_is_found_whole(world: World) -> None:
    """A library of 250 read by 100: the recorded pages start=0 and start=100 share a workout."""
    ids = library_of(world, 250)
    world.mark()
    items = library.whole_library(world.client())
    pages = [parse_qs(e.query) for e in world.requests()]
    assert [q["start"] for q in pages] == [["0"], ["100"], ["200"]]
    assert [library.item_id(i) for i in items] == ids[::-1]  # newest created first, once each


def test_a_window_across_two_months_stays_at_three_requests_and_sees_the_edit_in_two(
    world: World,
) -> None:
    """Two calendar months leave one request for edits: the first page and the old workout are
    confirmed in turn, so an edit to either is seen within two syncs."""
    old = library_of(world, 120)[0]
    world.schedule(old, date(2026, 11, 28))
    world.running(date(2026, 12, 2), "easy")
    window = (date(2026, 11, 25), date(2026, 12, 6))

    def read() -> dict[date, bool]:
        with SyncState() as state:
            runs = GarminProvider(world.config, world.client(), state).upcoming_runs(*window)
        return {run.day: run.structure.hard_targets for run in runs}

    read()
    for _ in range(3):
        world.mark()
        read()
        assert len(world.requests()) <= edits.STEADY_REQUESTS
    world.fake.edit_workout(old, workoutSegments=running_segments("intervals"))
    assert True in [read()[date(2026, 11, 28)] for _ in range(2)]
