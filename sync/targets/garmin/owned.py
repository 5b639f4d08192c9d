"""Which workouts on Garmin Connect are runlift's, proven by the marker or by the ledger.

From the calendar snapshot (what is scheduled in the days read) and the ledger:

- a scheduled workout the ledger recorded creating is runlift's (no extra read);
- one whose listing carries runlift's marker is runlift's (no extra read);
- one whose name looks like runlift's is read once to check its marker (only when the state was
  lost or never knew it); an athlete's workout without the marker is never taken;
- a workout the ledger knows, dated inside the window but not on the calendar read: if the
  ledger recorded its calendar entry, that entry is read directly (the month listing can show a
  new entry one read late, and scheduling again would put the session twice on the watch); if
  the entry is gone, or was never made (a crash between creating and scheduling), the workout
  has lost its calendar entry.

With ``lost_state`` (the ledger has never completed a sync, or a create may have landed without
its answer), the athlete's strength workout library is read too, to find runlift's workouts that
have no calendar entry at all. Everything else stays untouched. Garmin's ids are numbers; the
engine gets them as text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from runlift.sync.engine.remote import RemoteSchedule, RemoteView, RemoteWorkout, Window
from runlift.sync.state import OwnedWorkout
from runlift.sync.targets.garmin import library
from runlift.sync.targets.garmin.calendar import CalendarEntry, EntryKind, as_id, calendar_day
from runlift.sync.targets.garmin.errors import NotFound
from runlift.sync.targets.garmin.port import GarminPort
from runlift.sync.targets.garmin.snapshot import CalendarSnapshot
from runlift.workouts.garmin_marker import Marker, has_runlift_name, parse_marker
from runlift.workouts.session_key import SessionKey

_Memo = dict[int, Marker | None]


def find_own(
    snapshot: CalendarSnapshot,
    known_refs: Mapping[str, OwnedWorkout],
    client: GarminPort,
    *,
    window: Window,
    scan_library: bool,
) -> RemoteView:
    start, end = window.start, window.end
    known = {wid: owned for ref, owned in known_refs.items() if (wid := as_id(ref)) is not None}
    markers: dict[int, Marker] = {}
    names: dict[int, str] = {}
    schedules: dict[int, list[RemoteSchedule]] = defaultdict(list)
    prior: set[SessionKey] = set()
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
            prior.add(SessionKey(entry.day, marker.label))
            continue
        if entry.day > end:
            later.add(wid)
            continue
        markers[wid] = marker
        names[wid] = entry.title
        schedules[wid].append(RemoteSchedule(str(entry.schedule_id), entry.day))

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
            recorded = _recorded_entry(wid, owned, client)
            if recorded is not None and recorded.day > end:
                later.add(wid)
                continue
            markers[wid] = Marker(owned.day, owned.key.label, owned.content_hash)
            names[wid] = owned.name
            if recorded is not None and recorded.day >= start:
                schedules[wid].append(recorded)
        elif owned.entry_ref is not None and owned.day > snapshot.end:
            later.add(wid)

    workouts = tuple(
        RemoteWorkout(
            workout_ref=str(wid),
            key=marker.key,
            label=marker.label,
            content_hash=marker.content_hash,
            schedules=tuple(
                sorted(schedules.get(wid, []), key=lambda s: (s.day, int(s.entry_ref)))
            ),
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
        return Marker(owned.day, owned.key.label, owned.content_hash)
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
        return Marker(owned.day, owned.key.label, owned.content_hash)
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


def _recorded_entry(wid: int, owned: OwnedWorkout, client: GarminPort) -> RemoteSchedule | None:
    """The calendar entry the ledger recorded for ``owned``, read directly, if it still exists."""
    schedule_id = as_id(owned.entry_ref)
    if schedule_id is None:
        return None
    try:
        answer = client.schedule_entry(schedule_id)
    except NotFound:
        return None
    workout = answer.get("workout")
    workout = workout if isinstance(workout, dict) else {}
    day = calendar_day(answer.get("calendarDate"))
    if as_id(workout.get("workoutId")) != wid or day is None:
        return None
    return RemoteSchedule(str(schedule_id), day)
