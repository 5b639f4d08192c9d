"""Files runlift keeps for itself are replaced whole or not at all.

``atomic_write`` writes to a temporary file in the same folder (created with ``mode`` before a
byte is written), flushes it to disk, renames it over the target and flushes the folder, so a
crash at any point leaves the old content or the new, never a mix; readers never see a
half-written file. Temporary files a killed writer left behind are swept on the next write:
only names runlift itself gives them (``.<name>.<8 random characters>.runlift-tmp``), never a
file of the user's that happens to look alike.

The target must be missing or a regular file: a link would be replaced by the new file, and a
device or pipe is no place for data (``safe_paths.check_writable_file``).
"""

from __future__ import annotations

import errno
import glob
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from runlift.sync import clock
from runlift.sync.errors import UserError
from runlift.sync.safe_paths import PathRefused, check_writable_file

PRIVATE = 0o600
TEMP_SUFFIX = ".runlift-tmp"
_STALE_TEMP_S = 600


def atomic_write(
    path: Path,
    data: bytes | str,
    mode: int = PRIVATE,
    *,
    replace: Callable[[str, Path], None] = os.replace,
) -> None:
    """Replace ``path`` with ``data`` (text as UTF-8), permissions ``mode``.

    ``replace`` is the final rename (tests make it fail).
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        check_writable_file(path)
    except PathRefused as exc:
        # An OSError like the system's own refusals: callers say "cannot write (...)".
        raise NotWritable(errno.EINVAL, str(exc)) from None
    prefix = _temp_prefix(path)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=TEMP_SUFFIX)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)
    _sweep(path.parent, prefix)


class NotWritable(OSError):
    """The target is a link, a folder, a device or a pipe; ``strerror`` says which."""


def write_own(
    path: Path,
    data: bytes | str,
    mode: int = PRIVATE,
    *,
    replace: Callable[[str, Path], None] = os.replace,
) -> None:
    """``atomic_write`` for runlift's own files: a refusal is one line naming the file."""
    try:
        atomic_write(path, data, mode, replace=replace)
    except OSError as exc:
        raise UserError(f"{path}: cannot write it ({exc.strerror or exc})") from None


def write_json(
    path: Path, value: object, mode: int = PRIVATE, *, indent: int | None = None
) -> None:
    write_own(path, json.dumps(value, indent=indent), mode)


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sweep(folder: Path, prefix: str) -> None:
    """Temporary files of this target old enough that no writer still owns them."""
    cutoff = clock.now().timestamp() - _STALE_TEMP_S
    ours = re.compile(re.escape(prefix) + r"[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX))
    for stale in folder.glob(f"{glob.escape(prefix)}*{TEMP_SUFFIX}"):
        if not ours.fullmatch(stale.name):
            continue
        try:
            info = stale.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                stale.unlink()
        except FileNotFoundError:
            continue
