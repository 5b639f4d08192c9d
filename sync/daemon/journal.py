"""The daemon's last outcome per job, kept in the data dir for `runlift status`."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from runlift.sync import own_files, paths
from runlift.sync.daemon.runner import JobOutcome
from runlift.sync.files import write_json


def _file() -> Path:
    return paths.data_dir() / "daemon_jobs.json"


def record(outcome: JobOutcome) -> None:
    outcomes = _read()
    outcomes[outcome.name] = outcome
    data = {}
    for name, each in outcomes.items():
        entry = asdict(each)
        entry["started"] = each.started.isoformat()
        data[name] = entry
    write_json(_file(), data, indent=1)


WHAT = "daemon's job outcomes"


def _shape(value: Any) -> dict[str, JobOutcome]:
    outcomes = {}
    for name, raw in own_files.mapping(value).items():
        entry = own_files.mapping(raw, f"job {name!r}")
        outcomes[name] = JobOutcome(
            name=name,
            started=own_files.moment(entry.get("started"), f"job {name!r}'s start"),
            ok=own_files.flag(entry.get("ok"), f"job {name!r}'s outcome"),
            message=own_files.text(entry.get("message"), f"job {name!r}'s message"),
        )
    return outcomes


def _read() -> dict[str, JobOutcome]:
    return own_files.read_json(_file(), _shape, WHAT) or {}


def last_outcomes() -> list[JobOutcome]:
    return list(_read().values())
