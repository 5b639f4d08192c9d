"""Double progression from what was actually lifted: the next target of each move, with a reason.

The rules (docs/guides/progression.md, "How the targets move (double progression)", says them
for the athlete):
- loaded moves in a rep range (8-12): the session's working load is the heaviest load at which a
  set reached the bottom of the range; lighter sets before it are warm-ups. Keep the load until
  every set at it reaches the top of the range, then add the smallest step for that equipment;
  drop a step when a set at it falls below the bottom. Between the two, the rep target creeps
  up one rep past the weakest set;
- a barbell load is never below the empty bar; dumbbell loads stay on the dumbbell step's grid;
- a load comes down at most one step a session, and only after a session whose sets are known
  to be the move (``SessionFacts.trusted``);
- holds: five seconds longer once every hold was completed, up to twice the prescribed hold;
- leg raises (a fixed target of reps): one rep past the weakest set until the target is reached;
- a move not done in a session (a missed session) changes nothing;
- a deload, maintenance or body-weight session (a lighter week of the running block) keeps
  every target where it was: it is not a test of what the athlete can lift.

``SessionFacts`` is where more knowledge of a session goes for ``progress`` to take into account.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from runlift.workouts.move_exercises import ExerciseKind
from runlift.workouts.moves import Variant
from runlift.workouts.settings import MoveTarget
from runlift.workouts.units import KG_PER_LB, Unit
from runlift.workouts.volume import Volume

HOLD_STEP_S = 5
# A hold the watch timed a little short (lap pressed a moment early) still counts as completed.
HOLD_TOLERANCE_S = 1.0
# Loads read back from a watch are snapped to this grid in the athlete's unit: FIT stores 1/16 kg,
# so 45 lb comes back as 20.4375 kg = 45.06 lb and should read 45 lb again.
LOAD_GRID: dict[Unit, float] = {"kg": 0.25, "lb": 0.5}
# An empty Olympic barbell, and what pound users call it.
BARBELL_KG = 20.0
DEFAULT_BAR: dict[Unit, float] = {"kg": 20.0, "lb": 45.0}

# What a set was in its session: a warm-up (lighter, before the working load), a set at the
# working load, or anything else (heavier attempts, lighter sets after, other equipment).
Role = Literal["warmup", "work", "other"]
_WORK: Role = "work"
_OTHER: Role = "other"


@dataclass(frozen=True)
class Increments:
    """Smallest load step per kind of equipment, in the athlete's unit."""

    dumbbell: float = 2.0
    barbell: float = 2.5

    def step(self, variant: Variant) -> float:
        return self.barbell if variant.load_kind == "barbell" else self.dumbbell


@dataclass(frozen=True)
class Rules:
    """How loads move for one athlete: the steps, the unit, the empty bar (in that unit)."""

    increments: Increments = field(default_factory=Increments)
    unit: Unit = "kg"
    bar: float = DEFAULT_BAR["kg"]

    @classmethod
    def of(cls, increments: Increments, unit: Unit, barbell_kg: float = BARBELL_KG) -> Rules:
        """The bar in the athlete's unit: the default 20 kg bar is a 45 lb bar in pounds."""
        bar = DEFAULT_BAR[unit] if barbell_kg == BARBELL_KG else lifted_load(barbell_kg, unit)
        return cls(increments, unit, bar)


@dataclass(frozen=True)
class WorkSet:
    """One work set as done: reps (all the watch counted), load in the athlete's unit, time."""

    reps: int | None = None
    # None or 0: body weight, or no weight entered on the watch.
    load: float | None = None
    duration_s: float | None = None
    # What the set's exercise is done with; None: not known, taken to be the move's own.
    kind: ExerciseKind | None = None


@dataclass(frozen=True)
class SessionFacts:
    """What is known of a session beyond its sets.

    ``trusted``: every set was done from runlift's workout or named as the move's exercise (by
    the watch's first guess or in Garmin Connect). Only such a session may lower a load.
    """

    trusted: bool = True
    # The volume of the workout it was done from: only a full session moves the targets.
    volume: Volume = Volume.FULL


@dataclass(frozen=True)
class Step:
    target: MoveTarget
    # "Romanian Deadlift: 12, 12 reps @ 40 kg: every set at the top (12): add 2.5 kg -> ..."
    reason: str
    # The decision alone: "every set at the top (12): add 2.5 kg -> 42.5 kg, back to 8 reps".
    decision: str = ""
    # One per set given, in order.
    roles: tuple[Role, ...] = ()

    def with_roles(self, roles: tuple[Role, ...]) -> Step:
        # dataclasses.replace, without its generic field walk: a history folds every session.
        return Step(self.target, self.reason, self.decision, roles)


@dataclass(frozen=True)
class DoneSession:
    """One strength session done: the work sets of each move, by move key."""

    day: date
    sets: Mapping[str, Sequence[WorkSet]]
    facts: SessionFacts = field(default_factory=SessionFacts)
    # Names the session for the caller (e.g. the stored activity), carried into its changes.
    key: str = ""


@dataclass(frozen=True)
class Change:
    day: date
    move: str
    before: MoveTarget
    after: MoveTarget
    reason: str
    decision: str = ""
    sets: tuple[WorkSet, ...] = ()
    roles: tuple[Role, ...] = ()
    session: str = ""


@dataclass(frozen=True)
class Progress:
    targets: dict[str, MoveTarget]
    # One entry per move per session in which the move was done, in date order.
    steps: tuple[Change, ...]


def lifted_load(kg: float, unit: Unit) -> float:
    """A weight read back in kg, in the athlete's unit, snapped to the nearest plate step."""
    value = kg if unit == "kg" else kg / KG_PER_LB
    grid = LOAD_GRID[unit]
    return round(value / grid) * grid


def fits(variant: Variant, kind: ExerciseKind | None) -> bool:
    """Whether a set of ``kind`` says anything about the target of ``variant``.

    A hold says nothing about reps and the other way round; a dumbbell set says nothing about a
    barbell load and the other way round.
    """
    if kind is None:
        return True
    if variant.prescription.is_hold or kind == "hold":
        return variant.prescription.is_hold and kind == "hold"
    if variant.load_kind in ("barbell", "dumbbell") and kind in ("barbell", "dumbbell"):
        return kind == variant.load_kind
    return True


def progress(
    variant: Variant,
    target: MoveTarget,
    sets: Sequence[WorkSet],
    rules: Rules,
    facts: SessionFacts | None = None,
) -> Step:
    """The target after one session in which ``sets`` were the sets of this move."""
    facts = facts or SessionFacts()
    if not facts.volume.progresses:
        step = _step(variant, target, f"a {facts.volume} session", "targets kept")
        return step.with_roles((_WORK,) * len(sets))
    usable = [fits(variant, s.kind) for s in sets]
    used = [s for s, ok in zip(sets, usable, strict=True) if ok]
    if not used:
        kinds = ", ".join(sorted({str(s.kind) for s in sets}))
        step = _step(
            variant, target, f"done as {kinds}", f"not the equipment of {variant.title}: unchanged"
        )
        return step.with_roles((_OTHER,) * len(sets))
    step = _progress(variant, target, used, rules, facts)
    roles = iter(step.roles or (_WORK,) * len(used))
    return step.with_roles(tuple(next(roles) if ok else _OTHER for ok in usable))


def _progress(
    variant: Variant, target: MoveTarget, sets: Sequence[WorkSet], rules: Rules, facts: SessionFacts
) -> Step:
    rx = variant.prescription
    if rx.is_hold:
        return _hold(variant, target, sets)
    assert rx.reps is not None
    counted = [_per_leg(variant, s.reps) for s in sets if s.reps is not None]
    if not counted:
        return _step(variant, target, "no counted reps", "target unchanged")
    low, high = rx.reps
    if variant.load_kind == "bodyweight" or low == high:
        return _reps_only(variant, target, counted)
    return _loaded(variant, target, sets, rules, facts)


def fold(
    sessions: Sequence[DoneSession],
    start: Mapping[str, MoveTarget],
    variants: Mapping[str, Variant],
    rules: Rules,
) -> Progress:
    """Targets after every session in ``sessions`` (any order: they are taken by date)."""
    targets = {key: start.get(key, MoveTarget()) for key in variants}
    steps: list[Change] = []
    for session in sorted(sessions, key=lambda s: s.day):
        for key, variant in variants.items():
            done = session.sets.get(key)
            if not done:
                continue  # not done that day: a missed move changes nothing
            before = targets[key]
            step = progress(variant, before, done, rules, session.facts)
            targets[key] = step.target
            steps.append(
                Change(
                    session.day,
                    key,
                    before,
                    step.target,
                    step.reason,
                    step.decision,
                    tuple(done),
                    step.roles,
                    session.key,
                )
            )
    return Progress(targets, tuple(steps))


def _per_leg(variant: Variant, reps: int) -> int:
    # The watch counts every step of a walking lunge; the prescription counts each leg.
    rx = variant.prescription
    return reps // 2 if rx.per_side and rx.alternating else reps


def _sets_needed(variant: Variant) -> int:
    rx = variant.prescription
    return rx.sets * (2 if rx.per_side and not rx.alternating else 1)


@dataclass(frozen=True)
class Reading:
    """A loaded move's sets as the decision reads them."""

    load: float
    roles: tuple[Role, ...]
    # Reps of each set at the working load (per leg for the lunge).
    work: tuple[int, ...]


def working_load(
    variant: Variant, sets: Sequence[WorkSet], planned: float | None
) -> Reading | None:
    """The heaviest load at which a set reached the bottom of the rep range, and each set's role.

    A set with no weight entered counts as the ``planned`` load. When no set reached the bottom,
    the heaviest load tried is the working load (and its sets fell short). None: no load at all.
    """
    rx = variant.prescription
    assert rx.reps is not None
    low = rx.reps[0]
    loads = [s.load or planned for s in sets]
    reps = [None if s.reps is None else _per_leg(variant, s.reps) for s in sets]
    tried = [load for load in loads if load]
    if not tried:
        return None
    reached = [
        load for load, r in zip(loads, reps, strict=True) if load and r is not None and r >= low
    ]
    load = max(reached) if reached else max(tried)
    first = loads.index(load)
    roles: list[Role] = []
    for index, value in enumerate(loads):
        if value == load:
            roles.append("work")
        elif index < first and value:
            roles.append("warmup")
        else:
            roles.append("other")
    work = tuple(r for r, role in zip(reps, roles, strict=True) if role == "work" and r is not None)
    return Reading(load, tuple(roles), work)


def _loaded(
    variant: Variant, target: MoveTarget, sets: Sequence[WorkSet], rules: Rules, facts: SessionFacts
) -> Step:
    rx = variant.prescription
    assert rx.reps is not None
    low, high = rx.reps
    unit = rules.unit
    reading = working_load(variant, sets, target.load)
    if reading is None or not reading.work:
        counted = [_per_leg(variant, s.reps) for s in sets if s.reps is not None]
        return _reps_only(variant, target, counted, note=" (no load set)")
    step = rules.increments.step(variant)
    counted = list(reading.work)
    warmups = reading.roles.count("warmup")
    done = f"{_reps_text(variant, counted)} @ {reading.load:g} {unit}"
    if warmups:
        done += f" after {warmups} warm-up set{'s' if warmups > 1 else ''}"
    needed = _sets_needed(variant)
    if min(counted) < low:
        if facts.trusted:
            load, note = _settle(variant, reading.load, "down", target, rules, facts)
            decision = f"a set below {low} reps: drop to {load:g} {unit}, {low} reps"
        else:
            load, note = _settle(variant, reading.load, "keep", target, rules, facts)
            decision = f"a set below {low} reps, in a session not known to be this move: keep "
            decision += f"{load:g} {unit}, {low} reps"
        reps = low
    elif len(counted) >= needed and min(counted) >= high:
        load, note = _settle(variant, reading.load, "up", target, rules, facts)
        added = f"add {step:g} {unit} -> " if load > reading.load else ""
        decision = f"every set at the top ({high}): {added}{load:g} {unit}, back to {low} reps"
        reps = low
    else:
        load, note = _settle(variant, reading.load, "keep", target, rules, facts)
        reps = min(high, max(low, min(counted) + 1))
        why = (
            f"{len(counted)} of {needed} sets done"
            if len(counted) < needed
            else f"not every set at {high}"
        )
        decision = f"{why}: keep {load:g} {unit}, aim for {reps} reps"
    step_taken = _step(variant, replace(target, load=load, reps=reps), done, decision + note)
    return step_taken.with_roles(reading.roles)


Direction = Literal["up", "keep", "down"]
_EPSILON = 1e-9


def _settle(
    variant: Variant,
    lifted: float,
    direction: Direction,
    target: MoveTarget,
    rules: Rules,
    facts: SessionFacts,
) -> tuple[float, str]:
    """The next load from the working load ``lifted``, and a note when a rule bounded it.

    One step ``up`` or ``down`` from it, or ``keep`` it. Dumbbells stay on the grid of the
    dumbbell step (up: the next dumbbell above; down: the next below; keep: the nearest, the
    lighter on a tie). A barbell is never below the bar. A load comes down at most one step
    below the current target, and not at all after a session not known to be this move.
    """
    step = rules.increments.step(variant)
    unit = rules.unit
    grid = variant.load_kind == "dumbbell"
    if grid:
        below = math.ceil(lifted / step - _EPSILON) * step - step
        above = math.floor(lifted / step + _EPSILON) * step + step
        nearest = math.ceil(lifted / step - 0.5 - _EPSILON) * step
        value = {"up": above, "down": below, "keep": nearest}[direction]
    else:
        value = {"up": lifted + step, "down": lifted - step, "keep": lifted}[direction]
    note = ""
    if target.load:
        lowest = target.load - step if facts.trusted else target.load
        if value < lowest - _EPSILON:
            value = math.ceil(lowest / step - _EPSILON) * step if grid else lowest
            note = (
                f" (down at most {step:g} {unit} a session from {target.load:g} {unit})"
                if facts.trusted
                else " (only a session known to be this move lowers a load)"
            )
    if variant.load_kind == "barbell" and value < rules.bar:
        value = rules.bar
        note = f" (never below the empty bar, {rules.bar:g} {unit})"
    return round(max(value, 0.0), 4), note


def _reps_only(variant: Variant, target: MoveTarget, counted: list[int], note: str = "") -> Step:
    rx = variant.prescription
    assert rx.reps is not None
    low, high = rx.reps
    done = _reps_text(variant, counted) + note
    needed = _sets_needed(variant)
    if len(counted) >= needed and min(counted) >= high:
        if low == high:
            why = f"all {needed} sets at the target of {high}"
        else:
            why = f"every set at the top ({high}) with body weight: add a load to progress"
        return _step(variant, replace(target, reps=high), done, why)
    reps = min(high, max(1 if low == high else low, min(counted) + 1))
    return _step(
        variant, replace(target, reps=reps), done, f"aim for {reps} reps a set (target {high})"
    )


def _hold(variant: Variant, target: MoveTarget, sets: Sequence[WorkSet]) -> Step:
    rx = variant.prescription
    assert rx.hold_s is not None
    current = target.hold_s or rx.hold_s
    longest = 2 * rx.hold_s
    holds = [s.duration_s for s in sets if s.duration_s is not None]
    if not holds:
        return _step(variant, target, "no timed holds", "target unchanged")
    needed = _sets_needed(variant)
    completed = sum(1 for h in holds if h >= current - HOLD_TOLERANCE_S)
    done = f"{completed} of {needed} holds of {current} s completed"
    if len(holds) >= needed and completed == len(holds):
        if current >= longest:
            return _step(
                variant, replace(target, hold_s=current), done, "at the program's longest hold"
            )
        longer = min(longest, current + HOLD_STEP_S)
        return _step(variant, replace(target, hold_s=longer), done, f"hold {longer} s")
    return _step(variant, replace(target, hold_s=current), done, f"keep {current} s")


def _step(variant: Variant, target: MoveTarget, done: str, decision: str) -> Step:
    return Step(target, f"{variant.title}: {done}: {decision}", decision)


def _reps_text(variant: Variant, counted: list[int]) -> str:
    rx = variant.prescription
    per_leg = " per leg" if rx.per_side and rx.alternating else ""
    return ", ".join(str(r) for r in counted) + " reps" + per_leg
