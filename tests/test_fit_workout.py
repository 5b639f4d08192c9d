"""Exported FIT workouts pass Garmin's decoder, fitparse, and read back as the same session."""

import io
from datetime import UTC, datetime

import fitparse
import pytest
from garmin_fit_sdk import Decoder, Stream

from runlift.workouts.fit_workout import encode_session, serial_number
from runlift.workouts.fit_workout_reader import read_workout, session_from_workout
from runlift.workouts.moves import ALL_EQUIPMENT, Equipment
from runlift.workouts.session import SESSION_LABELS, build_session
from runlift.workouts.settings import AthleteSettings, MoveTarget
from tests.paths import FIXTURES

GARMIN_CONNECT_WORKOUT = FIXTURES / "fit" / "garmin-connect-strength-workout.fit"
CREATED = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)

SETTINGS = {
    "defaults": AthleteSettings(),
    "loads_kg": AthleteSettings(
        rest_s=75,
        targets={
            "walking_lunge": MoveTarget(load=12, reps=10),
            "romanian_deadlift": MoveTarget(load=42.5),
            "bent_over_row": MoveTarget(load=37.5, reps=12),
            "side_plank_leg_lift": MoveTarget(hold_s=15),
        },
    ),
    "loads_lb_no_bar": AthleteSettings(
        units="lb",
        equipment=ALL_EQUIPMENT - {Equipment.BAR},
        targets={"romanian_deadlift": MoveTarget(load=95), "walking_lunge": MoveTarget(load=25)},
    ),
    "dumbbells_only": AthleteSettings(
        equipment=frozenset({Equipment.DUMBBELLS}),
        targets={"bent_over_row": MoveTarget(load=14), "romanian_deadlift": MoveTarget(load=18)},
    ),
}
CASES = [(name, label) for name in SETTINGS for label in SESSION_LABELS]


def encode(name: str, label: str) -> tuple[object, bytes]:
    session = build_session(label, SETTINGS[name])
    return session, encode_session(session, serial_number(session, name), CREATED)


@pytest.mark.parametrize(("name", "label"), CASES)
def test_garmins_decoder_accepts_every_exported_file(name: str, label: str) -> None:
    _, data = encode(name, label)
    assert Decoder(Stream.from_byte_array(bytearray(data))).is_fit()
    assert Decoder(Stream.from_byte_array(bytearray(data))).check_integrity()
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    assert messages["file_id_mesgs"][0]["type"] == "workout"
    workout = messages["workout_mesgs"][0]
    assert (workout["sport"], workout["sub_sport"]) == ("training", "strength_training")


@pytest.mark.parametrize(("name", "label"), CASES)
def test_fitparse_decodes_every_exported_file(name: str, label: str) -> None:
    session, data = encode(name, label)
    fit = fitparse.FitFile(io.BytesIO(data), check_crc=True)
    steps = [m.get_values() for m in fit.get_messages("workout_step")]
    exercise_steps = [s for s in steps if s.get("intensity") == "active"]
    assert len(exercise_steps) == len(session.blocks)
    # python-fitparse carries the current profile: names, not bare numbers.
    assert {s["exercise_category"] for s in exercise_steps} <= {
        "lunge",
        "deadlift",
        "row",
        "plank",
        "leg_raise",
        "sit_up",
    }


@pytest.mark.parametrize(("name", "label"), CASES)
def test_exported_file_reads_back_as_the_same_session(name: str, label: str) -> None:
    session, data = encode(name, label)
    assert session_from_workout(read_workout(data)) == session


def test_each_file_gets_its_own_serial_number() -> None:
    session = build_session("A", AthleteSettings())
    assert serial_number(session, "2026-11-24") != serial_number(session, "2026-12-01")
    other = build_session("B", AthleteSettings())
    assert serial_number(session, "2026-11-24") != serial_number(other, "2026-11-24")


def test_exported_file_has_the_shape_of_garmin_connects_own_file() -> None:
    theirs = read_workout(GARMIN_CONNECT_WORKOUT.read_bytes())
    _, data = encode("loads_kg", "A")
    ours = read_workout(data)

    for workout in (theirs, ours):
        # Message order: header messages, then every step, then the exercise titles.
        order = list(workout.message_order)
        steps, titles = order.count("workout_step"), order.count("exercise_title")
        assert (
            order
            == ["file_id", "file_creator", "workout"]
            + ["workout_step"] * steps
            + ["exercise_title"] * titles
        )
        # num_valid_steps counts every step, repeat steps included.
        assert workout.num_valid_steps == len(workout.steps) == steps
        assert (workout.sport, workout.sub_sport) == ("training", "strength_training")
        # A repeat step points back at the first step it repeats and says how many times.
        for step in workout.steps:
            if step.get("duration_type") == "repeat_until_steps_cmplt":
                first = workout.steps[step["duration_value"]]
                assert first["message_index"] < step["message_index"]
                assert first.get("exercise_category") is not None
                assert step["target_value"] >= 1
        # One exercise title per distinct exercise in the steps.
        used = {
            (b.category, b.exercise_name) for b in workout.blocks if b.exercise_name is not None
        }
        assert used <= set(workout.titles)
        # Weights are kilograms with the display unit beside them.
        for block in workout.blocks:
            if block.weight_kg:
                assert block.weight_unit in {"kilogram", "pound"}

    assert theirs.name == "FullBody - Beginner - B"
    pushups = theirs.blocks[1]
    assert (
        pushups.category,
        pushups.exercise_name,
        pushups.sets,
        pushups.reps,
        pushups.rest_s,
    ) == (
        "push_up",
        "wide_hands_push_up",
        3,
        15,
        60.0,
    )
    rdl = next(b for b in ours.blocks if b.category == "deadlift")
    assert (rdl.sets, rdl.reps, rdl.rest_s, rdl.weight_kg, rdl.weight_unit) == (
        2,
        8,
        75.0,
        42.5,
        "kilogram",
    )
