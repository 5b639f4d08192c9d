"""The fake Garmin Connect answers the real garminconnect client as Garmin does."""

import io
import zipfile
from datetime import date, datetime

import pytest
import requests
from garminconnect import (
    GarminConnectAuthenticationError,
    GarminConnectConnectionError,
    GarminConnectNotFoundError,
    GarminConnectTooManyRequestsError,
)
from garminconnect.workout import StrengthWorkout, WorkoutSegment, create_strength_set

from tests.fakes.fixtures import garmin_client
from tests.fakes.garmin import ESTIMATE_REFUSED
from tests.paths import FIXTURES

DAY = date(2026, 11, 24)


def strength(category="ROW", name="BENT_OVER_ROW_WITH_BARBELL", sport_id=5, sport_key=None):
    workout = StrengthWorkout(
        workoutName="Test strength",
        estimatedDurationInSecs=0,
        workoutSegments=[
            WorkoutSegment(
                segmentOrder=1,
                sportType={"sportTypeId": 5, "sportTypeKey": "strength_training"},
                workoutSteps=[create_strength_set(category, 1, 2, 8, 90, name)],
            )
        ],
    ).to_dict()
    workout["sportType"] = {
        "sportTypeId": sport_id,
        "sportTypeKey": sport_key or {5: "strength_training", 4: "swimming"}[sport_id],
    }
    return workout


def test_sign_in_from_a_token_store_loads_profile_and_settings(fake_garmin, tmp_path) -> None:
    garmin = garmin_client(fake_garmin, tmp_path / "tokens")
    assert garmin.display_name == fake_garmin.display_name
    assert garmin.unit_system == "metric"
    assert fake_garmin.log.count("GET", "socialProfile") == 1
    assert (tmp_path / "tokens").stat().st_mode & 0o777 == 0o700


def test_workout_create_get_list_delete_as_recorded(fake_garmin) -> None:
    garmin = garmin_client(fake_garmin)
    created = garmin.upload_workout(strength())
    workout_id = created["workoutId"]
    read = garmin.get_workout_by_id(workout_id)
    group = read["workoutSegments"][0]["workoutSteps"][0]
    assert [s["stepOrder"] for s in [group, *group["workoutSteps"]]] == [1, 2, 3]
    assert all("stepId" in s for s in group["workoutSteps"])
    # childStepId counts the repeat groups; the group's steps carry its number.
    assert [group["childStepId"], *(s["childStepId"] for s in group["workoutSteps"])] == [1, 1, 1]
    (item,) = garmin.get_workouts(0, 20)
    # The list says updateDate, the workout itself updatedDate (both as recorded).
    assert item["workoutId"] == workout_id and item["updateDate"] == read["updatedDate"]
    assert "updatedDate" not in item and "workoutSegments" not in item
    with pytest.raises(GarminConnectNotFoundError):  # never recorded: not served
        garmin.update_workout(workout_id, {**read, "workoutName": "Renamed"})
    garmin.delete_workout(workout_id)
    assert fake_garmin.workouts == {}


def test_schedule_is_not_idempotent_and_entries_go_one_by_one(fake_garmin) -> None:
    garmin = garmin_client(fake_garmin)
    workout_id = garmin.upload_workout(strength())["workoutId"]
    first = garmin.schedule_workout(workout_id, DAY.isoformat())
    second = garmin.schedule_workout(workout_id, DAY.isoformat())
    assert first["workoutScheduleId"] != second["workoutScheduleId"]
    assert first["workout"]["workoutId"] == workout_id
    assert len(fake_garmin.scheduled_on(DAY)) == 2
    with pytest.raises(GarminConnectNotFoundError):  # never recorded: not served
        garmin.reschedule_workout(first["workoutScheduleId"], "2026-11-26")
    got = garmin.get_scheduled_workout_by_id(first["workoutScheduleId"])
    assert got["calendarDate"] == DAY.isoformat()
    assert got["workout"]["workoutId"] == workout_id  # the whole workout, nested
    garmin.unschedule_workout(second["workoutScheduleId"])
    assert len(fake_garmin.schedules) == 1


def test_delete_answers_204_with_no_body(fake_garmin) -> None:
    """As garth's test_delete.yaml recorded it: 204 No Content, an empty body."""
    garmin = garmin_client(fake_garmin)
    workout_id = garmin.upload_workout(strength())["workoutId"]
    schedule_id = garmin.schedule_workout(workout_id, DAY.isoformat())["workoutScheduleId"]
    headers = {"Authorization": f"Bearer {fake_garmin.issue_tokens()['di_token']}"}
    gone = requests.delete(
        f"{fake_garmin.url}/workout-service/schedule/{schedule_id}", headers=headers
    )
    assert (gone.status_code, gone.content, gone.headers.get("Content-Type")) == (204, b"", None)
    garmin.delete_workout(workout_id)  # the client takes the empty answer too
    assert fake_garmin.workouts == {} and fake_garmin.schedules == {}


def test_the_list_answers_newest_created_first_whatever_else_is_asked(fake_garmin) -> None:
    """No recording shows orderBy=UPDATE_DATE or a sportTypeKey filter honoured: ignored."""
    garmin = garmin_client(fake_garmin)
    oldest, _ = fake_garmin.add_running_workout(None, "easy", created=datetime(2024, 1, 1))
    own = garmin.upload_workout(strength())["workoutId"]
    newest, _ = fake_garmin.add_running_workout(None, "tempo")
    fake_garmin.edit_workout(oldest, workoutName="Edited, still last")
    asked = garmin.get_workouts(
        0, 100, order_by="UPDATE_DATE", order_seq="DESC", sport_type_keys=["strength_training"]
    )
    assert [w["workoutId"] for w in asked] == [newest, own, oldest]
    # One-based start: the second workout begins a page at start=2, and start=0 is start=1.
    assert [w["workoutId"] for w in garmin.get_workouts(2, 1)] == [own]
    assert garmin.get_workouts(0, 1) == garmin.get_workouts(1, 1)


def test_calendar_month_zero_based_with_coach_races_and_padding(fake_garmin) -> None:
    garmin = garmin_client(fake_garmin)
    fake_garmin.add_running_workout(date(2026, 11, 24), "intervals")
    fake_garmin.add_running_workout(date(2026, 12, 1), "long")
    fake_garmin.add_coach_item(date(2026, 11, 27), "Anaerobic")
    fake_garmin.add_race(date(2026, 12, 6), "Nikolaus Half")
    with pytest.raises(GarminConnectNotFoundError):  # never recorded: not served
        garmin.get_scheduled_workouts_by_period("2026-11-23", "2026-11-30")
    november = garmin.get_scheduled_workouts(2026, 11)
    assert fake_garmin.log.matching("GET", "calendar-service")[-1].path.endswith("/month/10")
    kinds = sorted((i["itemType"], i["date"]) for i in november["calendarItems"])
    # 1 Dec and 6 Dec are among the seven days of December the month lists (as recorded).
    assert kinds == [
        ("event", "2026-12-06"),
        ("fbtAdaptiveWorkout", "2026-11-27"),
        ("workout", "2026-11-24"),
        ("workout", "2026-12-01"),
    ]
    coach = next(i for i in november["calendarItems"] if i["itemType"] == "fbtAdaptiveWorkout")
    assert coach["workoutId"] is None and coach["workoutUuid"]


def test_a_month_lists_seven_days_of_each_neighbour(fake_garmin) -> None:
    """The recorded October 2023 runs from 24 September to 7 November."""
    garmin = garmin_client(fake_garmin)
    for day in (24, 25):
        fake_garmin.add_running_workout(date(2026, 10, day), "easy")
    for day in (7, 8):
        fake_garmin.add_running_workout(date(2026, 12, day), "easy")
    listed = sorted(i["date"] for i in garmin.get_scheduled_workouts(2026, 11)["calendarItems"])
    assert listed == ["2026-10-25", "2026-12-07"]


def test_running_workouts_have_real_structure(fake_garmin) -> None:
    garmin = garmin_client(fake_garmin)
    workout_id, _ = fake_garmin.add_running_workout(DAY, "intervals")
    steps = garmin.get_workout_by_id(workout_id)["workoutSegments"][0]["workoutSteps"]
    assert [s["stepType"]["stepTypeKey"] for s in steps] == ["warmup", "repeat", "cooldown"]
    repeat = steps[1]
    assert repeat["numberOfIterations"] == 6
    interval = repeat["workoutSteps"][0]
    assert interval["targetType"]["workoutTargetTypeKey"] == "pace.zone"
    assert interval["targetValueOne"] > 4


@pytest.mark.parametrize(
    ("workout", "message"),
    [
        (strength(sport_id=4), None),
        (strength(category="UNASSIGNED", name=""), "Invalid category"),
    ],
)
def test_strictness_reaches_the_client_as_a_400(fake_garmin, workout, message) -> None:
    garmin = garmin_client(fake_garmin)
    if message is None:
        # sportTypeId 4 is swimming: saved as a swim by Garmin, refused by key mismatch here.
        workout["sportType"]["sportTypeKey"] = "strength_training"
        message = "Invalid sport type"
    with pytest.raises(GarminConnectConnectionError, match=message):
        garmin.upload_workout(workout)
    assert fake_garmin.workouts == {}


@pytest.mark.parametrize(
    ("estimate", "accepted"),
    [
        # Every accepted create on record (kaiord test-fixtures/gcn, six sports).
        (
            {"estimatedDurationInSecs": 0, "estimatedDistanceInMeters": 0, "estimateType": None},
            True,
        ),
        # garminconnect's StrengthWorkout(estimatedDurationInSecs=600) as it is sent.
        ({"estimatedDurationInSecs": 600}, False),
        (
            {"estimatedDurationInSecs": 0, "estimatedDistanceInMeters": 500, "estimateType": None},
            False,
        ),
        # A typed estimate, as the recorded multisport create's segments carry one.
        ({"estimatedDurationInSecs": 400, "estimateType": "TIME_ESTIMATED"}, True),
    ],
)
def test_an_estimate_without_its_type_is_refused_with_the_recorded_message(
    fake_garmin, estimate, accepted
) -> None:
    garmin = garmin_client(fake_garmin)
    workout = {**strength(), **estimate}
    if accepted:
        assert garmin.upload_workout(workout)["workoutId"] in fake_garmin.workouts
        return
    with pytest.raises(GarminConnectConnectionError) as refused:
        garmin.upload_workout(workout)
    assert refused.value.response.json()["message"] == ESTIMATE_REFUSED
    assert fake_garmin.workouts == {}


def test_a_segment_estimate_without_its_type_is_refused_too(fake_garmin) -> None:
    garmin = garmin_client(fake_garmin)
    workout = strength()
    workout["workoutSegments"][0]["estimatedDurationInSecs"] = 600
    with pytest.raises(GarminConnectConnectionError, match="estimatedType"):
        garmin.upload_workout(workout)
    workout["workoutSegments"][0]["estimateType"] = "TIME_ESTIMATED"
    assert garmin.upload_workout(workout)["workoutId"] in fake_garmin.workouts


def test_an_exercise_name_garmin_does_not_know_is_stored_empty(fake_garmin) -> None:
    garmin = garmin_client(fake_garmin)
    saved = garmin.upload_workout(strength(name="NOT_A_ROW"))
    step = saved["workoutSegments"][0]["workoutSteps"][0]["workoutSteps"][0]
    assert step["exerciseName"] == ""


def test_repeat_groups_and_step_order_are_checked(fake_garmin) -> None:
    garmin = garmin_client(fake_garmin)
    bad_repeat = strength()
    bad_repeat["workoutSegments"][0]["workoutSteps"][0]["endConditionValue"] = 3.0
    with pytest.raises(GarminConnectConnectionError, match="numberOfIterations"):
        garmin.upload_workout(bad_repeat)
    bad_order = strength()
    bad_order["workoutSegments"][0]["workoutSteps"][0]["workoutSteps"][1]["stepOrder"] = 2
    with pytest.raises(GarminConnectConnectionError, match="step order"):
        garmin.upload_workout(bad_order)


def test_activities_page_by_20_until_an_empty_page_and_serve_sets_and_zip(fake_garmin) -> None:
    garmin = garmin_client(fake_garmin)
    for day in range(1, 26):
        fake_garmin.add_activity(date(2026, 10, day))
    fit = FIXTURES / "fit" / "fr965-strength-activity.fit"
    sets = [
        {
            "exercises": [{"category": "ROW", "name": None, "probability": 90.0}],
            "repetitionCount": 10,
            "weight": 20000.0,
            "setType": "ACTIVE",
        }
    ]
    strength_id = fake_garmin.add_strength_activity(date(2026, 10, 27), fit, sets)
    found = garmin.get_activities_by_date("2026-10-01", "2026-10-31")
    assert len(found) == 26
    assert fake_garmin.log.count("GET", "activities/search") == 3
    with pytest.raises(GarminConnectConnectionError, match="cannot be an activity sub type"):
        garmin.get_activities_by_date("2026-10-01", "2026-10-31", "strength_training")
    parent = garmin.get_activities_by_date("2026-10-01", "2026-10-31", "fitness_equipment")
    assert [a["activityId"] for a in parent] == [strength_id]
    assert parent[0]["activityType"]["parentTypeId"] == 29
    assert garmin.get_activity_exercise_sets(strength_id)["exerciseSets"] == sets
    from garminconnect import Garmin

    raw = garmin.download_activity(strength_id, Garmin.ActivityDownloadFormat.ORIGINAL)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        (name,) = archive.namelist()
        assert archive.read(name) == fit.read_bytes()


def test_expired_token_is_refreshed_once_and_revoked_token_fails(fake_garmin) -> None:
    garmin = garmin_client(fake_garmin)
    fake_garmin.expire_all_tokens()
    assert garmin.get_workouts(0, 5) == []
    assert fake_garmin.log.count("POST", "oauth/token") == 1
    fake_garmin.revoke_all_tokens()
    with pytest.raises(GarminConnectAuthenticationError):
        garmin.get_workouts(0, 5)


def test_429_on_a_read_and_on_a_write(fake_garmin) -> None:
    garmin = garmin_client(fake_garmin)
    fake_garmin.faults.add(
        "status", method="GET", path_re="/workouts$", status=429, retry_after=3600
    )
    with pytest.raises(GarminConnectTooManyRequestsError):
        garmin.get_workouts(0, 5)
    fake_garmin.faults.add(
        "status", method="POST", path_re="/workout$", status=429, retry_after=3600
    )
    with pytest.raises(GarminConnectConnectionError) as caught:
        garmin.upload_workout(strength())
    assert caught.value.response.status_code == 429
    assert caught.value.response.headers["Retry-After"] == "3600"


def test_5xx_on_reads_is_retried_by_the_client_and_writes_are_not(fake_garmin) -> None:
    garmin = garmin_client(fake_garmin)
    fake_garmin.faults.add("status", method="GET", path_re="/workouts$", status=503)
    assert garmin.get_workouts(0, 5) == []
    assert fake_garmin.log.count("GET", "/workouts$") == 2
    fake_garmin.faults.add("status", method="POST", path_re="/workout$", status=500)
    with pytest.raises(GarminConnectConnectionError):
        garmin.upload_workout(strength())
    assert fake_garmin.log.count("POST", "/workout$") == 1


def test_connection_faults(fake_garmin) -> None:
    garmin = garmin_client(fake_garmin)
    garmin.retry_attempts = 0
    network = (GarminConnectConnectionError, requests.ConnectionError)
    fake_garmin.faults.add("reset", method="POST", path_re="/workout$")
    with pytest.raises(network):
        garmin.upload_workout(strength())
    assert fake_garmin.workouts == {}
    fake_garmin.faults.add("apply_then_reset", method="POST", path_re="/workout$")
    with pytest.raises(network):
        garmin.upload_workout(strength())
    assert len(fake_garmin.workouts) == 1
    for kind in ("truncate", "malformed"):
        fake_garmin.faults.add(kind, method="GET", path_re="/workouts$")
        with pytest.raises(Exception):  # noqa: B017  a broken body surfaces as some error
            garmin.get_workouts(0, 5)
    fake_garmin.faults.add("expired_token", method="GET", path_re="/workouts$")
    assert len(garmin.get_workouts(0, 5)) == 1
    assert fake_garmin.log.count("POST", "oauth/token") == 1


def test_a_strength_workout_by_the_athlete_is_stored_like_any_other(fake_garmin) -> None:
    workout_id, schedule_id = fake_garmin.add_own_strength_workout(DAY)
    assert fake_garmin.schedules[schedule_id]["workoutId"] == workout_id
    assert fake_garmin.workouts[workout_id]["description"] is None


def failures_under(garmin, fake_garmin, rate: float, requests: int = 40) -> list[bool]:
    fake_garmin.faults.clear()
    fake_garmin.faults.add("status", method="GET", path_re="/workouts$", status=503, rate=rate)
    failed = []
    for _ in range(requests):
        try:
            garmin.get_workouts(0, 5)
            failed.append(False)
        except GarminConnectConnectionError:
            failed.append(True)
    return failed


def test_a_rate_fault_hits_about_that_share_of_requests_the_same_way_every_run(fake_garmin) -> None:
    garmin = garmin_client(fake_garmin)
    garmin.retry_attempts = 0
    failures = failures_under(garmin, fake_garmin, 0.3)
    assert 4 <= sum(failures) <= 20
    assert failures_under(garmin, fake_garmin, 0.3) == failures
