"""What an intervals.icu workout's steps (``workout_doc``) say, for the planner to classify the day.

Pure: takes ``workout_doc`` as the events list answers it. A step has a ``duration`` (s) and/or
``distance`` (m), ``warmup``/``cooldown`` flags, a ``text``, and a target under ``pace``, ``hr``
or ``power``: ``{"value": 95, "units": "%pace"}``, a range ``{"start": 80, "end": 90, ...}``,
or a zone (``pace_zone``, ``hr_zone``, ``power_zone``). A repeat is ``{"reps": 6, "steps":
[...]}``.

A target is above easy at zone 3 or higher (a zone range ``hr_zone`` 3-4 by its middle), or at
a share of threshold above the easy zones (intervals.icu's default running zones end zone 2 at
about 88 % of threshold pace and 89 % of threshold heart rate; Coggan's power zone 2 ends at
75 % of FTP); a range (a ramp's too) counts by its middle.

Absolute targets: watts, bpm, and paces in seconds per distance as intervals.icu stores what the
athlete wrote ("4:00/km" is ``{"value": 240, "units": "secs/km"}``; also per mile, 100 m,
100 y, 250/400/500 m: any ``secs/<distance>``), read as a speed, so faster is more. Against the
workout's own threshold when its ``workout_doc`` carries one (``threshold_pace`` in m/s,
``lthr``, ``ftp``), at the shares above; otherwise a step counts when it asks for clearly more
(5 %) than the workout's easy steps: its warm-up and cool-down, and for a repeated step also the
other steps of its repeat and the recoveries (the jog between the reps).

Work steps are the steps outside warm-up and cool-down that are above easy; when no repeated step
has a target at all, the first step of each repeat (the usual "6 x (400 m, 200 m jog)"). A step
labelled ``"intensity": "recovery"``/``"rest"`` is never work, one labelled
``"warmup"``/``"cooldown"`` frames the workout like the flags do.
"""

from __future__ import annotations

import math
import re
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
# An absolute pace, read as a speed (metres per second) so that more is harder.
SPEED = "m/s"
_ABSOLUTE = frozenset({"w", "bpm", SPEED})
# The threshold each absolute unit is a share of, as the workout_doc names it, and the share.
_THRESHOLD = {SPEED: ("threshold_pace", "%pace"), "bpm": ("lthr", "%lthr"), "w": ("ftp", "%ftp")}
# "secs/km", "secs/mile", "secs/100m", "secs/500m", "secs/100y": seconds per that distance.
_PACE_UNITS = re.compile(r"secs?/(\d*(?:\.\d+)?)\s*(km|mi|mile|m|y|yd|yard)s?")
_METRES = {"km": 1000.0, "mi": 1609.344, "mile": 1609.344, "m": 1.0, "y": 0.9144, "yd": 0.9144}
_METRES["yard"] = 0.9144
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
    thresholds = _thresholds(doc)
    main = [s for s in walk.steps if not s.framing and not s.recovery]
    hard = [
        s
        for s in main
        if any(_above_easy(t, _easy_steps(s, walk.steps), thresholds) for t in s.targets)
    ]
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
    units = str(raw.get("units") or "").strip().lower()
    value = _number(raw.get("value"))
    start, end = _number(raw.get("start")), _number(raw.get("end"))
    if start is not None and end is not None:
        value = (start + end) / 2
    if value is None or value <= 0 or not units:
        return None
    metres = pace_metres(units)
    if metres is not None:
        return _Target(kind, SPEED, metres / value)
    return _Target(kind, units, value)


def pace_metres(units: str) -> float | None:
    """The distance a pace unit counts its seconds over: "secs/km" 1000, "secs/100m" 100,
    "secs/mile" 1609.344, "secs/100y" 91.44; None for any other unit."""
    found = _PACE_UNITS.fullmatch(units.strip().lower())
    if found is None:
        return None
    count = float(found.group(1)) if found.group(1) else 1.0
    return count * _METRES[found.group(2)] if count > 0 else None


def _thresholds(doc: dict[str, Any]) -> dict[str, float]:
    """The athlete's thresholds the workout_doc carries, per absolute unit (positive only)."""
    found = {}
    for units, (name, _share) in _THRESHOLD.items():
        value = _number(doc.get(name))
        if value is not None and value > 0:
            found[units] = value
    return found


def _easy_steps(step: _Step, steps: list[_Step]) -> list[_Step]:
    """What a step's absolute target is compared with: the warm-up and cool-down, and for a
    repeated step also the other steps of its repeat and the recoveries."""
    return [
        other
        for other in steps
        if other is not step
        and (other.framing or (step.in_repeat and (other.recovery or other.block == step.block)))
    ]


def _above_easy(target: _Target, easy_steps: list[_Step], thresholds: dict[str, float]) -> bool:
    if target.units in _ZONES:
        return target.level >= HARD_ZONE
    if target.units in HARD_SHARE:
        return target.level >= HARD_SHARE[target.units]
    if target.units not in _ABSOLUTE:
        return False
    if target.units in thresholds:
        share = 100 * target.level / thresholds[target.units]
        return share >= HARD_SHARE[_THRESHOLD[target.units][1]]
    easy = [
        t.level
        for step in easy_steps
        for t in step.targets
        if t.kind == target.kind and t.units == target.units
    ]
    return bool(easy) and target.level >= max(easy) * HARDER_BY


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
