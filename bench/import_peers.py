"""`runlift import` beside the other FIT readers a Python user can pick, on the same folders.

Two folders of real-shaped FIT files, built in a temporary directory:

- strength: 60 strength activities, each a real Forerunner 965 file from tests/fixtures moved
  some days later (every time field shifted, CRC redone), so each is a new activity to store;
- mixed: 300 files laid out like a Garmin account export: nested folders, a fifth inside zips,
  the real files of tests/fixtures/fit/corpus (many devices, a few damaged ones), 18 strength
  activities and runs made with Garmin's Encoder (a record a second, 20-60 minutes).

Each reader runs in its own process and is timed whole (interpreter start, imports, reading the
files): `runlift import FOLDER` with a fresh state, and a loop that reads every FIT file of the
folder (zip members too) with `fitfast.parse`, `pyfitparsernative.parse_fit_bytes` (both installed
with the `bench` extra), python-fitparse, fitdecode and Garmin's `garmin_fit_sdk`. The readers
decode every message; runlift reads what an import needs. A reader that is not installed is
left out of the table. Prints the table (median wall and CPU seconds of RUNS runs, the readers
taking turns; the slow pure-Python readers run once) and ends with `name: value` lines
(`X_vs_READER`: how many times less CPU time runlift takes, the measure a shared machine moves
least; `strength_vs_fitfast` last):

    python bench/import_peers.py [--runs N] [--quick]

`--quick` leaves out the pure-Python readers on the mixed folder (several minutes).
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STRENGTH_FILES = 60
MIXED_FILES = 300
MIXED_STRENGTH = 18
ZIPPED_SHARE = 0.2
SEED = 7

# The loop each peer runs in its own process: `python import_peers.py --peer NAME FOLDER`.
PEERS: dict[str, str] = {
    "fitfast": "fitfast.parse",
    "pyfitparsernative": "pyfitparsernative.parse_fit_bytes",
    "fitparse": "python-fitparse, every message",
    "fitdecode": "fitdecode, every message",
    "garmin_fit_sdk": "garmin_fit_sdk Decoder.read()",
}
SLOW = ("fitparse", "fitdecode", "garmin_fit_sdk")


def fit_files(folder: Path) -> Iterator[bytes]:
    """Every FIT file under ``folder``, zip members included, in a stable order."""
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = Path(root) / name
            if name.lower().endswith(".fit"):
                yield path.read_bytes()
            elif name.lower().endswith(".zip"):
                with zipfile.ZipFile(path) as archive:
                    for info in archive.infolist():
                        if info.filename.lower().endswith(".fit"):
                            yield archive.read(info)


def peer_reader(name: str):  # type: ignore[no-untyped-def]
    if name == "fitfast":
        import fitfast

        return fitfast.parse
    if name == "pyfitparsernative":
        import pyfitparsernative

        return pyfitparsernative.parse_fit_bytes
    if name == "fitparse":
        from fitparse import FitFile

        return lambda data: list(FitFile(data).get_messages())
    if name == "fitdecode":
        import fitdecode

        def read_all(data: bytes) -> list[object]:
            with fitdecode.FitReader(data) as reader:
                return list(reader)

        return read_all
    if name == "garmin_fit_sdk":
        from garmin_fit_sdk import Decoder, Stream

        return lambda data: Decoder(Stream.from_byte_array(bytearray(data))).read()
    raise SystemExit(f"unknown reader {name}")


def run_peer(name: str, folder: Path) -> None:
    read = peer_reader(name)
    done = failed = 0
    for data in fit_files(folder):
        try:
            read(data)
            done += 1
        except Exception:  # damaged files: each reader says so its own way
            failed += 1
    print(f"{name}: {done} read, {failed} refused")


def installed(name: str) -> bool:
    check = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True)
    return check.returncode == 0


@dataclass(frozen=True)
class Timing:
    wall: float
    # User + system seconds of the process (and its children): what a busy machine changes least.
    cpu: float


def timed(command: list[str], env: dict[str, str] | None = None) -> Timing:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()[-2000:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return Timing(elapsed, cpu)


def runlift_import(folder: Path, home: Path) -> Timing:
    from commands import runlift_command

    env = {**os.environ, "RUNLIFT_HOME": str(home), "COLUMNS": "100"}
    try:
        return timed([*runlift_command(), "import", str(folder)], env)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def peer(name: str, folder: Path) -> Timing:
    return timed([sys.executable, __file__, "--peer", name, str(folder)])


def measure(folder: Path, tmp: Path, runs: int, slow: bool) -> dict[str, Timing]:
    """Median wall and CPU seconds of each reader; rounds alternate the readers so drift hits
    them alike. The first round warms the disk cache and is not counted; slow readers run once."""
    peers = [name for name in PEERS if installed(name) and (slow or name not in SLOW)]
    times: dict[str, list[Timing]] = {"runlift": [], **{name: [] for name in peers}}
    for round_ in range(runs + 1):
        times["runlift"].append(runlift_import(folder, tmp / f"home-{round_}"))
        for name in peers:
            if name not in SLOW or round_ == runs:
                times[name].append(peer(name, folder))
    medians = {}
    for name, found in times.items():
        counted = found[1:] if len(found) > 1 else found
        medians[name] = Timing(
            statistics.median(t.wall for t in counted), statistics.median(t.cpu for t in counted)
        )
    return medians


def report(label: str, files: list[bytes], seconds: dict[str, Timing]) -> None:
    size = sum(len(data) for data in files) / 1e6
    print(f"\n{label}: {len(files)} FIT files, {size:.1f} MB")
    print(
        f"{'reader (whole process)':<36} {'wall s':>7} {'cpu s':>7} {'MB/s':>6}"
        f" {'runlift faster (cpu)':>21}"
    )
    ours = seconds["runlift"]
    for name, value in seconds.items():
        title = "runlift import (fresh state)" if name == "runlift" else PEERS[name]
        print(
            f"{title:<36} {value.wall:>7.2f} {value.cpu:>7.2f} {size / value.wall:>6.1f}"
            f" {value.cpu / ours.cpu:>20.1f}x"
        )


# ---------------------------------------------------------------- building the folders


def restamped(data: bytes, days: int) -> bytes:
    """``data`` moved ``days`` later: every date_time field of the profile shifted, CRC redone.

    A whole number of days keeps compressed timestamps (offsets modulo 32 s) consistent.
    """
    import struct

    from garmin_fit_sdk import Profile

    from runlift.sync.importing.fit_crc import crc16

    shift = days * 86_400
    out = bytearray(data)
    header_size = out[0]
    end = header_size + struct.unpack_from("<I", out, 4)[0]
    at = header_size
    layouts: dict[int, tuple[str, list[tuple[bool, int]]]] = {}
    while at < end:
        header = out[at]
        at += 1
        if header & 0x80 == 0 and header & 0x40:
            order = ">" if out[at + 1] == 1 else "<"
            profile = Profile["messages"].get(struct.unpack_from(order + "H", out, at + 2)[0])
            known = profile["fields"] if profile else {}
            count = out[at + 4]
            fields = []
            for k in range(count):
                number, size = out[at + 5 + 3 * k], out[at + 6 + 3 * k]
                kind = known.get(number, {}).get("type")
                fields.append((kind in ("date_time", "local_date_time") and size == 4, size))
            at += 5 + 3 * count
            if header & 0x20:
                fields += [(False, out[at + 2 + 3 * k]) for k in range(out[at])]
                at += 1 + 3 * out[at]
            layouts[header & 0x0F] = (order, fields)
            continue
        order, fields = layouts[(header >> 5) & 0x3 if header & 0x80 else header & 0x0F]
        for is_time, size in fields:
            if is_time:
                (value,) = struct.unpack_from(order + "I", out, at)
                if 0x10000000 <= value < 0xFFFFFFFF:
                    struct.pack_into(order + "I", out, at, value + shift)
            at += size
    struct.pack_into("<H", out, end, crc16(bytes(out[:end])))
    return bytes(out)


def strength_sources() -> list[bytes]:
    folder = ROOT / "tests" / "fixtures" / "fit"
    found = [p.read_bytes() for p in sorted(folder.rglob("*.fit"))]
    return [data for data in found if _holds_sets(data)]


def _holds_sets(data: bytes) -> bool:
    from runlift.sync.importing.fit_probe import NotFitError, probe

    try:
        return probe(data).has_sets
    except NotFitError:
        return False


def corpus_sources() -> list[bytes]:
    folder = ROOT / "tests" / "fixtures" / "fit" / "corpus"
    return [p.read_bytes() for p in sorted(folder.glob("*.fit"))]


def build_strength(folder: Path) -> list[bytes]:
    sources = strength_sources()
    files = [restamped(sources[n % len(sources)], 3 * (n + 1)) for n in range(STRENGTH_FILES)]
    folder.mkdir(parents=True)
    for index, data in enumerate(files):
        (folder / f"{index:05d}_ACTIVITY.fit").write_bytes(data)
    return files


def build_mixed(folder: Path) -> list[bytes]:
    import random
    from datetime import UTC, datetime, timedelta

    sys.path.insert(0, str(ROOT))
    from tests.fitgen import run_activity

    rng = random.Random(SEED)
    sources = strength_sources()
    strength = [restamped(sources[n % len(sources)], 1_000 + 3 * n) for n in range(MIXED_STRENGTH)]
    real = [data for data in corpus_sources() if not _holds_sets(data)]
    first = datetime(2025, 1, 1, 6, 30, tzinfo=UTC)
    runs = [
        run_activity(first + timedelta(days=n), rng.randint(20, 60) * 60, serial=100 + n)
        for n in range(16)
    ]
    made = MIXED_FILES - len(strength) - len(real)
    files = strength + real + [runs[n % len(runs)] for n in range(made)]
    rng.shuffle(files)
    uploads = folder / "DI_CONNECT" / "DI-Connect-Uploaded-Files"
    loose = folder / "DI_CONNECT" / "DI-Connect-Fitness" / "activities"
    uploads.mkdir(parents=True)
    loose.mkdir(parents=True)
    (folder / "DI_CONNECT" / "DI-Connect-Fitness" / "summary.json").write_text("[]")
    zipped = round(len(files) * ZIPPED_SHARE)
    for part in range(0, zipped, 20):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for index in range(part, min(zipped, part + 20)):
                archive.writestr(f"{index:05d}_ACTIVITY.fit", files[index])
        (uploads / f"UploadedFiles_0-_Part{part // 20 + 1}.zip").write_bytes(buffer.getvalue())
    for index in range(zipped, len(files)):
        (loose / f"{index:05d}_ACTIVITY.fit").write_bytes(files[index])
    return files


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--keep", type=Path, help="build the folders there and stop")
    parser.add_argument("--peer", nargs=2, metavar=("NAME", "FOLDER"))
    args = parser.parse_args()
    if args.peer:
        run_peer(args.peer[0], Path(args.peer[1]))
        return
    sys.path.insert(0, str(ROOT / "bench"))
    if args.keep:
        build_strength(args.keep / "strength")
        build_mixed(args.keep / "mixed")
        return
    with tempfile.TemporaryDirectory(prefix="runlift-peers-") as name:
        tmp = Path(name)
        strength = build_strength(tmp / "strength")
        mixed = build_mixed(tmp / "mixed")
        on_strength = measure(tmp / "strength", tmp, args.runs, slow=True)
        on_mixed = measure(tmp / "mixed", tmp, args.runs, slow=not args.quick)
    report("strength only", strength, on_strength)
    report("mixed export", mixed, on_mixed)
    print()
    lines = {}
    for label, seconds in (("strength", on_strength), ("mixed", on_mixed)):
        ours = seconds["runlift"]
        lines[f"{label}_runlift_wall_s"] = f"{ours.wall:.3f}"
        lines[f"{label}_runlift_cpu_s"] = f"{ours.cpu:.3f}"
        for name, value in seconds.items():
            if name != "runlift":
                lines[f"{label}_vs_{name}"] = f"{value.cpu / ours.cpu:.2f}"
    # The two the issue asks for last: at least 1 and at least 100.
    for key in ("mixed_vs_fitparse", "strength_vs_fitfast"):
        if key in lines:
            lines[key] = lines.pop(key)
    for key, value in lines.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
