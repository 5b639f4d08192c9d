"""Writing FIT workout files to a folder or a watch, all or nothing."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from runlift.sync.errors import UserError
from runlift.sync.safe_paths import inside
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
    try:
        info = out.stat()
    except FileNotFoundError:
        parent = out.parent if out.parent != Path("") else Path(".")
        if not parent.is_dir():
            raise UserError(f"--out {out}: parent folder {parent} does not exist") from None
        return
    except NotADirectoryError:
        raise UserError(f"--out {out}: a parent of it is a file, not a folder") from None
    except OSError as exc:
        raise UserError(f"--out {out}: cannot use it ({exc.strerror or exc})") from None
    if not stat.S_ISDIR(info.st_mode):
        raise UserError(f"--out {out}: not a directory")
    if not os.access(out, os.W_OK | os.X_OK):
        raise UserError(f"--out {out}: folder is not writable")


def watch_new_files_dir(volume: Path) -> Path:
    """GARMIN/NewFiles on a mounted watch, given as the watch (its volume) or as its GARMIN
    folder; refuses anything that does not look like one."""
    garmin = _child(volume, "GARMIN") if volume.is_dir() else None
    if garmin is None and volume.name.lower() == "garmin" and volume.is_dir():
        garmin = volume
    if garmin is None or not garmin.is_dir():
        raise UserError(f"--watch {volume}: not a Garmin watch (no GARMIN folder)")
    has_device_file = _child(garmin, "GarminDevice.xml") is not None
    new_files = _child(garmin, "NewFiles")
    if new_files is None and not has_device_file:
        raise UserError(
            f"--watch {volume}: GARMIN folder has neither NewFiles nor GarminDevice.xml"
        )
    target = new_files or garmin / "NewFiles"
    # Files go on the watch only: a GARMIN or NewFiles that is a link out of the volume (to a
    # folder of the computer, say) is refused, never written through.
    for folder in (garmin, target):
        if folder.is_symlink() and not inside(volume, folder):
            raise UserError(
                f"--watch {volume}: {folder} is a link to a folder outside the watch; runlift "
                "writes only onto the watch"
            )
    if target.exists() and not target.is_dir():
        raise UserError(f"--watch {volume}: {target} is not a folder")
    if target.exists() and not os.access(target, os.W_OK | os.X_OK):
        raise UserError(f"--watch {volume}: {target} is not writable")
    return target


def check_distinct(out: Path, new_files: Path) -> None:
    """--out and the watch's NewFiles are two copies: the same folder named twice is refused
    before anything is written (the second copy would overwrite the first mid-way)."""
    if _same_folder(out, new_files):
        raise UserError(
            f"--out {out} is the watch's {new_files}: give --watch alone to write onto the watch, "
            "or another folder as --out"
        )


def _same_folder(one: Path, other: Path) -> bool:
    try:
        if one.exists() and other.exists():
            return os.path.samefile(one, other)
        return one.resolve() == other.resolve()
    except OSError:
        return False


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
    planned: Sequence[tuple[date, Session]],
    out: Path,
    created: datetime,
    new_files: Path | None = None,
) -> tuple[list[ExportedFile], list[Path]]:
    """Encode every session, write them all into a temporary folder beside ``out`` (and beside
    the watch's ``new_files``), and move them into place only when every one is written.

    A name taken by a folder, a full disk, a read-only watch or a path the system refuses
    leaves ``out`` and the watch as they were and raises one UserError.
    """
    encoded = [
        (day, session, encode_session(session, serial_number(session, day.isoformat()), created))
        for day, session in planned
    ]
    names = [file_name(day, session) for day, session, _ in encoded]
    destinations = [("--out", out)] + ([("--watch", new_files)] if new_files is not None else [])
    for option, folder in destinations:
        _check_free(option, folder, names)
    with ExitStack() as stack:
        stages = [stack.enter_context(_Stage(option, folder)) for option, folder in destinations]
        for stage in stages:
            for name, (_, _, data) in zip(names, encoded, strict=True):
                stage.write(name, data)
        for stage in stages:
            stage.commit()
    files = [
        ExportedFile(day, session, out / name)
        for name, (day, session, _) in zip(names, encoded, strict=True)
    ]
    copied = [new_files / name for name in names] if new_files is not None else []
    return files, copied


def _check_free(option: str, folder: Path, names: Sequence[str]) -> None:
    """Every file's name is free or an older file (never a folder or anything else)."""
    for name in names:
        try:
            info = (folder / name).lstat()
        except FileNotFoundError:
            continue
        except NotADirectoryError:
            raise UserError(f"{option} {folder}: not a directory") from None
        except OSError as exc:
            raise UserError(f"{option} {folder / name}: cannot use it ({exc.strerror})") from None
        if not stat.S_ISREG(info.st_mode):
            raise UserError(f"{option} {folder / name}: the name is taken by a folder or link")


class _Stage:
    """A temporary folder on the same file system as ``folder``: inside it when it exists,
    beside it otherwise (then the whole folder appears at once)."""

    def __init__(self, option: str, folder: Path) -> None:
        self.option = option
        self.folder = folder
        self._fresh = not folder.exists()
        self._tmp: Path | None = None

    def __enter__(self) -> _Stage:
        base = self.folder.parent if self._fresh else self.folder
        try:
            self._tmp = Path(tempfile.mkdtemp(dir=base or Path("."), prefix=".runlift-export-"))
        except OSError as exc:
            raise self._error(exc) from None
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)

    def write(self, name: str, data: bytes) -> None:
        assert self._tmp is not None
        try:
            with (self._tmp / name).open("xb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise self._error(exc) from None

    def commit(self) -> None:
        assert self._tmp is not None
        try:
            if self._fresh:
                os.rename(self._tmp, self.folder)
                os.chmod(self.folder, 0o777 & ~_umask())
            else:
                for staged in sorted(self._tmp.iterdir()):
                    os.replace(staged, self.folder / staged.name)
                self._tmp.rmdir()
            self._tmp = None
        except OSError as exc:
            raise self._error(exc) from None

    def _error(self, exc: OSError) -> UserError:
        return UserError(f"{self.option} {self.folder}: cannot write ({exc.strerror or exc})")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
