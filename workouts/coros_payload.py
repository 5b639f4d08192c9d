"""A session as a COROS Training Hub strength workout (the program body COROS stores).

COROS keeps a strength workout as a "program" of sport type 4 whose ``exercises`` are entries of
its own exercise catalogue (``originId`` the catalogue id, ``name`` its T-code, ``overview`` its
``sid_strength_...`` key), each done ``sets`` times with a target of reps (targetType 3) or of
seconds (targetType 2), a weight in grams (intensityType 1) and a rest after each set. The
shapes follow the public recordings listed in tests/fakes/EVIDENCE.md (section COROS Training
Hub). Like the Garmin workout, the program's description (``overview``) carries runlift's
marker with a content hash of everything else, so a program is recognised as runlift's, and an
unchanged one is told from a changed one, without reading its exercises back.

Pure: the catalogue entries are handed in by the caller (``runlift.sync.targets.coros.catalogue``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from runlift.workouts.garmin_marker import Marker, session_key
from runlift.workouts.garmin_payload import workout_name
from runlift.workouts.session import Block, Session
from runlift.workouts.session_key import SessionKey
from runlift.workouts.units import KG_PER_LB

STRENGTH_SPORT = 4
# A structured workout (strength and run programs alike carry it).
STRUCTURED = 65535
TARGET_SECONDS = 2
TARGET_REPS = 3
WEIGHT = 1
REST_SECONDS = 1
NO_REST = 3
# intensityDisplayUnit: the unit the watch shows the weight in.
DISPLAY_KG = "6"
DISPLAY_LB = "7"
PROGRAM_VERSION = 2
# A rough pace for the duration estimate (seconds per counted rep), as for Garmin.
_SECONDS_PER_REP = 3
_HASH_CHARS = 12


class UnknownCorosExercise(LookupError):
    """A runlift exercise the COROS catalogue table does not map."""


@dataclass(frozen=True)
class CorosExercise:
    """One entry of COROS's strength exercise catalogue, as its answer spells it."""

    catalogue_id: str
    code: str
    overview: str
    name: str
    animation_id: int
    muscle: tuple[int, ...]
    muscle_relevance: tuple[int, ...]
    part: tuple[int, ...]
    equipment: tuple[int, ...]
    create_timestamp: int


@dataclass(frozen=True)
class CorosWorkout:
    """One session on one day, ready to send: the body's overview already carries the marker."""

    key: SessionKey
    day: date
    label: str
    name: str
    content_hash: str
    marker: Marker
    program: dict[str, Any]


def coros_workout(
    session: Session, day: date, exercises: Mapping[str, CorosExercise]
) -> CorosWorkout:
    """``exercises``: the catalogue entry for each runlift exercise, keyed by its FIT name."""
    name = workout_name(session.name, day)
    body = program_body(session, name, exercises)
    digest = content_hash(body)
    marker = Marker(day=day, label=session.label, content_hash=digest)
    return CorosWorkout(
        key=session_key(day, session.label),
        day=day,
        label=session.label,
        name=name,
        content_hash=digest,
        marker=marker,
        program={**body, "overview": overview(session, marker)},
    )


def overview(session: Session, marker: Marker) -> str:
    """The marker on the first line (COROS's length limit for a description is not recorded:
    whatever it cuts, the marker stays), then what each exercise stands for, since the watch
    shows COROS's catalogue name and not runlift's step name."""
    steps = "; ".join(_step_line(block) for block in session.blocks)
    return (
        f"{marker}\n{session.name}: {steps}. Placed by runlift around your running plan; "
        "runlift rewrites this workout when the plan or your loads change."
    )


def program_body(
    session: Session, name: str, exercises: Mapping[str, CorosExercise]
) -> dict[str, Any]:
    """The program without its overview: what the content hash covers."""
    entries = [
        exercise_entry(block, _entry_for(block, exercises), position)
        for position, block in enumerate(session.blocks, start=1)
    ]
    return {
        "access": 1,
        "duration": sum(_block_seconds(block) for block in session.blocks),
        "exerciseNum": len(entries),
        "exercises": entries,
        "gradeSystemVersion": 0,
        "hybridTotalSets": 0,
        "name": name,
        "pbVersion": PROGRAM_VERSION,
        "poolLength": 0,
        "poolLengthId": 0,
        "poolLengthUnit": 0,
        "referExercise": {"gradeSystem": 0, "hrType": 0, "intensityType": 0, "valueType": 1},
        "sets": 1,
        "sourceUrl": "",
        "sportType": STRENGTH_SPORT,
        "subType": STRUCTURED,
        "totalSets": 1,
        "trainingLoad": 0,
        "type": 0,
        "videoCoverUrl": "",
        "videoUrl": "",
    }


def exercise_entry(block: Block, entry: CorosExercise, position: int) -> dict[str, Any]:
    """One block as a program exercise: ``sets`` x (reps or a hold), weight, rest."""
    if block.hold_s is not None:
        target_type, target_value = TARGET_SECONDS, block.hold_s
    else:
        assert block.reps is not None, f"block {block.name!r} has neither reps nor a hold"
        target_type, target_value = TARGET_REPS, block.reps
    rest_type, rest_value = (REST_SECONDS, block.rest_s) if block.rest_s > 0 else (NO_REST, 0)
    return {
        "id": position,
        "sortNo": position,
        "originId": entry.catalogue_id,
        "name": entry.code,
        "overview": entry.overview,
        "animationId": entry.animation_id,
        "muscle": list(entry.muscle),
        "muscleRelevance": list(entry.muscle_relevance),
        "part": list(entry.part),
        "equipment": list(entry.equipment),
        "createTimestamp": entry.create_timestamp,
        "sportType": STRENGTH_SPORT,
        "exerciseType": 2,
        "exerciseKind": 0,
        "status": 1,
        "groupId": "0",
        "isGroup": False,
        "sourceId": "0",
        "subType": 0,
        "packageTime": 0,
        "gradeSystem": 0,
        "onsightGradeOffset": 0,
        "hrType": 0,
        "isDefaultAdd": 0,
        "targetType": target_type,
        "targetValue": target_value,
        "targetDisplayUnit": 0,
        "sets": block.sets,
        "restType": rest_type,
        "restValue": rest_value,
        **weight_fields(block),
    }


def weight_fields(block: Block) -> dict[str, Any]:
    """The weight as COROS stores it: grams in ``intensityValue``; pounds also as lb x 10^6 in
    ``intensityPercent`` with display unit 7; no load is "Bodyweight" (an empty value)."""
    common: dict[str, Any] = {
        "intensityType": WEIGHT,
        "intensityValueExtend": 0,
        "intensityMultiplier": 0,
        "intensityPercentExtend": 0,
        "isIntensityPercent": False,
    }
    load = block.load
    if load is None:
        return {
            **common,
            "intensityValue": "",
            "intensityPercent": 0,
            "intensityCustom": 1,
            "intensityDisplayUnit": DISPLAY_KG,
        }
    if load.unit == "lb":
        return {
            **common,
            "intensityValue": round(load.value * KG_PER_LB * 1000),
            "intensityPercent": round(load.value * 1_000_000),
            "intensityCustom": 0,
            "intensityDisplayUnit": DISPLAY_LB,
        }
    return {
        **common,
        "intensityValue": round(load.value * 1000),
        "intensityPercent": 0,
        "intensityCustom": 0,
        "intensityDisplayUnit": DISPLAY_KG,
    }


def content_hash(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:_HASH_CHARS]


def _entry_for(block: Block, exercises: Mapping[str, CorosExercise]) -> CorosExercise:
    try:
        return exercises[block.exercise.fit_name]
    except KeyError:
        raise UnknownCorosExercise(
            f"no COROS catalogue entry for {block.exercise.fit_name!r} ({block.title})"
        ) from None


def _block_seconds(block: Block) -> int:
    work = block.hold_s if block.hold_s is not None else (block.reps or 0) * _SECONDS_PER_REP
    return (work + block.rest_s) * block.sets


def _step_line(block: Block) -> str:
    target = f"{block.hold_s} s" if block.hold_s is not None else f"{block.reps} reps"
    weight = f" @ {block.load}" if block.load is not None else ""
    return f"{block.name} {block.sets} x {target}{weight}"
