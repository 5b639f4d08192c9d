"""When each service last answered runlift, for `runlift status`.

One small JSON file in the data dir: {"garmin": "2026-11-23T05:31:12+00:00", ...}. The clients
call ``answered`` after each usable answer; the file is rewritten at most once a minute per
service, so a sync of a dozen requests writes it once.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from runlift.sync import paths
from runlift.sync.files import write_json

FILE = "last_contact.json"
_RESOLUTION = timedelta(minutes=1)


def _read() -> dict[str, datetime]:
    try:
        data = json.loads(paths.data_dir(create=False).joinpath(FILE).read_text("utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    found: dict[str, datetime] = {}
    if isinstance(data, dict):
        for service, value in data.items():
            try:
                moment = datetime.fromisoformat(value)
            except (TypeError, ValueError):
                continue
            if moment.tzinfo is not None:
                found[str(service)] = moment
    return found


def answered(service: str, now: datetime) -> None:
    data = _read()
    last = data.get(service)
    if last is not None and abs(now - last) < _RESOLUTION:
        return
    data[service] = now.astimezone(UTC)
    write_json(paths.data_dir() / FILE, {s: t.isoformat() for s, t in data.items()})


def last_answers() -> dict[str, datetime]:
    return _read()
