"""`runlift history`: per move, the sessions done, the loads over time and the next target."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from runlift.sync.cli.app import app
from runlift.sync.cli.options import ConfigOption, QuietOption, VerboseOption, read_config


@app.command()
def history(
    png: Annotated[
        Path | None,
        typer.Option(
            "--png",
            metavar="FILE",
            help="Also draw the loads over time into this PNG file (needs matplotlib).",
        ),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print the moves, sessions, next targets and uncounted sets."),
    ] = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    config_path: ConfigOption = None,
) -> None:
    """Show each move's sessions (sets x reps @ weight), a chart of the load and the next target."""
    from runlift.sync import paths
    from runlift.sync.cli import output
    from runlift.sync.cli.history_view import png_target, show_history, write_png
    from runlift.sync.importing import store
    from runlift.sync.importing.done import Program
    from runlift.sync.importing.history import build_history

    output.set_verbosity(quiet=quiet, verbose=verbose)
    picture = png_target(png) if png is not None else None
    config = read_config(config_path)
    database = paths.state_db()
    stored = []
    if database.exists():
        with store.opened(database) as conn:
            stored = store.work_sets(conn)
    result = build_history(stored, Program.from_config(config), config.athlete_settings())
    if picture is not None:
        write_png(result, picture)
    if as_json:
        from runlift.sync.importing.history_json import history_json

        output.json_out(history_json(result))
    elif output.verbosity() > output.Verbosity.QUIET:
        show_history(result, output.data())
    if not stored:
        output.say(
            "Nothing imported yet: run `runlift import PATH...` or `runlift import --garmin`."
        )
    if picture is not None:
        output.say(f"Wrote the charts to {picture.resolve()}")
