"""A session as a FIT workout file, written with Garmin's own encoder.

Follows the file Garmin Connect itself exports: file_id, file_creator, workout, the steps, then one
exercise_title per distinct exercise. N sets are "exercise, rest, repeat(from exercise, N)".
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from garmin_fit_sdk import Encoder, Profile

from runlift.workouts.catalog import fit_name_number
from runlift.workouts.session import Block, Session

MESG = Profile["mesg_num"]
# Garmin's "development" manufacturer: what a third-party tool that is not a device uses.
MANUFACTURER = "development"
PRODUCT = 1
SOFTWARE_VERSION = 1
WEIGHT_UNIT = {"kg": "kilogram", "lb": "pound"}


def serial_number(session: Session, tag: str) -> int:
    """A serial unique per file: the watch keys workouts on (type, maker, product, serial)."""
    digest = hashlib.sha256(f"{tag}|{session!r}".encode()).digest()
    return int.from_bytes(digest[:4], "big") or 1


def workout_messages(session: Session, serial: int, created: datetime) -> list[dict[str, Any]]:
    steps = workout_steps(session)
    messages: list[dict[str, Any]] = [
        {
            "mesg_num": MESG["FILE_ID"],
            "type": "workout",
            "manufacturer": MANUFACTURER,
            "product": PRODUCT,
            "serial_number": serial,
            "time_created": created,
        },
        {"mesg_num": MESG["FILE_CREATOR"], "software_version": SOFTWARE_VERSION},
        {
            "mesg_num": MESG["WORKOUT"],
            "wkt_name": session.name,
            "sport": "training",
            "sub_sport": "strength_training",
            "num_valid_steps": len(steps),
        },
    ]
    messages.extend(steps)
    messages.extend(exercise_titles(session))
    return messages


def workout_steps(session: Session) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = []
    for block in session.blocks:
        first = len(steps)
        steps.append(_exercise_step(block, first))
        steps.append(_rest_step(block, first + 1))
        if block.sets > 1:
            steps.append(
                {
                    "mesg_num": MESG["WORKOUT_STEP"],
                    "message_index": first + 2,
                    "duration_type": "repeat_until_steps_cmplt",
                    "duration_value": first,
                    "target_value": block.sets,
                }
            )
    return steps


def _exercise_step(block: Block, index: int) -> dict[str, Any]:
    step: dict[str, Any] = {
        "mesg_num": MESG["WORKOUT_STEP"],
        "message_index": index,
        "wkt_step_name": block.name,
        "target_type": "open",
        "target_value": 0,
        "intensity": "active",
        "notes": block.notes,
        "exercise_category": block.exercise.fit_category,
        "exercise_name": block.exercise.fit_name_id,
    }
    if block.hold_s is not None:
        step["duration_type"] = "time"
        step["duration_value"] = block.hold_s * 1000
    else:
        step["duration_type"] = "reps"
        step["duration_value"] = block.reps
    if block.load is not None:
        step["exercise_weight"] = round(block.load.kg, 2)
        step["weight_display_unit"] = WEIGHT_UNIT[block.load.unit]
    return step


def _rest_step(block: Block, index: int) -> dict[str, Any]:
    return {
        "mesg_num": MESG["WORKOUT_STEP"],
        "message_index": index,
        "duration_type": "time",
        "duration_value": block.rest_s * 1000,
        "target_type": "open",
        "target_value": 0,
        "intensity": "rest",
    }


def exercise_titles(session: Session) -> list[dict[str, Any]]:
    titles: dict[tuple[str, str], str] = {}
    for block in session.blocks:
        key = (block.exercise.fit_category, block.exercise.fit_name)
        titles.setdefault(key, block.title)
    return [
        {
            "mesg_num": MESG["EXERCISE_TITLE"],
            "message_index": index,
            "exercise_category": category,
            "exercise_name": fit_name_number(category, name),
            "wkt_step_name": title,
        }
        for index, ((category, name), title) in enumerate(titles.items())
    ]


def encode_session(session: Session, serial: int, created: datetime) -> bytes:
    """The FIT bytes of ``session``. All messages are built before the encoder sees any."""
    messages = workout_messages(session, serial, created)
    encoder = Encoder()
    for message in messages:
        encoder.write_mesg(message)
    return bytes(encoder.close())
