"""How many requests `runlift sync` sends to Garmin Connect, counted by the fake server.

A two-week window of a realistic running plan on the fake Garmin Connect (intervals, tempo,
easy runs with strides, long runs, a race after the window, and an old "Easy 45'" from a
120-workout library scheduled twice), synced through the real garminconnect client, signed in
from a token store as after `runlift login garmin`: cold (empty local state), again with nothing
changed, after the athlete turned the old easy run into intervals (it stays last in the list,
which is newest created first), again with nothing changed, after the athlete moved one run, and
after one move's load changed. Prints the reads and writes of each, and ends with
`steady_state_requests: N` (the most any nothing-changed sync sent) and
`edit_seen_next_sync: 1` (0 if the edited run did not change the plan on the next sync).
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pytest  # its MonkeyPatch: the fake's redirect hook takes one

from runlift.sync.config import PlanSection
from runlift.sync.syncing import SyncRequest, sync_once
from tests.fakes.garmin import running_segments
from tests.garmin_world import World, open_world

START = date(2026, 11, 2)
LIBRARY = 120
REUSED_DAYS = (3, 10)  # the old easy run, again on these days (the day after a session)


def counted(world: World, label: str, config) -> tuple[str, int, int, str]:
    world.mark()
    outcome = sync_once(config, SyncRequest(START, 14, "garmin"))
    writes = len(world.writes())
    return label, len(world.requests()) - writes, writes, outcome.summary()


def old_library(world: World) -> int:
    """120 workouts made long ago, oldest first; the oldest is scheduled again this window."""
    made = datetime(2024, 3, 1, 7, 0)
    ids = [
        world.fake.add_running_workout(None, "easy", f"Library {i}", made + timedelta(days=i))[0]
        for i in range(LIBRARY)
    ]
    for offset in REUSED_DAYS:
        world.schedule(ids[0], START + timedelta(days=offset))
    return ids[0]


def main() -> None:
    with tempfile.TemporaryDirectory() as home, pytest.MonkeyPatch.context() as patch:
        patch.setenv("RUNLIFT_HOME", home)
        with open_world(patch) as world:
            old = old_library(world)
            world.two_weeks_of_running(START)
            # The defaults a runner has: the plan follows the running block (periodize on).
            config = replace(world.config, plan=PlanSection(), loads={"romanian_deadlift": 40.0})
            rows = [counted(world, "cold (empty state)", config)]
            rows.append(counted(world, "no change", config))
            world.fake.edit_workout(old, workoutSegments=running_segments("intervals"))
            rows.append(counted(world, "an old run edited", config))
            rows.append(counted(world, "no change", config))
            tempo = next(
                sid
                for sid, s in world.fake.schedules.items()
                if s["calendarDate"] == (START + timedelta(days=8)).isoformat()
            )
            world.fake.move_schedule(tempo, START + timedelta(days=9))
            rows.append(counted(world, "one run moved", config))
            heavier = replace(config, loads={"romanian_deadlift": 42.5})
            rows.append(counted(world, "one load changed", heavier))
    print(f"{'sync':<22} {'reads':>6} {'writes':>7}  result")
    for label, reads, writes, summary in rows:
        print(f"{label:<22} {reads:>6} {writes:>7}  {summary}")
    steady = max(reads + writes for label, reads, writes, _ in rows if label == "no change")
    print(f"steady_state_requests: {steady}")
    print(f"edit_seen_next_sync: {int(rows[2][2] > 0)}")


if __name__ == "__main__":
    main()
