"""How many requests `runlift sync` sends to each target when it writes to Garmin Connect and
COROS Training Hub at once, counted by the fake servers.

A two-week window of a running plan on the fake Garmin Connect (runs read from it:
`--source garmin`), synced to both targets through the real garminconnect client and runlift's
COROS client (httpx), each signed in as after its `runlift login`: cold (empty state), again
with nothing changed, after one load changed, again with nothing changed, and cold again with
the state file lost. Prints the reads and writes per target and ends with
`coros_steady_requests: N` (the most any nothing-changed sync sent to COROS) beside
`garmin_steady_requests` and `both_targets_sessions_each_once: 1` (0 if a calendar holds a
session twice or misses one).
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pytest  # its MonkeyPatch: the fake's redirect hook takes one

from runlift.sync.config import PlanSection, SyncSection
from runlift.sync.syncing import SyncRequest, sync_once
from runlift.sync.targets.coros.session import CorosSession, save_session
from runlift.workouts.garmin_marker import parse_marker
from tests.fakes.coros import USER_ID, FakeCoros
from tests.fakes.http import FakeServer
from tests.garmin_world import World, lose_state, open_world

START = date(2026, 11, 2)
COROS_WRITES = r"/training/(program/add|program/delete|schedule/update)"


def counted(world: World, coros: FakeCoros, label: str, config) -> tuple[str, ...]:
    world.mark()
    coros.log.clear()
    result = sync_once(config, SyncRequest(START, 14, "garmin"))
    garmin_writes = len(world.writes())
    coros_writes = coros.log.count(path_re=COROS_WRITES)
    return (
        label,
        str(len(world.requests()) - garmin_writes),
        str(garmin_writes),
        str(coros.log.count() - coros_writes),
        str(coros_writes),
        result.summary(),
    )


def each_once(world: World, coros: FakeCoros) -> bool:
    garmin = Counter(
        marker.key
        for s in world.fake.schedules.values()
        if (marker := parse_marker(world.fake.workouts[s["workoutId"]].get("description")))
    )
    on_coros = Counter(
        marker.key
        for e in coros.state.entities
        if e.status == 1 and (marker := parse_marker(e.program.get("overview")))
    )
    return garmin == on_coros and set(garmin.values()) == {1}


def main() -> None:
    with tempfile.TemporaryDirectory() as home, pytest.MonkeyPatch.context() as patch:
        patch.setenv("RUNLIFT_HOME", home)
        coros = FakeCoros()
        server = FakeServer(coros).start()
        try:
            with open_world(patch) as world:
                save_session(CorosSession(coros.issue_token(), USER_ID, "eu", coros.url))
                world.two_weeks_of_running(START)
                config = replace(
                    world.config,
                    plan=PlanSection(),
                    sync=SyncSection(targets=("garmin", "coros")),
                    loads={"romanian_deadlift": 40.0},
                )
                rows = [counted(world, coros, "cold (empty state)", config)]
                rows.append(counted(world, coros, "no change", config))
                heavier = replace(config, loads={"romanian_deadlift": 42.5})
                rows.append(counted(world, coros, "one load changed", heavier))
                rows.append(counted(world, coros, "no change", heavier))
                lose_state()
                rows.append(counted(world, coros, "state file lost", heavier))
                rows.append(counted(world, coros, "no change", heavier))
                right = each_once(world, coros)
        finally:
            server.stop()
    print(f"{'sync':<20} {'garmin r':>8} {'w':>3} {'coros r':>8} {'w':>3}  result")
    for label, g_reads, g_writes, c_reads, c_writes, summary in rows:
        print(f"{label:<20} {g_reads:>8} {g_writes:>3} {c_reads:>8} {c_writes:>3}  {summary}")
    steady = [row for row in rows if row[0] == "no change"]
    print(f"garmin_steady_requests: {max(int(r[1]) + int(r[2]) for r in steady)}")
    print(f"both_targets_sessions_each_once: {int(right)}")
    print(f"coros_steady_requests: {max(int(r[3]) + int(r[4]) for r in steady)}")


if __name__ == "__main__":
    main()
