"""`runlift import` on folders, zips and bad files, and `runlift history` after it."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from runlift.sync.cli import main
from tests.fitgen import FakeSet, Part, run_activity, strength_activity
from tests.paths import FIXTURES

STRENGTH = FIXTURES / "fit" / "fr965-strength-activity.fit"
STRENGTH_THEN_RUN = FIXTURES / "fit" / "fr965-strength-then-run.fit"
JSON_KEYS = ["date", "category", "name", "reps", "weight_kg", "duration_s"]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RUNLIFT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COLUMNS", "160")
    return tmp_path / "home"


def rows(home: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(home / "data" / "state.sqlite3") as conn:
        return conn.execute(sql).fetchall()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def session(day: int, rdl_reps: tuple[int, int], rdl_kg: float) -> bytes:
    """A Runner Strength session as a watch records it when the exercises are named: RDLs,
    barbell rows, side-plank holds."""
    start = datetime(2026, 3, day, 17, 0, tzinfo=UTC)
    sets = [FakeSet(["deadlift"], r, rdl_kg, subtypes=[23]) for r in rdl_reps]
    sets += [FakeSet(["row", "shrug"], 12, 30.0, subtypes=[46]) for _ in range(2)]
    sets += [FakeSet(["plank"], 1, 0.0, duration_s=10.2, subtypes=[80]) for _ in range(6)]
    return strength_activity(start, [Part("strength", 40, sets)], serial=1000 + day)


def export_folder(tmp_path: Path) -> Path:
    """Laid out like a Garmin account export: nested folders, zips of FITs, JSON beside them."""
    root = tmp_path / "export"
    uploads = root / "DI_CONNECT" / "DI-Connect-Uploaded-Files"
    uploads.mkdir(parents=True)
    (root / "DI_CONNECT" / "summary.json").write_text("{}")
    runs = {
        f"run-{n}.fit": run_activity(datetime(2026, 3, n, 7, tzinfo=UTC), 600, 1)
        for n in range(1, 4)
    }
    inner = zip_bytes({"strength-b.fit": session(5, (10, 9), 40.0)})
    (uploads / "UploadedFiles_0-_Part1.zip").write_bytes(
        zip_bytes({**runs, "strength-a.fit": session(3, (12, 12), 40.0), "more.zip": inner})
    )
    (uploads / "loose").mkdir()
    (uploads / "loose" / STRENGTH.name).write_bytes(STRENGTH.read_bytes())
    return root


def test_a_data_export_imports_its_strength_sessions_and_skips_the_rest(
    tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(export_folder(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "Looked at 6 files" in out
    assert "3 strength activities, 3 others skipped, 0 unreadable" in out
    days = rows(home, "SELECT day FROM lift_activities ORDER BY day")
    assert days == [("2025-09-23",), ("2026-03-03",), ("2026-03-05",)]


def test_one_file_is_one_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s3.fit"
    path.write_bytes(session(3, (12, 12), 40.0))
    assert main(["import", str(path)]) == 0
    assert "Looked at 1 file (0.0 MB): 1 strength activity, 0 others skipped" in (
        capsys.readouterr().out
    )


def test_files_inside_a_zip_inside_a_zip_are_counted_one_by_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inner = zip_bytes({f"s{day}.fit": session(day, (12, 12), 40.0) for day in (3, 5, 7)})
    outer = tmp_path / "export.zip"
    outer.write_bytes(zip_bytes({"inner.zip": inner}))
    assert main(["import", str(outer)]) == 0
    assert "Looked at 3 files (0.0 MB): 3 strength activities, 0 others skipped" in (
        capsys.readouterr().out
    )


def test_bad_files_are_reported_one_line_each_and_the_rest_goes_on(
    tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    good = STRENGTH.read_bytes()
    flipped = bytearray(good)
    flipped[30000] ^= 0xFF
    (folder / "a-empty.fit").write_bytes(b"")
    (folder / "b-truncated.fit").write_bytes(good[: len(good) // 2])
    (folder / "c-garbled.fit").write_bytes(bytes(flipped))
    (folder / "d-notes.fit").write_text("not a fit file at all\n")
    (folder / "e-broken.zip").write_bytes(b"PK\x03\x04 this is no zip")
    (folder / "f-good.fit").write_bytes(good)
    (folder / "g-notes.txt").write_text("ignored: neither .fit nor .zip")
    assert main(["import", str(folder), "--json"]) == 0
    captured = capsys.readouterr()
    problems = [line for line in captured.err.splitlines() if line.startswith("skipped ")]
    assert [line.split(":")[0].rsplit("/", 1)[-1] for line in problems] == [
        "a-empty.fit",
        "b-truncated.fit",
        "c-garbled.fit",
        "d-notes.fit",
        "e-broken.zip",
    ]
    assert "empty file" in problems[0] and "truncated" in problems[1]
    assert "CRC" in problems[2] and "not a FIT file" in problems[3]
    sets = json.loads(captured.out)
    assert len(sets) == 38
    assert rows(home, "SELECT origin FROM lift_activities") == [(str(folder / "f-good.fit"),)]
    # Nothing of the garbled copy of the same activity was stored.
    assert rows(home, "SELECT COUNT(*) FROM lift_sets") == [(38,)]


def test_json_lists_the_work_sets_with_fit_profile_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "session.fit"
    path.write_bytes(session(3, (12, 11), 42.5))
    assert main(["import", str(path), "--json"]) == 0
    sets = json.loads(capsys.readouterr().out)
    assert all(list(item) == JSON_KEYS for item in sets)
    assert sets[0] == {
        "date": "2026-03-03",
        "category": "deadlift",
        "name": "romanian_deadlift",
        "reps": 12,
        "weight_kg": 42.5,
        "duration_s": 40.0,
    }
    assert [s["category"] for s in sets] == ["deadlift"] * 2 + ["row"] * 2 + ["plank"] * 6


def test_importing_again_changes_nothing(
    tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = export_folder(tmp_path)
    assert main(["import", str(folder)]) == 0
    before = rows(home, "SELECT * FROM lift_sets ORDER BY activity_id, position")
    capsys.readouterr()
    assert main(["import", str(folder), str(STRENGTH_THEN_RUN)]) == 0
    assert "1 new, 0 updated, 3 unchanged" in capsys.readouterr().out
    after = rows(home, "SELECT * FROM lift_sets ORDER BY activity_id, position")
    new = "fit:3486647825:20251001T091029Z"  # the strength-then-run file, not in the export
    assert [r for r in after if r[0] != new] == before


def test_history_shows_the_sessions_and_the_progressed_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('units = "kg"\n[loads]\nromanian_deadlift = 40\nbent_over_row = 30\n')
    for day, reps in ((3, (12, 12)), (5, (10, 9))):
        path = tmp_path / f"s{day}.fit"
        path.write_bytes(session(day, reps, 40.0 if day == 3 else 42.5))
    assert main(["import", str(tmp_path / "s3.fit"), str(tmp_path / "s5.fit")]) == 0
    capsys.readouterr()
    assert main(["history", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "Romanian deadlift" in out
    assert "2 x 12 @ 40 kg" in out and "1 x 10 @ 42.5 kg, 1 x 9 @ 42.5 kg" in out
    assert "next: 2 x 10 reps @ 42.5 kg" in out
    assert "next: 3 x 15 s per side" in out  # both sides' holds done at 10 s
    assert "│" in out and "42.5 kg" in out  # the load chart


def test_export_carries_the_progressed_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[loads]\nromanian_deadlift = 40\n")
    path = tmp_path / "s3.fit"
    path.write_bytes(session(3, (12, 12), 40.0))
    assert main(["import", str(path)]) == 0
    out = tmp_path / "out"
    argv = ["export", "--out", str(out), "--start", "2026-03-09", "--config", str(config)]
    assert main(argv) == 0
    assert "Romanian Deadlift" in capsys.readouterr().out
    from runlift.workouts.fit_workout_reader import read_workout

    workout = read_workout(sorted(out.glob("*.fit"))[0].read_bytes())
    rdl = next(b for b in workout.blocks if b.category == "deadlift")
    assert (rdl.reps, rdl.weight_kg) == (8, 42.5)


def test_history_png_draws_a_picture(tmp_path: Path) -> None:
    path = tmp_path / "s3.fit"
    path.write_bytes(session(3, (12, 12), 40.0))
    assert main(["import", str(path)]) == 0
    picture = tmp_path / "history.png"
    assert main(["history", "--png", str(picture)]) == 0
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_history_png_without_matplotlib_says_how_to_get_it(tmp_path: Path, home: Path) -> None:
    code = (
        "import sys; sys.modules['matplotlib'] = None\n"
        "from runlift.sync.cli import main\n"
        f"raise SystemExit(main(['history', '--png', {str(tmp_path / 'h.png')!r}]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"RUNLIFT_HOME": str(home), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "runlift: error: --png needs matplotlib: pip install 'runlift[plot]' (or pip install "
        "matplotlib)"
    ]
    assert not (tmp_path / "h.png").exists()


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["import"], "nothing to import"),
        (["import", "/nonexistent/export"], "/nonexistent/export: no such file or folder"),
        (["import", "x.fit", "--since", "2026-01-01"], "--since applies to --garmin only"),
        (["import", "--garmin", "--since", "yesterday"], "--since 'yesterday': not a date"),
    ],
)
def test_bad_arguments_stop_with_one_line(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and says in err[0]


@pytest.mark.parametrize(("name", "written"), [("loads.png", "loads.png"), ("loads", "loads.png")])
def test_history_png_is_a_png_and_says_where_it_went(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, written: str
) -> None:
    path = tmp_path / "s3.fit"
    path.write_bytes(session(3, (12, 12), 40.0))
    assert main(["import", str(path)]) == 0
    capsys.readouterr()
    assert main(["history", "--png", str(tmp_path / name)]) == 0
    picture = tmp_path / written
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("loads")) == [written]
    assert f"Wrote the charts to {picture.resolve()}" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["loads.jpg", "loads.txt", "loads.PNG.pdf"])
def test_history_png_under_another_suffix_is_refused_before_anything_is_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path = tmp_path / "s3.fit"
    path.write_bytes(session(3, (12, 12), 40.0))
    assert main(["import", str(path)]) == 0
    capsys.readouterr()
    assert main(["history", "--png", str(tmp_path / name)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"runlift: error: --png {tmp_path / name}: runlift draws PNG")
    assert captured.err.count("\n") == 1
    assert not any(p.name.startswith("loads") for p in tmp_path.iterdir())


def test_history_png_into_a_folder_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pictures.png"
    folder.mkdir()
    assert main(["history", "--png", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"runlift: error: --png {folder}: is a folder") and err.count("\n") == 1
    assert list(folder.iterdir()) == []
