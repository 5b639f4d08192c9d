"""Per move: the sessions done, each with its sets and what it changed, and the next target."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from runlift.sync.importing.done import Program, sessions
from runlift.sync.importing.store import StoredSet
from runlift.workouts.moves import MOVES, Move, Variant
from runlift.workouts.progression import Change, WorkSet
from runlift.workouts.session import build_blocks
from runlift.workouts.settings import AthleteSettings, MoveTarget


@dataclass(frozen=True)
class SessionLine:
    day: date
    sets: str
    reason: str
    # What the chart draws: the load (loaded moves), the hold (holds) or the reps.
    value: float | None


@dataclass(frozen=True)
class MoveHistory:
    move: Move
    variant: Variant
    # "load" (in the athlete's unit), "hold" (seconds) or "reps".
    measure: str
    lines: tuple[SessionLine, ...]
    target: MoveTarget
    next_session: str


@dataclass(frozen=True)
class History:
    unit: str
    moves: tuple[MoveHistory, ...]
    # (category, sets) of work sets that are none of the five moves.
    unplanned: tuple[tuple[str, int], ...]


def build_history(
    stored: Sequence[StoredSet], program: Program, settings: AthleteSettings
) -> History:
    done = sessions(stored, program.unit)
    progress = program.progress(stored)
    changes: dict[tuple[date, str], list[Change]] = {}
    for change in progress.steps:
        changes.setdefault((change.day, change.move), []).append(change)
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
        lines: list[SessionLine] = []
        seen: dict[tuple[date, str], int] = {}
        for session in sorted(done, key=lambda s: s.day):
            sets = session.sets.get(move.key)
            if not sets:
                continue
            key = (session.day, move.key)
            index = seen.get(key, 0)
            seen[key] = index + 1
            found = changes.get(key, [])
            reason = found[index].decision if index < len(found) else ""
            lines.append(
                SessionLine(
                    session.day,
                    describe_sets(sets, variant, program.unit),
                    reason,
                    _value(sets, measure),
                )
            )
        histories.append(
            MoveHistory(
                move=move,
                variant=variant,
                measure=measure,
                lines=tuple(lines),
                target=progress.targets[move.key],
                next_session=describe_next(move, with_targets),
            )
        )
    return History(program.unit, tuple(histories), _unplanned(stored))


def describe_sets(sets: Sequence[WorkSet], variant: Variant, unit: str) -> str:
    """ "2 x 12 @ 20 kg", "10, 8 reps", "3 x 15 s"; consecutive equal sets folded together."""
    if variant.prescription.is_hold:
        parts = [
            f"{len(list(group))} x {seconds} s"
            for seconds, group in groupby(round(s.duration_s or 0) for s in sets)
        ]
        return ", ".join(parts)
    rx = variant.prescription
    parts = []
    for (reps, load), group in groupby((s.reps, s.load) for s in sets):
        count = len(list(group))
        weight = f" @ {load:g} {unit}" if load else ""
        done = "?" if reps is None else str(reps)
        if reps is not None and rx.per_side and rx.alternating:
            done = f"{reps} ({reps // 2}/leg)"
        parts.append(f"{count} x {done}{weight}")
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


def _value(sets: Sequence[WorkSet], measure: str) -> float | None:
    if measure == "hold":
        holds = [s.duration_s for s in sets if s.duration_s is not None]
        return max(holds) if holds else None
    if measure == "reps":
        reps = [s.reps for s in sets if s.reps is not None]
        return float(max(reps)) if reps else None
    loads = [s.load for s in sets if s.load]
    return max(loads) if loads else None


def _unplanned(stored: Sequence[StoredSet]) -> tuple[tuple[str, int], ...]:
    counts: dict[str, int] = {}
    for item in stored:
        if item.move is None:
            counts[item.category] = counts.get(item.category, 0) + 1
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
