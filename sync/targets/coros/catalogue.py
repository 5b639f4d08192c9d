"""The COROS catalogue entries runlift's moves use, shipped with the package (never fetched).

``data/exercises.json`` holds the entries of COROS's strength catalogue
(``GET /training/exercise/query?sportType=4``) for each exercise a runlift move can use, and
which runlift exercise (the FIT name of a move's variant) maps to which COROS entry. Its
``source`` says where the entries were copied from.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from runlift.workouts.coros_payload import CorosExercise

DATA = "exercises.json"


def _raw() -> dict[str, Any]:
    text = resources.files("runlift.sync.targets.coros").joinpath("data", DATA).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _entry(raw: dict[str, Any]) -> CorosExercise:
    return CorosExercise(
        catalogue_id=str(raw["id"]),
        code=str(raw["codeName"]),
        overview=str(raw["overview"]),
        name=str(raw["name"]),
        animation_id=int(raw["animationId"]),
        muscle=tuple(int(v) for v in raw["muscle"]),
        muscle_relevance=tuple(int(v) for v in raw["muscleRelevance"]),
        part=tuple(int(v) for v in raw["part"]),
        equipment=tuple(int(v) for v in raw["equipment"]),
        create_timestamp=int(raw["createTimestamp"]),
    )


@cache
def exercises_by_runlift_name() -> dict[str, CorosExercise]:
    """The COROS entry for each runlift exercise, keyed by the exercise's FIT name."""
    raw = _raw()
    entries = {code: _entry(value) for code, value in raw["exercises"].items()}
    return {name: entries[code] for name, code in raw["runlift_exercise_to_coros"].items()}


def source() -> dict[str, str]:
    """Where the entries were copied from (repository, commit, path, licence)."""
    return {str(k): str(v) for k, v in _raw()["source"].items()}
