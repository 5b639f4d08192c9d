"""The provider interface: what runs are coming between two local dates.

A provider is registered in the ``runlift.providers`` entry-point group under its source name
(``garmin``, ``ics``, ``config``, ``strava``, or a third party's). The entry point names a
class; runlift builds it with ``cls.from_config(config, **options)``.
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
