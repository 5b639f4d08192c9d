"""The few facts runlift keeps about one Strava activity, independent of stravalib's models."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any, get_args

from runlift.sync import limits

RUN_SPORTS = frozenset({"Run", "TrailRun", "VirtualRun"})
# Sport types that are strength training in themselves.
STRENGTH_SPORTS = frozenset({"WeightTraining", "Crossfit"})


@dataclass(frozen=True)
class Activity:
    id: int
    name: str
    sport_type: str
    # Strava's workout_type: runs 0 default, 1 race, 2 long run, 3 workout; None when unset.
    workout_type: int | None
    # Wall-clock time where the activity happened, without a time zone.
    start_local: datetime
    start_utc: datetime
    distance_m: float
    moving_time_s: int
    elapsed_time_s: int

    @property
    def day(self) -> date:
        return self.start_local.date()

    @property
    def is_run(self) -> bool:
        return self.sport_type in RUN_SPORTS

    @property
    def speed_m_s(self) -> float:
        return self.distance_m / self.moving_time_s if self.moving_time_s > 0 else 0.0


def sport_of(raw: dict[str, Any]) -> str:
    """The activity's sport as Strava sent it.

    stravalib turns a sport_type it does not know yet into "Workout", which would drop a new
    kind of run out of the running history; the raw string is read instead. A sport_type that
    stravalib's published list does not know falls back to the coarse legacy ``type`` ("Run"
    for every kind of run), which Strava keeps sending beside it.
    """
    sport, kind = raw.get("sport_type"), raw.get("type")
    sport = sport if isinstance(sport, str) else ""
    kind = kind if isinstance(kind, str) else ""
    if sport and (sport in known_sport_types() or not kind):
        return sport
    return kind or sport


@cache
def known_sport_types() -> frozenset[str]:
    from stravalib.strava_model import SportType

    return frozenset(get_args(SportType.model_fields["root"].annotation))


def from_json(raw: dict[str, Any]) -> Activity:
    """From one item of the API's activity list; ValueError when it lacks id or start."""
    try:
        return Activity(
            id=_whole(raw["id"], "id"),
            name=limits.title(str(raw.get("name") or "")),
            sport_type=limits.title(sport_of(raw)),
            workout_type=_int_or_none(raw.get("workout_type")),
            # Strava labels start_date_local UTC although it is the local wall clock.
            start_local=_moment(raw["start_date_local"]).replace(tzinfo=None),
            start_utc=_moment(raw["start_date"]).astimezone(UTC),
            distance_m=_amount(raw.get("distance"), "distance"),
            moving_time_s=int(_amount(raw.get("moving_time"), "moving_time")),
            elapsed_time_s=int(_amount(raw.get("elapsed_time"), "elapsed_time")),
        )
    except (KeyError, TypeError, ValueError, OverflowError) as error:
        raise ValueError(f"a Strava activity without a usable {error}") from None


# Beyond a year of seconds or a million kilometres: no activity, a garbled value.
_LARGEST_AMOUNT = 1e9


def _whole(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(name)
    if value > limits.LARGEST_INTEGER:
        raise ValueError(name)
    return value


def _amount(value: object, name: str) -> float:
    """A distance or duration: missing is 0; negative, not finite or absurd is unusable."""
    if value is None:
        return 0.0
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(name)
    if not 0 <= value <= _LARGEST_AMOUNT:
        raise ValueError(name)
    return float(value)


def _moment(value: object) -> datetime:
    if not isinstance(value, str):
        raise ValueError("start date")
    moment = datetime.fromisoformat(value[:40])
    # A day or two either side of the limits: converting the zone must not overflow.
    if not limits.FIRST_YEAR < moment.year < limits.LAST_YEAR:
        raise ValueError("start date")
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _int_or_none(value: object) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return value if abs(value) <= 2**31 else None
    if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value) < 10:
        return int(value)
    return None
