"""A session as a COROS strength program: COROS's own exercise ids, sets/reps/holds/weights/rest
as COROS stores them, runlift's marker in the description."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from runlift.sync.targets.coros.catalogue import exercises_by_runlift_name, source
from runlift.workouts.coros_payload import (
    DISPLAY_KG,
    DISPLAY_LB,
    NO_REST,
    REST_SECONDS,
    STRENGTH_SPORT,
    TARGET_REPS,
    TARGET_SECONDS,
    UnknownCorosExercise,
    coros_workout,
)
from runlift.workouts.garmin_marker import parse_marker
from runlift.workouts.moves import MOVES, Equipment
from runlift.workouts.session import SESSION_LABELS, build_session
from runlift.workouts.settings import AthleteSettings, MoveTarget
from runlift.workouts.volume import Volume

DAY = date(2026, 11, 24)
CATALOGUE = exercises_by_runlift_name()
# The catalogue entries of the five moves as COROS's published catalogue numbers them.
COROS_CODES = {
    "walking_lunge": {"T1225"},
    "romanian_deadlift": {"T1287", "T1305"},
    "bent_over_row": {"T1054", "T1055"},
    "side_plank_leg_lift": {"T1216"},
    "hanging_leg_raise": {"T1032", "T1211"},
}


def _workout(label="A", volume=Volume.FULL, **settings):
    return coros_workout(build_session(label, AthleteSettings(**settings), volume), DAY, CATALOGUE)


def _equipment_sets():
    kinds = tuple(Equipment)
    for size in range(len(kinds) + 1):
        for combo in itertools.combinations(kinds, size):
            yield frozenset(combo)


@pytest.mark.parametrize("equipment", list(_equipment_sets()), ids=str)
@pytest.mark.parametrize("label", SESSION_LABELS)
@pytest.mark.parametrize("units", ["kg", "lb"])
@pytest.mark.parametrize("volume", list(Volume))
def test_every_session_any_athlete_brings_encodes_with_coros_ids(
    equipment, label, units, volume
) -> None:
    workout = _workout(label, volume, equipment=equipment, units=units)
    program = workout.program
    assert program["sportType"] == STRENGTH_SPORT
    assert program["exerciseNum"] == len(program["exercises"]) > 0
    for position, entry in enumerate(program["exercises"], start=1):
        assert entry["id"] == entry["sortNo"] == position
        assert entry["sportType"] == STRENGTH_SPORT
        assert entry["originId"].isdigit() and entry["name"].startswith("T")
        assert entry["overview"].startswith("sid_strength_")
    assert parse_marker(program["overview"]) == workout.marker


def test_each_move_uses_its_coros_catalogue_entry() -> None:
    seen: dict[str, set[str]] = {move.key: set() for move in MOVES}
    for move in MOVES:
        for variant in move.variants:
            seen[move.key].add(CATALOGUE[variant.exercise.fit_name].code)
    assert seen == COROS_CODES


def test_the_catalogue_data_names_its_source_and_licence() -> None:
    info = source()
    assert info["repository"] and len(info["commit"]) == 40 and info["path"]
    assert info["licence"].startswith("MIT")


def test_reps_holds_sets_and_rest_as_coros_stores_them() -> None:
    session = build_session("A", AthleteSettings(rest_s=75))
    entries = coros_workout(session, DAY, CATALOGUE).program["exercises"]
    for block, entry in zip(session.blocks, entries, strict=True):
        assert entry["sets"] == block.sets
        if block.hold_s is not None:
            assert (entry["targetType"], entry["targetValue"]) == (TARGET_SECONDS, block.hold_s)
        else:
            assert (entry["targetType"], entry["targetValue"]) == (TARGET_REPS, block.reps)
        assert (entry["restType"], entry["restValue"]) == (REST_SECONDS, block.rest_s)


def test_no_rest_is_coros_skip_rests() -> None:
    entries = _workout(rest_s=0).program["exercises"]
    zero = [e for e in entries if e["restValue"] == 0]
    assert zero and all(e["restType"] == NO_REST for e in zero)


def test_weights_are_grams_with_the_athletes_display_unit() -> None:
    kg = _workout(targets={"romanian_deadlift": MoveTarget(load=42.5)}).program
    rdl = next(e for e in kg["exercises"] if e["name"] == "T1287")
    assert (rdl["intensityType"], rdl["intensityValue"]) == (1, 42500)
    assert (rdl["intensityDisplayUnit"], rdl["intensityCustom"]) == (DISPLAY_KG, 0)

    lb = _workout(units="lb", targets={"romanian_deadlift": MoveTarget(load=95)}).program
    rdl = next(e for e in lb["exercises"] if e["name"] == "T1287")
    # 95 lb = 43.09 kg: grams, and the pounds themselves x 10^6 for the display.
    assert (rdl["intensityValue"], rdl["intensityPercent"]) == (43091, 95_000_000)
    assert rdl["intensityDisplayUnit"] == DISPLAY_LB


def test_body_weight_is_coros_bodyweight_not_zero_kilograms() -> None:
    program = _workout(equipment=frozenset()).program
    for entry in program["exercises"]:
        assert (entry["intensityValue"], entry["intensityCustom"]) == ("", 1)


def test_content_hash_follows_loads_and_day_and_nothing_else() -> None:
    base = _workout()
    heavier = _workout(targets={"bent_over_row": MoveTarget(load=30)})
    again = _workout()
    other_day = coros_workout(build_session("A", AthleteSettings()), date(2026, 11, 26), CATALOGUE)
    assert base.content_hash == again.content_hash
    assert base.content_hash != heavier.content_hash
    assert other_day.content_hash != base.content_hash  # the name carries the day
    assert str(base.marker.key) == "2026-11-24/A" and base.key == base.marker.key


def test_the_marker_survives_a_description_cut_anywhere_after_it() -> None:
    overview = _workout().program["overview"]
    first_line = overview.splitlines()[0]
    assert parse_marker(first_line) is not None


def test_an_exercise_without_a_coros_entry_is_named() -> None:
    session = build_session("A", AthleteSettings())
    missing = {k: v for k, v in CATALOGUE.items() if k != "hanging_leg_raise"}
    with pytest.raises(UnknownCorosExercise, match="hanging_leg_raise"):
        coros_workout(session, DAY, missing)
