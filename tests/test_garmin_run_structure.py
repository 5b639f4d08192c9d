"""What a Garmin running workout's steps tell the planner."""

import json

from runlift.sync.targets.garmin.run_structure import (
    structure_from_json,
    structure_to_json,
    summarise,
)
from tests.paths import FIXTURES

GARMIN = FIXTURES / "garmin"


def step(kind, end, value, target="no.target", low=None, high=None, zone=None, note=None):
    return {
        "type": "ExecutableStepDTO",
        "stepType": {"stepTypeKey": kind},
        "endCondition": {"conditionTypeKey": end},
        "endConditionValue": value,
        "targetType": {"workoutTargetTypeKey": target},
        "targetValueOne": low,
        "targetValueTwo": high,
        "zoneNumber": zone,
        "description": note,
    }


def repeat(times, *steps):
    return {
        "type": "RepeatGroupDTO",
        "stepType": {"stepTypeKey": "repeat"},
        "numberOfIterations": times,
        "workoutSteps": list(steps),
    }


def workout(*steps):
    return {
        "sportType": {"sportTypeKey": "running"},
        "workoutSegments": [{"workoutSteps": list(steps)}],
    }


def test_recorded_repeats_are_counted_with_their_iterations() -> None:
    recorded = json.loads((GARMIN / "workout-get-running-repeats.json").read_text())
    structure = summarise(recorded)
    assert structure.work_intervals == 6 + 3
    assert structure.longest_work_s == 60
    assert not structure.hard_targets  # no targets at all in this one
    assert not structure.strides_only  # 60 s repeats are not strides


def test_nested_repeats_multiply_and_targets_above_easy_are_seen() -> None:
    recorded = json.loads(
        (GARMIN / "workout-post-running-nested-repeats.response.json").read_text()
    )
    structure = summarise(recorded)
    assert structure.work_intervals == 3 * 4
    assert structure.longest_work_s == 600  # the 10 min heart-rate zone 4 block
    assert structure.hard_targets


def test_easy_run_with_strides_stays_strides_only() -> None:
    easy = workout(
        step("interval", "time", 2400, "heart.rate.zone", zone=2),
        repeat(4, step("interval", "time", 20), step("recovery", "time", 60)),
    )
    structure = summarise(easy)
    assert structure.strides_only
    assert structure.work_intervals == 4
    assert not structure.hard_targets


def test_a_tempo_block_faster_than_the_warm_up_is_hard() -> None:
    tempo = workout(
        step("warmup", "time", 900, "pace.zone", 2.6, 2.9),
        step("interval", "time", 1200, "pace.zone", 3.9, 3.7),  # faster-first, as Garmin may send
        step("cooldown", "time", 600, "pace.zone", 2.6, 2.9),
    )
    structure = summarise(tempo)
    assert structure.hard_targets
    assert structure.longest_work_s == 1200
    assert structure.work_intervals == 0


def test_a_steady_run_at_the_easy_pace_is_not_hard() -> None:
    steady = workout(
        step("warmup", "time", 600, "pace.zone", 2.7, 2.9),
        step("interval", "distance", 8000, "pace.zone", 2.7, 2.9),
    )
    structure = summarise(steady)
    assert not structure.hard_targets
    assert round(structure.longest_work_s) == round(8000 / 2.9)


def test_distance_repeats_at_a_pace_are_hard_even_without_easy_steps() -> None:
    track = workout(repeat(6, step("interval", "distance", 800, "pace.zone", 4.4, 4.6)))
    structure = summarise(track)
    assert structure.hard_targets
    assert structure.work_intervals == 6
    assert not structure.strides_only


def test_the_summary_survives_the_cache() -> None:
    structure = summarise(workout(step("interval", "time", 300, note="Tempo")))
    assert structure_from_json(json.loads(json.dumps(structure_to_json(structure)))) == structure
    assert structure.step_names == ("Tempo",)
