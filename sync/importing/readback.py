"""Reading back from Garmin Connect what was lifted: shared by `runlift import --garmin` and the
daemon's read-back job (``garmin_readback``)."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import TYPE_CHECKING

from runlift.sync import clock
from runlift.sync.config import Config
from runlift.sync.importing import store
from runlift.sync.importing.garmin import GarminImport, import_range
from runlift.sync.importing.importer import Importer

if TYPE_CHECKING:
    from runlift.sync.targets.garmin.client import GarminClient

DEFAULT_WEEKS = 8


def garmin_import(
    config: Config, conn: sqlite3.Connection, importer: Importer, since: date | None
) -> GarminImport:
    """From ``since`` (default: the day of the newest Garmin activity stored, else
    DEFAULT_WEEKS back) to today; activities already stored cost no request."""
    zone = config.zone()
    today = clock.today(zone)
    first = since or store.latest_garmin_day(conn) or today - timedelta(weeks=DEFAULT_WEEKS)
    return import_range(garmin_client(config), importer, first, today, zone=zone)


def garmin_readback(config: Config) -> str:
    """The daemon's job: import new strength activities; a one-line summary for the log."""
    with store.opened() as conn:
        importer = Importer(conn, config.athlete_settings())
        result = garmin_import(config, conn, importer, None)
    tally = importer.tally
    return (
        f"read back {result.listed} strength activities from Garmin Connect: {tally.added} new, "
        f"{tally.replaced} updated ({sum(result.requests.values())} requests)"
    )


def garmin_client(config: Config) -> GarminClient:
    """The signed-in Garmin Connect client from the saved tokens (the sync's own door)."""
    from runlift.sync.targets.garmin.client import GarminClient

    return GarminClient.from_token_store(config)
