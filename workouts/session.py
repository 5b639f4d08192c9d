"""A strength session: the five moves turned into blocks of sets for one athlete."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from runlift.workouts.catalog import Exercise
from runlift.workouts.moves import MOVES_BY_KEY, Move, Variant
from runlift.workouts.settings import AthleteSettings
from runlift.workouts.units import Load
from runlift.workouts.volume import Volume


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class Block:
    """One exercise done ``sets`` times, each set followed by ``rest_s`` of rest.

    ``reps`` counts every rep the watch should count in a set: for an alternating move
    (walking lunge) that is both legs together, and the name says how many per leg.
    """

    move: str
    exercise: Exercise
    # The step name the watch shows (with the side or the per-leg count) and the exercise's title.
    name: str
    title: str
    sets: int
    rest_s: int
    reps: int | None = None
    hold_s: int | None = None
    side: Side | None = None
    load: Load | None = None
    notes: str = ""


@dataclass(frozen=True)
class Session:
    label: str
    name: str
    blocks: tuple[Block, ...]
    volume: Volume = Volume.FULL


# Session A starts with the legs, session B with the hinge; both hold all five moves.
SESSION_ORDER: dict[str, tuple[str, ...]] = {
    "A": (
        "walking_lunge",
        "romanian_deadlift",
        "bent_over_row",
        "side_plank_leg_lift",
        "hanging_leg_raise",
    ),
    "B": (
        "romanian_deadlift",
        "bent_over_row",
        "walking_lunge",
        "hanging_leg_raise",
        "side_plank_leg_lift",
    ),
}
SESSION_LABELS: tuple[str, ...] = tuple(SESSION_ORDER)


# Every session's name starts so; readers of watch files and Garmin Connect look for it.
NAME_PREFIX = "Runner Strength "


def session_name(label: str, volume: Volume = Volume.FULL) -> str:
    """ "Runner Strength A", or "Runner Strength A · maintenance" for a lighter session."""
    name = f"{NAME_PREFIX}{label}"
    return name if volume is Volume.FULL else f"{name} · {volume}"


def build_session(label: str, settings: AthleteSettings, volume: Volume = Volume.FULL) -> Session:
    if label not in SESSION_ORDER:
        raise ValueError(f"session label {label!r} is not one of {', '.join(SESSION_LABELS)}")
    blocks: list[Block] = []
    for key in SESSION_ORDER[label]:
        blocks.extend(build_blocks(MOVES_BY_KEY[key], settings, volume))
    return Session(
        label=label, name=session_name(label, volume), blocks=tuple(blocks), volume=volume
    )


def build_blocks(
    move: Move, settings: AthleteSettings, volume: Volume = Volume.FULL
) -> list[Block]:
    variant = move.variant_for(settings.equipment)
    rx = variant.prescription
    target = settings.target(move.key)
    rest_s = rx.rest_s if rx.rest_s is not None else settings.rest_s
    load = _load(variant, target.load, settings) if volume.keeps_load else None
    weight = f" @ {load}" if load else ""
    sets = volume.sets_per_move or rx.sets

    if rx.is_hold:
        hold_s = target.hold_s or rx.hold_s
        assert hold_s is not None
        sides: tuple[Side | None, ...] = (Side.LEFT, Side.RIGHT) if rx.per_side else (None,)
        return [
            Block(
                move=move.key,
                exercise=variant.exercise,
                title=variant.title,
                name=f"{variant.title} {side.value.title()}" if side else variant.title,
                sets=sets,
                rest_s=rest_s,
                hold_s=hold_s,
                side=side,
                load=load,
                notes=_notes(
                    f"{sets} x {hold_s} s hold" + (f", {side.value} side down" if side else ""),
                    variant.cue,
                ),
            )
            for side in sides
        ]

    assert rx.reps is not None
    per_leg = rx.reps[0] if volume.bottom_of_range else (target.reps or rx.reps[0])
    if rx.per_side and rx.alternating:
        return [
            Block(
                move=move.key,
                exercise=variant.exercise,
                title=variant.title,
                name=f"{variant.title} {per_leg}/leg",
                sets=sets,
                rest_s=rest_s,
                reps=2 * per_leg,
                load=load,
                notes=_notes(
                    f"{2 * per_leg} steps per set = {per_leg} each leg, alternating{weight}",
                    variant.cue,
                ),
            )
        ]
    return [
        Block(
            move=move.key,
            exercise=variant.exercise,
            title=variant.title,
            name=variant.title,
            sets=sets,
            rest_s=rest_s,
            reps=per_leg,
            load=load,
            notes=_notes(f"{sets} x {per_leg}{weight}", variant.cue),
        )
    ]


def _load(variant: Variant, value: float | None, settings: AthleteSettings) -> Load | None:
    if variant.load_kind == "bodyweight" or not value:
        return None
    return Load(float(value), settings.units)


def _notes(target: str, cue: str) -> str:
    return f"{target}. {cue}"


def pushed_loads(session: Session) -> str:
    """The loads a workout carries, as the dry run shows them: ``RDL 40 kg, Row 30 kg``."""
    loads = [f"{block.title} {block.load}" for block in session.blocks if block.load is not None]
    return ", ".join(dict.fromkeys(loads)) or "body weight"
