"""A session becomes a Garmin Connect strength workout the service stores as meant."""

import json
from datetime import date

import pytest

from runlift.workouts.garmin_marker import has_runlift_name, parse_marker
from runlift.workouts.garmin_payload import RECORDED_ESTIMATE, garmin_workout, weight_fields
from runlift.workouts.session import SESSION_LABELS, build_session
from runlift.workouts.settings import AthleteSettings, MoveTarget
from runlift.workouts.units import Load
from runlift.workouts.volume import Volume
from tests.fakes.garmin import validate_workout
from tests.paths import FIXTURES

DAY = date(2026, 11, 24)


def _steps(steps):
    for step in steps:
        yield step
        yield from _steps(step.get("workoutSteps") or [])


def _all_steps(payload):
    return list(_steps(payload["workoutSegments"][0]["workoutSteps"]))


def _workout(label="A", **settings):
    return garmin_workout(build_session(label, AthleteSettings(**settings)), DAY)


def test_strength_sport_type_on_workout_and_segment() -> None:
    # sportTypeId 4 would save a swim workout.
    payload = _workout().payload
    assert payload["sportType"]["sportTypeId"] == 5
    assert payload["sportType"]["sportTypeKey"] == "strength_training"
    (segment,) = payload["workoutSegments"]
    assert segment["sportType"]["sportTypeId"] == 5


def test_step_order_is_one_flat_counter_through_nested_steps() -> None:
    orders = [step["stepOrder"] for step in _all_steps(_workout().payload)]
    assert orders == list(range(1, len(orders) + 1))


def test_every_block_is_a_repeat_group_with_an_iterations_end_condition() -> None:
    session = build_session("B", AthleteSettings())
    payload = garmin_workout(session, DAY).payload
    groups = payload["workoutSegments"][0]["workoutSteps"]
    assert len(groups) == len(session.blocks)
    for group, block in zip(groups, session.blocks, strict=True):
        assert group["type"] == "RepeatGroupDTO"
        assert group["endCondition"]["conditionTypeKey"] == "iterations"
        assert group["numberOfIterations"] == block.sets
        assert group["endConditionValue"] == block.sets
        exercise, rest = group["workoutSteps"]
        assert rest["stepType"]["stepTypeKey"] == "rest"
        assert rest["endConditionValue"] == block.rest_s
        if block.hold_s is not None:
            assert exercise["endCondition"]["conditionTypeKey"] == "time"
            assert exercise["endConditionValue"] == block.hold_s
        else:
            assert exercise["endCondition"]["conditionTypeKey"] == "reps"
            assert exercise["endConditionValue"] == block.reps


def test_exercises_are_valid_catalog_pairs_and_carry_the_notes() -> None:
    from garminconnect import exercises

    session = build_session("A", AthleteSettings())
    groups = garmin_workout(session, DAY).payload["workoutSegments"][0]["workoutSteps"]
    valid = {(e["category"], e["exercise"]) for e in exercises.EXERCISES}
    for group, block in zip(groups, session.blocks, strict=True):
        step = group["workoutSteps"][0]
        assert (step["category"], step["exerciseName"]) in valid
        assert step["category"] not in ("UNASSIGNED", "OTHER")
        assert step["description"] == block.notes


def test_a_rest_of_zero_leaves_the_rest_step_out_but_keeps_the_sets() -> None:
    payload = _workout(rest_s=0).payload
    group = payload["workoutSegments"][0]["workoutSteps"][0]
    assert [s["stepType"]["stepTypeKey"] for s in group["workoutSteps"]] == ["interval"]
    assert group["numberOfIterations"] == 2
    orders = [step["stepOrder"] for step in _all_steps(payload)]
    assert orders == list(range(1, len(orders) + 1))


def test_loads_are_sent_in_the_athletes_unit_named_by_weight_unit() -> None:
    """Evidence (docs/garmin-connect.md, "Weight units"): a strength workout made
    in Garmin Connect and read back holds ``weightValue: 6.0`` with ``weightUnit {unitId 8,
    unitKey kilogram, factor 1000}`` for a 6 kg kettlebell: the value is in the named unit and
    ``factor`` is grams per unit. Workouts built by other tools and read back from Garmin hold
    ``weightValue 135.0`` with ``{unitId 9, unitKey pound, factor 453.59237}`` for 135 lb.
    garminconnect 0.3.20's helpers send kg x 1000 instead; runlift sets the weight in
    ``weight_fields`` only, so one change fixes every workout if real use proves otherwise."""
    from garminconnect.workout import create_strength_exercise_step

    assert weight_fields(Load(6.0, "kg")) == {
        "weightValue": 6.0,
        "weightUnit": {"unitId": 8, "unitKey": "kilogram", "factor": 1000.0},
    }
    assert weight_fields(Load(135.0, "lb")) == {
        "weightValue": 135.0,
        "weightUnit": {"unitId": 9, "unitKey": "pound", "factor": 453.59237},
    }
    helper = create_strength_exercise_step("DEADLIFT", 1, 8, weight_kg=6.0)
    assert helper.model_dump()["weightValue"] == 6000.0  # what runlift does NOT send

    kg = _workout(targets={"romanian_deadlift": MoveTarget(load=40)}).payload
    rdl = [s for s in _all_steps(kg) if s.get("exerciseName") == "ROMANIAN_DEADLIFT"]
    assert [(s["weightValue"], s["weightUnit"]["unitKey"]) for s in rdl] == [(40.0, "kilogram")]
    lb = _workout(units="lb", targets={"romanian_deadlift": MoveTarget(load=95)}).payload
    rdl = [s for s in _all_steps(lb) if s.get("exerciseName") == "ROMANIAN_DEADLIFT"]
    assert [(s["weightValue"], s["weightUnit"]["unitKey"]) for s in rdl] == [(95.0, "pound")]


def test_body_weight_steps_carry_no_weight() -> None:
    payload = _workout(targets={"romanian_deadlift": MoveTarget(load=40)}).payload
    weighted = [s for s in _all_steps(payload) if "weightValue" in s or "weightUnit" in s]
    assert [s["exerciseName"] for s in weighted] == ["ROMANIAN_DEADLIFT"]


def test_every_field_sent_is_one_garmin_answers_for_a_stored_strength_workout() -> None:
    answer = json.loads(
        (FIXTURES / "garmin" / "workout-post-strength-reps.response.json").read_text()
    )
    known_steps = {
        key for step in _steps(answer["workoutSegments"][0]["workoutSteps"]) for key in step
    }
    payload = _workout(targets={"bent_over_row": MoveTarget(load=30)}).payload
    assert set(payload) <= set(answer)
    assert {key for step in _all_steps(payload) for key in step} <= known_steps


def test_the_estimate_fields_are_those_every_accepted_create_on_record_sends() -> None:
    """A non-zero estimatedDurationInSecs with estimateType null is refused (400 "Estimated
    distance and/or time values are not consistent with estimatedType!"); the accepted creates
    on record send 0, 0 and null (tests/fakes/EVIDENCE.md, "Estimate fields")."""
    recorded = json.loads(
        (FIXTURES / "garmin" / "workout-post-strength-reps.request.json").read_text()
    )
    payload = _workout(targets={"romanian_deadlift": MoveTarget(load=40)}).payload
    for field in RECORDED_ESTIMATE:
        assert payload[field] == recorded[field], field
    assert "estimateType" in payload  # null, as recorded, not left out


SESSION_SPACE = [
    (label, units, rest, volume, load, reps, hold)
    for label in SESSION_LABELS
    for units in ("kg", "lb")
    for rest in (0, 45, 240)
    for volume in Volume
    for load, reps, hold in ((None, None, None), (0.0, 5, 20), (57.5, 30, 120))
]


@pytest.mark.parametrize(
    ("label", "units", "rest", "volume", "load", "reps", "hold"), SESSION_SPACE
)
def test_every_workout_runlift_can_build_passes_the_recorded_rules(
    label, units, rest, volume, load, reps, hold
) -> None:
    """Whatever the athlete's settings, the body is one Garmin accepts: the fake's strictness
    (sport type, categories, repeat groups, one flat step order, the estimate rule) finds
    nothing, and the estimate fields stay the recorded ones."""
    settings = AthleteSettings(
        units=units,
        rest_s=rest,
        targets={
            "romanian_deadlift": MoveTarget(load=load, reps=reps),
            "side_plank_leg_lift": MoveTarget(hold_s=hold),
            "bent_over_row": MoveTarget(load=load),
        },
    )
    payload = garmin_workout(build_session(label, settings, volume), DAY).payload
    assert validate_workout(json.loads(json.dumps(payload))) is None
    assert {k: payload[k] for k in RECORDED_ESTIMATE} == RECORDED_ESTIMATE


def test_the_marker_names_the_session_and_its_content() -> None:
    workout = _workout()
    assert workout.name == "Runner Strength A · Tue 24 Nov"
    assert has_runlift_name(workout.name)
    marker = parse_marker(workout.payload["description"])
    assert marker is not None
    assert (str(marker.key), marker.content_hash) == ("2026-11-24/A", workout.content_hash)
    assert str(workout.key) == "2026-11-24/A"


def test_content_hash_follows_loads_and_day_and_nothing_else() -> None:
    base = _workout(targets={"romanian_deadlift": MoveTarget(load=40)})
    again = _workout(targets={"romanian_deadlift": MoveTarget(load=40)})
    heavier = _workout(targets={"romanian_deadlift": MoveTarget(load=42.5)})
    other_day = garmin_workout(
        build_session("A", AthleteSettings(targets={"romanian_deadlift": MoveTarget(load=40)})),
        date(2026, 11, 26),
    )
    assert base.content_hash == again.content_hash
    assert base.payload == again.payload
    assert heavier.content_hash != base.content_hash
    assert other_day.content_hash != base.content_hash


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "My own leg day",
        "runlift:v1 key=2026-13-40/A hash=0123456789ab",
        "runlift:v1 key=2026-11-24/A hash=nothex",
        "Runner Strength A · Tue 24 Nov",
    ],
)
def test_descriptions_without_a_valid_marker_are_not_runlifts(text) -> None:
    assert parse_marker(text) is None


def test_the_name_alone_is_only_a_hint() -> None:
    assert not has_runlift_name("Leg day")
    assert not has_runlift_name("Strength A")
    assert not has_runlift_name(None)
