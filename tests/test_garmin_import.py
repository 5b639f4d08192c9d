"""Strength activities from the fake Garmin Connect through the real garminconnect client."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from runlift.sync import cooloff
from runlift.sync.errors import RateLimited
from runlift.sync.importing import store
from runlift.sync.importing.garmin import import_range
from runlift.sync.importing.garmin_sets import exercise_set_weight_kg, set_records
from runlift.sync.importing.importer import Importer
from runlift.sync.targets.garmin.client import GarminClient
from runlift.workouts.settings import AthleteSettings
from tests.fakes.fixtures import garmin_client
from tests.fakes.garmin import FakeGarmin
from tests.paths import FIXTURES

STRENGTH_FIT = FIXTURES / "fit" / "fr965-strength-activity.fit"
LIST = r"^/activitylist-service/activities/search/activities$"
SETS = r"/exerciseSets$"
DOWNLOAD = r"^/download-service/files/activity/"


def corrected_set(category: str, name: str, reps: int, grams: float | None) -> dict:
    """A set as Garmin Connect returns it after the athlete picked the exercise."""
    return {
        "exercises": [{"category": category, "name": name, "probability": 100.0}],
        "repetitionCount": reps,
        "weight": grams,
        "duration": 41.5,
        "setType": "ACTIVE",
        "startTime": "2026-03-03T06:31:00.0",
        "wktStepIndex": None,
        "messageIndex": 0,
    }


REST = {"exercises": [], "setType": "REST", "duration": 90.0, "startTime": None}


@pytest.fixture
def conn(runlift_home: Path) -> sqlite3.Connection:
    connection = store.connect()
    yield connection
    connection.close()


def seed(fake: FakeGarmin) -> tuple[int, int]:
    with_sets = fake.add_strength_activity(
        date(2026, 3, 3),
        exercise_sets=[
            corrected_set("DEADLIFT", "ROMANIAN_DEADLIFT", 12, 42500.0),
            REST,
            corrected_set("DEADLIFT", "ROMANIAN_DEADLIFT", 11, 42500.0),
            corrected_set("LEG_RAISE", "HANGING_LEG_RAISE", 8, None),
        ],
    )
    only_fit = fake.add_strength_activity(date(2026, 3, 5), fit_path=STRENGTH_FIT)
    fake.add_activity(date(2026, 3, 4))  # a run: not asked about
    return with_sets, only_fit


def test_exercise_sets_first_the_original_file_when_garmin_has_none(
    fake_garmin: FakeGarmin, conn: sqlite3.Connection
) -> None:
    with_sets, only_fit = seed(fake_garmin)
    api = GarminClient(garmin_client(fake_garmin))
    fake_garmin.log.clear()
    importer = Importer(conn, AthleteSettings())
    result = import_range(api, importer, date(2026, 3, 1), date(2026, 3, 8))
    assert (result.listed, result.from_sets, result.from_fit) == (2, 1, 1)
    # One page of activities and the empty page that ends the listing, then per activity the
    # exercise sets, and the original zip only for the one without sets.
    assert fake_garmin.log.count("GET", LIST) == 2
    assert fake_garmin.log.count("GET", SETS) == 2
    assert fake_garmin.log.count("GET", DOWNLOAD) == 1
    assert len(fake_garmin.log.entries) == 5
    sets = store.work_sets(conn)
    corrected = [s for s in sets if s.activity_id == f"garmin:{with_sets}"]
    assert [(s.move, s.reps, s.weight_kg, s.matched_by) for s in corrected] == [
        ("romanian_deadlift", 12, 42.5, "garmin_connect"),
        ("romanian_deadlift", 11, 42.5, "garmin_connect"),
        ("hanging_leg_raise", 8, 0.0, "garmin_connect"),
    ]
    from_zip = [s for s in sets if s.activity_id == f"garmin:{only_fit}"]
    assert len(from_zip) == 38


def test_a_second_import_asks_only_for_the_list(
    fake_garmin: FakeGarmin, conn: sqlite3.Connection
) -> None:
    seed(fake_garmin)
    api = GarminClient(garmin_client(fake_garmin))
    import_range(api, Importer(conn, AthleteSettings()), date(2026, 3, 1), date(2026, 3, 8))
    before = conn.execute("SELECT * FROM lift_sets ORDER BY activity_id, position").fetchall()
    fake_garmin.log.clear()
    again = Importer(conn, AthleteSettings())
    result = import_range(api, again, date(2026, 3, 1), date(2026, 3, 8))
    assert result.already == 2
    assert fake_garmin.log.count("GET", LIST) == 2
    assert len(fake_garmin.log.entries) == 2
    assert conn.execute("SELECT * FROM lift_sets ORDER BY activity_id, position").fetchall() == (
        before
    )


def test_a_429_stops_the_import_records_the_cooloff_and_keeps_what_was_whole(
    fake_garmin: FakeGarmin, conn: sqlite3.Connection
) -> None:
    with_sets, _ = seed(fake_garmin)
    api = GarminClient(garmin_client(fake_garmin))
    fake_garmin.log.clear()
    # The listing is newest first: the second exercise-sets request is the older activity's.
    fake_garmin.faults.add("status", method="GET", path_re=SETS, nth=2, status=429)
    with pytest.raises(RateLimited):
        import_range(api, Importer(conn, AthleteSettings()), date(2026, 3, 1), date(2026, 3, 8))
    assert cooloff.resume_time("garmin") is not None
    stored = [row[0] for row in conn.execute("SELECT activity_id FROM lift_activities")]
    assert f"garmin:{with_sets}" not in stored and len(stored) == 1
    asked = len(fake_garmin.log.entries)
    with pytest.raises(RateLimited):
        import_range(api, Importer(conn, AthleteSettings()), date(2026, 3, 1), date(2026, 3, 8))
    assert len(fake_garmin.log.entries) == asked  # no request while cooling off


def test_exercise_set_weights_are_grams() -> None:
    """docs/garmin-connect.md, "Weight units": exerciseSets ``weight`` and the list's
    summarizedExerciseSets ``maxWeight`` are grams. The recorded list in
    tests/fixtures/garmin/activities-search-strength.json says maxWeight 150000 for a bench press
    and 17500 for sit-ups: 150 kg and 17.5 kg, loads a person lifts; in kg they would not be."""
    listing = json.loads((FIXTURES / "garmin" / "activities-search-strength.json").read_text())
    weights = [
        entry["maxWeight"]
        for activity in listing
        for entry in activity.get("summarizedExerciseSets") or []
        if entry["maxWeight"]
    ]
    assert 150000 in weights
    assert exercise_set_weight_kg(150000) == 150.0
    assert all(0 < exercise_set_weight_kg(w) <= 400 for w in weights)
    [record] = set_records({"exerciseSets": [corrected_set("ROW", "BARBELL_ROW", 10, 61234.0)]})
    assert record.weight_kg == pytest.approx(61.234)


def test_an_activity_done_from_runlifts_workout_keeps_the_workouts_name(
    fake_garmin: FakeGarmin, conn: sqlite3.Connection
) -> None:
    name = "Lyon - Runner Strength A · Tue 3 Mar"
    activity_id = fake_garmin.add_activity(
        date(2026, 3, 3), "strength_training", name, 1800.0, 0.0, workoutId=987654
    )
    fake_garmin.state.activities[activity_id].exercise_sets = {
        "activityId": activity_id,
        "exerciseSets": [
            {**corrected_set("ROW", "BENT_OVER_ROW_WITH_BARBELL", 10, 30000.0), "wktStepIndex": 6},
            {**corrected_set("ROW", None, 10, 30000.0), "wktStepIndex": 6},  # type: ignore[arg-type]
        ],
    }
    api = GarminClient(garmin_client(fake_garmin))
    import_range(api, Importer(conn, AthleteSettings()), date(2026, 3, 1), date(2026, 3, 8))
    assert [tuple(row) for row in conn.execute("SELECT workout FROM lift_activities")] == [(name,)]
    sets = store.work_sets(conn)
    # Garmin Connect numbers the steps its own way: the exercise it names decides.
    assert [(s.move, s.matched_by) for s in sets] == [
        ("bent_over_row", "garmin_connect"),
        (None, "unplanned"),
    ]
    assert sets[1].reason == ("Garmin Connect's exercise row, a category without an exercise name")


def test_strength_is_searched_by_its_parent_type_and_kept_here(fake_garmin: FakeGarmin) -> None:
    """Garmin answers 400 to a sub-type as activityType (strength_training is a sub-type of
    fitness_equipment, parentTypeId 29): runlift asks for the parent and keeps strength only."""
    strength = fake_garmin.add_strength_activity(date(2026, 3, 3), STRENGTH_FIT)
    fake_garmin.add_activity(date(2026, 3, 4), "pilates", "Pilates", 3000.0, 0.0)
    fake_garmin.add_activity(date(2026, 3, 5), "running", "Easy run")
    client = GarminClient(garmin_client(fake_garmin))
    found = client.strength_activities(date(2026, 3, 1), date(2026, 3, 31))
    assert [a["activityId"] for a in found] == [strength]
    searches = fake_garmin.log.matching("GET", LIST)
    assert searches and all("activityType=fitness_equipment" in e.query for e in searches)
    assert all(e.status == 200 for e in searches)


def test_a_candidate_without_a_numeric_probability_neither_crashes_nor_outranks() -> None:
    """The daemon reads back every few hours: one odd set must not fail every read-back."""
    exercises = [
        {"category": "ROW", "name": "BARBELL_ROW", "probability": "n/a"},
        {"category": "DEADLIFT", "name": "ROMANIAN_DEADLIFT", "probability": 97.5},
    ]
    odd = {"exercises": exercises, "repetitionCount": 8, "weight": 40000.0, "setType": "ACTIVE"}
    [record] = set_records({"exerciseSets": [odd]})
    assert [(g.category, g.name) for g in record.guesses] == [
        ("deadlift", "romanian_deadlift"),
        ("row", "barbell_row"),
    ]
