"""What `runlift import` prints: the work sets as JSON, or a short summary."""

from __future__ import annotations

import json

from rich.console import Console

from runlift.sync.importing.garmin import GarminImport
from runlift.sync.importing.importer import ImportTally
from runlift.sync.importing.scan import Plan

MB = 1_000_000


def import_json(tally: ImportTally) -> str:
    """``[{"date", "category", "name", "reps", "weight_kg", "duration_s"}]``, one per work set.

    Names are the FIT profile's, lower case; ``name`` is null when only the category is known;
    ``weight_kg`` 0 is body weight or no weight entered.
    """
    rows = [
        {
            "date": activity.day.isoformat(),
            "category": item.exercise.category,
            "name": item.exercise.name,
            "reps": item.record.reps,
            "weight_kg": round(item.record.weight_kg or 0.0, 4),
            "duration_s": (
                round(item.record.duration_s, 3) if item.record.duration_s is not None else None
            ),
        }
        for activity, item in tally.work_sets
    ]
    return json.dumps(rows, indent=2)


def show_activities(tally: ImportTally) -> None:
    """With --verbose: each strength activity read, with its work sets."""
    from runlift.sync.cli import output

    per_activity: dict[str, int] = {}
    for activity, _item in tally.work_sets:
        name = f"{activity.day.isoformat()} {activity.origin}"
        per_activity[name] = per_activity.get(name, 0) + 1
    for name, sets in per_activity.items():
        output.detail(f"read {name}: {_count(sets, 'work set')}")


def show_summary(
    tally: ImportTally, work: Plan, files: int, garmin: GarminImport | None, console: Console
) -> None:
    """``files`` is how many were looked at (a zip's directory counts a zip inside it as one)."""
    if work.entries:
        workouts = (
            f"{_count(tally.workouts, 'workout file')} (the plan of a session, not a session "
            "done: import the activity the watch records when you do it), "
            if tally.workouts
            else ""
        )
        console.print(
            f"Looked at {_count(files, 'file')} ({work.size / MB:.1f} MB): "
            f"{_count(tally.strength, 'strength activity', 'strength activities')}, "
            f"{workouts}"
            f"{tally.skipped} {'other' if tally.skipped == 1 else 'others'} skipped, "
            f"{len(tally.problems)} unreadable.",
            highlight=False,
        )
    if garmin is not None:
        asked = sum(garmin.requests.values())
        console.print(
            f"Garmin Connect: {garmin.listed} strength activities listed, {garmin.already} "
            f"already imported, {garmin.from_sets} read from their exercise sets, "
            f"{garmin.from_fit} from their original file ({asked} requests).",
            highlight=False,
        )
    counted = sum(1 for _, item in tally.work_sets if item.counted)
    console.print(
        f"Stored: {tally.added} new, {tally.replaced} updated, {tally.unchanged} unchanged; "
        f"{counted} of {len(tally.work_sets)} work sets count toward the five moves. "
        "See `runlift history` for the next targets and why the others do not count.",
        highlight=False,
    )


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
