"""Garmin's FIT rendering of a stored workout (GET /workout-service/workout/FIT/{id}), for the
fake: the file the watch receives, written with garmin_fit_sdk's Encoder.

Shaped like the workout file Garmin Connect itself exports (tests/fixtures/fit/
garmin-connect-strength-workout.fit): file_id, workout, then one workout_step per executable
step, a repeat step after each repeat group. A step's weight is ``exercise_weight`` in kg; with
``grams`` the fake reads ``weightValue`` as grams, the other reading nobody has ruled out.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from garmin_fit_sdk import Encoder, Profile

from runlift.workouts.catalog import UnknownExercise, fit_category_number, fit_name_number

MESG = Profile["mesg_num"]


def render_workout_fit(workout: dict[str, Any], *, grams: bool = False) -> bytes:
    steps: list[dict[str, Any]] = []
    for segment in workout.get("workoutSegments") or []:
        _add(segment.get("workoutSteps") or [], steps, grams)
    encoder = Encoder()
    encoder.write_mesg(
        {
            "mesg_num": MESG["FILE_ID"],
            "type": "workout",
            "manufacturer": "garmin",
            "product": 65534,
            "serial_number": workout["workoutId"] % 2**32 or 1,
            "time_created": datetime(2026, 1, 1, tzinfo=UTC),
        }
    )
    encoder.write_mesg(
        {
            "mesg_num": MESG["WORKOUT"],
            "wkt_name": workout.get("workoutName") or "",
            "sport": "training",
            "sub_sport": "strength_training",
            "num_valid_steps": len(steps),
        }
    )
    for index, step in enumerate(steps):
        encoder.write_mesg({"mesg_num": MESG["WORKOUT_STEP"], "message_index": index, **step})
    return bytes(encoder.close())


def _add(source: list[dict[str, Any]], steps: list[dict[str, Any]], grams: bool) -> None:
    for step in source:
        if step.get("type") == "RepeatGroupDTO":
            first = len(steps)
            _add(step.get("workoutSteps") or [], steps, grams)
            steps.append(
                {
                    "duration_type": "repeat_until_steps_cmplt",
                    "duration_value": first,
                    "target_value": int(step.get("numberOfIterations") or 1),
                }
            )
        else:
            steps.append(_executable(step, grams))


def _executable(step: dict[str, Any], grams: bool) -> dict[str, Any]:
    kind = (step.get("stepType") or {}).get("stepTypeKey")
    condition = (step.get("endCondition") or {}).get("conditionTypeKey")
    value = float(step.get("endConditionValue") or 0)
    out: dict[str, Any] = {
        "intensity": "rest" if kind in ("rest", "recovery") else "active",
        "target_type": "open",
        "target_value": 0,
    }
    if condition == "reps":
        out.update(duration_type="reps", duration_value=int(value))
    elif condition == "time":
        out.update(duration_type="time", duration_value=int(value * 1000))
    else:
        out.update(duration_type="open", duration_value=0)
    category, name = step.get("category"), step.get("exerciseName")
    if isinstance(category, str) and category:
        try:
            out["exercise_category"] = fit_category_number(category.lower())
            if isinstance(name, str) and name:
                out["exercise_name"] = fit_name_number(category.lower(), name.lower())
        except UnknownExercise:
            pass
    weight, unit = step.get("weightValue"), step.get("weightUnit") or {}
    if isinstance(weight, int | float) and weight > 0:
        kg = weight / 1000 if grams else weight * float(unit.get("factor") or 1000) / 1000
        out["exercise_weight"] = round(kg, 2)
        out["weight_display_unit"] = "kilogram"
    return out
