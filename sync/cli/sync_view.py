"""What `runlift sync` shows: the changes as a table (or JSON) on standard output, the notes
and the request count as messages on standard error."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table

from runlift.sync.cli import output
from runlift.sync.engine.desired import DesiredWorkout
from runlift.sync.engine.diff import Action, ActionKind, Diff
from runlift.sync.syncing import SyncResult

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


def show_diff(changes: Diff, console: Console, *, dry_run: bool, title: str) -> None:
    """One target's changes; ``title``: what the target is called ("Garmin Connect")."""
    if changes.is_empty:
        kept = len(changes.unchanged)
        console.print(f"{title} already holds the planned sessions ({kept}); nothing to do.")
    else:
        heading = (
            f"What `runlift sync` would change on {title}"
            if dry_run
            else f"Changes made on {title}"
        )
        console.print(diff_table(changes, heading))
        if changes.unchanged:
            console.print(f"{len(changes.unchanged)} session(s) already right, left as they are.")


def show_result(result: SyncResult, console: Console, *, dry_run: bool) -> None:
    for outcome in result.outcomes:
        show_diff(outcome.diff, console, dry_run=dry_run, title=outcome.title)


def show_messages(result: SyncResult, *, dry_run: bool) -> None:
    for note in result.all_notes():
        output.say(f"Note: {note}")
    titles = " or ".join(o.title for o in result.outcomes) or "any target"
    if dry_run:
        output.say(f"Dry run: nothing was changed on {titles} or on this computer.")
    for outcome in result.outcomes:
        output.say(f"{outcome.title} requests: {outcome.requests_sent}.")
        for call, count in sorted(outcome.calls.items()):
            output.detail(f"  {call}: {count}")


def sync_json(result: SyncResult, *, dry_run: bool) -> str:
    """``{"dry_run", "changes": [...], "unchanged": [...], "notes", "requests", "targets"}``:
    every target's changes and unchanged sessions (each naming its target), and per target its
    own changes and requests."""
    changes = {o.target: [_change(a) for a in o.diff.actions] for o in result.outcomes}
    unchanged = {o.target: [_kept(k) for k in o.diff.unchanged] for o in result.outcomes}
    document = {
        "dry_run": dry_run,
        "changes": [{**c, "target": name} for name, each in changes.items() for c in each],
        "unchanged": [{**k, "target": name} for name, each in unchanged.items() for k in each],
        "notes": result.all_notes(),
        "requests": result.requests_sent,
        "targets": {
            o.target: {
                "changes": changes[o.target],
                "unchanged": unchanged[o.target],
                "requests": o.requests_sent,
            }
            for o in result.outcomes
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def _change(action: Action) -> dict[str, str | None]:
    return {
        "change": action.kind.value,
        "date": action.day.isoformat(),
        "session": _session(action),
        "loads": action.desired.loads if action.desired else None,
        "reason": action.reason,
    }


def _kept(kept: DesiredWorkout) -> dict[str, str]:
    return {"date": kept.day.isoformat(), "session": kept.name}


def _session(action: Action) -> str:
    if action.desired is not None:
        return action.desired.name
    assert action.remote is not None
    return action.remote.name or str(action.remote.key)
