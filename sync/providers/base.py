"""The provider interface: what runs are coming between two local dates.

A provider is registered in the ``runlift.providers`` entry-point group under its source name
(``garmin``, ``ics``, ``config``, ``strava``, or a third party's). The entry point names a
class; runlift builds it with ``cls.from_config(config, **options)``.

Runs are ``Run`` objects (sync/model.py); a rest day the plan writes down is a Run of kind
REST, a strength session the plan schedules a Run of kind STRENGTH (the plan's strength day).
A provider may also have ``all_runs() -> list[Run]``: every run it holds, in date order
(a whole training calendar); the planner then takes the athlete's usual run from all of them,
so a day reads the same whatever window is asked for.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, Self, runtime_checkable

from runlift.sync.model import Run

if TYPE_CHECKING:
    from runlift.sync.config import Config


@runtime_checkable
class RunsProvider(Protocol):
    name: str

    @classmethod
    def from_config(cls, config: Config, **options: Any) -> Self: ...

    def upcoming_runs(self, start: date, end: date) -> list[Run]:
        """Runs on local dates start..end inclusive."""
        ...
