"""`runlift history --json`: the moves, their sessions and next targets, and the sets that did
not count, for scripts and dashboards. The shape is a promise: keys are only ever added."""

from __future__ import annotations

import json
from typing import Any

from runlift.sync.importing.history import History, MoveHistory, SessionLine
from runlift.sync.importing.store import StoredSet
from runlift.workouts.moves import Equipment, Variant


def history_json(history: History) -> str:
    document = {
        "moves": [_move(item, history.unit) for item in history.moves],
        "unplanned": [
            {
                "date": item.day.isoformat(),
                "category": item.category,
                "name": item.name,
                "reason": item.reason or "none of the five moves",
            }
            for item in history.unplanned
        ],
    }
    # Compact: json's C encoder writes ten years of sets in a fraction of the time it takes to
    # indent them (pipe through `python -m json.tool` or jq to read it).
    return json.dumps(document, ensure_ascii=False)


def _move(item: MoveHistory, unit: str) -> dict[str, Any]:
    exercise = item.variant.exercise
    block = item.next_block
    rx = item.variant.prescription
    reps = block.reps
    if reps is not None and rx.per_side and rx.alternating:
        reps //= 2  # the program counts lunges per leg; the watch counts every step
    return {
        "move": item.move.key,
        "exercise": {
            "category": exercise.fit_category,
            "name": exercise.fit_name,
            "equipment": equipment(item.variant),
        },
        "next": {
            "sets": block.sets,
            "reps": reps,
            "load": block.load.value if block.load else None,
            "hold_s": block.hold_s,
            "unit": unit,
        },
        "sessions": [_session(line) for line in item.lines],
    }


def equipment(variant: Variant) -> str:
    """ "barbell", "dumbbells", "bar" (to hang from) or "bodyweight"."""
    for kind in (Equipment.BARBELL, Equipment.DUMBBELLS, Equipment.BAR):
        if kind in variant.needs:
            return kind.value
    return "bodyweight"


def _session(line: SessionLine) -> dict[str, Any]:
    return {
        "date": line.day.isoformat(),
        "decision": line.reason,
        "sets": [_set(stored, role == "warmup") for stored, role in line.done],
    }


def _set(stored: StoredSet, warmup: bool) -> dict[str, Any]:
    return {
        "category": stored.category,
        "name": stored.name,
        "reps": stored.reps,
        "weight_kg": round(stored.weight_kg or 0.0, 4),
        "duration_s": round(stored.duration_s, 3) if stored.duration_s is not None else None,
        "matched_by": stored.matched_by,
        "warmup": warmup,
    }
