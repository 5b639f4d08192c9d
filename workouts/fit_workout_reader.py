"""Read a FIT workout file (ours or one Garmin Connect made) back into blocks of sets."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from garmin_fit_sdk import Decoder, Stream

from runlift.workouts.catalog import fit_exercise_name
from runlift.workouts.moves import MOVES
from runlift.workouts.session import NAME_PREFIX, Block, Session, Side
from runlift.workouts.units import Load
from runlift.workouts.volume import volume_in_name


class NotAWorkoutFile(ValueError):
    """Bytes that are not a readable FIT workout file."""


@dataclass(frozen=True)
class FitBlock:
    """One exercise step with the rest after it and the sets its repeat step asks for."""

    step_index: int
    category: str | None
    exercise_name: str | None
    step_name: str
    intensity: str
    sets: int
    reps: int | None
    hold_s: float | None
    # None: rest until the lap button is pressed.
    rest_s: float | None
    weight_kg: float | None
    weight_unit: str | None
    notes: str


@dataclass(frozen=True)
class FitWorkout:
    name: str
    sport: str
    sub_sport: str
    serial_number: int
    time_created: datetime | None
    message_order: tuple[str, ...]
    num_valid_steps: int
    steps: tuple[dict[str, Any], ...]
    blocks: tuple[FitBlock, ...]
    # (category, exercise name) -> the title the watch shows for that exercise.
    titles: dict[tuple[str, str | None], str]


def read_workout(data: bytes) -> FitWorkout:
    decoder = Decoder(Stream.from_byte_array(bytearray(data)))
    if (
        not decoder.is_fit()
        or not Decoder(Stream.from_byte_array(bytearray(data))).check_integrity()
    ):
        raise NotAWorkoutFile("not a FIT file, or its checksum is wrong")
    order: list[str] = []

    def listen(mesg_num: int, _message: dict[str, Any]) -> None:
        order.append(_MESSAGE_NAMES.get(mesg_num, str(mesg_num)))

    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read(mesg_listener=listen)
    if errors:
        raise NotAWorkoutFile(f"FIT decoding failed: {errors[0]}")
    file_ids = _plain(messages.get("file_id_mesgs", []))
    workouts = _plain(messages.get("workout_mesgs", []))
    if not file_ids or file_ids[0].get("type") != "workout" or not workouts:
        raise NotAWorkoutFile("a FIT file, but not a workout")
    workout = workouts[0]
    steps = tuple(
        sorted(_plain(messages.get("workout_step_mesgs", [])), key=lambda s: s["message_index"])
    )
    titles = {
        (t["exercise_category"], _exercise_name(t)): t.get("wkt_step_name", "")
        for t in _plain(messages.get("exercise_title_mesgs", []))
    }
    return FitWorkout(
        name=workout.get("wkt_name", ""),
        sport=workout.get("sport", ""),
        sub_sport=workout.get("sub_sport", ""),
        serial_number=file_ids[0].get("serial_number", 0),
        time_created=file_ids[0].get("time_created"),
        message_order=tuple(order),
        num_valid_steps=workout.get("num_valid_steps", 0),
        steps=steps,
        blocks=_blocks(steps),
        titles=titles,
    )


def _plain(messages: Iterable[Mapping[str, object]]) -> list[dict[str, Any]]:
    """The decoder's typed messages as plain dicts: an enum field holds its name, or the bare
    number for a value newer than the SDK's profile."""
    return [dict(message) for message in messages]


def _message_names() -> dict[int, str]:
    from garmin_fit_sdk import Profile

    return {number: name.lower() for name, number in Profile["mesg_num"].items()}


_MESSAGE_NAMES = _message_names()


def _exercise_name(message: dict[str, Any]) -> str | None:
    category = message.get("exercise_category")
    number = message.get("exercise_name")
    if not isinstance(category, str) or not isinstance(number, int):
        return None
    return fit_exercise_name(category, number) or str(number)


def _is_repeat(step: dict[str, Any]) -> bool:
    return step.get("duration_type") == "repeat_until_steps_cmplt"


def _blocks(steps: tuple[dict[str, Any], ...]) -> tuple[FitBlock, ...]:
    blocks: list[dict[str, Any]] = []
    for step in steps:
        if _is_repeat(step):
            first = step["duration_value"]
            for block in blocks:
                if block["step_index"] >= first:
                    block["sets"] = step["target_value"]
        elif step.get("intensity") == "rest":
            if blocks and blocks[-1]["rest_s"] is None and not blocks[-1]["_rest_seen"]:
                blocks[-1]["rest_s"] = _seconds(step)
                blocks[-1]["_rest_seen"] = True
        else:
            blocks.append(_block(step))
    for block in blocks:
        del block["_rest_seen"]
    return tuple(FitBlock(**block) for block in blocks)


def _block(step: dict[str, Any]) -> dict[str, Any]:
    kind = step.get("duration_type")
    return {
        "step_index": step["message_index"],
        "category": step.get("exercise_category"),
        "exercise_name": _exercise_name(step),
        "step_name": step.get("wkt_step_name", ""),
        "intensity": step.get("intensity", "active"),
        "sets": 1,
        "reps": step.get("duration_value") if kind == "reps" else None,
        "hold_s": _seconds(step) if kind == "time" else None,
        "rest_s": None,
        "weight_kg": step.get("exercise_weight"),
        "weight_unit": step.get("weight_display_unit"),
        "notes": step.get("notes", ""),
        "_rest_seen": False,
    }


def _seconds(step: dict[str, Any]) -> float | None:
    if step.get("duration_type") != "time":
        return None
    return float(step["duration_value"]) / 1000


_UNITS = {"kilogram": "kg", "pound": "lb"}


def session_from_workout(workout: FitWorkout) -> Session:
    """Our session back from a file runlift wrote; raises NotAWorkoutFile for anything else."""
    if not workout.name.startswith(NAME_PREFIX):
        raise NotAWorkoutFile(f"workout {workout.name!r} was not written by runlift")
    blocks = tuple(_session_block(block) for block in workout.blocks)
    label = workout.name.removeprefix(NAME_PREFIX).split(" · ")[0]
    return Session(label, workout.name, blocks, volume_in_name(workout.name))


def _session_block(block: FitBlock) -> Block:
    for move in MOVES:
        for variant in move.variants:
            exercise = variant.exercise
            if (exercise.fit_category, exercise.fit_name) == (block.category, block.exercise_name):
                return Block(
                    move=move.key,
                    exercise=exercise,
                    name=block.step_name,
                    title=variant.title,
                    sets=block.sets,
                    rest_s=round(block.rest_s or 0),
                    reps=block.reps,
                    hold_s=round(block.hold_s) if block.hold_s is not None else None,
                    side=_side(block.step_name),
                    load=_load(block),
                    notes=block.notes,
                )
    raise NotAWorkoutFile(
        f"exercise {block.category}/{block.exercise_name} is not one of the moves"
    )


def _side(step_name: str) -> Side | None:
    last = step_name.rsplit(" ", 1)[-1].lower()
    return Side(last) if last in {s.value for s in Side} else None


def _load(block: FitBlock) -> Load | None:
    if not block.weight_kg:
        return None
    return Load.from_kg(block.weight_kg, _UNITS.get(block.weight_unit or "", "kg"))  # type: ignore[arg-type]
