"""Strength activities from Garmin Connect, through the Garmin port (the signed-in client).

Per activity: the exercise sets as the athlete corrected them in Garmin Connect (preferred);
when Garmin has none, the original upload (a zip holding the .fit) read like any watch file.
An activity already stored is not asked for again: one list request per page of 20 activities
plus at most two requests per new activity.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from runlift.sync import limits
from runlift.sync.importing import store
from runlift.sync.importing.activity import SOURCE_GARMIN_SETS, Activity
from runlift.sync.importing.fit_probe import NotFitError
from runlift.sync.importing.fit_reader import read_strength
from runlift.sync.importing.garmin_sets import set_records
from runlift.sync.importing.importer import Importer
from runlift.sync.importing.scan import (
    MEMBER_ERRORS,
    NotRead,
    TooManyMembers,
    check_members,
    read_member,
    reason,
)
from runlift.sync.targets.garmin.calendar import as_id
from runlift.sync.targets.garmin.errors import NotFound
from runlift.workouts.matching import WorkoutDone

if TYPE_CHECKING:
    from runlift.sync.targets.garmin.port import GarminPort


@dataclass
class GarminImport:
    listed: int = 0
    from_sets: int = 0
    from_fit: int = 0
    already: int = 0
    requests: Counter[str] = field(default_factory=Counter)


def import_range(
    reader: GarminPort,
    importer: Importer,
    start: date,
    end: date,
    *,
    zone: tzinfo | None = None,
) -> GarminImport:
    """Import the strength activities from ``start`` to ``end`` (inclusive, local dates).

    Reads go through the sync's GarminClient: the same cool-off, 429 and sign-in handling.
    """
    result = GarminImport(requests=reader.calls)
    for item in reader.strength_activities(start, end):
        activity_id = as_id(item.get("activityId"))
        if activity_id is None:
            continue
        item = {**item, "activityId": activity_id}
        result.listed += 1
        key = f"garmin:{activity_id}"
        if store.known(importer.conn, key) is not None:
            result.already += 1
            importer.tally.unchanged += 1
            continue
        activity = _from_sets(reader, item, key)
        if activity is not None:
            result.from_sets += 1
        else:
            activity = _from_original(reader, item, key, zone, importer)
            if activity is None:
                continue
            result.from_fit += 1
        importer.add(activity)
    return result


def _from_sets(reader: GarminPort, item: dict[str, Any], key: str) -> Activity | None:
    try:
        records = set_records(reader.exercise_sets(item["activityId"]))
    except NotFound:
        return None
    start = _gmt(item.get("startTimeGMT"))
    if not any(r.active for r in records) or start is None:
        return None
    local = _gmt(item.get("startTimeLocal"))
    return Activity(
        activity_id=key,
        source=SOURCE_GARMIN_SETS,
        start=start,
        day=(local or start).date(),
        name=limits.title(str(item.get("activityName") or "Strength")),
        sets=records,
        workout=_workout(item),
        origin=f"Garmin Connect activity {item['activityId']}",
    )


def _workout(item: dict[str, Any]) -> WorkoutDone:
    """An activity done from a workout carries its id, and Garmin Connect names the activity
    after the workout ("Paris - Runner Strength A · Tue 24 Nov")."""
    if item.get("workoutId") is None:
        return WorkoutDone()
    name = item.get("activityName")
    return WorkoutDone(name=name if isinstance(name, str) else None)


def _from_original(
    reader: GarminPort, item: dict[str, Any], key: str, zone: tzinfo | None, importer: Importer
) -> Activity | None:
    origin = f"Garmin Connect activity {item['activityId']} (original file)"
    try:
        data = reader.original_file(item["activityId"])
    except NotFound:  # an activity entered by hand has no file to download
        data = b""
    try:
        fit = _fit_in_zip(data)
        activity = read_strength(fit, origin, zone) if fit is not None else None
    except (NotFitError, NotRead, TooManyMembers) as exc:
        importer.tally.problems.append(f"{origin}: {exc}")
        return None
    except MEMBER_ERRORS as exc:
        importer.tally.problems.append(f"{origin}: not a readable zip file ({reason(exc)})")
        return None
    if activity is None:
        importer.tally.skipped += 1
        return None
    return Activity(
        activity_id=key,
        source=activity.source,
        start=activity.start,
        day=activity.day,
        name=activity.name,
        sets=activity.sets,
        workout=activity.workout,
        origin=origin,
    )


def _fit_in_zip(data: bytes) -> bytes | None:
    """The first .fit of the downloaded zip, read within the import's limits."""
    if not data:
        return None
    handle = io.BytesIO(bytes(data))
    check_members(handle)
    with zipfile.ZipFile(handle) as archive:
        for info in archive.infolist():
            if info.filename.lower().endswith(".fit"):
                return read_member(archive, info)
    return None


def _gmt(value: Any) -> datetime | None:
    """Activity list times: "2026-05-09 07:46:00" (the GMT one is UTC, the local one naive)."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace(" ", "T"))
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
