"""`runlift plan --source intervals` against a fake intervals.icu on 127.0.0.1 (real httpx)."""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from runlift.sync.cli import main
from runlift.sync.config import IntervalsSection
from runlift.sync.syncing import SyncRequest, sync_once
from runlift.workouts.garmin_marker import parse_marker
from tests.fakes.intervals import FakeIntervals, pct, repeat, span, step, workout_doc
from tests.garmin_world import World, world_fixture  # noqa: F401

MONDAY = date(2026, 11, 23)


def day(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


@pytest.fixture
def config(tmp_path: Path, runlift_home: Path, fake_intervals: FakeIntervals) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f'[intervals]\nbase_url = "{fake_intervals.url}"\ntimeout_seconds = 2.0\n')
    return path


@pytest.fixture
def key(monkeypatch: pytest.MonkeyPatch, fake_intervals: FakeIntervals) -> str:
    monkeypatch.setenv("INTERVALS_API_KEY", fake_intervals.api_key)
    return fake_intervals.api_key


def plan_json(capsys: pytest.CaptureFixture[str], config: Path, days: int = 14) -> dict:
    args = ["plan", "--source", "intervals", "--start", MONDAY.isoformat(), "--days", str(days)]
    assert main([*args, "--json", "--config", str(config)]) == 0
    return json.loads(capsys.readouterr().out)


def fail(capsys: pytest.CaptureFixture[str], config: Path) -> str:
    args = ["plan", "--source", "intervals", "--start", MONDAY.isoformat()]
    assert main([*args, "--config", str(config)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1
    return lines[0]


def seed_week(fake: FakeIntervals) -> None:
    """A coach's week on intervals.icu: titles alone would not say which day is hard."""
    fake.add_event(day(0), "Rest day", category="NOTE", type=None)
    fake.add_event(
        day(1),
        "Tuesday session",
        moving_time=3900,
        workout_doc=workout_doc(
            step(900, warmup=True, pace=span(75, 85, "%pace")),
            repeat(6, step(180, pace=pct(105, "%pace")), step(120, pace=pct(70, "%pace"))),
            step(600, cooldown=True, pace=pct(70, "%pace")),
        ),
    )
    fake.add_event(
        day(2),
        "Wednesday run",
        moving_time=2700,
        workout_doc=workout_doc(step(2700, pace=pct(2, "pace_zone"))),
    )
    fake.add_event(day(3), "Strength: full body", type="WeightTraining", moving_time=2700)
    fake.add_event(day(4), "Spin", type="Ride", moving_time=3600)
    fake.add_event(
        day(5),
        "Saturday run",
        moving_time=2700,
        workout_doc=workout_doc(
            step(2400, hr=span(70, 80, "%lthr")),
            repeat(6, step(20, pace=pct(115, "%pace")), step(60)),
        ),
    )
    fake.add_event(day(6), "Sunday run", moving_time=2 * 3600, distance=24_000.0)


def test_a_week_is_read_from_steps_lengths_and_categories(
    capsys: pytest.CaptureFixture[str], config: Path, key: str, fake_intervals: FakeIntervals
) -> None:
    seed_week(fake_intervals)
    shown = plan_json(capsys, config, days=7)
    kinds = {d["date"]: d["kind"] for d in shown["days"]}
    assert kinds == {
        day(0).isoformat(): "rest",
        day(1).isoformat(): "quality",
        day(2).isoformat(): "easy",
        day(3).isoformat(): "rest",
        day(4).isoformat(): "rest",
        day(5).isoformat(): "easy",
        day(6).isoformat(): "long",
    }
    reasons = {d["date"]: d["reason"] for d in shown["days"]}
    assert "6 work intervals" in reasons[day(1).isoformat()]
    assert "strides" in reasons[day(5).isoformat()]
    # The plan's own strength day gets runlift's session.
    sessions = {s["date"]: s for s in shown["sessions"]}
    assert day(3).isoformat() in sessions
    assert "the plan's strength day" in sessions[day(3).isoformat()]["reason"]
    # One request (the fake checks the key as the Basic password of the user API_KEY) for all
    # the days the planner looks at: the days before the window, and the taper after it.
    [entry] = fake_intervals.log.entries
    assert entry.path == "/api/v1/athlete/0/events"
    query = parse_qs(entry.query)
    assert date.fromisoformat(query["oldest"][0]) <= day(-1)
    assert date.fromisoformat(query["newest"][0]) >= day(6 + 8)


@pytest.mark.parametrize("category", ["RACE_A", "RACE_B", "RACE_C"])
def test_the_a_race_gets_the_taper_b_and_c_races_keep_only_the_days_around_them(
    capsys: pytest.CaptureFixture[str],
    config: Path,
    key: str,
    fake_intervals: FakeIntervals,
    category: str,
) -> None:
    fake_intervals.add_event(day(10), "Club 10K", category=category, distance=10_000.0)
    shown = plan_json(capsys, config)
    by_day = {d["date"]: d for d in shown["days"]}
    race = by_day[day(10).isoformat()]
    assert race["kind"] == "race"
    assert f"{category[-1]} race on intervals.icu" in race["reason"]
    placed = {date.fromisoformat(s["date"]) for s in shown["sessions"]}
    # Two days before any race stay free; the A race (the goal) also tapers the week before it.
    assert not placed & {day(8), day(9)}
    tapered = [by_day[day(n).isoformat()]["skip_reason"].startswith("taper") for n in range(3, 10)]
    if category == "RACE_A":
        assert all(tapered)
        assert not placed & {day(n) for n in range(3, 10)}
    else:
        assert not any(tapered)
        assert placed & {day(n) for n in range(3, 8)}


@pytest.mark.parametrize(
    ("steps", "kind"),
    [
        ((step(1200, warmup=True), step(1200, hr=pct(95, "%lthr"))), "quality"),
        ((step(3000, hr=pct(4, "hr_zone")),), "quality"),
        ((step(3000, power=span(95, 105, "%ftp")),), "quality"),
        ((step(3000, pace=span(3, 4, "pace_zone")),), "quality"),
        ((step(3000, hr=span(70, 85, "%lthr")),), "easy"),
        ((step(3000, pace=span(78, 88, "%pace")),), "easy"),
        ((step(3000, power=pct(65, "%ftp")),), "easy"),
        # Absolute watts: harder than the warm-up is work.
        ((step(600, warmup=True, power=pct(180, "w")), step(1800, power=pct(260, "w"))), "quality"),
        # Run/walk: repeats without any target and an easy title ask for nothing more.
        ((repeat(10, step(120), step(60)),), "easy"),
    ],
)
def test_quality_comes_from_targets_above_easy(
    capsys: pytest.CaptureFixture[str],
    config: Path,
    key: str,
    fake_intervals: FakeIntervals,
    steps: tuple[dict, ...],
    kind: str,
) -> None:
    fake_intervals.add_event(day(1), "Easy run", moving_time=3000, workout_doc=workout_doc(*steps))
    shown = plan_json(capsys, config, days=7)
    assert shown["days"][1]["kind"] == kind


def test_repeats_without_targets_are_intervals(
    capsys: pytest.CaptureFixture[str], config: Path, key: str, fake_intervals: FakeIntervals
) -> None:
    fake_intervals.add_event(
        day(1),
        "Track Tuesday",
        workout_doc=workout_doc(repeat(8, step(metres=400), step(90))),
    )
    shown = plan_json(capsys, config, days=7)
    assert shown["days"][1]["kind"] == "quality"
    assert "8 work intervals" in shown["days"][1]["reason"]


def test_other_sports_and_markers_are_left_out_untyped_events_read_by_title(
    capsys: pytest.CaptureFixture[str], config: Path, key: str, fake_intervals: FakeIntervals
) -> None:
    fake_intervals.add_event(day(0), "Hard intervals", type="Ride", moving_time=3600)
    fake_intervals.add_event(day(1), "Holiday", category="HOLIDAY", type=None)
    fake_intervals.add_event(day(2), "Tempo 3 x 10 min", type="Other")
    fake_intervals.add_event(day(3), "Yoga flow", type="Other")
    shown = plan_json(capsys, config, days=7)
    kinds = [d["kind"] for d in shown["days"][:4]]
    assert kinds == ["rest", "rest", "quality", "rest"]


def test_long_run_from_distance_when_no_time_is_given(
    capsys: pytest.CaptureFixture[str], config: Path, key: str, fake_intervals: FakeIntervals
) -> None:
    for offset in (0, 2, 4):
        fake_intervals.add_event(day(offset), "Run", distance=8000.0)
    fake_intervals.add_event(day(6), "Run", distance=22_000.0)
    shown = plan_json(capsys, config, days=7)
    assert shown["days"][6]["kind"] == "long"
    assert "22 km" in shown["days"][6]["reason"]


def test_an_athlete_id_from_the_environment_is_asked_for(
    capsys: pytest.CaptureFixture[str],
    config: Path,
    key: str,
    fake_intervals: FakeIntervals,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("INTERVALS_ATHLETE_ID", fake_intervals.athlete_id)
    fake_intervals.add_event(day(1), "Intervals 6 x 800 m")
    shown = plan_json(capsys, config, days=7)
    assert shown["days"][1]["kind"] == "quality"
    assert (
        fake_intervals.log.entries[0].path == f"/api/v1/athlete/{fake_intervals.athlete_id}/events"
    )


def test_a_wrong_key_is_one_line_naming_the_variable(
    capsys: pytest.CaptureFixture[str],
    config: Path,
    fake_intervals: FakeIntervals,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wrong = "wrong-key-that-must-stay-secret"
    monkeypatch.setenv("INTERVALS_API_KEY", wrong)
    line = fail(capsys, config)
    assert "INTERVALS_API_KEY" in line
    assert "401" in line
    assert wrong not in line
    assert fake_intervals.log.count() == 1


def test_another_athletes_calendar_is_403_naming_both_variables(
    capsys: pytest.CaptureFixture[str],
    config: Path,
    key: str,
    fake_intervals: FakeIntervals,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("INTERVALS_ATHLETE_ID", "i999")
    line = fail(capsys, config)
    assert "INTERVALS_API_KEY" in line
    assert "INTERVALS_ATHLETE_ID" in line
    assert key not in line


def test_no_key_anywhere_says_where_to_put_one(
    capsys: pytest.CaptureFixture[str], config: Path, fake_intervals: FakeIntervals
) -> None:
    line = fail(capsys, config)
    assert "INTERVALS_API_KEY" in line
    assert fake_intervals.log.count() == 0


def test_the_key_from_the_config_file_works_and_is_never_shown(
    capsys: pytest.CaptureFixture[str], config: Path, fake_intervals: FakeIntervals
) -> None:
    config.write_text(
        config.read_text() + f'api_key = "{fake_intervals.api_key}"\nathlete_id = "0"\n'
    )
    fake_intervals.add_event(day(1), "Intervals 6 x 800 m")
    args = ["plan", "--source", "intervals", "--start", MONDAY.isoformat(), "--days", "7"]
    assert main([*args, "--config", str(config)]) == 0
    captured = capsys.readouterr()
    assert "Intervals 6 x 800 m" in captured.out
    assert fake_intervals.api_key not in captured.out + captured.err


def test_429_pauses_every_later_call_until_retry_after(
    capsys: pytest.CaptureFixture[str], config: Path, key: str, fake_intervals: FakeIntervals
) -> None:
    fake_intervals.faults.add("status", status=429, retry_after=900)
    line = fail(capsys, config)
    assert "intervals.icu is paused (intervals.icu answered 429 Too Many Requests)" in line
    # The pause is on disk: the next command sends nothing and says until when.
    line = fail(capsys, config)
    assert "no calls to it until" in line
    assert fake_intervals.log.count() == 1


def test_no_answer_within_the_timeout_is_one_line(
    capsys: pytest.CaptureFixture[str], config: Path, key: str, fake_intervals: FakeIntervals
) -> None:
    config.write_text(config.read_text().replace("timeout_seconds = 2.0", "timeout_seconds = 1.0"))
    fake_intervals.faults.add("latency", seconds=3.0)
    line = fail(capsys, config)
    assert "cannot reach intervals.icu (timed out after 1 s)" in line


def test_a_broken_answer_is_one_line(
    capsys: pytest.CaptureFixture[str], config: Path, key: str, fake_intervals: FakeIntervals
) -> None:
    fake_intervals.faults.add("malformed")
    line = fail(capsys, config)
    assert "not a list of events" in line


def test_the_fake_answers_404_for_anything_not_recorded(fake_intervals: FakeIntervals) -> None:
    import httpx

    auth = "Basic " + base64.b64encode(f"API_KEY:{fake_intervals.api_key}".encode()).decode()
    with httpx.Client(base_url=fake_intervals.url, headers={"Authorization": auth}) as http:
        assert http.get("/api/v1/athlete/0/activities").status_code == 404
        assert http.post("/api/v1/athlete/0/events", json={}).status_code == 404
        assert http.get("/api/v1/athlete/0/events?oldest=2026-11-23&newest=2026-11-29").is_success


def test_a_malformed_athlete_id_is_named_before_any_request(
    capsys: pytest.CaptureFixture[str],
    config: Path,
    key: str,
    fake_intervals: FakeIntervals,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("INTERVALS_ATHLETE_ID", "../../admin")
    line = fail(capsys, config)
    assert "INTERVALS_ATHLETE_ID" in line
    assert fake_intervals.log.count() == 0


def test_sync_puts_an_intervals_plans_sessions_on_garmin_connect(
    world: World, key: str, fake_intervals: FakeIntervals
) -> None:
    seed_week(fake_intervals)
    intervals = IntervalsSection(base_url=fake_intervals.url, timeout_seconds=2.0)
    sync_once(replace(world.config, intervals=intervals), SyncRequest(MONDAY, 7, "intervals"))
    scheduled = {
        date.fromisoformat(entry["calendarDate"])
        for entry in world.fake.schedules.values()
        if parse_marker(world.fake.workouts[entry["workoutId"]].get("description"))
    }
    assert len(scheduled) == 2
    assert day(3) in scheduled  # the plan's strength day
    assert not scheduled & {day(1), day(6)}  # the quality day and the long run
    assert len(fake_intervals.log.entries) == 1
