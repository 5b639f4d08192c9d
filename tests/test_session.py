"""A session is the five moves shaped by the athlete's equipment, loads and rest."""

import pytest

from runlift.workouts.moves import ALL_EQUIPMENT, Equipment
from runlift.workouts.session import SESSION_LABELS, Side, build_session
from runlift.workouts.settings import AthleteSettings, MoveTarget, SettingsError
from runlift.workouts.units import Load


def blocks_by_move(session):
    out = {}
    for block in session.blocks:
        out.setdefault(block.move, []).append(block)
    return out


def test_two_sessions_hold_the_same_five_moves_in_another_order() -> None:
    a, b = (build_session(label, AthleteSettings()) for label in SESSION_LABELS)
    assert set(blocks_by_move(a)) == set(blocks_by_move(b))
    assert len(blocks_by_move(a)) == 5
    assert [x.move for x in a.blocks] != [x.move for x in b.blocks]


def test_the_coachs_prescription_with_defaults() -> None:
    moves = blocks_by_move(build_session("A", AthleteSettings()))
    (lunge,) = moves["walking_lunge"]
    assert (lunge.sets, lunge.reps, lunge.rest_s) == (2, 16, 90)
    (rdl,) = moves["romanian_deadlift"]
    assert (rdl.sets, rdl.reps, rdl.exercise.fit_name) == (2, 8, "romanian_deadlift")
    (row,) = moves["bent_over_row"]
    assert (row.sets, row.reps, row.exercise.fit_name) == (2, 8, "bent_over_row_with_barbell")
    planks = moves["side_plank_leg_lift"]
    assert [(p.sets, p.hold_s, p.side) for p in planks] == [
        (3, 10, Side.LEFT),
        (3, 10, Side.RIGHT),
    ]
    (raises,) = moves["hanging_leg_raise"]
    assert (raises.sets, raises.reps, raises.exercise.fit_name) == (3, 10, "hanging_leg_raise")


def test_unilateral_work_says_the_side_and_what_the_rep_target_counts() -> None:
    moves = blocks_by_move(
        build_session("A", AthleteSettings(targets={"walking_lunge": MoveTarget(reps=10)}))
    )
    (lunge,) = moves["walking_lunge"]
    assert lunge.reps == 20
    assert "10/leg" in lunge.name
    assert "20 steps per set = 10 each leg" in lunge.notes
    left, right = moves["side_plank_leg_lift"]
    assert left.name.endswith("Left") and "left side down" in left.notes
    assert right.name.endswith("Right") and "right side down" in right.notes


def test_no_bar_means_boat_pose() -> None:
    settings = AthleteSettings(equipment=ALL_EQUIPMENT - {Equipment.BAR})
    (core,) = blocks_by_move(build_session("B", settings))["hanging_leg_raise"]
    assert core.name == "Boat Pose Hold"
    assert core.hold_s is not None and core.reps is None


def test_dumbbells_only_means_dumbbell_row_and_dumbbell_rdl() -> None:
    settings = AthleteSettings(
        equipment=frozenset({Equipment.DUMBBELLS}),
        targets={"bent_over_row": MoveTarget(load=12), "romanian_deadlift": MoveTarget(load=16)},
    )
    moves = blocks_by_move(build_session("A", settings))
    (row,) = moves["bent_over_row"]
    (rdl,) = moves["romanian_deadlift"]
    assert row.exercise.fit_name == "bent_over_row_with_dumbell"
    assert rdl.exercise.fit_name == "dumbbell_straight_leg_deadlift"
    assert (row.load, rdl.load) == (Load(12, "kg"), Load(16, "kg"))


def test_loads_in_pounds_rest_and_reps_follow_the_settings() -> None:
    settings = AthleteSettings(
        units="lb",
        rest_s=60,
        targets={"romanian_deadlift": MoveTarget(load=95, reps=10)},
    )
    (rdl,) = blocks_by_move(build_session("A", settings))["romanian_deadlift"]
    assert (rdl.load, rdl.reps, rdl.rest_s) == (Load(95, "lb"), 10, 60)
    assert "@ 95 lb" in rdl.notes


def test_zero_load_means_body_weight_or_open() -> None:
    settings = AthleteSettings(targets={"romanian_deadlift": MoveTarget(load=0)})
    (rdl,) = blocks_by_move(build_session("A", settings))["romanian_deadlift"]
    assert rdl.load is None


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        ({"targets": {"romanian_deadlift": MoveTarget(load=-5)}}, "romanian_deadlift.load"),
        ({"targets": {"romanian_deadlift": MoveTarget(load=2000)}}, "romanian_deadlift.load"),
        ({"targets": {"squat": MoveTarget(load=20)}}, "squat"),
        ({"rest_s": -1}, "rest_seconds"),
        ({"units": "stone"}, "units"),
        ({"targets": {"walking_lunge": MoveTarget(reps=0)}}, "walking_lunge.reps"),
    ],
)
def test_impossible_settings_are_refused_naming_the_setting(settings, field) -> None:
    with pytest.raises(SettingsError, match=field):
        AthleteSettings(**settings)
