"""`runlift import`: read back what was lifted, from FIT files, folders, zips or Garmin Connect."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from runlift.sync.cli.app import app
from runlift.sync.cli.options import (
    ConfigOption,
    QuietOption,
    VerboseOption,
    parse_date,
    read_config,
)
from runlift.sync.errors import UserError

DEFAULT_GARMIN_WEEKS = 8  # sync.importing.readback.DEFAULT_WEEKS


@app.command("import")
def import_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help="FIT files, folders and zip files (a Garmin account data export works as is).",
            show_default=False,
        ),
    ] = None,
    garmin: Annotated[
        bool,
        typer.Option("--garmin", help="Import strength activities from Garmin Connect."),
    ] = False,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="With --garmin: first day, YYYY-MM-DD. Default: the day of the last Garmin "
            f"activity imported, else {DEFAULT_GARMIN_WEEKS} weeks ago.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the work sets read, as JSON.")
    ] = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    config_path: ConfigOption = None,
) -> None:
    """Import strength sessions (sets, reps, weights) so the next sessions progress from them."""
    from runlift.sync.cli import output
    from runlift.sync.cli.import_report import import_json, show_activities, show_summary
    from runlift.sync.cli.progress_bar import ProgressBar
    from runlift.sync.importing import store
    from runlift.sync.importing.importer import Importer
    from runlift.sync.importing.scan import plan, run

    output.set_verbosity(quiet=quiet, verbose=verbose)
    if not paths and not garmin:
        raise UserError("nothing to import: name FIT files, folders or zips, or use --garmin")
    if since is not None and not garmin:
        raise UserError("--since applies to --garmin only")
    first = _parse_since(since)
    config = read_config(config_path)
    zone = config.zone()
    work = plan(paths or [])
    garmin_result = None
    files_done = 0
    with store.opened() as conn:
        importer = Importer(conn, config.athlete_settings())
        if work.entries:
            shown = output.verbosity() > output.Verbosity.QUIET
            with ProgressBar(output.messages(), work.files, work.size, shown=shown) as bar:
                run(work, importer, zone, bar)
            files_done = bar.files_done
        if garmin:
            from runlift.sync.importing.readback import garmin_import

            garmin_result = garmin_import(config, conn, importer, first)
    for line in importer.tally.problems:
        output.say(f"skipped {line}")
    for line in importer.tally.dropped:
        output.say(f"dropped {line}")
    show_activities(importer.tally)
    if as_json:
        output.json_out(import_json(importer.tally))
    elif output.verbosity() > output.Verbosity.QUIET:
        show_summary(importer.tally, work, files_done, garmin_result, output.data())


def _parse_since(value: str | None) -> date | None:
    return None if value is None else parse_date("--since", value)
