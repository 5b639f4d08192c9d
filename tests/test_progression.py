"""Double progression: each rule of the coach's notes, on hand-made sessions."""

from __future__ import annotations

from datetime import date

import pytest

from runlift.workouts.moves import (
    BENT_OVER_ROW,
    HANGING_LEG_RAISE,
    ROMANIAN_DEADLIFT,
    SIDE_PLANK_LEG_LIFT,
    WALKING_LUNGE,
    Equipment,
)
from runlift.workouts.progression import (
    DoneSession,
    Increments,
    Rules,
    SessionFacts,
    WorkSet,
    fold,
    lifted_load,
    progress,
)
from runlift.workouts.settings import MoveTarget

ALL = frozenset(Equipment)
BARBELL_RDL = ROMANIAN_DEADLIFT.variant_for(ALL)
DUMBBELL_ROW = BENT_OVER_ROW.variant_for(frozenset({Equipment.DUMBBELLS}))
LUNGE = WALKING_LUNGE.variant_for(ALL)
PLANK = SIDE_PLANK_LEG_LIFT.variant_for(ALL)
LEG_RAISE = HANGING_LEG_RAISE.variant_for(ALL)
BOAT = HANGING_LEG_RAISE.variant_for(frozenset())
LB = Rules.of(Increments(5, 5), "lb")
KG = Rules(Increments(dumbbell=2.0, barbell=2.5), "kg")
BARBELL_ROW = BENT_OVER_ROW.variant_for(ALL)


def sets(*reps: int, load: float | None = None) -> list[WorkSet]:
    return [WorkSet(reps=r, load=load) for r in reps]


def holds(*seconds: float) -> list[WorkSet]:
    return [WorkSet(duration_s=s) for s in seconds]


def test_every_set_at_the_top_adds_the_barbell_step_and_starts_again_at_the_bottom() -> None:
    step = progress(BARBELL_RDL, MoveTarget(load=40), sets(12, 12, load=40), KG)
    assert step.target == MoveTarget(load=42.5, reps=8)
    assert "add 2.5 kg" in step.reason and "42.5 kg" in step.reason


def test_dumbbell_moves_use_the_dumbbell_step() -> None:
    step = progress(DUMBBELL_ROW, MoveTarget(load=12), sets(12, 12, load=12), KG)
    assert step.target.load == 14


def test_pound_users_step_in_their_own_unit() -> None:
    step = progress(BARBELL_RDL, MoveTarget(load=95), sets(12, 12, load=95), LB)
    assert step.target.load == 100
    assert "100 lb" in step.reason


def test_one_set_short_of_the_top_holds_the_load_and_aims_one_rep_higher() -> None:
    step = progress(BARBELL_RDL, MoveTarget(load=40), sets(12, 10, load=40), KG)
    assert step.target == MoveTarget(load=40, reps=11)
    assert "keep 40 kg" in step.reason and "not every set at 12" in step.reason


def test_fewer_sets_than_prescribed_do_not_earn_more_load() -> None:
    step = progress(BARBELL_RDL, MoveTarget(load=40), sets(12, load=40), KG)
    assert step.target.load == 40
    assert "1 of 2 sets done" in step.reason


def test_a_set_below_the_bottom_drops_one_step() -> None:
    step = progress(BARBELL_RDL, MoveTarget(load=40), sets(9, 6, load=40), KG)
    assert step.target == MoveTarget(load=37.5, reps=8)
    assert "below 8 reps" in step.reason


def test_the_load_lifted_counts_not_the_load_planned() -> None:
    # Planned 40, lifted 45 for both sets at the top: the next load builds on 45.
    step = progress(BARBELL_RDL, MoveTarget(load=40), sets(12, 12, load=45), KG)
    assert step.target.load == 47.5


def test_no_weight_entered_on_the_watch_means_the_planned_load() -> None:
    step = progress(BARBELL_RDL, MoveTarget(load=40), sets(12, 12, load=0), KG)
    assert step.target.load == 42.5


def test_walking_lunge_reps_are_counted_per_leg() -> None:
    # The watch counts 24 steps for 12 lunges on each leg: the top of 8-12.
    step = progress(LUNGE, MoveTarget(load=10), sets(24, 24, load=10), KG)
    assert step.target == MoveTarget(load=12, reps=8)
    held = progress(LUNGE, MoveTarget(load=10), sets(24, 20, load=10), KG)
    assert held.target == MoveTarget(load=10, reps=11)
    assert "per leg" in held.reason


def test_holds_grow_by_five_seconds_once_all_are_completed_up_to_twice_the_prescription() -> None:
    target = MoveTarget()
    seen = []
    for _ in range(3):
        target = progress(PLANK, target, holds(*[20.0] * 6), KG).target
        seen.append(target.hold_s)
    assert seen == [15, 20, 20]


def test_a_hold_a_little_short_still_counts_but_a_missed_hold_does_not() -> None:
    six = [10.0] * 5
    assert progress(PLANK, MoveTarget(), holds(*six, 9.4), KG).target.hold_s == 15
    step = progress(PLANK, MoveTarget(), holds(*six, 6.0), KG)
    assert step.target.hold_s == 10
    assert "5 of 6 holds" in step.reason


def test_side_plank_needs_both_sides_done() -> None:
    step = progress(PLANK, MoveTarget(), holds(10, 10, 10), KG)
    assert step.target.hold_s == 10


def test_leg_raises_build_reps_up_to_the_target() -> None:
    step = progress(LEG_RAISE, MoveTarget(), sets(6, 5, 5), KG)
    assert step.target.reps == 6
    step = progress(LEG_RAISE, step.target, sets(9, 9, 9), KG)
    assert step.target.reps == 10
    step = progress(LEG_RAISE, step.target, sets(10, 10, 10), KG)
    assert step.target.reps == 10
    assert "target of 10" in step.reason


def test_boat_pose_progresses_as_a_hold() -> None:
    step = progress(BOAT, MoveTarget(), holds(20, 21, 20), KG)
    assert step.target.hold_s == 25


def test_a_missed_session_changes_nothing() -> None:
    variants = {"romanian_deadlift": BARBELL_RDL, "side_plank_leg_lift": PLANK}
    start = {"romanian_deadlift": MoveTarget(load=40)}
    done = [
        DoneSession(date(2026, 3, 3), {"romanian_deadlift": sets(12, 12, load=40)}),
        DoneSession(date(2026, 3, 10), {}),  # nothing done: not a failure
        DoneSession(date(2026, 3, 6), {"romanian_deadlift": sets(10, 9, load=42.5)}),
    ]
    result = fold(done, start, variants, KG)
    assert result.targets["romanian_deadlift"] == MoveTarget(load=42.5, reps=10)
    assert result.targets["side_plank_leg_lift"] == MoveTarget()
    assert [c.day for c in result.steps] == [date(2026, 3, 3), date(2026, 3, 6)]
    assert all(c.reason for c in result.steps)


@pytest.mark.parametrize(
    ("kg", "unit", "shown"),
    [(20.4375, "lb", 45.0), (21.5625, "lb", 47.5), (22.5, "kg", 22.5), (1.25, "kg", 1.25)],
)
def test_loads_read_back_in_kg_snap_to_what_the_athlete_typed(
    kg: float, unit: str, shown: float
) -> None:
    # FIT keeps 1/16 kg: 45 lb is stored as 327/16 kg.
    assert lifted_load(kg, unit) == shown  # type: ignore[arg-type]


def loaded(*done: tuple[int, float]) -> list[WorkSet]:
    return [WorkSet(reps=r, load=load) for r, load in done]


def test_lighter_sets_before_the_working_load_are_warm_ups() -> None:
    done = loaded((10, 20), (8, 30), (12, 40), (12, 40))
    step = progress(BARBELL_RDL, MoveTarget(load=40), done, KG)
    assert step.roles == ("warmup", "warmup", "work", "work")
    assert step.target == MoveTarget(load=42.5, reps=8)
    assert "12, 12 reps @ 40 kg after 2 warm-up sets" in step.reason


def test_the_working_load_is_the_heaviest_that_reached_the_bottom_of_the_range() -> None:
    # A heavy single at 60 kg did not reach 8 reps: the work was done at 50 kg.
    done = loaded((10, 40), (9, 50), (10, 50), (3, 60), (12, 30))
    step = progress(BARBELL_RDL, MoveTarget(load=50), done, KG)
    assert step.roles == ("warmup", "work", "work", "other", "other")
    assert step.target == MoveTarget(load=50, reps=10)


def test_a_lighter_set_after_the_work_does_not_set_the_load() -> None:
    # The row: 14 kg, then 4 kg. The minimum used to make 4 kg the next target.
    step = progress(BARBELL_ROW, MoveTarget(), loaded((10, 14), (10, 4)), KG)
    assert step.roles == ("work", "other")
    assert step.target.load == 20  # and never below the empty bar


def test_a_barbell_load_is_never_below_the_bar_in_the_athletes_unit() -> None:
    step = progress(BARBELL_ROW, MoveTarget(load=25), loaded((12, 20), (6, 20)), KG)
    assert step.target.load == 22.5
    step = progress(BARBELL_ROW, MoveTarget(), loaded((12, 20), (6, 20)), KG)
    assert step.target.load == 20
    assert "never below the empty bar, 20 kg" in step.reason
    pounds = progress(BARBELL_ROW, MoveTarget(load=45), loaded((12, 45), (5, 45)), LB)
    assert pounds.target.load == 45
    own_bar = Rules.of(Increments(), "kg", barbell_kg=15)
    assert (
        progress(BARBELL_ROW, MoveTarget(), loaded((10, 10), (10, 10)), own_bar).target.load == 15
    )


@pytest.mark.parametrize(
    ("done", "load"),
    [
        (((12, 13), (12, 13)), 14),  # up: the next dumbbell above 13
        (((10, 13), (6, 13)), 12),  # down: the next below
        (((10, 13), (10, 13)), 12),  # kept: the nearest, the lighter on a tie
        (((10, 14.5), (10, 14.5)), 14),
    ],
)
def test_dumbbell_loads_stay_on_the_grid_of_the_dumbbell_step(
    done: tuple[tuple[int, float], ...], load: float
) -> None:
    assert progress(DUMBBELL_ROW, MoveTarget(), loaded(*done), KG).target.load == load


def test_a_load_comes_down_at_most_one_step_a_session() -> None:
    target = MoveTarget(load=60)
    failed = progress(BARBELL_RDL, target, loaded((12, 50), (6, 50)), KG)
    assert failed.target.load == 57.5
    assert "down at most 2.5 kg a session from 60 kg" in failed.reason
    light = progress(BARBELL_RDL, target, loaded((12, 40), (12, 40)), KG)
    assert light.target.load == 57.5
    dumbbells = progress(DUMBBELL_ROW, MoveTarget(load=13), loaded((10, 8), (6, 8)), KG)
    assert dumbbells.target.load == 12  # 11 is off the grid: the next dumbbell up


def test_only_a_session_known_to_be_the_move_lowers_a_load() -> None:
    doubtful = SessionFacts(trusted=False)
    step = progress(BARBELL_RDL, MoveTarget(load=60), loaded((12, 50), (6, 50)), KG, doubtful)
    assert step.target.load == 60
    raised = progress(BARBELL_RDL, MoveTarget(load=60), loaded((12, 60), (12, 60)), KG, doubtful)
    assert raised.target.load == 62.5


def test_sets_of_other_equipment_leave_the_target_alone() -> None:
    dumbbell_sets = [WorkSet(reps=12, load=16, kind="dumbbell")] * 2
    step = progress(BARBELL_RDL, MoveTarget(load=60), dumbbell_sets, KG)
    assert step.target == MoveTarget(load=60)
    assert step.roles == ("other", "other")
    boat = [WorkSet(duration_s=30, kind="hold")] * 3
    assert progress(LEG_RAISE, MoveTarget(reps=8), boat, KG).target == MoveTarget(reps=8)


def test_fold_keeps_each_sessions_sets_roles_and_key() -> None:
    done = DoneSession(
        date(2026, 3, 3), {"romanian_deadlift": loaded((8, 20), (12, 40), (12, 40))}, key="a1"
    )
    [change] = fold([done], {}, {"romanian_deadlift": BARBELL_RDL}, KG).steps
    assert (change.session, change.roles) == ("a1", ("warmup", "work", "work"))
    assert change.after.load == 42.5
