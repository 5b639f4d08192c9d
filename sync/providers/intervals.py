"""intervals.icu as a runs source: the planned workouts and races on the athlete's calendar.

One request per read: the events from ``OFF_LOOKBACK_DAYS`` before the first day (a sick or
injured stretch that began earlier still covers the days it lasts) to the last. How each event
is read is in ``runlift.sync.intervals.events``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Self

from runlift.sync import limits
from runlift.sync.intervals.events import date_out_of_range, read_events
from runlift.sync.model import Run

if TYPE_CHECKING:
    from runlift.sync.config import Config
    from runlift.sync.intervals.client import IntervalsClient

SOURCE = "intervals"
# How long before the first day an event may start and still cover it (sick, injured, holiday).
OFF_LOOKBACK_DAYS = 28


class IntervalsProvider:
    name = SOURCE

    def __init__(self, client: IntervalsClient, *, strength_on_holiday: bool = False) -> None:
        self.client = client
        self.strength_on_holiday = strength_on_holiday
        # Lines for the plan's notes: events left out, and why.
        self.notes: list[str] = []

    @classmethod
    def from_config(cls, config: Config, **options: Any) -> Self:
        """Options: ``client`` (an IntervalsClient; default one built from the config)."""
        client = options.get("client")
        if client is None:
            from runlift.sync import logs
            from runlift.sync.intervals.client import IntervalsClient
            from runlift.sync.intervals.credentials import credentials

            creds = credentials(config)
            logs.SECRETS.add([creds.api_key])
            client = IntervalsClient(
                creds,
                timeout_s=config.intervals.timeout_seconds,
                cooloff_s=config.intervals.cooloff_minutes * 60.0,
            )
        return cls(client, strength_on_holiday=config.intervals.strength_on_holiday)

    def upcoming_runs(self, start: date, end: date) -> list[Run]:
        runs = []
        for event in self.client.events(start - timedelta(days=OFF_LOOKBACK_DAYS), end):
            if day := date_out_of_range(event):
                title = limits.title(" ".join(str(event.get("name") or "").split()))[:60]
                self.notes.append(
                    f"intervals.icu: event '{title}' is left out: it is dated {day}, outside "
                    f"{limits.FIRST_YEAR}-{limits.LAST_YEAR}"
                )
                continue
            for run in read_events(event, strength_on_holiday=self.strength_on_holiday):
                if start <= run.day <= end:
                    runs.append(run)
        return sorted(runs, key=lambda run: (run.day, run.title, str(run.kind)))
