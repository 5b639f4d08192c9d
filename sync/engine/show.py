"""The diff as the athlete reads it: one row per change, with the loads that would be pushed."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from runlift.sync.engine.diff import Action, ActionKind, Diff

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
    for note in changes.notes:
        console.print(f"Note: {note}")
    if dry_run:
        console.print("Dry run: nothing was changed on Garmin Connect or on this computer.")


def _session(action: Action) -> str:
    if action.desired is not None:
        return action.desired.workout.name
    assert action.remote is not None
    return action.remote.name or action.remote.key
