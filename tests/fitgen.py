"""FIT activity files made with Garmin's own Encoder, for tests and the import benchmark.

Runs look like a watch's: file_id, file_creator, device_info, sport, a record a second (position,
distance, speed, heart rate, cadence, altitude), a lap, the session and the activity message.
Strength activities carry set messages as a Forerunner writes them (candidate categories,
weight in kg with the profile's scale of 16, rest sets between work sets).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from garmin_fit_sdk import Encoder, Profile

MESG = Profile["mesg_num"]
FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)


def run_activity(start: datetime, seconds: int, serial: int = 3486647825) -> bytes:
    messages: list[dict[str, Any]] = [
        _file_id(start, serial),
        {"mesg_num": MESG["FILE_CREATOR"], "software_version": 2000},
        {
            "mesg_num": MESG["DEVICE_INFO"],
            "timestamp": start,
            "manufacturer": "garmin",
            "product": 4315,
            "serial_number": serial,
            "device_index": "creator",
        },
        {"mesg_num": MESG["EVENT"], "timestamp": start, "event": "timer", "event_type": "start"},
        {"mesg_num": MESG["SPORT"], "sport": "running", "sub_sport": "generic", "name": "Run"},
    ]
    speed = 2.9 + (serial % 7) / 10
    for second in range(seconds):
        messages.append(
            {
                "mesg_num": MESG["RECORD"],
                "timestamp": start + timedelta(seconds=second),
                "position_lat": 600_000_000 + 37 * second,
                "position_long": 110_000_000 + 23 * second,
                "distance": speed * second,
                "enhanced_speed": speed + 0.2 * math.sin(second / 30),
                "enhanced_altitude": 80.0 + 5 * math.sin(second / 300),
                "heart_rate": 135 + second % 20,
                "cadence": 84 + second % 3,
            }
        )
    end = start + timedelta(seconds=seconds)
    summary = {
        "timestamp": end,
        "start_time": start,
        "total_elapsed_time": float(seconds),
        "total_timer_time": float(seconds),
        "total_distance": speed * seconds,
        "sport": "running",
        "sub_sport": "generic",
    }
    messages += [
        {"mesg_num": MESG["LAP"], **summary},
        {"mesg_num": MESG["SESSION"], **summary, "first_lap_index": 0, "num_laps": 1},
        _activity(end, 1),
    ]
    return encode(messages)


@dataclass(frozen=True)
class FakeSet:
    """One work set (rest sets are put between them)."""

    categories: Sequence[str]
    reps: int | None = None
    weight_kg: float = 0.0
    duration_s: float = 40.0
    subtypes: Sequence[int | None] = ()
    step_index: int | None = None
    display_unit: str | None = None


@dataclass(frozen=True)
class Part:
    """A session of a (multi-sport) activity: strength with its sets, or a run."""

    sport: str
    minutes: int
    sets: Sequence[FakeSet] = ()


def strength_activity(
    start: datetime,
    parts: Sequence[Part],
    *,
    serial: int = 1234567,
    utc_offset_h: int = 1,
    steps: dict[int, tuple[str, int]] | None = None,
    workout_name: str | None = None,
    workout_description: str | None = None,
) -> bytes:
    """An activity of ``parts`` one after another; sets are spread over their strength part."""
    messages: list[dict[str, Any]] = [
        _file_id(start, serial),
        {"mesg_num": MESG["FILE_CREATOR"], "software_version": 2000},
    ]
    if workout_name:
        messages.append(
            {
                "mesg_num": MESG["WORKOUT"],
                "wkt_name": workout_name,
                "sport": "training",
                "sub_sport": "strength_training",
                **({"wkt_description": workout_description} if workout_description else {}),
            }
        )
    for index, (category, name) in (steps or {}).items():
        messages.append(
            {
                "mesg_num": MESG["WORKOUT_STEP"],
                "message_index": index,
                "exercise_category": category,
                "exercise_name": name,
                "duration_type": "reps",
                "duration_value": 10,
            }
        )
    sessions = []
    set_index = 0
    moment = start
    for part in parts:
        length = timedelta(minutes=part.minutes)
        strength = part.sport == "strength"
        sessions.append(
            {
                "mesg_num": MESG["SESSION"],
                "timestamp": moment + length,
                "start_time": moment,
                "total_elapsed_time": length.total_seconds(),
                "total_timer_time": length.total_seconds(),
                "sport": "training" if strength else "running",
                "sub_sport": "strength_training" if strength else "generic",
            }
        )
        slot = length / max(1, 2 * len(part.sets))
        for number, done in enumerate(part.sets):
            set_start = moment + 2 * number * slot + timedelta(seconds=5)
            messages.append(_set(done, set_start, set_index))
            messages.append(
                {
                    "mesg_num": MESG["SET"],
                    "timestamp": start,
                    "start_time": set_start + slot,
                    "duration": slot.total_seconds(),
                    "set_type": "rest",
                    "message_index": set_index + 1,
                }
            )
            set_index += 2
        if not strength:
            for second in range(0, int(length.total_seconds()), 5):
                messages.append(
                    {
                        "mesg_num": MESG["RECORD"],
                        "timestamp": moment + timedelta(seconds=second),
                        "distance": 3.0 * second,
                        "heart_rate": 140,
                    }
                )
        moment += length
    messages += sessions
    messages.append(_activity(moment, len(parts), utc_offset_h))
    return encode(messages)


def _set(done: FakeSet, start: datetime, index: int) -> dict[str, Any]:
    message: dict[str, Any] = {
        "mesg_num": MESG["SET"],
        "timestamp": start,
        "start_time": start,
        "duration": done.duration_s,
        "weight": done.weight_kg,
        "set_type": "active",
        "category": list(done.categories),
        "message_index": index,
    }
    if done.reps is not None:
        message["repetitions"] = done.reps
    if done.subtypes:
        message["category_subtype"] = [65535 if s is None else s for s in done.subtypes]
    if done.step_index is not None:
        message["wkt_step_index"] = done.step_index
    if done.display_unit:
        message["weight_display_unit"] = done.display_unit
    return message


def _file_id(start: datetime, serial: int) -> dict[str, Any]:
    return {
        "mesg_num": MESG["FILE_ID"],
        "type": "activity",
        "manufacturer": "garmin",
        "product": 4315,
        "serial_number": serial,
        "time_created": start,
    }


def _activity(end: datetime, sessions: int, utc_offset_h: int = 1) -> dict[str, Any]:
    local = end + timedelta(hours=utc_offset_h)
    return {
        "mesg_num": MESG["ACTIVITY"],
        "timestamp": end,
        "local_timestamp": int((local - FIT_EPOCH).total_seconds()),
        "num_sessions": sessions,
        "type": "manual",
        "event": "activity",
        "event_type": "stop",
    }


def encode(messages: list[dict[str, Any]]) -> bytes:
    encoder = Encoder()
    for message in messages:
        encoder.write_mesg(message)
    return bytes(encoder.close())
