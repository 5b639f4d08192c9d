"""The few facts runlift keeps about one Strava activity, independent of stravalib's models."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stravalib.model import SummaryActivity

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


def from_summary(summary: SummaryActivity) -> Activity:
    """runlift's record of one stravalib SummaryActivity."""
    sport = summary.sport_type.root if summary.sport_type is not None else ""
    if not sport and summary.type is not None:
        sport = summary.type.root
    if summary.id is None or summary.start_date is None or summary.start_date_local is None:
        raise ValueError("a Strava activity without id or start date")
    return Activity(
        id=summary.id,
        name=summary.name or "",
        sport_type=str(sport),
        workout_type=summary.workout_type,
        # Strava labels start_date_local UTC although it is the local wall clock.
        start_local=summary.start_date_local.replace(tzinfo=None),
        start_utc=summary.start_date.astimezone(UTC),
        distance_m=float(summary.distance or 0.0),
        moving_time_s=int(summary.moving_time or 0),
        elapsed_time_s=int(summary.elapsed_time or 0),
    )


def from_json(raw: dict[str, Any]) -> Activity:
    """From the API's JSON, validated through stravalib's own model."""
    from stravalib.model import SummaryActivity

    return from_summary(SummaryActivity.model_validate(raw))
