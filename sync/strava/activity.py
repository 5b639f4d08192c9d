"""The few facts runlift keeps about one Strava activity, independent of stravalib's models."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any, get_args

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
            id=int(raw["id"]),
            name=str(raw.get("name") or ""),
            sport_type=sport_of(raw),
            workout_type=_int_or_none(raw.get("workout_type")),
            # Strava labels start_date_local UTC although it is the local wall clock.
            start_local=_moment(raw["start_date_local"]).replace(tzinfo=None),
            start_utc=_moment(raw["start_date"]).astimezone(UTC),
            distance_m=float(raw.get("distance") or 0.0),
            moving_time_s=int(raw.get("moving_time") or 0),
            elapsed_time_s=int(raw.get("elapsed_time") or 0),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"a Strava activity without a usable {error}") from None


def _moment(value: object) -> datetime:
    if not isinstance(value, str):
        raise ValueError("start date")
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _int_or_none(value: object) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
