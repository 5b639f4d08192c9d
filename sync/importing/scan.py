"""Walking files, folders and zip files (a Garmin data export nests all three) for FIT activities.

Every FIT file met is walked without decoding (``fit_probe``); only files holding set messages
have their few needed messages decoded (``fit_reader``). A file that cannot be read is reported in
one line and skipped, and the walk goes on. Inside folders and zips only ``.fit`` and ``.zip``
entries are looked at (an export also holds JSON and CSV); a file named on the command line is
always tried.

A zip is someone else's file: a member that is encrypted, corrupt or packed with a method
zipfile lacks is one ``skipped`` line saying so in words (never Python's exception text), a zip
whose directory lists more than ``MAX_MEMBERS`` files is skipped before any is read, zips
inside zips stop at ``MAX_NESTING``, a member is read only up to ``MAX_FIT_BYTES`` (nested zips
spill to a temporary file past ``SPOOL_BYTES``, and all the copies one import makes stay within
``limits.IMPORT_TEMP_FACTOR`` times the input), and member names are shown with control
characters escaped so a name cannot forge an output line. The limits live in
``runlift.sync.limits``.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import IO

from runlift.sync import limits
from runlift.sync.errors import UserError
from runlift.sync.importing.fit_probe import NotFitError, walk
from runlift.sync.importing.fit_reader import KEPT_MESSAGES, read_strength
from runlift.sync.importing.importer import Importer

FIT_SUFFIX = ".fit"
ZIP_SUFFIX = ".zip"
# No watch writes a FIT file this big; a bigger one is skipped, never read into memory.
MAX_FIT_BYTES = limits.FIT_BYTES
# A zip inside a zip is held in memory up to this size, in a temporary file beyond it.
SPOOL_BYTES = limits.ZIP_SPOOL_BYTES
# Zips inside zips inside zips...: a real export nests two deep.
MAX_NESTING = limits.ZIP_NESTING
# Files one zip may list (a zip of a million one-byte files took 67 s and 270 MB).
MAX_MEMBERS = limits.ZIP_MEMBERS
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
    # A zip member's size once inflated (what copying it takes).
    unpacked: int = 0


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


class TempBudget:
    """The bytes one import may copy out of zips into temporary files or memory (zips inside
    zips): ``limits.IMPORT_TEMP_FACTOR`` times the input, at least
    ``limits.IMPORT_TEMP_FLOOR_BYTES``."""

    def __init__(self, input_bytes: int) -> None:
        self.limit = max(limits.IMPORT_TEMP_FLOOR_BYTES, limits.IMPORT_TEMP_FACTOR * input_bytes)
        self.used = 0

    def take(self, size: int) -> bool:
        if self.used + size > self.limit:
            return False
        self.used += size
        return True


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
    budget = TempBudget(plan_.size)
    for entry in plan_.entries:
        if entry.is_zip:
            _zip(entry, importer, zone, progress, budget)
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
        with open(entry.path or entry.origin, "rb") as handle:
            if listed_members(handle) > MAX_MEMBERS:
                return 1
        with zipfile.ZipFile(entry.path or entry.origin) as archive:
            return sum(1 for info in archive.infolist() if _wanted(info))
    except (OSError, zipfile.BadZipFile, ValueError):
        return 1


def listed_members(handle: IO[bytes]) -> int:
    """How many files the zip's central directory lists, read before zipfile builds an object
    for each: the larger of what its end record says and the entries its directory holds (an
    end record may lie); a directory too large to hold ``MAX_MEMBERS`` honest entries counts as
    more. 0 when no end record is found (zipfile then says what is wrong)."""
    handle.seek(0, os.SEEK_END)
    size = handle.tell()
    tail_start = max(0, size - _END_SEARCH)
    handle.seek(tail_start)
    tail = handle.read()
    at = tail.rfind(b"PK\x05\x06")
    if at == -1 or at + 22 > len(tail):
        handle.seek(0)
        return 0
    count, directory_size, directory_at = struct.unpack_from("<HII", tail, at + 10)
    locator = at - 20
    if locator >= 0 and tail[locator : locator + 4] == b"PK\x06\x07":
        (end64,) = struct.unpack_from("<Q", tail, locator + 8)
        handle.seek(end64)
        record = handle.read(56)
        if len(record) == 56 and record[:4] == b"PK\x06\x06":
            count, directory_size, directory_at = struct.unpack_from("<QQQ", record, 32)
    if directory_size > MAX_MEMBERS * _LONGEST_ENTRY:
        handle.seek(0)
        return MAX_MEMBERS + 1
    handle.seek(min(directory_at, size))
    entries = handle.read(directory_size).count(b"PK\x01\x02")
    handle.seek(0)
    return max(count, entries)


# A central directory entry: 46 bytes and the name (Garmin's run to about 60 characters).
_LONGEST_ENTRY = 46 + 256
# The end record is 22 bytes, after a comment of at most 65,535.
_END_SEARCH = 22 + 65_535 + 20


def _wanted(info: zipfile.ZipInfo) -> bool:
    return not info.is_dir() and info.filename.lower().endswith((FIT_SUFFIX, ZIP_SUFFIX))


def _zip(
    entry: Entry,
    importer: Importer,
    zone: tzinfo | None,
    progress: Progress,
    budget: TempBudget,
) -> None:
    """A zip's FIT members (and zips inside it); bytes advance by each top-level member."""
    nested = entry.path is None
    if entry.depth >= MAX_NESTING:
        importer.tally.problems.append(
            f"{entry.origin}: zips nested more than {MAX_NESTING} deep, not opened"
        )
        progress.advance(1, 0)
        return
    if nested and not budget.take(entry.unpacked):
        importer.tally.problems.append(
            f"{entry.origin}: not opened: the zips inside zips of this import would take more "
            f"than {limits.size_text(budget.limit)} of temporary space "
            f"({limits.IMPORT_TEMP_FACTOR} x the input)"
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
                    _zip(member, importer, zone, progress, budget)
                else:
                    _fit(member, importer, zone)
                    progress.advance(1, 0)
                if not nested:
                    progress.advance(0, member.size)
                    done += member.size
            if not nested:
                progress.advance(0, max(0, entry.size - done))
    except TooManyMembers as exc:
        importer.tally.problems.append(f"{entry.origin}: {exc}")
        progress.advance(1, 0 if nested else entry.size)
    except MEMBER_ERRORS as exc:
        importer.tally.problems.append(f"{entry.origin}: not a readable zip file ({reason(exc)})")
        progress.advance(1, 0 if nested else entry.size)


class TooManyMembers(Exception):
    """A zip listing more files than runlift reads from one."""


@contextmanager
def _opened(entry: Entry) -> Iterator[zipfile.ZipFile]:
    """The zip on disk, or a member zip held in memory or spilled to a temporary file."""
    if entry.path is not None:
        with entry.path.open("rb") as handle:
            check_members(handle)
            with zipfile.ZipFile(handle) as archive:
                yield archive
        return
    assert entry.open is not None
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as copy:
        with entry.open() as member:
            shutil.copyfileobj(member, copy, 2**20)
        copy.seek(0)
        check_members(copy)
        with zipfile.ZipFile(copy) as archive:
            yield archive


def check_members(handle: IO[bytes]) -> None:
    listed = listed_members(handle)
    if listed > MAX_MEMBERS:
        raise TooManyMembers(
            f"lists {listed:,} files, more than runlift reads from one zip ({MAX_MEMBERS:,}); "
            "not opened"
        )


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes, at most ``MAX_FIT_BYTES`` (NotRead beyond)."""
    with archive.open(info) as member:
        return _bounded(member, info.file_size)


def _member_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, parent: Entry) -> Entry:
    def read() -> bytes:
        return read_member(archive, info)

    def open_() -> IO[bytes]:
        return archive.open(info)

    return Entry(
        f"{parent.origin}!{printable(info.filename)}",
        info.compress_size,
        info.filename.lower().endswith(ZIP_SUFFIX),
        read,
        depth=parent.depth + 1,
        open=open_,
        unpacked=info.file_size,
    )


def reason(exc: BaseException) -> str:
    """What is wrong with a zip or a member, in words a runner reads (never the library's)."""
    text = str(exc).lower()
    if isinstance(exc, zlib.error):
        return "its compressed data is damaged"
    if isinstance(exc, zipfile.LargeZipFile):
        return "it is larger than its zip declares (ZIP64 missing)"
    if isinstance(exc, zipfile.BadZipFile):
        if "crc" in text:
            return "its data does not match the zip's checksum (damaged)"
        if "not a zip file" in text:
            return "not a zip file, or its directory is missing"
        if "overlapped" in text:
            return "its entries overlap (a zip made to trick unpackers)"
        return "the zip's structure is damaged"
    if isinstance(exc, RuntimeError) and ("encrypt" in text or "password" in text):
        return "it is encrypted (protected by a password)"
    if isinstance(exc, NotImplementedError):
        return "it is packed with a compression method runlift cannot read"
    if isinstance(exc, EOFError):
        return "it is cut short"
    if isinstance(exc, OSError) and exc.strerror:
        return f"the system cannot read it: {exc.strerror.lower()}"
    return "the zip's structure is damaged"


def _fit(entry: Entry, importer: Importer, zone: tzinfo | None) -> None:
    try:
        data = entry.read()
    except NotRead as exc:
        importer.tally.problems.append(f"{entry.origin}: {exc}")
        return
    except MEMBER_ERRORS as exc:
        importer.tally.problems.append(f"{entry.origin}: cannot be read ({reason(exc)})")
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
