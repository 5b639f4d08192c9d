"""Walking files, folders and zip files (a Garmin data export nests all three) for FIT activities.

Every FIT file met is walked without decoding (``fit_probe``); only files holding set messages
have their few needed messages decoded (``fit_reader``). A file that cannot be read is reported in
one line and skipped, and the walk goes on. Inside folders and zips only ``.fit`` and ``.zip``
entries are looked at (an export also holds JSON and CSV); a file named on the command line is
always tried.

A zip is someone else's file: a member that is encrypted, corrupt or packed with a method
zipfile lacks is one ``skipped`` line, zips inside zips stop at ``MAX_NESTING``, a member is
read only up to ``MAX_FIT_BYTES`` (nested zips spill to a temporary file past
``SPOOL_BYTES``), and member names are shown with control characters escaped so a name
cannot forge an output line.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import IO

from runlift.sync.errors import UserError
from runlift.sync.importing.fit_probe import NotFitError, walk
from runlift.sync.importing.fit_reader import KEPT_MESSAGES, read_strength
from runlift.sync.importing.importer import Importer

FIT_SUFFIX = ".fit"
ZIP_SUFFIX = ".zip"
# No watch writes a FIT file this big; a bigger one is skipped, never read into memory.
MAX_FIT_BYTES = 128 * 2**20
# A zip inside a zip is held in memory up to this size, in a temporary file beyond it.
SPOOL_BYTES = 64 * 2**20
# Zips inside zips inside zips...: a real export nests two deep.
MAX_NESTING = 16
# What a broken zip member raises: encrypted (RuntimeError), unknown method
# (NotImplementedError), corrupt deflate (zlib.error), bad CRC (BadZipFile), cut short.
MEMBER_ERRORS: tuple[type[Exception], ...] = (
    OSError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    ValueError,
    zlib.error,
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class NotRead(Exception):
    """A file or member runlift does not read: over ``MAX_FIT_BYTES``, or a pipe or device."""


def printable(name: str) -> str:
    """``name`` with control characters escaped (``\\n``, ``\\x1b``): one line, no escapes."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), name)


@dataclass(frozen=True)
class Entry:
    """A file to look at: on disk, or a zip member (``origin`` says "archive.zip!member")."""

    origin: str
    # Bytes it accounts for in the progress (compressed size for a zip member).
    size: int
    is_zip: bool
    read: Callable[[], bytes]
    # The file on disk (None for a zip member).
    path: Path | None = None
    # Zips around this entry.
    depth: int = 0
    # A zip member as a stream (nested zips are copied from it, not read whole).
    open: Callable[[], IO[bytes]] | None = None


class Progress:
    """What the walk reports as it goes; the CLI draws it, tests ignore it."""

    def add_total(self, files: int, size: int) -> None:
        """More files (and bytes) to do than known so far."""

    def advance(self, files: int, size: int) -> None:
        """Files (and bytes) done."""


@dataclass(frozen=True)
class Plan:
    entries: tuple[Entry, ...]
    files: int
    size: int


def plan(paths: Sequence[Path]) -> Plan:
    """What ``paths`` hold, counted before any is read (zips by their directory only)."""
    entries: list[Entry] = []
    for path in paths:
        if not path.exists():
            raise UserError(f"{path}: no such file or folder")
        if path.is_dir():
            entries.extend(_walk(path))
        else:
            entries.append(_disk_entry(path))
    files = 0
    for entry in entries:
        files += _zip_count(entry) if entry.is_zip else 1
    return Plan(tuple(entries), files, sum(e.size for e in entries))


def run(plan_: Plan, importer: Importer, zone: tzinfo | None, progress: Progress) -> None:
    for entry in plan_.entries:
        if entry.is_zip:
            _zip(entry, importer, zone, progress)
        else:
            _fit(entry, importer, zone)
            progress.advance(1, entry.size)


def _walk(folder: Path) -> Iterator[Entry]:
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            if name.lower().endswith((FIT_SUFFIX, ZIP_SUFFIX)):
                yield _disk_entry(Path(root) / name)


def _disk_entry(path: Path) -> Entry:
    try:
        info = path.stat()
        size, regular = info.st_size, stat.S_ISREG(info.st_mode)
    except OSError:
        size, regular = 0, True  # reading it says what is wrong

    def read() -> bytes:
        if not regular:
            raise NotRead("not a regular file (a pipe or device), not read")
        with path.open("rb") as handle:
            return _bounded(handle, size)

    is_zip = regular and path.name.lower().endswith(ZIP_SUFFIX)
    return Entry(printable(str(path)), size, is_zip, read, path=path)


def _bounded(handle: IO[bytes], declared: int) -> bytes:
    """At most ``MAX_FIT_BYTES``; a declared size over it is believed, a smaller one is not."""
    too_big = NotRead(f"larger than {MAX_FIT_BYTES // 2**20} MiB, too big for a FIT activity")
    if declared > MAX_FIT_BYTES:
        raise too_big
    # The declared size in one read (asking for the limit would allocate 128 MiB each time),
    # the rest only when the file holds more than it said.
    data = handle.read(declared + 1)
    if len(data) > declared:
        data += handle.read(MAX_FIT_BYTES + 1 - len(data))
    if len(data) > MAX_FIT_BYTES:
        raise too_big
    return data


def _zip_count(entry: Entry) -> int:
    # Counting needs only the zip's central directory; a bad zip counts as one file to report.
    try:
        with zipfile.ZipFile(entry.path or entry.origin) as archive:
            return sum(1 for info in archive.infolist() if _wanted(info))
    except (OSError, zipfile.BadZipFile, ValueError):
        return 1


def _wanted(info: zipfile.ZipInfo) -> bool:
    return not info.is_dir() and info.filename.lower().endswith((FIT_SUFFIX, ZIP_SUFFIX))


def _zip(entry: Entry, importer: Importer, zone: tzinfo | None, progress: Progress) -> None:
    """A zip's FIT members (and zips inside it); bytes advance by each top-level member."""
    nested = entry.path is None
    if entry.depth >= MAX_NESTING:
        importer.tally.problems.append(
            f"{entry.origin}: zips nested more than {MAX_NESTING} deep, not opened"
        )
        progress.advance(1, 0)
        return
    try:
        with _opened(entry) as archive:
            infos = [info for info in archive.infolist() if _wanted(info)]
            if nested:
                progress.add_total(len(infos) - 1, 0)
            done = 0
            for info in infos:
                member = _member_entry(archive, info, entry)
                if member.is_zip:
                    _zip(member, importer, zone, progress)
                else:
                    _fit(member, importer, zone)
                    progress.advance(1, 0)
                if not nested:
                    progress.advance(0, member.size)
                    done += member.size
            if not nested:
                progress.advance(0, max(0, entry.size - done))
    except MEMBER_ERRORS as exc:
        importer.tally.problems.append(f"{entry.origin}: not a readable zip file ({_reason(exc)})")
        progress.advance(1, 0 if nested else entry.size)


@contextmanager
def _opened(entry: Entry) -> Iterator[zipfile.ZipFile]:
    """The zip on disk, or a member zip held in memory or spilled to a temporary file."""
    if entry.path is not None:
        with zipfile.ZipFile(entry.path) as archive:
            yield archive
        return
    assert entry.open is not None
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as copy:
        with entry.open() as member:
            shutil.copyfileobj(member, copy, 2**20)
        copy.seek(0)
        with zipfile.ZipFile(copy) as archive:
            yield archive


def _member_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, parent: Entry) -> Entry:
    def read() -> bytes:
        with archive.open(info) as member:
            return _bounded(member, info.file_size)

    def open_() -> IO[bytes]:
        return archive.open(info)

    return Entry(
        f"{parent.origin}!{printable(info.filename)}",
        info.compress_size,
        info.filename.lower().endswith(ZIP_SUFFIX),
        read,
        depth=parent.depth + 1,
        open=open_,
    )


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return printable(text if len(text) <= 120 else text[:117] + "...")


def _fit(entry: Entry, importer: Importer, zone: tzinfo | None) -> None:
    try:
        data = entry.read()
    except NotRead as exc:
        importer.tally.problems.append(f"{entry.origin}: {exc}")
        return
    except MEMBER_ERRORS as exc:
        importer.tally.problems.append(f"{entry.origin}: cannot be read ({_reason(exc)})")
        return
    try:
        walked = walk(data, KEPT_MESSAGES)
        if walked.is_workout:
            importer.tally.workouts += 1
            return
        if not walked.has_sets:
            importer.tally.skipped += 1
            return
        activity = read_strength(data, entry.origin, zone, walked)
    except NotFitError as exc:
        importer.tally.problems.append(f"{entry.origin}: {exc}")
        return
    if activity is None:
        importer.tally.skipped += 1
        return
    importer.add(activity)
