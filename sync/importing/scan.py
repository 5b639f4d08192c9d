"""Walking files, folders and zip files (a Garmin data export nests all three) for FIT activities.

Every FIT file met is probed without decoding (``fit_probe``); only files holding set messages
are decoded with fitparse. A file that cannot be read is reported in one line and skipped, and
the walk goes on. Inside folders and zips only ``.fit`` and ``.zip`` entries are looked at (an
export also holds JSON and CSV); a file named on the command line is always tried.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

from runlift.sync.errors import UserError
from runlift.sync.importing.fit_probe import NotFitError, probe
from runlift.sync.importing.fit_reader import read_strength
from runlift.sync.importing.importer import Importer

FIT_SUFFIX = ".fit"
ZIP_SUFFIX = ".zip"


@dataclass(frozen=True)
class Entry:
    """A file to look at: on disk, or a zip member (``origin`` says "archive.zip!member")."""

    origin: str
    # Bytes it accounts for in the progress (compressed size for a zip member).
    size: int
    is_zip: bool
    read: Callable[[], bytes]


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
        size = path.stat().st_size
    except OSError:
        size = 0
    return Entry(str(path), size, path.name.lower().endswith(ZIP_SUFFIX), path.read_bytes)


def _zip_count(entry: Entry) -> int:
    # Counting needs only the zip's central directory; a bad zip counts as one file to report.
    try:
        with zipfile.ZipFile(entry.origin) as archive:
            return sum(1 for info in archive.infolist() if _wanted(info))
    except (OSError, zipfile.BadZipFile):
        return 1


def _wanted(info: zipfile.ZipInfo) -> bool:
    return not info.is_dir() and info.filename.lower().endswith((FIT_SUFFIX, ZIP_SUFFIX))


def _zip(entry: Entry, importer: Importer, zone: tzinfo | None, progress: Progress) -> None:
    """A zip's FIT members (and zips inside it); bytes advance by each top-level member."""
    nested = "!" in entry.origin
    try:
        source = io.BytesIO(entry.read()) if nested else entry.origin
        with zipfile.ZipFile(source) as archive:
            infos = [info for info in archive.infolist() if _wanted(info)]
            if nested:
                progress.add_total(len(infos) - 1, 0)
            done = 0
            for info in infos:
                member = _member_entry(archive, info, entry.origin)
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
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        importer.tally.problems.append(f"{entry.origin}: not a readable zip file ({exc})")
        progress.advance(1, 0 if nested else entry.size)


def _member_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, parent: str) -> Entry:
    def read() -> bytes:
        return archive.read(info)

    return Entry(
        f"{parent}!{info.filename}",
        info.compress_size,
        info.filename.lower().endswith(ZIP_SUFFIX),
        read,
    )


def _fit(entry: Entry, importer: Importer, zone: tzinfo | None) -> None:
    try:
        data = entry.read()
    except (OSError, zipfile.BadZipFile, EOFError) as exc:
        importer.tally.problems.append(f"{entry.origin}: cannot be read ({exc})")
        return
    try:
        if not probe(data).has_sets:
            importer.tally.skipped += 1
            return
        activity = read_strength(data, entry.origin, zone)
    except NotFitError as exc:
        importer.tally.problems.append(f"{entry.origin}: {exc}")
        return
    if activity is None:
        importer.tally.skipped += 1
        return
    importer.add(activity)
