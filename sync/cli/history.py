"""`runlift history`: per move, the sessions done, the loads over time and the next target."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from runlift.sync.cli.app import app
from runlift.sync.cli.options import ConfigOption, read_config


@app.command()
def history(
    png: Annotated[
        Path | None,
        typer.Option("--png", help="Also draw the loads over time into this PNG file."),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print the moves, sessions, next targets and uncounted sets."),
    ] = False,
    config_path: ConfigOption = None,
) -> None:
    """Show each move's sessions (sets x reps @ weight), a chart of the load and the next target."""
    from rich.console import Console

    from runlift.sync import paths
    from runlift.sync.cli.history_view import show_history, write_png
    from runlift.sync.importing import store
    from runlift.sync.importing.done import Program
    from runlift.sync.importing.history import build_history

    config = read_config(config_path)
    database = paths.state_db()
    stored = []
    if database.exists():
        with store.opened(database) as conn:
            stored = store.work_sets(conn)
    result = build_history(stored, Program.from_config(config), config.athlete_settings())
    if as_json:
        from runlift.sync.importing.history_json import history_json

        typer.echo(history_json(result))
        if png is not None:
            write_png(result, png)
        return
    console = Console()
    if not stored:
        console.print(
            "Nothing imported yet: run `runlift import PATH...` or `runlift import --garmin`."
        )
    show_history(result, console)
    if png is not None:
        write_png(result, png)
        console.print(f"Wrote {png}")
