"""Writing FIT workout files to a folder or a watch, all or nothing."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from runlift.sync.errors import UserError
from runlift.workouts.fit_workout import encode_session, serial_number
from runlift.workouts.session import Session


@dataclass(frozen=True)
class ExportedFile:
    day: date
    session: Session
    path: Path


def file_name(day: date, session: Session) -> str:
    return f"{day.isoformat()}_runner-strength-{session.label}.fit"


def check_out_dir(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out}: not a directory")
    if not out.exists():
        parent = out.parent if out.parent != Path("") else Path(".")
        if not parent.is_dir():
            raise UserError(f"--out {out}: parent folder {parent} does not exist")
        return
    if not os.access(out, os.W_OK | os.X_OK):
        raise UserError(f"--out {out}: folder is not writable")


def watch_new_files_dir(volume: Path) -> Path:
    """GARMIN/NewFiles on a mounted watch; refuses anything that does not look like one."""
    garmin = _child(volume, "GARMIN") if volume.is_dir() else None
    if garmin is None or not garmin.is_dir():
        raise UserError(f"--watch {volume}: not a Garmin watch (no GARMIN folder)")
    has_device_file = _child(garmin, "GarminDevice.xml") is not None
    new_files = _child(garmin, "NewFiles")
    if new_files is None and not has_device_file:
        raise UserError(
            f"--watch {volume}: GARMIN folder has neither NewFiles nor GarminDevice.xml"
        )
    target = new_files or garmin / "NewFiles"
    if target.exists() and not os.access(target, os.W_OK | os.X_OK):
        raise UserError(f"--watch {volume}: {target} is not writable")
    return target


def _child(folder: Path, name: str) -> Path | None:
    """Watches are FAT volumes: match names without regard to case."""
    try:
        for entry in folder.iterdir():
            if entry.name.lower() == name.lower():
                return entry
    except OSError:
        return None
    return None


def write_sessions(
    planned: Sequence[tuple[date, Session]], out: Path, created: datetime
) -> list[ExportedFile]:
    """Encode every session first, then move the files into ``out`` together."""
    encoded = [
        (day, session, encode_session(session, serial_number(session, day.isoformat()), created))
        for day, session in planned
    ]
    out.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for day, session, data in encoded:
            fd, part = _new_part_file(out)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            staged.append((part, out / file_name(day, session)))
        for tmp, final in staged:
            os.replace(tmp, final)
    except OSError as exc:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise UserError(f"--out {out}: cannot write ({exc.strerror or exc})") from None
    return [
        ExportedFile(day, session, final)
        for (day, session, _), (_, final) in zip(encoded, staged, strict=True)
    ]


def _new_part_file(folder: Path) -> tuple[int, Path]:
    """A new hidden file beside the final one, readable as the user's umask says.

    Not mkstemp: its files are 0600, right for secrets, wrong for workouts the user shares or
    copies to a watch.
    """
    while True:
        part = folder / f".runlift-{secrets.token_hex(8)}.fit.part"
        try:
            return os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), part
        except FileExistsError:
            continue


def copy_to_watch(files: Sequence[ExportedFile], new_files: Path) -> list[Path]:
    new_files.mkdir(exist_ok=True)
    copied = []
    for exported in files:
        target = new_files / exported.path.name
        shutil.copyfile(exported.path, target)
        copied.append(target)
    return copied
