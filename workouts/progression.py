"""Double progression from what was actually lifted: the next target of each move, with a reason.

The rules (see the coach's notes in docs/coaching.md):
- loaded moves in a rep range (8-12): keep the load until every work set reaches the top of the
  range, then add the smallest step for that equipment; drop a step when a set falls below the
  bottom. Between the two, the rep target creeps up one rep past the weakest set;
- holds: five seconds longer once every hold was completed, up to twice the prescribed hold;
- leg raises (a fixed target of reps): one rep past the weakest set until the target is reached;
- a move not done in a session (a missed session) changes nothing;
- a deload, maintenance or body-weight session (a lighter week of the running block) keeps
  every target where it was: it is not a test of what the athlete can lift.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

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


@dataclass(frozen=True)
class Increments:
    """Smallest load step per kind of equipment, in the athlete's unit."""

    dumbbell: float = 2.0
    barbell: float = 2.5

    def step(self, variant: Variant) -> float:
        return self.barbell if variant.load_kind == "barbell" else self.dumbbell


@dataclass(frozen=True)
class WorkSet:
    """One work set as done: reps (all the watch counted), load in the athlete's unit, time."""

    reps: int | None = None
    # None or 0: body weight, or no weight entered on the watch.
    load: float | None = None
    duration_s: float | None = None


@dataclass(frozen=True)
class Step:
    target: MoveTarget
    # "Romanian Deadlift: 12, 12 reps @ 40 kg: every set at the top (12): add 2.5 kg -> ..."
    reason: str
    # The decision alone: "every set at the top (12): add 2.5 kg -> 42.5 kg, back to 8 reps".
    decision: str = ""

    def changed_from(self, before: MoveTarget) -> bool:
        return self.target != before


@dataclass(frozen=True)
class DoneSession:
    """One strength session done: the work sets of each move, by move key."""

    day: date
    sets: Mapping[str, Sequence[WorkSet]]
    # The session's volume, from the workout it was done from (a free session counts as full).
    volume: Volume = Volume.FULL


@dataclass(frozen=True)
class Change:
    day: date
    move: str
    before: MoveTarget
    after: MoveTarget
    reason: str
    decision: str = ""


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


def progress(
    variant: Variant,
    target: MoveTarget,
    sets: Sequence[WorkSet],
    increments: Increments,
    unit: Unit,
) -> Step:
    """The target after one session in which ``sets`` were the work sets of this move."""
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
    return _loaded(variant, target, counted, sets, increments, unit)


def fold(
    sessions: Sequence[DoneSession],
    start: Mapping[str, MoveTarget],
    variants: Mapping[str, Variant],
    increments: Increments,
    unit: Unit,
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
            if not session.volume.progresses:
                kept = f"{session.volume} session: targets kept"
                steps.append(
                    Change(session.day, key, before, before, f"{variant.title}: {kept}", kept)
                )
                continue
            step = progress(variant, before, done, increments, unit)
            targets[key] = step.target
            steps.append(Change(session.day, key, before, step.target, step.reason, step.decision))
    return Progress(targets, tuple(steps))


def _per_leg(variant: Variant, reps: int) -> int:
    # The watch counts every step of a walking lunge; the prescription counts each leg.
    rx = variant.prescription
    return reps // 2 if rx.per_side and rx.alternating else reps


def _sets_needed(variant: Variant) -> int:
    rx = variant.prescription
    return rx.sets * (2 if rx.per_side and not rx.alternating else 1)


def _loaded(
    variant: Variant,
    target: MoveTarget,
    counted: list[int],
    sets: Sequence[WorkSet],
    increments: Increments,
    unit: Unit,
) -> Step:
    rx = variant.prescription
    assert rx.reps is not None
    low, high = rx.reps
    entered = [s.load for s in sets if s.load]
    load = min(entered) if entered else target.load
    if not load:
        return _reps_only(variant, target, counted, note=" (no load set)")
    step = increments.step(variant)
    done = f"{_reps_text(variant, counted)} @ {load:g} {unit}"
    needed = _sets_needed(variant)
    if min(counted) < low:
        lower = max(0.0, load - step)
        return _step(
            variant,
            replace(target, load=lower, reps=low),
            done,
            f"a set below {low} reps: drop to {lower:g} {unit}, {low} reps",
        )
    if len(counted) >= needed and min(counted) >= high:
        heavier = load + step
        return _step(
            variant,
            replace(target, load=heavier, reps=low),
            done,
            f"every set at the top ({high}): add {step:g} {unit} -> {heavier:g} {unit}, "
            f"back to {low} reps",
        )
    reps = min(high, max(low, min(counted) + 1))
    why = (
        f"{len(counted)} of {needed} sets done"
        if len(counted) < needed
        else f"not every set at {high}"
    )
    return _step(
        variant,
        replace(target, load=load, reps=reps),
        done,
        f"{why}: keep {load:g} {unit}, aim for {reps} reps",
    )


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
