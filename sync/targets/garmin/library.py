"""The athlete's workout library as Garmin Connect lists it, read the way it is recorded.

``GET /workout-service/workouts?start=&limit=`` answers a bare array of list items (no steps,
``updateDate``), newest CREATED first; an edited workout stays where its creation put it (the
recorded 734-workout library lists edited workouts among their creation neighbours).
``start`` is one-based: ``start=0`` and ``start=1`` both begin at the first workout, so the
recorded pages ``start=0`` and ``start=100`` share one workout. runlift reads a page at
``start=0``, then from the number of items read so far: whichever base a server counts from,
no workout is skipped, and a workout met twice where two pages meet is kept once.

No other list parameter is sent. None is recorded as honoured (``sportTypeKey``,
``orderBy=UPDATE_DATE``; only ``orderBy=WORKOUT_NAME`` is seen honoured), so a server that
ignored them would answer the whole library in its own order: runlift filters here and never
depends on an order for being right, only for being quick.
"""

from __future__ import annotations

from typing import Any

from runlift.sync.targets.garmin.calendar import as_id
from runlift.sync.targets.garmin.port import GarminPort

# The page size the recordings use (and show answered in full).
PAGE = 100
MAX_PAGES = 20
STRENGTH = "strength_training"


def first_page(garmin: GarminPort, size: int = PAGE) -> list[dict[str, Any]]:
    """The first ``size`` workouts of the list (the most recently created, as recorded)."""
    return once(garmin.workout_list(0, size))


def whole_library(
    garmin: GarminPort, size: int = PAGE, max_pages: int = MAX_PAGES
) -> list[dict[str, Any]]:
    """Every workout of the list, each once, page by page up to ``max_pages`` pages.

    A page shorter than asked is the last (the recording's pages come full until the end); an
    empty page or one with nothing new ends the read too.
    """
    found: dict[int, dict[str, Any]] = {}
    start = 0
    for _ in range(max_pages):
        items = garmin.workout_list(start, size)
        new = 0
        for item in once(items):
            wid = item_id(item)
            if wid is not None and wid not in found:
                found[wid] = item
                new += 1
        if not new or len(items) < size:
            break
        start += len(items)
    return list(found.values())


def once(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items with a workout id, each id once, in the order given."""
    seen: dict[int, dict[str, Any]] = {}
    for item in items:
        wid = item_id(item)
        if wid is not None:
            seen.setdefault(wid, item)
    return list(seen.values())


def item_id(item: dict[str, Any]) -> int | None:
    return as_id(item.get("workoutId"))


def strength_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The strength workouts among list items (filtered here: no filter is recorded)."""
    return [item for item in items if sport_key(item) == STRENGTH]


def sport_key(item: dict[str, Any]) -> str:
    sport = item.get("sportType")
    return str(sport.get("sportTypeKey") or "").lower() if isinstance(sport, dict) else ""


def update_time(workout: dict[str, Any]) -> str:
    """When a workout was last changed: ``updateDate`` in the list's items, ``updatedDate`` in
    a workout read by id (both "2023-10-02T05:45:53.0"); either is taken from either answer."""
    value = workout.get("updateDate") or workout.get("updatedDate")
    return value if isinstance(value, str) else ""
