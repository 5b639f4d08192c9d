"""intervals.icu as a runs source: the planned workouts and races on the athlete's calendar.

One request per read (the events between the two dates); how each event is read is in
``runlift.sync.intervals.events``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Self

from runlift.sync.intervals.events import read_event
from runlift.sync.model import Run

if TYPE_CHECKING:
    from runlift.sync.config import Config
    from runlift.sync.intervals.client import IntervalsClient

SOURCE = "intervals"


class IntervalsProvider:
    name = SOURCE

    def __init__(self, client: IntervalsClient) -> None:
        self.client = client

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
        return cls(client)

    def upcoming_runs(self, start: date, end: date) -> list[Run]:
        runs = []
        for event in self.client.events(start, end):
            run = read_event(event)
            if run is not None and start <= run.day <= end:
                runs.append(run)
        return sorted(runs, key=lambda run: (run.day, run.title))
