"""Strava as a runs source: the week projected from the athlete's history, and which strength
sessions were done (a WeightTraining or other strength activity on or next to the day).

Each provider instance syncs the local history cache at most once (in the steady state one page
of the weeks it projects from, and the empty page after it) and answers both questions from it.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Self

from runlift.sync.model import Run, StrengthCompletion
from runlift.sync.planning import words
from runlift.sync.strava.activity import STRENGTH_SPORTS, Activity
from runlift.sync.strava.projection import project

if TYPE_CHECKING:
    from runlift.sync.config import Config
    from runlift.sync.strava.client import StravaConnection
    from runlift.sync.strava.history import HistoryCache

SOURCE = "strava"
# A generic "Workout" counts as strength when its title says so ("Gym", "Kraft", "runlift B").
_STRENGTH_TITLE = re.compile(
    r"\b(strength|weights?|gym|kraft\w*|musculation|renforcement|fuerza|gimnasio|forza"
    r"|palestra|kracht\w*|sportschool|musculacao|academia|runlift)\b"
)
# Local dates and UTC differ by up to 14 hours: fetch a day more than the dates asked for.
_ZONE_MARGIN = timedelta(days=1)


class StravaProvider:
    name = SOURCE

    def __init__(
        self,
        connection: StravaConnection,
        cache: HistoryCache,
        today: date,
        history_weeks: int = 8,
    ) -> None:
        self.connection = connection
        self.cache = cache
        self.today = today
        self.history_weeks = history_weeks
        self._synced_from: date | None = None

    @classmethod
    def from_config(cls, config: Config, **options: Any) -> Self:
        """Options: ``today`` (the athlete's date; default the clock's), ``http`` (a
        StravaHttp session), ``cache`` (a HistoryCache)."""
        from runlift.sync import clock
        from runlift.sync.strava.client import StravaConnection
        from runlift.sync.strava.history import HistoryCache

        today = options.get("today")
        if not isinstance(today, date):
            today = clock.today(config.zone())
        return cls(
            StravaConnection.from_config(config, http=options.get("http")),
            options.get("cache") or HistoryCache(),
            today,
            config.strava.history_weeks,
        )

    def upcoming_runs(self, start: date, end: date) -> list[Run]:
        window_start = self.today - timedelta(weeks=self.history_weeks)
        activities = self.history(min(window_start, start))
        return project(activities, self.today, start, end, self.history_weeks)

    def completed_strength(self, start: date, end: date) -> list[StrengthCompletion]:
        """Strength activities on local dates start-1 .. end+1 (the neighbours can match too)."""
        first, last = start - timedelta(days=1), end + timedelta(days=1)
        return [
            StrengthCompletion(
                day=a.day,
                duration_s=float(a.elapsed_time_s or a.moving_time_s),
                source=SOURCE,
                activity_id=a.id,
                title=a.name,
            )
            for a in self.history(first)
            if first <= a.day <= last and is_strength(a)
        ]

    def history(self, since: date) -> list[Activity]:
        """Activities from local date ``since`` on, after bringing the cache up to date."""
        from runlift.sync.strava.history import sync_history

        fetch_from = self._utc_midnight(since - _ZONE_MARGIN)
        if self._synced_from is None or since < self._synced_from:
            # The weeks the projection reads are read again, so edits and deletions show.
            recheck_from = self._utc_midnight(
                self.today - timedelta(weeks=self.history_weeks) - _ZONE_MARGIN
            )
            with self.connection.client() as client:
                sync_history(self.cache, client, fetch_from, recheck_from=recheck_from)
            self._synced_from = since
        return [a for a in self.cache.activities(fetch_from) if a.day >= since]

    @staticmethod
    def _utc_midnight(day: date) -> datetime:
        return datetime.combine(day, time(), tzinfo=UTC)


def is_strength(activity: Activity) -> bool:
    if activity.sport_type in STRENGTH_SPORTS:
        return True
    return activity.sport_type == "Workout" and bool(
        _STRENGTH_TITLE.search(words.normalize(activity.name))
    )
