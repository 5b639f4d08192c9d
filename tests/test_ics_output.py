"""`runlift plan --ics`, `runlift export --ics` and `[daemon] ics_path`: the sessions as a
calendar file that calendar apps import, update and cancel from."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from icalendar import Calendar

from runlift.sync.cli import main
from runlift.sync.config import parse_config
from runlift.sync.daemon.service import build_daemon
from runlift.workouts.garmin_marker import parse_marker
from tests.garmin_world import World, world_fixture  # noqa: F401

MONDAY = date(2026, 11, 23)
WEEK = {"quality_days": ["tue", "thu"], "long_days": ["sun"], "rest_days": ["mon", "wed", "fri"]}


def write_config(path: Path, plan: dict[str, list[str]] = WEEK, rdl: float = 40) -> Path:
    lines = [f"[loads]\nromanian_deadlift = {rdl}\n", '[plan]\nsource = "config"\n']
    lines += [f"{key} = {json.dumps(value)}\n" for key, value in plan.items()]
    path.write_text("".join(lines))
    return path


def plan(capsys: pytest.CaptureFixture[str], config: Path, ics: Path, *args: str) -> dict:
    start = ["--start", MONDAY.isoformat(), "--days", "7"]
    assert main(["plan", *start, *args, "--ics", str(ics), "--json", "--config", str(config)]) == 0
    return json.loads(capsys.readouterr().out)


def events(ics: Path) -> dict[str, dict[str, str]]:
    calendar = Calendar.from_ical(ics.read_bytes())
    return {
        str(e["UID"]): {
            "summary": str(e["SUMMARY"]),
            "day": e["DTSTART"].dt.isoformat(),
            "description": str(e.get("DESCRIPTION", "")),
            "status": str(e.get("STATUS", "")),
            "sequence": str(e.get("SEQUENCE", "")),
        }
        for e in calendar.walk("VEVENT")
    }


@pytest.fixture
def config(tmp_path: Path, runlift_home: Path) -> Path:
    return write_config(tmp_path / "config.toml")


def test_the_file_holds_one_event_per_session_with_its_moves(
    capsys: pytest.CaptureFixture[str], config: Path, tmp_path: Path
) -> None:
    ics = tmp_path / "strength.ics"
    shown = plan(capsys, config, ics)
    written = events(ics)
    assert len(written) == len(shown["sessions"]) == 2
    for session in shown["sessions"]:
        event = written[f"{session['date']}/{session['label']}@runlift"]
        assert event["summary"] == session["name"]
        assert event["day"] == session["date"]
        assert re.search(r"Romanian Deadlift: \d x 8 reps @ 40 kg", event["description"])
        assert re.search(r"Side Plank Leg Lift Left: \d x 10 s", event["description"])
        assert session["reason"] in event["description"]
    # icalendar reads back exactly what it wrote: nothing lost in escaping or folding.
    calendar = Calendar.from_ical(ics.read_bytes())
    assert Calendar.from_ical(calendar.to_ical()).to_ical() == calendar.to_ical()
    assert all(e["DTSTART"].params.get("VALUE") == "DATE" for e in calendar.walk("VEVENT"))


def test_the_same_plan_again_is_the_same_file_byte_for_byte(
    capsys: pytest.CaptureFixture[str], config: Path, tmp_path: Path
) -> None:
    ics = tmp_path / "strength.ics"
    with time_machine.travel(datetime(2026, 11, 22, 8, 0, tzinfo=ZoneInfo("UTC")), tick=False):
        plan(capsys, config, ics)
    first = ics.read_bytes()
    with time_machine.travel(datetime(2026, 11, 22, 20, 0, tzinfo=ZoneInfo("UTC")), tick=False):
        plan(capsys, config, ics)
    assert ics.read_bytes() == first


def test_a_changed_load_updates_the_same_event(
    capsys: pytest.CaptureFixture[str], config: Path, tmp_path: Path
) -> None:
    ics = tmp_path / "strength.ics"
    plan(capsys, config, ics)
    before = events(ics)
    write_config(config, rdl=42.5)
    plan(capsys, config, ics)
    after = events(ics)
    assert set(after) == set(before)
    for key, event in after.items():
        assert event["sequence"] == "1"
        assert "@ 42.5 kg" in event["description"]
        assert before[key]["sequence"] == "0"


def test_a_session_no_longer_planned_is_cancelled_once_then_gone(
    capsys: pytest.CaptureFixture[str], config: Path, tmp_path: Path
) -> None:
    ics = tmp_path / "strength.ics"
    first = {f"{s['date']}/{s['label']}@runlift" for s in plan(capsys, config, ics)["sessions"]}
    # The coach turns Friday's rest day into a tempo run: Friday's session has to go.
    moved = {**WEEK, "quality_days": ["tue", "thu", "fri"], "rest_days": ["mon", "wed"]}
    write_config(config, plan=moved)
    second = {f"{s['date']}/{s['label']}@runlift" for s in plan(capsys, config, ics)["sessions"]}
    gone = first - second
    assert gone
    written = events(ics)
    for key in gone:
        assert written[key]["status"] == "CANCELLED"
        assert written[key]["sequence"] == "1"
    for key in second:
        assert written[key]["status"] == ""
    plan(capsys, config, ics)
    assert set(events(ics)) == second


def test_sessions_before_the_window_stay_as_a_record(
    capsys: pytest.CaptureFixture[str], config: Path, tmp_path: Path
) -> None:
    ics = tmp_path / "strength.ics"
    first = plan(capsys, config, ics)["sessions"]
    start = ["--start", (MONDAY + timedelta(days=7)).isoformat(), "--days", "7"]
    args = ["plan", *start, "--ics", str(ics), "--config", str(config)]
    assert main(args) == 0
    written = events(ics)
    for session in first:
        assert written[f"{session['date']}/{session['label']}@runlift"]["status"] == ""
    assert len(written) == 4


def test_a_file_runlift_did_not_write_is_never_overwritten(
    capsys: pytest.CaptureFixture[str], config: Path, tmp_path: Path
) -> None:
    own = tmp_path / "my-calendar.ics"
    own.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//me//EN\r\nEND:VCALENDAR\r\n")
    before = own.read_bytes()
    assert main(["plan", "--ics", str(own), "--config", str(config)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    [line] = captured.err.splitlines()
    assert str(own) in line
    assert "not a calendar runlift wrote" in line
    assert own.read_bytes() == before


def test_export_with_a_bad_calendar_path_writes_nothing(
    capsys: pytest.CaptureFixture[str], config: Path, tmp_path: Path
) -> None:
    out = tmp_path / "fit"
    out.mkdir()
    missing = tmp_path / "nowhere" / "strength.ics"
    args = ["export", "--out", str(out), "--ics", str(missing), "--config", str(config)]
    assert main(args) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert "--ics" in line
    assert "does not exist" in line
    assert list(out.iterdir()) == []


def test_export_writes_the_calendar_beside_the_fit_files(
    capsys: pytest.CaptureFixture[str], config: Path, tmp_path: Path
) -> None:
    out = tmp_path / "fit"
    out.mkdir()
    ics = tmp_path / "strength.ics"
    args = ["export", "--start", MONDAY.isoformat(), "--out", str(out), "--ics", str(ics)]
    assert main([*args, "--config", str(config)]) == 0
    fit_days = sorted(p.name.split("_")[0] for p in out.glob("*.fit"))
    assert sorted(e["day"] for e in events(ics).values()) == fit_days
    assert len(fit_days) == 2
    assert (ics.stat().st_mode & 0o777) == 0o644


BERLIN = ZoneInfo("Europe/Berlin")


def test_the_daemon_keeps_the_file_in_step_with_garmin(world: World, tmp_path: Path) -> None:
    ics = tmp_path / "feed" / "strength.ics"
    ics.parent.mkdir()
    world.two_weeks_of_running(MONDAY)
    config = parse_config(
        {
            "timezone": "Europe/Berlin",
            "plan": {"source": "garmin", "days": 7},
            "garmin": {"retry_wait_seconds": 0.0},
            "daemon": {"sync_times": ["05:30"], "ics_path": str(ics)},
        }
    )
    with time_machine.travel(datetime.combine(MONDAY, time(5, 0), BERLIN), tick=False) as clock:
        daemon = build_daemon(config)
        clock.move_to(datetime.combine(MONDAY, time(5, 31), BERLIN))
        daemon.tick()
    [sync] = [o for o in daemon.outcomes if o.name == "sync"]
    assert sync.ok, sync.message
    assert "calendar file" in sync.message
    on_garmin = {
        str(parse_marker(w.get("description")).key)
        for w in world.fake.workouts.values()
        if parse_marker(w.get("description"))
    }
    assert {key.removesuffix("@runlift") for key in events(ics)} == on_garmin
    assert on_garmin


def test_an_empty_file_is_taken_over(
    capsys: pytest.CaptureFixture[str], config: Path, tmp_path: Path
) -> None:
    ics = tmp_path / "strength.ics"
    ics.touch()
    plan(capsys, config, ics)
    assert len(events(ics)) == 2


def marathon_weeks(path: Path, first_monday: date, weeks: int) -> Path:
    week = {0: "Easy 10 km", 1: "Intervals 8 x 1 km", 2: "Easy 8 km", 3: "Marathon pace 14 km"}
    week[6] = "Long run 24 km"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//plan//EN"]
    for offset in range(7 * weeks):
        day = first_monday + timedelta(days=offset)
        if day.weekday() in week:
            lines += [
                "BEGIN:VEVENT",
                f"UID:{day.isoformat()}@plan",
                "DTSTAMP:20261101T000000Z",
                f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
                f"SUMMARY:{week[day.weekday()]}",
                "END:VEVENT",
            ]
    path.write_text("\r\n".join([*lines, "END:VCALENDAR", ""]))
    return path


def test_export_on_a_thursday_writes_the_days_plan_shows_and_cancels_none(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, runlift_home: Path
) -> None:
    runs = marathon_weeks(tmp_path / "marathon.ics", MONDAY + timedelta(weeks=1), 3)
    thursday = (MONDAY + timedelta(days=3)).isoformat()
    ics = tmp_path / "strength.ics"
    shown = ["plan", "--runs", str(runs), "--start", thursday, "--json", "--ics", str(ics)]
    assert main(shown) == 0
    planned = [s["date"] for s in json.loads(capsys.readouterr().out)["sessions"]]
    out = tmp_path / "fit"
    exported = ["export", "--runs", str(runs), "--start", thursday, "--out", str(out)]
    assert main([*exported, "--ics", str(ics)]) == 0
    assert sorted(p.name.split("_")[0] for p in out.glob("*.fit")) == planned[:2]
    assert [e for e in events(ics).values() if e["status"] == "CANCELLED"] == []
    assert sorted(e["day"] for e in events(ics).values()) == planned


def test_plan_shows_the_days_sync_would_place_when_its_window_ends_mid_week(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, runlift_home: Path
) -> None:
    runs = marathon_weeks(tmp_path / "marathon.ics", MONDAY + timedelta(weeks=1), 3)
    thursday = MONDAY + timedelta(days=3)
    shown = {}
    for days in (14, 18):  # Thursday to Wednesday; to Sunday, as `runlift sync` plans it
        argv = ["plan", "--runs", str(runs), "--start", thursday.isoformat(), "--json"]
        assert main([*argv, "--days", str(days)]) == 0
        shown[days] = json.loads(capsys.readouterr().out)
    last = (thursday + timedelta(days=13)).isoformat()
    sessions = [s["date"] for s in shown[14]["sessions"]]
    assert sessions == [s["date"] for s in shown[18]["sessions"] if s["date"] <= last]
    after = next(s for s in shown[18]["sessions"] if s["date"] > last)
    assert any(
        after["name"] in note and "after the days shown" in note for note in shown[14]["notes"]
    )
