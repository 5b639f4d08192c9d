"""The daemon's last outcome per job, kept in the data dir for `runlift status`."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from runlift.sync import paths
from runlift.sync.daemon.runner import JobOutcome
from runlift.sync.files import write_json


def _file() -> Path:
    return paths.data_dir() / "daemon_jobs.json"


def record(outcome: JobOutcome) -> None:
    data = read()
    entry = asdict(outcome)
    entry["started"] = outcome.started.isoformat()
    data[outcome.name] = entry
    write_json(_file(), data, indent=1)


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
