"""Loads one can put on a bar or take from a rack, in either unit.

A load converted from kilograms to pounds (or back) lands between plates: 42.5 kg is 93.7 lb,
which no bar holds. Shown in another unit, a load goes to the nearest load of that unit's usual
equipment: a barbell is the empty bar plus pairs of the smallest plates (2.5 lb a side in pounds,
1.25 kg a side in kilograms), a dumbbell comes in steps of 5 lb or 2 kg.
"""

from __future__ import annotations

from runlift.workouts.moves import LoadKind
from runlift.workouts.units import Load, Unit

# The smallest change of load each kind of equipment allows, per unit.
STEPS: dict[Unit, dict[LoadKind, float]] = {
    "kg": {"barbell": 2.5, "dumbbell": 2.0},
    "lb": {"barbell": 5.0, "dumbbell": 5.0},
}


def on_the_grid(load: Load, unit: Unit, kind: LoadKind, bar: float) -> Load:
    """``load`` in ``unit``, at the nearest load of that unit's equipment (never below ``bar``,
    the empty bar in ``unit``, for a barbell)."""
    value = load.kg_in(unit)
    if kind == "bodyweight":
        return Load(value, unit)
    step = STEPS[unit][kind]
    if kind == "barbell":
        return Load(max(bar, bar + round((value - bar) / step) * step), unit)
    return Load(max(step, round(value / step) * step), unit)
