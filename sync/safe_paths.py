"""Paths runlift reads or writes: regular files only, read within a cap, links where allowed.

A device (/dev/zero, /dev/full), a pipe (FIFO) or a socket where a file belongs is refused
before a byte is read or written: reading one never ends or never starts, writing one loses
the data. Files are opened first and looked at through the open descriptor, so a file swapped
for a pipe between a check and the read is still caught, and opened without blocking, so a
pipe nobody writes to cannot hang the open.

runlift's own files (state, tokens, pauses) are opened without following links and only when
they belong to the user running runlift: a link planted where one of them belongs is refused,
never followed into another program's file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from runlift.sync import limits


class PathRefused(Exception):
    """``str()`` says what is wrong with the path, in a few words ("is a link ...")."""


SPECIAL = "is not a regular file (a device, pipe or socket)"
LINK = "is a link; runlift does not follow links for its own files"
FOLDER = "is a folder"


def read_regular(path: Path, cap: int, *, own: bool = False) -> bytes:
    """The bytes of the regular file ``path``, at most ``cap`` of them.

    ``own``: a file runlift keeps for itself (no link followed; the user's own file only).
    Raises PathRefused, FileNotFoundError or another OSError.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY
    if own:
        flags |= os.O_NOFOLLOW
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if own and _is_link(path):
            raise PathRefused(LINK) from None
        if isinstance(exc, IsADirectoryError):
            raise PathRefused(FOLDER) from None
        raise
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise PathRefused(FOLDER)
        if not stat.S_ISREG(info.st_mode):
            raise PathRefused(SPECIAL)
        if own and info.st_uid != os.geteuid():
            raise PathRefused("belongs to another user")
        if info.st_size > cap:
            raise PathRefused(f"is larger than {limits.size_text(cap)}")
        data = handle.read(cap + 1)
    if len(data) > cap:
        raise PathRefused(f"is larger than {limits.size_text(cap)}")
    return data


def check_writable_file(path: Path) -> None:
    """Raise PathRefused unless ``path`` is missing or a regular file (not a link to one).

    runlift replaces files whole (a temporary file renamed over the old one): a link would be
    replaced by a file, and a device or pipe is no place for data.
    """
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise PathRefused("has a file where a folder belongs in its path") from None
    if stat.S_ISLNK(info.st_mode):
        raise PathRefused("is a link; name the file it points to")
    if stat.S_ISDIR(info.st_mode):
        raise PathRefused(FOLDER)
    if not stat.S_ISREG(info.st_mode):
        raise PathRefused(SPECIAL)


def check_own_file(path: Path) -> None:
    """Raise PathRefused unless ``path`` is missing or a regular file of this user, not a
    link: where runlift keeps its own state, before it opens or creates it."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise PathRefused(LINK)
    if stat.S_ISDIR(info.st_mode):
        raise PathRefused(FOLDER)
    if not stat.S_ISREG(info.st_mode):
        raise PathRefused(SPECIAL)
    if info.st_uid != os.geteuid():
        raise PathRefused("belongs to another user")


def inside(folder: Path, path: Path) -> bool:
    """Whether ``path``, links followed, is ``folder`` or lies inside it."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False


def _is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(path.lstat().st_mode)
    except OSError:
        return False
