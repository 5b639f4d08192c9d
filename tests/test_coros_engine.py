"""The sync engine on COROS Training Hub, through runlift's client (real httpx) over loopback
against the fake: the same recovery as on Garmin Connect, the kill matrix included."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from runlift.sync import cooloff
from runlift.sync.engine.desired import desired_workouts
from runlift.sync.engine.run import SyncOutcome
from runlift.sync.errors import RateLimited, ServiceUnreachable
from runlift.sync.model import PlannedSession
from runlift.sync.targets.coros.client import CorosClient
from runlift.sync.targets.coros.session import CorosSession
from runlift.sync.targets.coros.target import CorosTarget
from runlift.sync.targets.coros.twin import MemoryCoros
from runlift.workouts.garmin_marker import parse_marker
from runlift.workouts.settings import AthleteSettings, MoveTarget
from tests.fakes.coros import USER_ID, FakeCoros
from tests.garmin_world import lose_state
from tests.target_sync import sync_planned

MON = date(2026, 11, 2)
WINDOW = (MON, MON + timedelta(days=13))
LIGHT = AthleteSettings(targets={"romanian_deadlift": MoveTarget(load=40)})
HEAVY = AthleteSettings(targets={"romanian_deadlift": MoveTarget(load=45)})
WRITES = r"/training/(program/add|program/delete|schedule/update)"


def session(day: int, label: str) -> PlannedSession:
    return PlannedSession(MON + timedelta(days=day), label, "easy day")


FOUR = [session(1, "A"), session(4, "B"), session(8, "A"), session(11, "B")]


# The sign-in each test's syncs use (one COROS account per test).
SIGNED_IN: dict[str, CorosSession] = {}


@pytest.fixture
def coros(fake_coros: FakeCoros, runlift_home) -> Iterator[FakeCoros]:
    SIGNED_IN["session"] = CorosSession(fake_coros.issue_token(), USER_ID, "eu", fake_coros.url)
    yield fake_coros
    SIGNED_IN.clear()


def sync(fake: FakeCoros, sessions, settings=LIGHT) -> SyncOutcome:
    """One sync of hand-placed sessions to COROS, as a new command (a new client)."""
    signed_in = SIGNED_IN["session"]
    assert signed_in.base_url == fake.url
    return sync_planned(
        lambda _state: CorosTarget(CorosClient(signed_in)), sessions, settings, window=WINDOW
    )


def wanted(sessions, settings) -> list[tuple[str, str, date]]:
    target = CorosTarget(client=None)
    return sorted(
        (str(d.key), d.content_hash, d.day)
        for d in desired_workouts(sessions, settings, target.encode)
    )


def calendar(fake: FakeCoros) -> list[tuple[str, str, date]]:
    out = []
    for entity in fake.state.entities:
        marker = parse_marker(entity.program.get("overview"))
        if entity.status == 1 and marker is not None:
            out.append((str(marker.key), marker.content_hash, entity.happen_day))
    return sorted(out)


def library(fake: FakeCoros) -> list[str]:
    return [i for i, p in fake.programs.items() if parse_marker(p.get("overview"))]


def assert_exactly(fake: FakeCoros, sessions, settings=LIGHT) -> None:
    assert calendar(fake) == wanted(sessions, settings)
    assert len(library(fake)) == len(sessions)  # no duplicates, no orphans


def test_a_first_sync_creates_and_schedules_and_a_second_writes_nothing(coros) -> None:
    outcome = sync(coros, FOUR)
    assert outcome.report is not None and outcome.report.done["create"] == 4
    assert_exactly(coros, FOUR)
    coros.log.clear()
    assert sync(coros, FOUR).diff.is_empty
    assert coros.log.count() == 2 and coros.log.count(path_re=WRITES) == 0


def test_new_loads_replace_each_workout_and_a_dragged_entry_is_put_back(coros) -> None:
    sync(coros, FOUR)
    sync(coros, FOUR, HEAVY)
    assert_exactly(coros, FOUR, HEAVY)
    moved = [FOUR[0], session(5, "B"), FOUR[2], FOUR[3]]
    sync(coros, moved, HEAVY)
    assert_exactly(coros, moved, HEAVY)
    sync(coros, FOUR[:2], HEAVY)
    assert_exactly(coros, FOUR[:2], HEAVY)


def test_with_the_state_lost_runlifts_workouts_are_found_by_their_marker(coros) -> None:
    sync(coros, FOUR)
    lose_state()
    coros.log.clear()
    assert sync(coros, FOUR).diff.is_empty
    assert coros.log.count(path_re=WRITES) == 0


def test_the_athletes_own_programs_and_entries_are_never_touched(coros) -> None:
    own = coros.add_own_program("Runner Strength A · Tue 3 Nov", "my own")
    coros.add_own_entry(MON + timedelta(days=1), "Easy run")
    sync(coros, FOUR)
    sync(coros, [], HEAVY)
    lose_state()
    sync(coros, [], HEAVY)
    assert list(coros.programs) == [own]
    assert [e.program["name"] for e in coros.state.entities if e.status == 1] == ["Easy run"]


def test_an_entry_whose_library_program_the_athlete_deleted_is_still_moved_and_removed(
    coros,
) -> None:
    sync(coros, FOUR)
    coros.programs.clear()  # the library emptied by hand; the calendar keeps its copies
    sync(coros, FOUR, HEAVY)
    assert_exactly(coros, FOUR, HEAVY)


def fresh(fake: FakeCoros, before) -> None:
    fake.faults.clear()
    fake.state.programs.clear()
    fake.state.entities.clear()
    lose_state()
    fake.add_own_entry(MON + timedelta(days=1), "Easy run")
    if before:
        sync(fake, before)


@pytest.mark.parametrize("kind", ["reset", "apply_then_reset"])
@pytest.mark.parametrize("state_lost", [False, True], ids=["state kept", "state lost"])
@pytest.mark.parametrize("change", ["first sync", "plan and loads changed"])
def test_a_sync_killed_at_any_request_is_finished_by_the_next(
    coros, kind: str, state_lost: bool, change: str
) -> None:
    """Kill the sync at request k (``reset``: k never lands; ``apply_then_reset``: k lands and
    its answer is lost; nothing after k gets through), maybe lose the local state, then sync
    again: exactly the wanted sessions, each once, nothing orphaned. For every k, until a sync
    gets through untouched."""
    before, after, settings = (
        ([], FOUR, LIGHT)
        if change == "first sync"
        else (FOUR, [session(2, "A"), FOUR[1], session(9, "A")], HEAVY)
    )
    k = 1
    while True:
        fresh(coros, before)
        coros.faults.add(kind, nth=k, times=1)
        coros.faults.add("reset", nth=k + 1, times=None)
        try:
            sync(coros, after, settings)
            survived = True
        except Exception:
            survived = False
        coros.faults.clear()
        if state_lost:
            lose_state()
        sync(coros, after, settings)
        assert_exactly(coros, after, settings)
        coros.log.clear()
        assert sync(coros, after, settings).diff.is_empty
        assert coros.log.count(path_re=WRITES) == 0
        if survived:
            break
        k += 1
    assert k > 8  # every request of a sync that writes was a kill point


# -- the same engine on the COROS in-memory twin, a fault at each write


def twin_sync(twin: MemoryCoros, sessions, settings=LIGHT) -> SyncOutcome:
    return sync_planned(lambda _state: CorosTarget(twin), sessions, settings, window=WINDOW)


def twin_calendar(twin: MemoryCoros) -> list[tuple[str, str, date]]:
    out = []
    for entry in twin.entries:
        marker = parse_marker(entry.program.get("overview"))
        if marker is not None:
            out.append((str(marker.key), marker.content_hash, entry.day))
    return sorted(out)


def twin_exactly(twin: MemoryCoros, sessions, settings=LIGHT) -> None:
    assert twin_calendar(twin) == wanted(sessions, settings)
    own = [p for p in twin.programs.values() if parse_marker(p.get("overview"))]
    assert len(own) == len(sessions)


@pytest.mark.parametrize("kind", ["lost", "not_landed"])
@pytest.mark.parametrize("write", ["create", "schedule", "unschedule", "delete"])
def test_on_the_twin_a_write_whose_answer_is_unknown_is_recovered_or_finished_next_time(
    runlift_home, write: str, kind: str
) -> None:
    """New loads (every write is needed), the first ``write`` of the sync failing ``kind``:
    this sync or the next ends with each session once, and the one after writes nothing."""
    twin = MemoryCoros()
    twin_sync(twin, FOUR)
    twin.fail(write, kind)
    try:
        outcome = twin_sync(twin, FOUR, HEAVY)
        if kind == "lost" and write != "schedule":
            assert outcome.report is not None and outcome.report.recovered == 1
    except ServiceUnreachable:
        pass
    twin_sync(twin, FOUR, HEAVY)
    twin_exactly(twin, FOUR, HEAVY)
    before = twin.requests_sent
    assert twin_sync(twin, FOUR, HEAVY).diff.is_empty
    assert twin.requests_sent - before == 2


def test_on_the_twin_a_429_stops_at_once_and_the_pause_holds(runlift_home) -> None:
    twin = MemoryCoros()
    twin.fail("schedule", "rate_limited")
    with pytest.raises(RateLimited):
        twin_sync(twin, FOUR)
    sent = twin.requests_sent
    with pytest.raises(RateLimited):
        twin_sync(twin, FOUR)
    assert twin.requests_sent == sent
    cooloff.clear("coros")
    twin_sync(twin, FOUR)
    twin_exactly(twin, FOUR)
