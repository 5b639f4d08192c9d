"""`runlift import` on a data-export-like folder, beside decoding every file fully with fitparse.

Builds (in a temp dir) FILES activity files laid out like a Garmin account export: nested folders,
most files runs (made with Garmin's Encoder: a record a second, 20-60 minutes), some strength
sessions (the real Forerunner 965 files and made ones), a fifth of everything inside zips.
Times `runlift import FOLDER` (the real command, its own process, fresh state) and, on the same
bytes, the plain way: fitparse decoding every message of every file. Prints both and ends with
`import_speedup: N` (how many times faster runlift is).

    python bench/import_scan.py [FILES]
"""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from commands import runlift_command  # noqa: E402

from tests.fitgen import FakeSet, Part, run_activity, strength_activity  # noqa: E402
from tests.paths import FIXTURES  # noqa: E402

FILES = int(sys.argv[1]) if len(sys.argv) > 1 else 300
STRENGTH_SHARE = 0.06
ZIPPED_SHARE = 0.2
DISTINCT_RUNS = 16
SEED = 7


def made_strength(number: int) -> bytes:
    start = datetime(2026, 1, 5, 17, 0, tzinfo=UTC) + timedelta(days=3 * number)
    sets = [FakeSet(["deadlift"], 10, 40.0, subtypes=[23]) for _ in range(2)]
    sets += [FakeSet(["lunge"], 20, 10.0) for _ in range(2)]
    sets += [FakeSet(["plank"], 1, duration_s=10.0) for _ in range(6)]
    return strength_activity(start, [Part("strength", 35, sets)], serial=5000 + number)


def build(folder: Path) -> tuple[list[bytes], int]:
    """Writes the export; returns every FIT file (for the baseline) and how many are strength."""
    rng = random.Random(SEED)
    first = datetime(2025, 1, 1, 6, 30, tzinfo=UTC)
    runs = [
        run_activity(first + timedelta(days=n), rng.randint(20, 60) * 60, serial=100 + n)
        for n in range(DISTINCT_RUNS)
    ]
    real = [
        (FIXTURES / "fit" / "fr965-strength-activity.fit").read_bytes(),
        (FIXTURES / "fit" / "fr965-strength-then-run.fit").read_bytes(),
    ]
    strength_count = max(2, round(FILES * STRENGTH_SHARE))
    strength = real + [made_strength(n) for n in range(strength_count - len(real))]
    files = strength + [runs[n % DISTINCT_RUNS] for n in range(FILES - strength_count)]
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
    return files, strength_count


def time_runlift(folder: Path, home: Path) -> float:
    env = {**os.environ, "RUNLIFT_HOME": str(home), "COLUMNS": "100"}
    began = time.perf_counter()
    done = subprocess.run(
        [*runlift_command(), "import", str(folder)], env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"runlift import failed: {done.stderr.strip()}")
    print(done.stdout.strip())
    return elapsed


def time_fitparse(files: list[bytes]) -> float:
    from fitparse import FitFile

    began = time.perf_counter()
    for data in files:
        for _ in FitFile(data).get_messages():
            pass
    return time.perf_counter() - began


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="runlift-bench-") as tmp:
        folder = Path(tmp) / "export"
        files, strength = build(folder)
        size_mb = sum(len(f) for f in files) / 1e6
        print(f"{len(files)} FIT files ({strength} strength, {size_mb:.1f} MB)")
        ours = time_runlift(folder, Path(tmp) / "home")
        plain = time_fitparse(files)
    print()
    print(f"{'method':<40} {'seconds':>8} {'MB/s':>8}")
    print(f"{'runlift import (whole command)':<40} {ours:>8.2f} {size_mb / ours:>8.1f}")
    print(f"{'fitparse, every file decoded':<40} {plain:>8.2f} {size_mb / plain:>8.2f}")
    print(f"import_speedup: {plain / ours:.0f}")


if __name__ == "__main__":
    main()
