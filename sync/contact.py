"""When each service last answered runlift, for `runlift status`.

One small JSON file in the data dir: {"garmin": "2026-11-23T05:31:12+00:00", ...}. The clients
call ``answered`` after each usable answer; the file is rewritten at most once a minute per
service, so a sync of a dozen requests writes it once.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from runlift.sync import own_files, paths
from runlift.sync.files import write_json

FILE = "last_contact.json"
_RESOLUTION = timedelta(minutes=1)


def _read() -> dict[str, datetime]:
    """Through runlift's one reader of its own files; only a note for `status`, so content of
    the wrong shape reads as no contact yet (and is rewritten), while a link, a pipe or another
    user's file is still one line, never followed."""
    path = paths.data_dir(create=False) / FILE
    return own_files.read_json(path, _moments, "last contacts", damaged_is_missing=True) or {}


def _moments(value: Any) -> dict[str, datetime]:
    return {
        service: own_files.moment(moment, f"the last answer of {service!r}")
        for service, moment in own_files.mapping(value).items()
    }


def answered(service: str, now: datetime) -> None:
    data = _read()
    last = data.get(service)
    if last is not None and abs(now - last) < _RESOLUTION:
        return
    data[service] = now.astimezone(UTC)
    write_json(paths.data_dir() / FILE, {s: t.isoformat() for s, t in data.items()})


def last_answers() -> dict[str, datetime]:
    return _read()
