"""The small truths a runner meets first: history --png, export to the watch's GARMIN folder,
importing workout files, and loads in pounds that a bar can hold."""

from __future__ import annotations

import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from runlift.sync.cli import main
from runlift.sync.importing.fit_probe import probe
from runlift.workouts.fit_workout_reader import read_workout, session_from_workout
from runlift.workouts.plates import STEPS, on_the_grid
from runlift.workouts.units import KG_PER_LB, Load
from tests.fitgen import FakeSet, Part, strength_activity
from tests.paths import FIXTURES

FIT = FIXTURES / "fit"
START = "2026-11-23"


def loads_of(out: Path) -> dict[str, float]:
    first = sorted(out.glob("*.fit"))[0]
    session = session_from_workout(read_workout(first.read_bytes()))
    return {b.move: b.load.value for b in session.blocks if b.load is not None}


def export(tmp_path: Path, config: str, *args: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(config, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["export", "--out", str(out), "--start", START, "--config", str(path), *args]) == 0
    return out


# --- history --png


def test_history_png_without_matplotlib_says_so_before_printing_anything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if it were not installed
    assert main(["history", "--png", str(tmp_path / "loads.png")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("runlift: error: --png needs matplotlib")
    assert captured.err.count("\n") == 1
    assert not (tmp_path / "loads.png").exists()


# --- export --watch on the GARMIN folder itself


@pytest.mark.parametrize("folder", ["GARMIN", "Garmin"])
def test_export_to_the_watchs_garmin_folder_works_like_the_watch(
    tmp_path: Path, folder: str
) -> None:
    garmin = tmp_path / "media" / "FR965" / folder
    (garmin / "NewFiles").mkdir(parents=True)
    out = tmp_path / "out"
    args = ["export", "--out", str(out), "--start", START, "--watch", str(garmin)]
    assert main(args) == 0
    assert sorted(p.name for p in (garmin / "NewFiles").iterdir()) == sorted(
        p.name for p in out.glob("*.fit")
    )
    assert not (garmin / "GARMIN").exists()


def test_a_folder_named_garmin_that_is_no_watch_is_still_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    garmin = tmp_path / "Downloads" / "garmin"
    garmin.mkdir(parents=True)
    (garmin / "notes.txt").write_text("x")
    args = ["export", "--out", str(tmp_path / "out"), "--watch", str(garmin)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "neither NewFiles nor GarminDevice.xml" in err and err.count("\n") == 1


# --- importing workout files


def test_importing_runlifts_own_workout_files_says_they_are_workout_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["export", "--out", str(out), "--start", START]) == 0
    shutil.copy(FIT / "garmin-connect-strength-workout.fit", out)
    capsys.readouterr()
    assert main(["import", str(out)]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "0 strength activities, 3 workout files (the plan of a session, not a session done" in (
        said
    )
    assert "0 others skipped" in said


def test_recorded_activities_are_never_taken_for_workout_files() -> None:
    # Real watch recordings, one done from a workout (it holds the workout's steps too).
    for name in ("fr965-strength-activity.fit", "fr965-strength-then-run.fit"):
        assert not probe((FIT / name).read_bytes()).is_workout, name
    start = datetime(2026, 3, 3, 17, 0, tzinfo=UTC)
    sets = [FakeSet(["deadlift"], 10, 40.0, subtypes=[23])]
    generated = strength_activity(
        start, [Part("strength", 40, sets)], steps={0: ("deadlift", 23)}, workout_name="Circuit"
    )
    assert not probe(generated).is_workout


# --- loads in pounds


def test_with_pounds_and_no_loads_a_barbell_move_shows_the_empty_bar(tmp_path: Path) -> None:
    loads = loads_of(export(tmp_path, "", "--units", "lb"))
    assert loads["romanian_deadlift"] == 45.0
    assert loads["bent_over_row"] == 45.0
    assert "walking_lunge" not in loads  # dumbbells: left open on the watch


def test_with_kilograms_and_no_loads_a_barbell_move_shows_the_empty_bar(tmp_path: Path) -> None:
    loads = loads_of(export(tmp_path, ""))
    assert loads["romanian_deadlift"] == 20.0


def test_a_kilogram_load_shown_in_pounds_is_one_a_bar_can_hold(tmp_path: Path) -> None:
    config = "[loads]\nromanian_deadlift = 42.5\nwalking_lunge = 12\n"
    loads = loads_of(export(tmp_path, config, "--units", "lb"))
    assert loads["romanian_deadlift"] == 95.0  # 93.7 lb on the scale; 45 + 2 x 25 lb on the bar
    assert loads["walking_lunge"] == 25.0  # 26.5 lb: the 25 lb dumbbells


@pytest.mark.parametrize("unit", ["kg", "lb"])
def test_every_converted_load_is_on_the_grid_of_its_unit(unit: str) -> None:
    other = "lb" if unit == "kg" else "kg"
    bar = 45.0 if unit == "lb" else 20.0
    for tenth in range(0, 3000, 7):
        load = Load(tenth / 10, other)
        barbell = on_the_grid(load, unit, "barbell", bar).value  # type: ignore[arg-type]
        dumbbell = on_the_grid(load, unit, "dumbbell", bar).value  # type: ignore[arg-type]
        assert barbell >= bar and ((barbell - bar) / STEPS[unit]["barbell"]).is_integer()
        assert (dumbbell / STEPS[unit]["dumbbell"]).is_integer() and dumbbell > 0
        # The nearest such load: never more than half a step from the weight asked for.
        weight = load.kg_in(unit)  # type: ignore[arg-type]
        if weight >= bar:
            assert abs(barbell - weight) <= STEPS[unit]["barbell"] / 2 + 1e-9
    assert round(42.5 / KG_PER_LB, 1) == 93.7
