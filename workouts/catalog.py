"""Exercise identifiers, looked up in Garmin's two catalogs by name, never typed in by number."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any


class UnknownExercise(LookupError):
    """A name that one of Garmin's catalogs does not hold."""


@dataclass(frozen=True)
class Exercise:
    """One exercise as both Garmin catalogs know it.

    ``fit_category`` and ``fit_name`` are spelled as in the FIT profile (lower case);
    ``connect_display`` is the display name in Garmin Connect's exercise catalog.
    """

    fit_category: str
    fit_name: str
    connect_display: str

    @property
    def fit_category_id(self) -> int:
        return fit_category_number(self.fit_category)

    @property
    def fit_name_id(self) -> int:
        return fit_name_number(self.fit_category, self.fit_name)

    def connect_ids(self) -> tuple[str, str]:
        """(category, exerciseName) as Garmin Connect's workout JSON spells them."""
        return connect_ids(self.connect_display)


def _types() -> dict[str, Any]:
    """The FIT profile's types (garmin_fit_sdk's Profile), imported when first read: the
    commands that never write or read a FIT file start without it."""
    from garmin_fit_sdk import Profile

    types: dict[str, Any] = Profile["types"]
    return types


def _reverse(table: dict[int, str]) -> dict[str, int]:
    return {name: number for number, name in table.items()}


@cache
def _categories() -> dict[str, int]:
    return _reverse(_types()["exercise_category"])


@cache
def _names(category: str) -> dict[str, int]:
    table = _types().get(f"{category}_exercise_name")
    if table is None:
        raise UnknownExercise(f"FIT profile has no exercise names for category {category!r}")
    return _reverse(table)


def fit_category_number(category: str) -> int:
    try:
        return _categories()[category]
    except KeyError:
        raise UnknownExercise(f"FIT profile has no exercise category {category!r}") from None


def fit_name_number(category: str, name: str) -> int:
    try:
        return _names(category)[name]
    except KeyError:
        raise UnknownExercise(f"FIT profile has no {category} exercise {name!r}") from None


def fit_category_name(number: int) -> str | None:
    name = _types()["exercise_category"].get(number)
    return name if isinstance(name, str) else None


def fit_exercise_name(category: str, number: int) -> str | None:
    table = _types().get(f"{category}_exercise_name")
    return None if table is None else table.get(number)


@cache
def connect_ids(display: str) -> tuple[str, str]:
    # Imported here: garminconnect takes ~0.4 s to import and only Garmin Connect work needs it.
    from garminconnect import exercises

    entry = exercises.resolve(display)
    if entry is None:
        raise UnknownExercise(f"Garmin Connect's catalog has no exercise {display!r}")
    return entry["category"], entry["exercise"]
