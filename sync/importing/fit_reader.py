"""A strength activity's sets out of a FIT file, read as fitparse reads them.

Only set messages inside a strength session count: a multi-sport file (strength, then a run)
contributes its strength part alone. Weights come out in kg (the field's scale of 16 applied);
0 means body weight or nothing entered and is kept as 0.

The fields in ``READ`` are decoded by ``fit_fields`` from the few messages the header walk kept;
a file it cannot answer for exactly as fitparse would is decoded by fitparse itself (the
reference), from a small stream of those messages.
"""

from __future__ import annotations

import struct
import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from garmin_fit_sdk import Profile

from runlift.sync.importing.activity import SOURCE_FIT, Activity
from runlift.sync.importing.fit_fields import NeedsReference, decode
from runlift.sync.importing.fit_probe import NotFitError, Walk, walk
from runlift.workouts.catalog import fit_category_name, fit_exercise_name
from runlift.workouts.garmin_marker import parse_marker
from runlift.workouts.matching import UNKNOWN, Guess, SetRecord, WorkoutDone

STRENGTH_SUB_SPORT = "strength_training"
# Set start times are whole seconds; a session's end is start + elapsed time.
WINDOW_SLACK = timedelta(seconds=1)
DISPLAY_UNITS = {"kilogram": "kg", "pound": "lb", 0: "kg", 1: "lb"}
# Every field read below, by message: nothing else is decoded.
READ: dict[str, tuple[str, ...]] = {
    "file_id": ("type", "time_created", "serial_number"),
    "activity": ("local_timestamp", "timestamp"),
    "session": ("sub_sport", "start_time", "total_elapsed_time", "total_timer_time"),
    "set": (
        "set_type",
        "start_time",
        "repetitions",
        "duration",
        "weight",
        "wkt_step_index",
        "category",
        "category_subtype",
        "weight_display_unit",
    ),
    "workout": ("wkt_name", "wkt_description"),
    "workout_step": ("exercise_category", "message_index", "exercise_name"),
}
KEPT_MESSAGES = frozenset(Profile["mesg_num"][name.upper()] for name in READ)


@dataclass(frozen=True)
class _Window:
    start: datetime
    end: datetime

    def holds(self, moment: datetime) -> bool:
        return self.start - WINDOW_SLACK <= moment <= self.end + WINDOW_SLACK


def read_strength(
    data: bytes, origin: str, zone: tzinfo | None = None, walked: Walk | None = None
) -> Activity | None:
    """The strength part of a FIT activity file, or None if the file holds none.

    ``zone`` dates the activity when the file has no local time (the activity message's
    local_timestamp); ``walked`` is ``data`` already walked keeping ``KEPT_MESSAGES``. Raises
    NotFitError for files that are not FIT, fail their CRC or that fitparse cannot read.
    """
    if walked is None:
        walked = walk(data, KEPT_MESSAGES)
    walked.check_crc()
    try:
        found = decode(walked, READ)
    except NeedsReference:
        found = read_with_fitparse(walked)
    try:
        return _activity(found, origin, zone)
    except _GARBLED:  # values of the wrong type where a time or number belongs
        raise NotFitError(
            "unreadable FIT file (a time or number in it is not one a watch writes)"
        ) from None


def read_with_fitparse(walked: Walk) -> dict[str, list[dict[str, Any]]]:
    """The ``READ`` fields of the kept messages, decoded by fitparse (the reference)."""
    from fitparse import FitFile
    from fitparse.utils import FitParseError

    found: dict[str, list[dict[str, Any]]] = {name: [] for name in READ}
    # A kept message with a compressed timestamp takes its time from dropped ones: the whole
    # file is decoded then.
    small = walked.data if walked.compressed_timestamps else walked.small_stream()
    try:
        with warnings.catch_warnings():  # fitparse warns on odd field sizes, many lines each
            warnings.simplefilter("ignore")
            for message in FitFile(small).get_messages(name=tuple(READ)):
                values = message.get_values()
                read = READ[message.name]
                found[message.name].append({k: values[k] for k in read if k in values})
    except FitParseError as exc:
        raise NotFitError(f"unreadable FIT file ({_parse_problem(exc)})") from None
    except _GARBLED:  # fitparse on garbled records or damaged field definitions
        raise NotFitError(
            "unreadable FIT file (a message definition or record in it is damaged)"
        ) from None
    return found


# What fitparse (and reading its values) raises on damaged field definitions and records.
_GARBLED = (
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    OverflowError,
    ZeroDivisionError,
    struct.error,
)


def _parse_problem(exc: Exception) -> str:
    """fitparse's complaint in a runner's words."""
    text = str(exc).lower()
    if "dev_data" in text or "developer" in text:
        return "a developer field in it refers to developer data the file does not define"
    if "crc" in text:
        return "it fails its checksum: damaged or cut short"
    if "header" in text:
        return "its header is damaged"
    if "eof" in text or "end of file" in text or "truncat" in text:
        return "it is cut short"
    if "local message type" in text or "definition" in text:
        return "a message definition in it is damaged"
    return "its records are damaged"


def _activity(
    found: dict[str, list[dict[str, Any]]], origin: str, zone: tzinfo | None
) -> Activity | None:
    file_id = found["file_id"][0] if found["file_id"] else {}
    if file_id.get("type") not in ("activity", 4):
        return None
    windows = [
        _Window(_utc(s["start_time"]), _utc(s["start_time"]) + _seconds(s))
        for s in found["session"]
        if s.get("sub_sport") == STRENGTH_SUB_SPORT and s.get("start_time") is not None
    ]
    if not windows:
        return None
    sets = tuple(
        record
        for position, values in enumerate(found["set"])
        if (record := _set_record(position, values)) is not None
        and (record.start is None or any(w.holds(record.start) for w in windows))
    )
    if not any(s.active for s in sets):
        return None
    start = min(w.start for w in windows)
    created = file_id.get("time_created")
    stamp = _utc(created) if isinstance(created, datetime) else start
    serial = file_id.get("serial_number") or 0
    return Activity(
        activity_id=f"fit:{serial}:{stamp:%Y%m%dT%H%M%SZ}",
        source=SOURCE_FIT,
        start=start,
        day=_local_day(start, found["activity"], zone),
        name=_name(found),
        sets=sets,
        workout=_workout(found),
        origin=origin,
    )


def _set_record(position: int, values: dict[str, Any]) -> SetRecord | None:
    set_type = values.get("set_type")
    if set_type is None:
        return None
    active = set_type in ("active", 1)
    start = values.get("start_time")
    reps = values.get("repetitions")
    duration = values.get("duration")
    weight = values.get("weight")
    step = values.get("wkt_step_index")
    return SetRecord(
        position=position,
        active=active,
        guesses=_guesses(values.get("category"), values.get("category_subtype")),
        reps=int(reps) if reps is not None and active else None,
        weight_kg=float(weight) if weight is not None and active else None,
        duration_s=float(duration) if duration is not None else None,
        step_index=int(step) if isinstance(step, int) else None,
        start=_utc(start) if isinstance(start, datetime) else None,
        display_unit=DISPLAY_UNITS.get(values.get("weight_display_unit")),
    )


# Guesses already worked out, by the raw values they came from: a watch repeats a handful of
# category lists in every file.
_GUESSED: dict[tuple[Any, ...], tuple[Guess, ...]] = {}
_GUESSED_LIMIT = 4096


def _guesses(categories: Any, subtypes: Any) -> tuple[Guess, ...]:
    """The watch's guesses, best first; none when its first guess is "unknown"."""
    # 8 == 8.0 == True as keys, yet they read differently: the types are part of the key.
    key = (categories, subtypes, _types(categories), _types(subtypes))
    try:
        found = _GUESSED.get(key)
    except TypeError:  # a value that cannot be a key
        return _guessed(categories, subtypes)
    if found is None:
        if len(_GUESSED) >= _GUESSED_LIMIT:
            _GUESSED.clear()
        found = _GUESSED[key] = _guessed(categories, subtypes)
    return found


def _types(value: Any) -> Any:
    return tuple(map(type, value)) if type(value) is tuple else type(value)


def _guessed(categories: Any, subtypes: Any) -> tuple[Guess, ...]:
    cats = _as_tuple(categories)
    subs = _as_tuple(subtypes)
    guesses: list[Guess] = []
    for index, raw in enumerate(cats):
        category = _category(raw)
        if category is None or category == UNKNOWN:
            if index == 0:
                return ()
            continue
        sub = subs[index] if index < len(subs) else None
        name = fit_exercise_name(category, sub) if isinstance(sub, int) else sub
        guesses.append(Guess(category, name))
    return tuple(guesses)


def _category(raw: Any) -> str | None:
    if isinstance(raw, int):
        return fit_category_name(raw)
    return raw if isinstance(raw, str) else None


def _as_tuple(value: Any) -> tuple[Any, ...]:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, (list, tuple)) else (value,)


def _steps(steps: list[dict[str, Any]]) -> dict[int, Guess]:
    found: dict[int, Guess] = {}
    for step in steps:
        category = _category(step.get("exercise_category"))
        index = step.get("message_index")
        if category is None or category == UNKNOWN or not isinstance(index, int):
            continue
        raw_name = step.get("exercise_name")
        name = fit_exercise_name(category, raw_name) if isinstance(raw_name, int) else raw_name
        found[index] = Guess(category, name)
    return found


def _workout(found: dict[str, list[dict[str, Any]]]) -> WorkoutDone:
    """The workout the activity was done from: its name, runlift's marker, its steps."""
    for workout in found["workout"]:
        name = workout.get("wkt_name")
        description = workout.get("wkt_description")
        return WorkoutDone(
            name=str(name) if name else None,
            marker=isinstance(description, str) and parse_marker(description) is not None,
            steps=_steps(found["workout_step"]),
        )
    return WorkoutDone(steps=_steps(found["workout_step"]))


def _name(found: dict[str, list[dict[str, Any]]]) -> str:
    for workout in found["workout"]:
        if workout.get("wkt_name"):
            return str(workout["wkt_name"])
    return "Strength"


def _local_day(start: datetime, activities: list[dict[str, Any]], zone: tzinfo | None) -> date:
    for activity in activities:
        local, stamp = activity.get("local_timestamp"), activity.get("timestamp")
        if isinstance(local, datetime) and isinstance(stamp, datetime):
            offset = local.replace(tzinfo=None) - _utc(stamp).replace(tzinfo=None)
            return (start.replace(tzinfo=None) + offset).date()
    return start.astimezone(zone).date() if zone else start.astimezone().date()


def _seconds(session: dict[str, Any]) -> timedelta:
    elapsed = session.get("total_elapsed_time") or session.get("total_timer_time") or 0
    return timedelta(seconds=float(elapsed))


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
