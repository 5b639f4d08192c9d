"""The daemon's last outcome per job, kept in the data dir for `runlift status`."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from runlift.sync import paths
from runlift.sync.daemon.runner import JobOutcome


def _file() -> Path:
    return paths.data_dir() / "daemon_jobs.json"


def record(outcome: JobOutcome) -> None:
    data = read()
    entry = asdict(outcome)
    entry["started"] = outcome.started.isoformat()
    data[outcome.name] = entry
    fd, tmp = tempfile.mkstemp(dir=_file().parent, prefix=".daemon-jobs-")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1)
    os.replace(tmp, _file())


def read() -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def last_outcomes() -> list[JobOutcome]:
    return [
        JobOutcome(
            name=name,
            started=datetime.fromisoformat(entry["started"]),
            ok=bool(entry["ok"]),
            message=str(entry["message"]),
        )
        for name, entry in read().items()
    ]
