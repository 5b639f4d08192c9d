"""Per move: the sessions done, each with its sets and what it changed, and the next target;
and the sets that counted toward none of the moves, each with the reason."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from runlift.sync.importing.done import Program, sessions
from runlift.sync.importing.store import StoredSet
from runlift.workouts.matching import COUNTED
from runlift.workouts.moves import MOVES, Move, Variant
from runlift.workouts.progression import Change, Role, WorkSet
from runlift.workouts.session import Block, build_blocks
from runlift.workouts.settings import AthleteSettings, MoveTarget


@dataclass(frozen=True)
class SessionLine:
    day: date
    sets: str
    reason: str
    # What the chart draws: the working load (loaded moves), the hold (holds) or the reps.
    value: float | None
    # The stored sets with their role in the session ("warmup", "work", "other").
    done: tuple[tuple[StoredSet, Role], ...] = ()


@dataclass(frozen=True)
class MoveHistory:
    move: Move
    variant: Variant
    # "load" (in the athlete's unit), "hold" (seconds) or "reps".
    measure: str
    lines: tuple[SessionLine, ...]
    target: MoveTarget
    next_session: str
    # The first block of the next session's move, as a session would be built now.
    next_block: Block


@dataclass(frozen=True)
class History:
    unit: str
    moves: tuple[MoveHistory, ...]
    # Work sets that count toward none of the five moves, each with its reason.
    unplanned: tuple[StoredSet, ...]


def build_history(
    stored: Sequence[StoredSet], program: Program, settings: AthleteSettings
) -> History:
    done = sessions(stored, program.unit)
    behind = {(item.session.key, move): sets for item in done for move, sets in item.stored.items()}
    progress = program.fold(done)
    with_targets = AthleteSettings(
        equipment=settings.equipment,
        units=settings.units,
        rest_s=settings.rest_s,
        targets=progress.targets,
    )
    histories = []
    for move in MOVES:
        variant = program.variants[move.key]
        measure = _measure(variant)
        lines = tuple(
            _line(change, variant, measure, program.unit, behind[(change.session, move.key)])
            for change in progress.steps
            if change.move == move.key
        )
        histories.append(
            MoveHistory(
                move=move,
                variant=variant,
                measure=measure,
                lines=lines,
                target=progress.targets[move.key],
                next_session=describe_next(move, with_targets),
                next_block=build_blocks(move, with_targets)[0],
            )
        )
    unplanned = tuple(s for s in stored if s.move is None or s.matched_by not in COUNTED)
    return History(program.unit, tuple(histories), unplanned)


def _line(
    change: Change, variant: Variant, measure: str, unit: str, stored: list[StoredSet]
) -> SessionLine:
    return SessionLine(
        change.day,
        describe_sets(change.sets, variant, unit, change.roles),
        change.decision,
        _value(change.sets, change.roles, measure),
        tuple(zip(stored, change.roles, strict=True)),
    )


def describe_sets(
    sets: Sequence[WorkSet], variant: Variant, unit: str, roles: Sequence[Role] = ()
) -> str:
    """ "2 x 12 @ 20 kg", "10, 8 reps", "3 x 15 s"; consecutive equal sets folded together;
    warm-ups said as such."""
    roles = list(roles) or ["work"] * len(sets)
    if variant.prescription.is_hold:
        parts = [
            f"{len(list(group))} x {seconds} s"
            for seconds, group in groupby(round(s.duration_s or 0) for s in sets)
        ]
        return ", ".join(parts)
    rx = variant.prescription
    parts = []
    for (reps, load, role), group in groupby(
        (s.reps, s.load, role) for s, role in zip(sets, roles, strict=True)
    ):
        count = len(list(group))
        weight = f" @ {load:g} {unit}" if load else ""
        done = "?" if reps is None else str(reps)
        if reps is not None and rx.per_side and rx.alternating:
            done = f"{reps} ({reps // 2}/leg)"
        label = " (warm-up)" if role == "warmup" else ""
        parts.append(f"{count} x {done}{weight}{label}")
    return ", ".join(parts)


def describe_next(move: Move, settings: AthleteSettings) -> str:
    blocks = build_blocks(move, settings)
    block = blocks[0]
    rx = block.reps is not None and move.variant_for(settings.equipment).prescription
    if rx and rx.per_side and rx.alternating and block.reps is not None:
        amount = f"{block.reps // 2} reps per leg"
    else:
        amount = f"{block.reps} reps" if block.reps is not None else f"{block.hold_s} s"
    load = f" @ {block.load}" if block.load else ""
    sides = f" per side ({len(blocks)} sides)" if len(blocks) > 1 else ""
    return f"{block.sets} x {amount}{load}{sides}"


def _measure(variant: Variant) -> str:
    if variant.prescription.is_hold:
        return "hold"
    return "reps" if variant.load_kind == "bodyweight" else "load"


def _value(sets: Sequence[WorkSet], roles: Sequence[Role], measure: str) -> float | None:
    work = [s for s, role in zip(sets, roles, strict=True) if role == "work"]
    if measure == "hold":
        holds = [s.duration_s for s in work if s.duration_s is not None]
        return max(holds) if holds else None
    if measure == "reps":
        reps = [s.reps for s in work if s.reps is not None]
        return float(max(reps)) if reps else None
    loads = [s.load for s in work if s.load]
    return max(loads) if loads else None
