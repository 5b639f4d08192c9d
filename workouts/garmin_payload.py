"""A session as a Garmin Connect strength workout (the JSON the workout service takes).

Built with garminconnect's own strength builders: one repeat group per block (the exercise step
and its rest, repeated ``sets`` times), one flat stepOrder counter across nested steps, sport
type strength_training (5). Every workout carries runlift's marker in its description (see
``workouts.garmin_marker``) and a content hash of everything else, so the sync can tell an
unchanged workout from one whose loads or days moved without reading it back.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from runlift.workouts.garmin_marker import Marker, session_key
from runlift.workouts.session import Block, Session
from runlift.workouts.session_key import SessionKey
from runlift.workouts.units import Load

# Garmin's unit objects: ``factor`` is grams per unit and ``weightValue`` is in the named unit.
WEIGHT_UNITS: dict[str, dict[str, Any]] = {
    "kg": {"unitId": 8, "unitKey": "kilogram", "factor": 1000.0},
    "lb": {"unitId": 9, "unitKey": "pound", "factor": 453.59237},
}
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_HASH_CHARS = 12
# The estimate fields exactly as every accepted create on record sends them: no estimate and no
# estimate type (tests/fakes/EVIDENCE.md, "Estimate fields"). A non-zero estimate without a type
# is refused with 400 "Estimated distance and/or time values are not consistent with
# estimatedType!"; runlift sends none (the recorded answers keep 0: no estimate is shown).
RECORDED_ESTIMATE: dict[str, Any] = {
    "avgTrainingSpeed": 0,
    "estimatedDurationInSecs": 0,
    "estimatedDistanceInMeters": 0,
    "estimateType": None,
}


@dataclass(frozen=True)
class GarminWorkout:
    """One session on one day, ready to upload: the payload already carries the marker."""

    key: SessionKey
    day: date
    label: str
    name: str
    content_hash: str
    payload: dict[str, Any]


def garmin_workout(session: Session, day: date, weight_factor: float = 1.0) -> GarminWorkout:
    """``weight_factor``: watch kilograms per kilogram sent, as measured (1.0 until then)."""
    name = workout_name(session.name, day)
    body = workout_body(session, name, weight_factor)
    digest = content_hash(body)
    marker = Marker(day=day, label=session.label, content_hash=digest)
    payload = {**body, "description": description(session, marker)}
    return GarminWorkout(
        key=session_key(day, session.label),
        day=day,
        label=session.label,
        name=name,
        content_hash=digest,
        payload=payload,
    )


def workout_name(session_name: str, day: date) -> str:
    """``Runner Strength A · Tue 24 Nov``: English, whatever the machine's locale."""
    return f"{session_name} · {_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def description(session: Session, marker: Marker) -> str:
    moves = ", ".join(dict.fromkeys(block.title for block in session.blocks))
    return (
        f"{session.name}: {moves}. Placed by runlift around your running plan; "
        f"runlift rewrites this workout when the plan or your loads change.\n{marker}"
    )


def workout_body(session: Session, name: str, weight_factor: float = 1.0) -> dict[str, Any]:
    """The workout without its description: what the content hash covers."""
    from garminconnect.workout import StrengthWorkout, WorkoutSegment

    steps: list[Any] = []
    order = 1
    for block in session.blocks:
        steps.append(_block_steps(block, order))
        order += 3 if block.rest_s > 0 else 2
    workout = StrengthWorkout(
        workoutName=name,
        estimatedDurationInSecs=0,
        workoutSegments=[
            WorkoutSegment(
                segmentOrder=1,
                sportType={"sportTypeId": 5, "sportTypeKey": "strength_training"},
                workoutSteps=steps,
            )
        ],
    )
    body = {**workout.to_dict(), **RECORDED_ESTIMATE}
    groups = body["workoutSegments"][0]["workoutSteps"]
    for group, block in zip(groups, session.blocks, strict=True):
        if block.load is not None:
            group["workoutSteps"][0].update(weight_fields(block.load, weight_factor))
    return body


def weight_fields(load: Load, factor: float = 1.0) -> dict[str, Any]:
    """The one place a load becomes Garmin's weightValue and weightUnit.

    The value is in the athlete's own unit, named by weightUnit (docs/garmin-connect.md, "Weight
    units", and tests/test_garmin_payload.py); garminconnect's helpers would send kilograms x 1000
    instead. ``factor`` is how Garmin was measured to render a sent weight on the watch (`runlift
    doctor garmin`): the value is divided by it, so the watch shows the load.
    """
    value = float(load.value) if factor == 1.0 else round(load.value / factor, 3)
    return {"weightValue": value, "weightUnit": dict(WEIGHT_UNITS[load.unit])}


def _block_steps(block: Block, order: int) -> Any:
    from garminconnect.workout import (
        create_repeat_group,
        create_strength_exercise_step,
        create_strength_set,
        create_strength_timed_set,
        create_strength_timed_step,
    )

    category, exercise_name = block.exercise.connect_ids()
    notes = block.notes or None
    if block.rest_s <= 0:
        # No rest step at all rather than a zero-second one.
        if block.hold_s is not None:
            step = create_strength_timed_step(
                category, order + 1, block.hold_s, exercise_name, description=notes
            )
        else:
            assert block.reps is not None
            step = create_strength_exercise_step(
                category, order + 1, block.reps, exercise_name, description=notes
            )
        return create_repeat_group(block.sets, [step], order)
    if block.hold_s is not None:
        return create_strength_timed_set(
            category,
            order,
            sets=block.sets,
            duration_seconds=block.hold_s,
            rest_seconds=block.rest_s,
            exercise_name=exercise_name,
            description=notes,
        )
    assert block.reps is not None
    return create_strength_set(
        category,
        order,
        sets=block.sets,
        reps=block.reps,
        rest_seconds=block.rest_s,
        exercise_name=exercise_name,
        description=notes,
    )


def content_hash(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:_HASH_CHARS]
