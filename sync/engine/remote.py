"""Which workouts on Garmin Connect are runlift's, proven by the marker or by the local state.

From the calendar snapshot (what is scheduled in the window) and the local state:

- a scheduled workout the state recorded creating is runlift's (no extra read);
- one whose listing carries runlift's marker is runlift's (no extra read);
- one whose name looks like runlift's is read once to check its marker (only when the state was
  lost or never knew it); an athlete's workout without the marker is never taken;
- a workout the state knows, dated inside the window but not on the calendar read: if the state
  recorded its calendar entry, that entry is read directly (the month listing can show a new
  entry one read late, and scheduling again would put the session twice on the watch); if the
  entry is gone, or was never made (a crash between creating and scheduling), the workout has
  lost its calendar entry.

When the state has never completed a sync (new, or deleted) or a create may have landed without
its answer, the athlete's strength workout library is read too, to find runlift's workouts that
have no calendar entry at all. Everything else stays untouched.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from runlift.sync.engine.diff import RemoteSchedule, RemoteWorkout
from runlift.sync.garmin import library
from runlift.sync.garmin.calendar import CalendarEntry, EntryKind, as_id, calendar_day
from runlift.sync.garmin.errors import NotFound
from runlift.sync.garmin.port import GarminPort
from runlift.sync.garmin.snapshot import CalendarSnapshot
from runlift.sync.state import OwnedWorkout, SyncState
from runlift.workouts.garmin_marker import Marker, has_runlift_name, parse_marker

_Memo = dict[int, Marker | None]


@dataclass(frozen=True)
class RemoteView:
    # runlift's workouts in the window (scheduled there, or dated there but unscheduled).
    workouts: tuple[RemoteWorkout, ...]
    # runlift workouts scheduled after the window (they count against the watch's ~30).
    scheduled_later: int
    # runlift sessions scheduled before the window, as (day, label): history, never touched.
    prior: tuple[tuple[date, str], ...]


def needs_library_scan(state: SyncState) -> bool:
    if not state.has_completed_sync():
        return True
    return any(i.action == "create_workout" for i in state.pending())


def find_own(
    snapshot: CalendarSnapshot,
    state: SyncState,
    client: GarminPort,
    *,
    window: tuple[date, date],
    scan_library: bool,
) -> RemoteView:
    start, end = window
    known = state.owned_by_id()
    markers: dict[int, Marker] = {}
    names: dict[int, str] = {}
    schedules: dict[int, list[RemoteSchedule]] = defaultdict(list)
    prior: set[tuple[date, str]] = set()
    later: set[int] = set()
    # Every runlift workout seen on the calendar read, wherever it stands.
    seen: set[int] = set()
    memo: _Memo = {}

    for entry in snapshot.entries:
        if entry.kind is not EntryKind.WORKOUT or None in (entry.workout_id, entry.schedule_id):
            continue
        marker = _marker(entry, known, client, memo)
        if marker is None:
            continue
        wid = entry.workout_id
        assert wid is not None and entry.schedule_id is not None
        seen.add(wid)
        if entry.day < start:
            prior.add((entry.day, marker.label))
            continue
        if entry.day > end:
            later.add(wid)
            continue
        markers[wid] = marker
        names[wid] = entry.title
        schedules[wid].append(RemoteSchedule(entry.schedule_id, entry.day))

    if scan_library:
        for item in library.strength_items(library.whole_library(client)):
            library_id = as_id(item.get("workoutId"))
            if library_id is None or library_id in seen:
                continue
            marker = _library_marker(library_id, item, known, client, memo)
            if marker is not None and start <= marker.day <= end:
                markers[library_id] = marker
                names[library_id] = str(item.get("workoutName") or "")

    for wid, owned in known.items():
        if wid not in seen and wid not in markers and start <= owned.day <= end:
            # Known to runlift, dated inside the window, yet not on the calendar read.
            recorded = _recorded_entry(owned, client)
            if recorded is not None and recorded.day > end:
                later.add(wid)
                continue
            markers[wid] = Marker(owned.day, _label(owned.key), owned.content_hash)
            names[wid] = owned.name
            if recorded is not None and recorded.day >= start:
                schedules[wid].append(recorded)
        elif owned.schedule_id is not None and owned.day > snapshot.end:
            later.add(wid)

    workouts = tuple(
        RemoteWorkout(
            workout_id=wid,
            key=marker.key,
            label=marker.label,
            content_hash=marker.content_hash,
            schedules=tuple(sorted(schedules.get(wid, []), key=lambda s: (s.day, s.schedule_id))),
            name=names.get(wid, ""),
        )
        for wid, marker in sorted(markers.items())
    )
    return RemoteView(
        workouts=workouts,
        scheduled_later=len(later),
        prior=tuple(sorted(prior)),
    )


def _marker(
    entry: CalendarEntry, known: dict[int, OwnedWorkout], client: GarminPort, memo: _Memo
) -> Marker | None:
    assert entry.workout_id is not None
    owned = known.get(entry.workout_id)
    if owned is not None:
        return Marker(owned.day, _label(owned.key), owned.content_hash)
    if has_runlift_name(entry.title) and not entry.is_running:
        return _read_marker(entry.workout_id, client, memo)
    return None


def _library_marker(
    wid: int,
    item: dict[str, Any],
    known: dict[int, OwnedWorkout],
    client: GarminPort,
    memo: _Memo,
) -> Marker | None:
    description = item.get("description")
    if isinstance(description, str):
        return parse_marker(description)
    owned = known.get(wid)
    if owned is not None:
        return Marker(owned.day, _label(owned.key), owned.content_hash)
    if has_runlift_name(str(item.get("workoutName") or "")):
        return _read_marker(wid, client, memo)
    return None


def _read_marker(workout_id: int, client: GarminPort, memo: _Memo) -> Marker | None:
    """Read a workout whose name looks like runlift's, once per sync, to check its marker."""
    if workout_id not in memo:
        try:
            memo[workout_id] = parse_marker(client.workout(workout_id).get("description"))
        except NotFound:
            memo[workout_id] = None
    return memo[workout_id]


def _recorded_entry(owned: OwnedWorkout, client: GarminPort) -> RemoteSchedule | None:
    """The calendar entry the state recorded for ``owned``, read directly, if it still exists."""
    if owned.schedule_id is None:
        return None
    try:
        answer = client.schedule_entry(owned.schedule_id)
    except NotFound:
        return None
    workout = answer.get("workout")
    workout = workout if isinstance(workout, dict) else {}
    day = calendar_day(answer.get("calendarDate"))
    if as_id(workout.get("workoutId")) != owned.workout_id or day is None:
        return None
    return RemoteSchedule(owned.schedule_id, day)


def _label(key: str) -> str:
    return key.rsplit("/", 1)[-1]
