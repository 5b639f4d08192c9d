"""How many requests `runlift sync` sends to Garmin Connect, counted by the fake server.

A two-week window of a realistic running plan on the fake Garmin Connect (intervals, tempo,
easy runs with strides, long runs, a race after the window), synced four times through the real
garminconnect client, signed in from a token store as after `runlift login garmin`: cold (empty
local state), again with nothing changed, after the athlete moved one run in Garmin Connect, and
after one move's load changed. Prints the reads and writes of each,
and ends with `steady_state_requests: N` (the nothing-changed sync).
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pytest  # its MonkeyPatch: the fake's redirect hook takes one

from runlift.sync.config import PlanSection
from runlift.sync.engine.run import SyncRequest, sync_once
from tests.garmin_world import World, open_world

START = date(2026, 11, 2)


def counted(world: World, label: str, config) -> tuple[str, int, int, str]:
    world.mark()
    outcome = sync_once(config, SyncRequest(START, 14, "garmin"))
    writes = len(world.writes())
    return label, len(world.requests()) - writes, writes, outcome.summary()


def main() -> None:
    with tempfile.TemporaryDirectory() as home, pytest.MonkeyPatch.context() as patch:
        patch.setenv("RUNLIFT_HOME", home)
        with open_world(patch) as world:
            world.two_weeks_of_running(START)
            # The defaults a runner has: the plan follows the running block (periodize on).
            config = replace(world.config, plan=PlanSection(), loads={"romanian_deadlift": 40.0})
            rows = [counted(world, "cold (empty state)", config)]
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
    print(f"steady_state_requests: {rows[1][1] + rows[1][2]}")


if __name__ == "__main__":
    main()
