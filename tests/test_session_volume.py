"""A lighter week of the running block builds a lighter session, and does not move the loads."""

from datetime import UTC, date, datetime

import pytest

from runlift.workouts.fit_workout import encode_session
from runlift.workouts.fit_workout_reader import read_workout, session_from_workout
from runlift.workouts.garmin_payload import garmin_workout
from runlift.workouts.moves import ALL_EQUIPMENT, ROMANIAN_DEADLIFT
from runlift.workouts.progression import DoneSession, Rules, SessionFacts, WorkSet, fold
from runlift.workouts.session import build_session
from runlift.workouts.settings import AthleteSettings, MoveTarget
from runlift.workouts.volume import Volume, volume_in_name

SETTINGS = AthleteSettings(
    targets={
        "romanian_deadlift": MoveTarget(reps=11, load=60.0),
        "bent_over_row": MoveTarget(reps=9, load=40.0),
        "side_plank_leg_lift": MoveTarget(hold_s=15),
    }
)


def blocks_by_move(volume: Volume) -> dict[str, list]:
    session = build_session("A", SETTINGS, volume)
    found: dict[str, list] = {}
    for block in session.blocks:
        found.setdefault(block.move, []).append(block)
    return found


def test_the_full_session_is_the_program_as_prescribed() -> None:
    full = blocks_by_move(Volume.FULL)
    assert full["romanian_deadlift"][0].sets == 2
    assert full["romanian_deadlift"][0].reps == 11
    assert [b.sets for b in full["side_plank_leg_lift"]] == [3, 3]
    assert build_session("A", SETTINGS).name == "Runner Strength A"


def test_maintenance_is_one_set_per_move_at_the_bottom_of_the_range_with_the_loads_kept() -> None:
    session = build_session("A", SETTINGS, Volume.MAINTENANCE)
    assert session.name == "Runner Strength A · maintenance"
    assert {block.sets for block in session.blocks} == {1}
    by_move = blocks_by_move(Volume.MAINTENANCE)
    rdl = by_move["romanian_deadlift"][0]
    assert (rdl.reps, str(rdl.load)) == (8, "60 kg")
    assert by_move["walking_lunge"][0].reps == 16  # 8 each leg
    assert by_move["hanging_leg_raise"][0].reps == 10
    assert [b.hold_s for b in by_move["side_plank_leg_lift"]] == [15, 15]


def test_deload_is_one_set_per_move_at_the_same_loads_and_reps() -> None:
    rdl = blocks_by_move(Volume.DELOAD)["romanian_deadlift"][0]
    assert (rdl.sets, rdl.reps, str(rdl.load)) == (1, 11, "60 kg")


def test_bodyweight_is_one_set_per_move_without_added_load() -> None:
    session = build_session("B", SETTINGS, Volume.BODYWEIGHT)
    assert session.name == "Runner Strength B · bodyweight"
    assert {block.sets for block in session.blocks} == {1}
    assert all(block.load is None for block in session.blocks)


@pytest.mark.parametrize("volume", list(Volume))
def test_the_garmin_connect_workout_is_named_with_its_volume(volume: Volume) -> None:
    session = build_session("A", SETTINGS, volume)
    payload = garmin_workout(session, date(2027, 8, 3)).payload
    assert payload["workoutName"].startswith(session.name + " · ")
    assert volume_in_name(payload["workoutName"]) is volume


@pytest.mark.parametrize("volume", list(Volume))
def test_the_fit_file_round_trips_with_its_volume(volume: Volume) -> None:
    session = build_session("A", SETTINGS, volume)
    data = encode_session(session, 1, datetime(2027, 8, 1, 6, tzinfo=UTC))
    back = session_from_workout(read_workout(data))
    assert (back.label, back.volume) == ("A", volume)
    assert [b.sets for b in back.blocks] == [b.sets for b in session.blocks]


def test_lighter_sessions_keep_the_targets() -> None:
    variants = {"romanian_deadlift": ROMANIAN_DEADLIFT.variant_for(ALL_EQUIPMENT)}
    start = {"romanian_deadlift": MoveTarget(reps=12, load=60.0)}
    at_the_top = {"romanian_deadlift": [WorkSet(reps=12, load=60.0)] * 2}
    below = {"romanian_deadlift": [WorkSet(reps=5, load=60.0)]}
    for volume in (Volume.DELOAD, Volume.MAINTENANCE, Volume.BODYWEIGHT):
        facts = SessionFacts(volume=volume)
        done = [
            DoneSession(date(2027, 8, 3), at_the_top, facts),
            DoneSession(date(2027, 8, 10), below, facts),
        ]
        progress = fold(done, start, variants, Rules())
        assert progress.targets == start
        assert progress.steps[0].decision == "targets kept"
        assert f"a {volume} session" in progress.steps[0].reason
    full = fold([DoneSession(date(2027, 8, 3), at_the_top)], start, variants, Rules())
    assert full.targets["romanian_deadlift"].load == 62.5
