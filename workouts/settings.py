"""What the athlete has and lifts: the inputs that turn the five moves into a session."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from runlift.workouts.moves import ALL_EQUIPMENT, MOVES_BY_KEY, Equipment
from runlift.workouts.units import KG_PER_LB, UNITS, Unit

MAX_LOAD_KG = 400.0
MAX_REST_S = 600
MAX_REPS = 100
MAX_HOLD_S = 600


class SettingsError(ValueError):
    """An athlete setting out of range; the message names the setting."""


@dataclass(frozen=True)
class MoveTarget:
    """The athlete's current target for one move; None keeps the program's default."""

    reps: int | None = None
    hold_s: int | None = None
    # In the athlete's unit; None or 0 means body weight / load left open.
    load: float | None = None


@dataclass(frozen=True)
class AthleteSettings:
    equipment: frozenset[Equipment] = ALL_EQUIPMENT
    units: Unit = "kg"
    rest_s: int = 90
    targets: Mapping[str, MoveTarget] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if self.units not in UNITS:
            raise SettingsError(f"units: {self.units!r} is not one of kg, lb")
        if not 0 <= self.rest_s <= MAX_REST_S:
            raise SettingsError(f"rest_seconds: {self.rest_s} is outside 0-{MAX_REST_S}")
        for key, target in self.targets.items():
            _check_target(key, target, self.units)
        object.__setattr__(self, "targets", MappingProxyType(dict(self.targets)))

    def target(self, move_key: str) -> MoveTarget:
        return self.targets.get(move_key, MoveTarget())


def _check_target(key: str, target: MoveTarget, units: Unit) -> None:
    if key not in MOVES_BY_KEY:
        known = ", ".join(MOVES_BY_KEY)
        raise SettingsError(f"{key}: not one of the five moves ({known})")
    if target.load is not None:
        kg = target.load if units == "kg" else target.load * KG_PER_LB
        if not 0 <= kg <= MAX_LOAD_KG:
            raise SettingsError(f"{key}.load: {target.load:g} {units} is not a load a person lifts")
    if target.reps is not None and not 1 <= target.reps <= MAX_REPS:
        raise SettingsError(f"{key}.reps: {target.reps} is outside 1-{MAX_REPS}")
    if target.hold_s is not None and not 1 <= target.hold_s <= MAX_HOLD_S:
        raise SettingsError(f"{key}.hold_seconds: {target.hold_s} is outside 1-{MAX_HOLD_S}")
