"""`runlift export`: two valid .fit files and a table with no account and no config; bad input
stops with one line, exit 2, and no file written."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from garmin_fit_sdk import Decoder, Stream

from runlift.sync.cli import main
from runlift.workouts.fit_workout_reader import read_workout, session_from_workout


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RUNLIFT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COLUMNS", "120")
    return tmp_path / "home"


def fit_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.fit"))


def test_export_with_nothing_configured_writes_the_weeks_two_sessions(tmp_path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["export", "--out", str(out), "--start", "2026-11-23"]) == 0
    files = fit_files(out)
    assert [f.name for f in files] == [
        "2026-11-23_runner-strength-A.fit",
        "2026-11-26_runner-strength-B.fit",
    ]
    for path in files:
        data = path.read_bytes()
        assert Decoder(Stream.from_byte_array(bytearray(data))).check_integrity()
        _, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
        assert errors == []
    printed = capsys.readouterr().out
    assert "Runner Strength A" in printed and "Walking DB Lunge 8/leg" in printed
    assert not list(out.glob(".runlift-*"))


def test_weeks_units_no_bar_and_loads_from_the_config(tmp_path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('units = "kg"\n[loads]\nromanian_deadlift = 40\n')
    out = tmp_path / "out"
    argv = ["export", "--out", str(out), "--start", "2026-11-23", "--weeks", "2"]
    assert main([*argv, "--units", "lb", "--no-bar", "--config", str(config)]) == 0
    files = fit_files(out)
    assert len(files) == 4
    session = session_from_workout(read_workout(files[0].read_bytes()))
    rdl = next(b for b in session.blocks if b.move == "romanian_deadlift")
    # 40 kg is 88.2 lb; on a bar that is 45 lb and pairs of 2.5 lb plates: 90 lb.
    assert (rdl.load.value, rdl.load.unit) == (90.0, "lb")
    core = next(b for b in session.blocks if b.move == "hanging_leg_raise")
    assert core.name == "Boat Pose Hold"


def test_a_barbell_load_below_the_empty_bar_starts_at_the_bar(tmp_path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        'units = "lb"\n[loads]\nromanian_deadlift = 30\nbent_over_row = 50\nwalking_lunge = 10\n'
    )
    out = tmp_path / "out"
    argv = ["export", "--out", str(out), "--start", "2026-11-23", "--config", str(config)]
    assert main(argv) == 0
    session = session_from_workout(read_workout(fit_files(out)[0].read_bytes()))
    loads = {b.move: b.load.value for b in session.blocks if b.load is not None}
    # docs/guides/progression.md: a barbell load is never below the empty bar (45 lb); dumbbells
    # are per hand.
    assert loads["romanian_deadlift"] == 45.0
    assert loads["bent_over_row"] == 50.0
    assert loads["walking_lunge"] == 10.0


def test_watch_copy_lands_in_garmin_newfiles(tmp_path) -> None:
    volume = tmp_path / "watch"
    (volume / "GARMIN" / "NewFiles").mkdir(parents=True)
    out = tmp_path / "out"
    argv = ["export", "--out", str(out), "--start", "2026-11-23", "--watch", str(volume)]
    assert main(argv) == 0
    copied = sorted(p.name for p in (volume / "GARMIN" / "NewFiles").iterdir())
    assert copied == [f.name for f in fit_files(out)]


def bad(tmp_path: Path, name: str) -> list[str]:
    not_a_dir = tmp_path / "file.txt"
    not_a_dir.write_text("x")
    broken = tmp_path / "broken.toml"
    broken.write_text("units = [kg\n")
    absurd = tmp_path / "absurd.toml"
    absurd.write_text("[loads]\nromanian_deadlift = -20\n")
    usb_stick = tmp_path / "stick"
    usb_stick.mkdir()
    out = ["--out", str(tmp_path / "out")]
    return {
        "units": ["export", *out, "--units", "stone"],
        "weeks": ["export", *out, "--weeks", "0"],
        "start": ["export", *out, "--start", "next tuesday"],
        "out-is-file": ["export", "--out", str(not_a_dir)],
        "out-parent": ["export", "--out", str(tmp_path / "no" / "such" / "dir")],
        "watch": ["export", *out, "--watch", str(usb_stick)],
        "config-broken": ["export", *out, "--config", str(broken)],
        "config-missing": ["export", *out, "--config", str(tmp_path / "nope.toml")],
        "load": ["export", *out, "--config", str(absurd)],
    }[name]


@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("units", "--units"),
        ("weeks", "--weeks"),
        ("start", "--start"),
        ("out-is-file", "file.txt"),
        ("out-parent", "--out"),
        ("watch", "--watch"),
        ("config-broken", "broken.toml"),
        ("config-missing", "nope.toml"),
        ("load", "romanian_deadlift"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(tmp_path, capsys, name, named) -> None:
    assert main(bad(tmp_path, name)) == 2
    err = capsys.readouterr().err
    assert err.startswith("runlift: error: ")
    assert err.count("\n") == 1
    assert named in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("today", [f"2027-05-{day:02d}" for day in range(10, 17)])
def test_the_demo_writes_a_whole_weeks_two_sessions_whatever_the_weekday(
    tmp_path: Path, today: str
) -> None:
    import time_machine

    out = tmp_path / "out"
    with time_machine.travel(f"{today}T09:00:00Z", tick=False):
        assert main(["export", "--demo", "--out", str(out)]) == 0
    names = [f.name for f in fit_files(out)]
    assert [name[11:] for name in names] == ["runner-strength-A.fit", "runner-strength-B.fit"]
    # Both in the week from the coming Monday (today on a Monday): one ISO week.
    days = [date.fromisoformat(name[:10]) for name in names]
    monday = date(2027, 5, 10) if today == "2027-05-10" else date(2027, 5, 17)
    assert all(monday <= day <= monday + timedelta(days=6) for day in days)
