"""What a plugin may import: the one stable surface of runlift for third parties.

A provider answers one question, what runs are coming between two local dates. It is a class
with a ``name``, a ``from_config(config, **options)`` class method and
``upcoming_runs(start, end) -> list[Run]`` (see :class:`RunsProvider`), registered in the
``runlift.providers`` entry-point group (:data:`ENTRY_POINT_GROUP`) of its distribution::

    [project.entry-points."runlift.providers"]
    trackclub = "runlift_trackclub:TrackClubProvider"

A target (where sessions are written) registers in ``runlift.targets``
(:data:`TARGET_ENTRY_POINT_GROUP`): a class with a ``from_config(config, **options)`` class
method whose objects are a :class:`Target`, the one interface runlift's sync engine knows of a
watch platform (Garmin Connect and COROS Training Hub are two): it encodes a :class:`Session`
with runlift's :class:`Marker` (its :class:`SessionKey` and content hash), lists what runlift
owns in a :class:`Window` as a :class:`RemoteView`, creates, schedules, unschedules and deletes,
and reads back after a lost answer; its ids are opaque text the engine keeps in its ledger
(:class:`OwnedWorkout`), and it fails with :class:`NotFound`, :class:`WriteUncertain`,
:class:`Rejected`, :class:`ServiceUnreachable`, :class:`RateLimited` or :class:`AuthRequired`.
Either kind of plugin may declare

- ``settings``: a frozen dataclass of :func:`setting` fields, written by the user as
  ``[providers.NAME]`` or ``[targets.NAME]``, checked as runlift's own settings are (errors
  name the key as written, the nearest key, the values allowed; secrets never echoed) and read
  with ``config.plugin_settings(TheModel)``;
- ``login(config, ask) -> str``: ``runlift login NAME``; it asks through ``ask`` (:class:`Ask`),
  makes one credential attempt and returns the line to print.

For talking to its service: :func:`service_client` (an httpx client with runlift's timeouts, the
service's cool-off after a 429 and one-line errors; a service out of reach is
:class:`ServiceUnreachable`, which pauses nothing, as a plugin's own 5xx should be),
:func:`check_cooloff` and :func:`pause_after_429` for a client of its own, :func:`redact` and
:func:`keep_out_of_logs` for secrets, :func:`plugin_dir` and :func:`write_private` for what it
keeps (0600 in 0700).

Everything else in runlift (``runlift.sync``, ``runlift.workouts``) is internal and may change
between releases; the names below keep their meaning.
"""

from runlift.sync.config import Config, setting
from runlift.sync.cooloff import check as check_cooloff
from runlift.sync.cooloff import pause_after_429
from runlift.sync.engine.remote import RemoteSchedule, RemoteView, RemoteWorkout, Window
from runlift.sync.engine.target import EncodedWorkout, Target
from runlift.sync.errors import (
    AuthRequired,
    NotFound,
    RateLimited,
    Rejected,
    ServiceUnreachable,
    UserError,
    WriteUncertain,
)
from runlift.sync.files import atomic_write as write_private
from runlift.sync.model import DayKind, Run, RunStructure
from runlift.sync.paths import plugin_dir
from runlift.sync.plugins import TARGETS as _TARGETS
from runlift.sync.plugins import Ask
from runlift.sync.providers.base import RunsProvider
from runlift.sync.providers.registry import GROUP as ENTRY_POINT_GROUP
from runlift.sync.redaction import keep_out_of_logs, redact
from runlift.sync.service_http import ServiceClient, service_client
from runlift.sync.state.ledger import OwnedWorkout
from runlift.workouts.garmin_marker import Marker, parse_marker
from runlift.workouts.session import Session
from runlift.workouts.session_key import SessionKey

TARGET_ENTRY_POINT_GROUP = _TARGETS.group

__all__ = [
    "ENTRY_POINT_GROUP",
    "TARGET_ENTRY_POINT_GROUP",
    "Ask",
    "AuthRequired",
    "Config",
    "DayKind",
    "EncodedWorkout",
    "Marker",
    "NotFound",
    "OwnedWorkout",
    "RateLimited",
    "Rejected",
    "RemoteSchedule",
    "RemoteView",
    "RemoteWorkout",
    "Run",
    "RunStructure",
    "RunsProvider",
    "ServiceClient",
    "ServiceUnreachable",
    "Session",
    "SessionKey",
    "Target",
    "UserError",
    "Window",
    "WriteUncertain",
    "check_cooloff",
    "keep_out_of_logs",
    "parse_marker",
    "pause_after_429",
    "plugin_dir",
    "redact",
    "service_client",
    "setting",
    "write_private",
]
