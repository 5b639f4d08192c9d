"""How Garmin renders a workout step's weight on the watch: measured once, then applied.

runlift sends a step's weight as ``weightValue`` in the athlete's unit, named by ``weightUnit``
(what the recordings favour; garminconnect's own helpers assume grams). Which reading Garmin
applies shows in its own FIT rendering of the workout (GET /workout-service/workout/FIT/{id},
what the watch receives), decoded with garmin_fit_sdk. The factor is the watch's kilograms per
kilogram sent: 1.0 when Garmin reads the value as sent, 0.001 when it reads it as grams.
"""

from __future__ import annotations

from typing import Any

from runlift.workouts.fit_workout_reader import NotAWorkoutFile, read_workout

# Within this of 1, the FIT's 0.01 kg resolution, not a unit mismatch.
_SAME = 0.02


def sent_kg(payload: dict[str, Any]) -> float | None:
    """The first step weight of a workout payload, in kilograms."""
    for step in _steps(payload):
        value = step.get("weightValue")
        unit = step.get("weightUnit")
        grams_per_unit = unit.get("factor") if isinstance(unit, dict) else None
        if isinstance(value, int | float) and value > 0 and isinstance(grams_per_unit, int | float):
            return float(value) * grams_per_unit / 1000
    return None


def watch_kg(fit: bytes) -> float | None:
    """The first step weight of a workout FIT, in kilograms, as the watch will see it."""
    try:
        workout = read_workout(fit)
    except NotAWorkoutFile:
        return None
    for block in workout.blocks:
        if block.weight_kg:
            return float(block.weight_kg)
    return None


def factor(sent: float, seen: float) -> float:
    """Watch kilograms per kilogram sent; exactly 1.0 when the two agree."""
    ratio = seen / sent
    return 1.0 if abs(ratio - 1.0) <= _SAME else float(f"{ratio:.4g}")


def _steps(payload: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    def walk(steps: Any) -> None:
        for step in steps if isinstance(steps, list) else []:
            if isinstance(step, dict):
                found.append(step)
                walk(step.get("workoutSteps"))

    for segment in payload.get("workoutSegments") or []:
        if isinstance(segment, dict):
            walk(segment.get("workoutSteps"))
    return found
