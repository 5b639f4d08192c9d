"""`runlift sync` against a fake whose calendar and workouts are real recorded answers.

The calendar month is Garmin's own answer for October 2023 (tests/fixtures/garmin/
calendar-month-2023-09.json: scheduled running workouts, two races, activities, weigh-ins, days
of the neighbouring months); each scheduled workout read by id answers the recorded running
workout (workout-get-running-repeats.json). runlift's own writes go to the fake's recorded
create/schedule/delete paths.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

from runlift.sync.cli import main
from runlift.workouts.garmin_marker import parse_marker
from tests.fakes.garmin import CalendarItem
from tests.garmin_world import World, world_fixture  # noqa: F401
from tests.paths import FIXTURES

START = date(2023, 10, 23)  # a Monday: the recorded month's last full weeks
RECORDED = FIXTURES / "garmin"


def seed_recorded_month(world: World, *, workouts: bool = True) -> list[dict]:
    month = json.loads((RECORDED / "calendar-month-2023-09.json").read_text())
    workout = json.loads((RECORDED / "workout-get-running-repeats.json").read_text())
    items = month["calendarItems"]
    for item in items:
        day = date.fromisoformat(item["date"])
        world.fake.state.extra_items.append(CalendarItem(day, item))
        if item["itemType"] == "workout" and workouts:
            body = copy.deepcopy(workout)
            body.update(workoutId=item["workoutId"], workoutName=item["title"])
            world.fake.state.workouts[item["workoutId"]] = body
    return items


def write_config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        "[loads]\nromanian_deadlift = 40\nbent_over_row = 30\n"
        '[plan]\nsource = "garmin"\nperiodize = false\n'
        "[garmin]\nread_retries = 2\nretry_wait_seconds = 0.0\n"
    )
    return path


def runlift_days(world: World) -> list[date]:
    return sorted(
        date.fromisoformat(s["calendarDate"])
        for s in world.fake.schedules.values()
        if parse_marker(world.fake.workouts[s["workoutId"]].get("description"))
    )


def test_a_sync_reads_recorded_answers_and_places_each_session_once(
    world: World, tmp_path: Path, capsys
) -> None:
    items = seed_recorded_month(world)
    runs = {date.fromisoformat(i["date"]) for i in items if i["itemType"] == "workout"}
    config = write_config(tmp_path)

    assert main(["sync", "--config", str(config), "--start", START.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "7_5-Recovery" in out  # the recorded calendar items were read as the runs
    placed = runlift_days(world)
    weeks = [day.isocalendar().week for day in placed]
    assert sorted(set(weeks)) == [43, 44] and all(weeks.count(w) == 2 for w in set(weeks))
    assert set(placed) <= runs  # on the recorded easy days (the runner's plan has no rest days)
    assert len([w for w in world.fake.workouts.values() if parse_marker(w.get("description"))]) == (
        len(placed)
    )
    # Every create was one the recorded rules accept: none refused, the estimate as recorded.
    creates = world.fake.log.matching("POST", "/workout-service/workout$")
    assert creates and all(entry.status == 200 for entry in creates)
    for workout in world.fake.workouts.values():
        if parse_marker(workout.get("description")):
            assert (workout["estimatedDurationInSecs"], workout["estimateType"]) == (0, None)

    world.mark()
    assert main(["sync", "--config", str(config), "--start", START.isoformat()]) == 0
    assert world.writes() == []
    assert runlift_days(world) == placed


def test_scheduled_workouts_garmin_will_not_read_by_id_still_count_as_runs(
    world: World, tmp_path: Path, capsys
) -> None:
    """The recorded month lists workouts whose own answer nobody recorded: read by id they are
    404. They are runs by their calendar item (title, sportTypeKey), and the sync goes on."""
    items = seed_recorded_month(world, workouts=False)
    runs = {date.fromisoformat(i["date"]) for i in items if i["itemType"] == "workout"}
    config = write_config(tmp_path)
    assert main(["sync", "--config", str(config), "--start", START.isoformat()]) == 0
    assert "7_5-Recovery" in capsys.readouterr().out
    placed = runlift_days(world)
    assert len(placed) == 4 and set(placed) <= runs
    world.mark()
    assert main(["sync", "--config", str(config), "--start", START.isoformat()]) == 0
    assert world.writes() == []
    assert not any(e.status == 404 for e in world.requests())  # not asked again
