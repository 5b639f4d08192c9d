"""Garmin Connect's exercise sets (GET /activity-service/activity/{id}/exerciseSets) as set records.

These are the sets as the athlete left them in Garmin Connect: where the watch guessed, the
exercises list holds ranked candidates; where the athlete picked, one at probability 100.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from runlift.workouts.matching import UNKNOWN, Guess, SetRecord

GRAMS_PER_KG = 1000.0


def exercise_set_weight_kg(weight: float) -> float:
    """The ONE conversion of Garmin Connect's exercise-set ``weight``, which is in grams.

    Evidence (docs/garmin-connect.md, "Weight units"): exerciseSets ``weight`` and
    the activity list's summarizedExerciseSets ``maxWeight`` are grams per several independent
    sources; the recorded activity list in tests/fixtures/garmin/activities-search-strength.json
    has maxWeight 150000 for a 150 kg bench press. If real use proves otherwise, change it here.
    """
    return float(weight) / GRAMS_PER_KG


def set_records(answer: Any) -> tuple[SetRecord, ...]:
    sets = answer.get("exerciseSets") if isinstance(answer, dict) else None
    if not isinstance(sets, list):
        return ()
    records = []
    for position, item in enumerate(sets):
        if isinstance(item, dict):
            records.append(_record(position, item))
    return tuple(records)


def _record(position: int, item: dict[str, Any]) -> SetRecord:
    active = str(item.get("setType", "")).upper() == "ACTIVE"
    weight = item.get("weight")
    reps = item.get("repetitionCount")
    duration = item.get("duration")
    step = item.get("wktStepIndex")
    return SetRecord(
        position=position,
        active=active,
        guesses=_guesses(item.get("exercises")),
        reps=int(reps) if isinstance(reps, (int, float)) and active else None,
        weight_kg=(
            exercise_set_weight_kg(weight)
            if isinstance(weight, (int, float)) and active
            else (0.0 if active else None)
        ),
        duration_s=float(duration) if isinstance(duration, (int, float)) else None,
        step_index=step if isinstance(step, int) else None,
        start=_time(item.get("startTime")),
    )


def _guesses(exercises: Any) -> tuple[Guess, ...]:
    if not isinstance(exercises, list):
        return ()
    ranked = sorted(
        (e for e in exercises if isinstance(e, dict) and isinstance(e.get("category"), str)),
        key=lambda e: -(_number(e.get("probability")) or 0.0),
    )
    guesses = []
    for index, exercise in enumerate(ranked):
        category = exercise["category"].lower()
        if category == UNKNOWN:
            if index == 0:
                return ()
            continue
        name = exercise.get("name")
        guesses.append(Guess(category, name.lower() if isinstance(name, str) and name else None))
    return tuple(guesses)


def _number(value: Any) -> float | None:
    """A JSON number (or a number written as text), else None."""
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _time(value: Any) -> datetime | None:
    """Garmin's set times are GMT: "2025-09-23T10:10:01.0"."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace(" ", "T").removesuffix("Z"))
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
