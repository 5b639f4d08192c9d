"""Which running workouts on the calendar to read again: runlift's way of seeing edits.

The calendar month says which workout is on which day, never when it was changed. The workout
list says when (``updateDate``), but only in its recorded order, newest CREATED first: an edit
does not move a workout, and no recording shows an order by update time honoured. So runlift
keeps each running workout it read (``GarminCache.cached_run``) with the check round it was last
known unchanged in, and with whether the list's first page held it, and each sync:

1. reads by id every scheduled running workout it has never read (its steps are needed);
2. spends a small budget of requests confirming the others, stalest first:
   - the list's first page (one request) when the stalest may be on it: every cached workout
     found there is confirmed by its ``updateDate`` at once, or read again when that changed;
   - else the stalest workout itself, read by id (an old workout deep in the list).

The budget is what is left of ``STEADY_REQUESTS`` after the sync's other requests, at least one.
A sync with nothing changed therefore sends at most ``STEADY_REQUESTS`` requests when its
calendar takes one or two month reads; an edit is seen on the next sync whenever the budget
covers the first page and the workouts beyond it (one calendar month: one old workout beside
recent ones, the usual plan), and otherwise within as many syncs as there are such workouts.
The order the list answers in only decides how much one request confirms, never whether an
edit is found: whatever the first page does not hold is read by id in turn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from runlift.sync.targets.garmin import library
from runlift.sync.targets.garmin.cache import CachedRun, GarminCache
from runlift.sync.targets.garmin.calendar import is_running_sport
from runlift.sync.targets.garmin.port import GarminPort

# Requests a sync with nothing changed may send, its calendar month(s) included.
STEADY_REQUESTS = 3


@dataclass
class Checks:
    """What one sync learned: the workouts to read by id now, and the round's number."""

    round: int
    to_read: set[int] = field(default_factory=set)


def check(
    scheduled: dict[int, date],
    state: GarminCache,
    garmin: GarminPort,
    budget: int,
    page_size: int = library.PAGE,
) -> Checks:
    """``scheduled``: each running workout on the calendar read, with its first day there."""
    checks = Checks(state.check_round())
    pending: list[CachedRun] = []
    for workout_id in scheduled:
        cached = state.cached_run(workout_id)
        if cached is None:
            checks.to_read.add(workout_id)
        elif cached.updated and is_running_sport(str(cached.summary.get("sport") or "")):
            # (one never readable by id is a run by its calendar item alone; one read as another
            # sport, where the calendar item did not say, is not a run)
            pending.append(cached)
    page_read = False
    while pending and budget > 0:
        budget -= 1
        stalest = min(pending, key=lambda c: (c.checked, scheduled[c.workout_id], c.workout_id))
        if page_read or stalest.first_page is False:
            checks.to_read.add(stalest.workout_id)
            pending.remove(stalest)
            continue
        page_read = True
        found = _on_first_page(pending, garmin, page_size, checks)
        if not state.readonly:
            state.note_first_page(found, {c.workout_id for c in pending} - found)
            state.confirm_runs(found - checks.to_read, checks.round)
        pending = [c for c in pending if c.workout_id not in found]
    return checks


def _on_first_page(
    pending: list[CachedRun], garmin: GarminPort, size: int, checks: Checks
) -> set[int]:
    """The pending workouts the first page shows with an update time; an edited one (another
    update time than the one read) joins ``checks.to_read``."""
    cached = {c.workout_id: c for c in pending}
    found: set[int] = set()
    for item in library.first_page(garmin, size):
        workout_id = library.item_id(item)
        stamp = library.update_time(item)
        if workout_id not in cached or not stamp:
            continue
        assert workout_id is not None
        found.add(workout_id)
        if stamp != cached[workout_id].updated:
            checks.to_read.add(workout_id)
    return found
