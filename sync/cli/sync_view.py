"""What `runlift sync` shows: the changes as a table (or JSON) on standard output, the notes
and the request count as messages on standard error."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table

from runlift.sync.cli import output
from runlift.sync.engine.diff import Action, ActionKind, Diff
from runlift.sync.engine.run import SyncOutcome

_STYLE = {
    ActionKind.CREATE: "green",
    ActionKind.SCHEDULE: "green",
    ActionKind.MOVE: "yellow",
    ActionKind.UPDATE: "cyan",
    ActionKind.UNSCHEDULE: "red",
    ActionKind.DELETE: "red",
}


def diff_table(changes: Diff, title: str) -> Table:
    table = Table(title=title, show_lines=False)
    table.add_column("Change")
    table.add_column("Date")
    table.add_column("Session")
    table.add_column("Loads pushed")
    table.add_column("Why")
    for action in changes.actions:
        table.add_row(
            f"[{_STYLE[action.kind]}]{action.kind.value}[/]",
            action.day.strftime("%a %Y-%m-%d"),
            _session(action),
            action.desired.loads if action.desired else "",
            action.reason,
        )
    return table


def show_diff(changes: Diff, console: Console, *, dry_run: bool) -> None:
    if changes.is_empty:
        kept = len(changes.unchanged)
        console.print(f"Garmin Connect already holds the planned sessions ({kept}); nothing to do.")
    else:
        title = "What `runlift sync` would change" if dry_run else "Changes made on Garmin Connect"
        console.print(diff_table(changes, title))
        if changes.unchanged:
            console.print(f"{len(changes.unchanged)} session(s) already right, left as they are.")


def show_messages(outcome: SyncOutcome, *, dry_run: bool) -> None:
    for note in (*outcome.diff.notes, *(n for n in outcome.notes if n not in outcome.diff.notes)):
        output.say(f"Note: {note}")
    if dry_run:
        output.say("Dry run: nothing was changed on Garmin Connect or on this computer.")
    output.say(f"Garmin Connect requests: {outcome.requests_sent}.")
    for call, count in sorted(outcome.calls.items()):
        output.detail(f"  {call}: {count}")


def sync_json(outcome: SyncOutcome, *, dry_run: bool) -> str:
    """``{"dry_run", "changes": [...], "unchanged": [...], "notes", "requests"}``."""
    document = {
        "dry_run": dry_run,
        "changes": [
            {
                "change": action.kind.value,
                "date": action.day.isoformat(),
                "session": _session(action),
                "loads": action.desired.loads if action.desired else None,
                "reason": action.reason,
            }
            for action in outcome.diff.actions
        ],
        "unchanged": [
            {"date": kept.day.isoformat(), "session": kept.workout.name}
            for kept in outcome.diff.unchanged
        ],
        "notes": list(dict.fromkeys([*outcome.diff.notes, *outcome.notes])),
        "requests": outcome.requests_sent,
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def _session(action: Action) -> str:
    if action.desired is not None:
        return action.desired.workout.name
    assert action.remote is not None
    return action.remote.name or action.remote.key
