"""What a structured Garmin running workout's steps say, for the planner to classify the day.

Pure: takes the workout JSON as ``get_workout_by_id`` answers it. Work steps are ``interval``
(and ``main``) steps; warm-up, cool-down, recovery and rest are not work. Targets count as
"above easy" when they are heart-rate or power zone 3 or higher, or when a work step's pace,
speed, heart rate or power asks for more than the same workout's easy steps (warm-up, recovery,
cool-down) do, or (with no easy target to compare with) when a paced work step is repeated or
framed by a warm-up or cool-down.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

from runlift.sync import limits
from runlift.sync.model import RunStructure

WORK_STEPS = frozenset({"interval", "main"})
EASY_STEPS = frozenset({"warmup", "cooldown", "recovery", "rest"})
STRIDE_MAX_S = 30.0
STRIDE_MAX_M = 200.0
# For a distance step without a pace target, how long it takes (about 5:30 min/km).
ASSUMED_SPEED_MPS = 3.0
HARD_ZONE = 3
# A work target this much above the easy steps' counts as a harder effort.
HARDER_BY = 1.05

_PACE_KEYS = frozenset({"pace.zone", "speed.zone"})
_HR_KEYS = frozenset({"heart.rate.zone"})
_POWER_KEYS = frozenset({"power.zone"})


@dataclass
class _Step:
    kind: str
    end: str
    value: float
    target: str
    low: float | None
    high: float | None
    zone: int | None
    repeats: int
    in_repeat: bool
    name: str


@dataclass
class _Walk:
    steps: list[_Step] = field(default_factory=list)


def summarise(workout: dict[str, Any]) -> RunStructure:
    walk = _Walk()
    for segment in _list(workout.get("workoutSegments")):
        _collect(_list(_dict(segment).get("workoutSteps")), 1, False, walk)
    work = [s for s in walk.steps if s.kind in WORK_STEPS]
    easy = [s for s in walk.steps if s.kind in EASY_STEPS]
    framed = any(s.kind in ("warmup", "cooldown") for s in walk.steps)
    repeated = [s for s in work if s.in_repeat]
    longest = max((_duration_s(s) for s in work), default=0.0)
    strides = bool(repeated) and all(_is_stride(s) for s in repeated)
    names = tuple(dict.fromkeys(s.name for s in walk.steps if s.name))
    return RunStructure(
        work_intervals=sum(s.repeats for s in repeated),
        longest_work_s=longest,
        hard_targets=any(_above_easy(s, easy, framed) for s in work),
        strides_only=strides,
        step_names=names,
    )


def structure_to_json(structure: RunStructure) -> dict[str, Any]:
    data = asdict(structure)
    data["step_names"] = list(structure.step_names)
    return data


def structure_from_json(data: dict[str, Any]) -> RunStructure:
    names = data.get("step_names", ())
    return RunStructure(
        work_intervals=int(_number(data.get("work_intervals", 0)) or 0),
        longest_work_s=_number(data.get("longest_work_s", 0.0)) or 0.0,
        hard_targets=bool(data.get("hard_targets", False)),
        strides_only=bool(data.get("strides_only", False)),
        step_names=tuple(str(n) for n in names) if isinstance(names, list | tuple) else (),
    )


def _collect(steps: list[Any], repeats: int, in_repeat: bool, walk: _Walk) -> None:
    for raw in steps:
        step = _dict(raw)
        kind = _key(_dict(step.get("stepType")).get("stepTypeKey"))
        if kind == "repeat" or step.get("type") == "RepeatGroupDTO":
            times = _number(step.get("numberOfIterations")) or _number(
                step.get("endConditionValue")
            )
            times = max(1, min(int(times or 1), _MOST_REPS))
            _collect(_list(step.get("workoutSteps")), repeats * times, True, walk)
            continue
        target = _dict(step.get("targetType"))
        walk.steps.append(
            _Step(
                kind=kind,
                end=_key(_dict(step.get("endCondition")).get("conditionTypeKey")),
                value=_number(step.get("endConditionValue")) or 0.0,
                target=_key(target.get("workoutTargetTypeKey")) or "no.target",
                low=_number(step.get("targetValueOne")),
                high=_number(step.get("targetValueTwo")),
                zone=_zone(step.get("zoneNumber")),
                repeats=repeats,
                in_repeat=in_repeat,
                name=limits.title(
                    str(step.get("description") or step.get("stepName") or "").strip()
                ),
            )
        )


# More repeats than anyone runs in one block: a count past it is read as this many.
_MOST_REPS = 1_000


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _key(value: Any) -> str:
    return limits.title(value) if isinstance(value, str) else ""


def _duration_s(step: _Step) -> float:
    if step.end == "time":
        return step.value
    if step.end == "distance":
        speed = _fast(step) if step.target in _PACE_KEYS else None
        return step.value / (speed or ASSUMED_SPEED_MPS)
    return 0.0


def _is_stride(step: _Step) -> bool:
    if step.end == "time":
        return step.value <= STRIDE_MAX_S
    if step.end == "distance":
        return step.value <= STRIDE_MAX_M
    return False


def _above_easy(step: _Step, easy: list[_Step], framed: bool) -> bool:
    if step.target in _HR_KEYS | _POWER_KEYS and step.zone is not None:
        return step.zone >= HARD_ZONE
    if step.target not in _PACE_KEYS | _HR_KEYS | _POWER_KEYS:
        return False
    level = _fast(step)
    if level is None:
        return False
    references = [
        fast
        for other in easy
        if other.target == step.target or {other.target, step.target} <= _PACE_KEYS
        if (fast := _fast(other)) is not None
    ]
    if references:
        return level >= max(references) * HARDER_BY
    # No easy target to compare with: a paced effort that is repeated, or framed by a warm-up
    # or cool-down, is a workout.
    return step.target in _PACE_KEYS and (step.in_repeat or framed)


def _fast(step: _Step) -> float | None:
    """The demanding end of a range target (faster pace, higher heart rate or power)."""
    values = [v for v in (step.low, step.high) if v is not None and v > 0]
    if not values:
        return None
    # Pace targets are speeds in m/s and sometimes come faster-first: the larger is faster.
    return max(values)


def _number(value: Any) -> float | None:
    """A finite number (a string holding one too), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(value)
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _zone(value: Any) -> int | None:
    number = _number(value)
    return int(number) if number and abs(number) < 100 else None
