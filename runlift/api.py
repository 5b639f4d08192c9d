"""What a provider plugin may import: the one stable surface of runlift for third parties.

A provider answers one question, what runs are coming between two local dates. It is a class
with a ``name``, a ``from_config(config, **options)`` class method and
``upcoming_runs(start, end) -> list[Run]`` (see :class:`RunsProvider`), registered in the
``runlift.providers`` entry-point group (:data:`ENTRY_POINT_GROUP`) of its distribution::

    [project.entry-points."runlift.providers"]
    trackclub = "runlift_trackclub:TrackClubProvider"

Everything else in runlift (``runlift.sync``, ``runlift.workouts``) is internal and may change
between releases; the names below keep their meaning.
"""

from runlift.sync.config import Config
from runlift.sync.errors import UserError
from runlift.sync.model import DayKind, Run, RunStructure
from runlift.sync.providers.base import RunsProvider
from runlift.sync.providers.registry import GROUP as ENTRY_POINT_GROUP

__all__ = [
    "ENTRY_POINT_GROUP",
    "Config",
    "DayKind",
    "Run",
    "RunStructure",
    "RunsProvider",
    "UserError",
]
