"""What an intervals.icu workout's steps (``workout_doc``) say, for the planner to classify the day.

Pure: takes ``workout_doc`` as the events list answers it. A step has a ``duration`` (s) and/or
``distance`` (m), ``warmup``/``cooldown`` flags, a ``text``, and a target under ``pace``, ``hr``
or ``power``: ``{"value": 95, "units": "%pace"}``, a range ``{"start": 80, "end": 90, ...}``,
or a zone (``pace_zone``, ``hr_zone``, ``power_zone``). A repeat is ``{"reps": 6, "steps":
[...]}``.

A target is above easy at zone 3 or higher, or at a share of threshold above the easy zones
(intervals.icu's default running zones end zone 2 at about 88 % of threshold pace and 89 % of
threshold heart rate; Coggan's power zone 2 ends at 75 % of FTP); a range counts by its middle.
Absolute targets (watts, bpm) count when they ask for more than the same workout's warm-up or
cool-down. Work steps are the steps outside warm-up and cool-down that are above easy; when no
repeated step has a target at all, the first step of each repeat (the usual "6 x (400 m, 200 m
jog)"). A step labelled ``"intensity": "recovery"``/``"rest"`` is never work, one labelled
``"warmup"``/``"cooldown"`` frames the workout like the flags do.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from runlift.sync import limits
from runlift.sync.model import RunStructure

STRIDE_MAX_S = 30.0
STRIDE_MAX_M = 200.0
# For a distance step without a time, how long it takes (about 5:30 min/km).
ASSUMED_SPEED_MPS = 3.0
HARD_ZONE = 3
# Above easy from this share of the threshold on (% units).
HARD_SHARE = {"%pace": 88.0, "%lthr": 90.0, "%hr": 82.0, "%ftp": 76.0}
# An absolute target this much above the warm-up's or cool-down's counts as harder.
HARDER_BY = 1.05
_ZONES = frozenset({"pace_zone", "hr_zone", "power_zone"})
_ABSOLUTE = frozenset({"w", "bpm"})
_TARGETS = ("pace", "hr", "power")
# A step's ``intensity`` label, where present, says what it is for.
_FRAMING = frozenset({"warmup", "cooldown"})
_RECOVERY = frozenset({"recovery", "rest"})
# More repeats than anyone runs in one block: a count past it is read as this many.
_MOST_REPS = 1_000


@dataclass(frozen=True)
class _Target:
    kind: str
    units: str
    level: float


@dataclass(frozen=True)
class _Step:
    duration_s: float
    distance_m: float
    framing: bool
    # Marked as recovery or rest (never work, whatever its target).
    recovery: bool
    targets: tuple[_Target, ...]
    repeats: int
    # Which repeat block the step belongs to (0: none).
    block: int
    first_in_block: bool
    text: str

    @property
    def in_repeat(self) -> bool:
        return self.block > 0


@dataclass
class _Walk:
    steps: list[_Step] = field(default_factory=list)
    blocks: int = 0


def summarise(doc: dict[str, Any]) -> RunStructure | None:
    """None when the workout has no steps (a title and a length only)."""
    walk = _Walk()
    _collect(doc.get("steps"), 1, 0, walk)
    if not walk.steps:
        return None
    framing = [s for s in walk.steps if s.framing]
    main = [s for s in walk.steps if not s.framing and not s.recovery]
    hard = [s for s in main if any(_above_easy(t, framing) for t in s.targets)]
    # Repeats without any target anywhere: the first step of each is the work ("8 x 400 m").
    targeted = any(s.targets for s in main if s.in_repeat)
    untargeted_repeats = [] if targeted else [s for s in main if s.first_in_block]
    repeated_work = [s for s in hard if s.in_repeat] + untargeted_repeats
    strides = bool(repeated_work) and all(_is_stride(s) for s in repeated_work)
    return RunStructure(
        work_intervals=sum(s.repeats for s in repeated_work),
        longest_work_s=max((_seconds(s) for s in hard), default=0.0),
        hard_targets=bool(hard),
        strides_only=strides,
        step_names=tuple(dict.fromkeys(s.text for s in walk.steps if s.text)),
    )


def _collect(steps: Any, repeats: int, block: int, walk: _Walk) -> None:
    if not isinstance(steps, list):
        return
    first = True
    for step in steps:
        if not isinstance(step, dict):
            continue
        reps = _number(step.get("reps"))
        if reps is not None and isinstance(step.get("steps"), list):
            walk.blocks += 1
            _collect(step["steps"], repeats * max(1, min(int(reps), _MOST_REPS)), walk.blocks, walk)
            first = False
            continue
        walk.steps.append(
            _Step(
                duration_s=_number(step.get("duration")) or 0.0,
                distance_m=_number(step.get("distance")) or 0.0,
                framing=bool(step.get("warmup") or step.get("cooldown"))
                or _intensity(step) in _FRAMING,
                recovery=_intensity(step) in _RECOVERY,
                targets=tuple(t for kind in _TARGETS if (t := _target(kind, step.get(kind)))),
                repeats=repeats,
                block=block,
                first_in_block=block > 0 and first,
                text=limits.title(str(step.get("text") or "").strip()),
            )
        )
        first = False


def _intensity(step: dict[str, Any]) -> str:
    return str(step.get("intensity") or "").strip().lower()


def _target(kind: str, raw: Any) -> _Target | None:
    if not isinstance(raw, dict):
        return None
    units = str(raw.get("units") or "").lower()
    value = _number(raw.get("value"))
    start, end = _number(raw.get("start")), _number(raw.get("end"))
    if start is not None and end is not None:
        value = (start + end) / 2
    if value is None or value <= 0 or not units:
        return None
    return _Target(kind, units, value)


def _above_easy(target: _Target, framing: list[_Step]) -> bool:
    if target.units in _ZONES:
        return target.level >= HARD_ZONE
    if target.units in HARD_SHARE:
        return target.level >= HARD_SHARE[target.units]
    if target.units in _ABSOLUTE:
        easy = [
            t.level
            for step in framing
            for t in step.targets
            if t.kind == target.kind and t.units == target.units
        ]
        return bool(easy) and target.level >= max(easy) * HARDER_BY
    return False


def _seconds(step: _Step) -> float:
    return step.duration_s or step.distance_m / ASSUMED_SPEED_MPS


def _is_stride(step: _Step) -> bool:
    # A distance step's duration is intervals.icu's estimate: the distance defines the step.
    if step.distance_m:
        return step.distance_m <= STRIDE_MAX_M
    return 0 < step.duration_s <= STRIDE_MAX_S


def _number(value: Any) -> float | None:
    """A finite number (a string holding one too); None for anything else, "inf" and "nan"."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | str):
        try:
            number = float(value)
        except (ValueError, OverflowError):
            return None
        return number if math.isfinite(number) else None
    return None
