"""Weight units: loads stay in the athlete's unit; kilograms are derived where needed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Unit = Literal["kg", "lb"]
UNITS: tuple[Unit, ...] = ("kg", "lb")
KG_PER_LB = 0.45359237


@dataclass(frozen=True, order=True)
class Load:
    """A load as the athlete thinks of it: 20 kg, 45 lb."""

    value: float
    unit: Unit

    @property
    def kg(self) -> float:
        return self.value if self.unit == "kg" else self.value * KG_PER_LB

    def kg_in(self, unit: Unit) -> float:
        """This load's weight expressed in ``unit``."""
        return self.kg if unit == "kg" else self.kg / KG_PER_LB

    @classmethod
    def from_kg(cls, kg: float, unit: Unit) -> Load:
        """The load in ``unit``, rounded to 0.1 so a kg round trip gives back what was typed."""
        value = kg if unit == "kg" else kg / KG_PER_LB
        return cls(round(value, 1), unit)

    def __str__(self) -> str:
        return f"{self.value:g} {self.unit}"
