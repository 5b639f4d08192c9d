"""A few hostile lines of RRULE never take the planner's memory or time: bounded expansion."""

from __future__ import annotations

import json
import logging
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from runlift.sync import limits
from runlift.sync.cli import main
from runlift.sync.config import parse_config
from runlift.sync.daemon.service import sync_job
from runlift.sync.errors import UserError
from runlift.sync.model import DayKind
from runlift.sync.providers import ics, ics_occurrences
from runlift.sync.providers.ics import IcsProvider
from tests.garmin_world import World, world_fixture  # noqa: F401

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def own_home(runlift_home: Path) -> Path:
    """Config and state of this test only, whatever the machine's user has."""
    return runlift_home


START, END = date(2026, 11, 23), date(2026, 12, 6)


def calendar(*events: str) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//runlift tests//EN", *events]
    return "\r\n".join([*lines, "END:VCALENDAR", ""])


def event(uid: object, summary: str, *lines: str) -> str:
    body = [f"UID:{uid}@test", "DTSTAMP:20261101T000000Z", f"SUMMARY:{summary}", *lines]
    return "\r\n".join(["BEGIN:VEVENT", *body, "END:VEVENT"])


LONG_RUN = event("long", "Long run 18 km", "DTSTART;VALUE=DATE:20261129")


def provider(tmp_path: Path, text: str) -> IcsProvider:
    path = tmp_path / "plan.ics"
    path.write_text(text, encoding="utf-8", newline="")
    return IcsProvider(str(path), BERLIN)


@pytest.mark.parametrize(
    ("rule", "why"),
    [
        ("RRULE:FREQ=SECONDLY", "it repeats secondly"),
        ("RRULE:FREQ=MINUTELY;COUNT=999999999", "it repeats minutely"),
        ("RRULE:FREQ=HOURLY;INTERVAL=2", "it repeats hourly"),
        ("RRULE:FREQ=DAILY;BYHOUR=6,18", "it repeats 2 times a day"),
        ("RRULE:FREQ=DAILY;BYHOUR=0,1,2;BYMINUTE=0,30", "it repeats 6 times a day"),
    ],
)
def test_an_event_repeating_within_a_day_is_not_a_run_and_the_plan_says_so(
    tmp_path: Path, rule: str, why: str
) -> None:
    text = calendar(LONG_RUN, event("drill", "Easy run", "DTSTART:20261101T000000Z", rule))
    source = provider(tmp_path, text)
    runs = source.upcoming_runs(START, END)
    assert [(r.title, r.day) for r in runs] == [("Long run 18 km", date(2026, 11, 29))]
    assert source.notes == [
        f"{source.label}: 'Easy run' is not read as a run: {why} (runs repeat at most daily)"
    ]


def test_a_calendar_whose_only_run_repeats_every_second_has_no_runs(tmp_path: Path) -> None:
    text = calendar(event("drill", "Easy run", "DTSTART:20261101T000000Z", "RRULE:FREQ=SECONDLY"))
    with pytest.raises(UserError, match="no runs in this calendar"):
        provider(tmp_path, text).upcoming_runs(START, END)


def test_plan_json_carries_the_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = calendar(LONG_RUN, event("d", "Tempo", "DTSTART:20261101T000000Z", "RRULE:FREQ=HOURLY"))
    path = tmp_path / "plan.ics"
    path.write_text(text, encoding="utf-8", newline="")
    args = ["plan", "--runs", str(path), "--start", START.isoformat(), "--json"]
    assert main(args) == 0
    notes = json.loads(capsys.readouterr().out)["notes"]
    assert (
        f"{path}: 'Tempo' is not read as a run: it repeats hourly (runs repeat at most daily)"
        in (notes)
    )


def test_a_huge_count_from_long_ago_expands_only_inside_the_window(tmp_path: Path) -> None:
    rule = "RRULE:FREQ=DAILY;COUNT=999999999"
    text = calendar(event("e", "Easy run 40 min", "DTSTART;VALUE=DATE:19900101", rule))
    runs = provider(tmp_path, text).upcoming_runs(START, END)
    assert [r.day for r in runs] == [date(2026, 11, 23 + i) for i in range(8)] + [
        date(2026, 12, 1 + i) for i in range(6)
    ]


def test_more_occurrences_than_the_cap_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ics_occurrences, "MAX_OCCURRENCES", 50)
    daily = [
        event(i, f"Easy run {i}", "DTSTART;VALUE=DATE:20261101", "RRULE:FREQ=DAILY")
        for i in range(4)
    ]
    with pytest.raises(UserError) as caught:
        provider(tmp_path, calendar(*daily)).upcoming_runs(START, END)
    assert "more than 50 runs and rest days between 2026-11-21 and 2026-12-08" in str(caught.value)


def test_the_cap_leaves_a_real_plan_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ics_occurrences, "MAX_OCCURRENCES", 18)
    daily = event("e", "Easy run 40 min", "DTSTART;VALUE=DATE:20261101", "RRULE:FREQ=DAILY")
    assert len(provider(tmp_path, calendar(daily)).upcoming_runs(START, END)) == 14


def test_life_around_the_runs_is_listed_within_its_own_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Twenty daily standups: no more of them are expanded than the plan lists, and they never
    # count against the runs' bound.
    monkeypatch.setattr(ics_occurrences, "MAX_OCCURRENCES", 5)
    monkeypatch.setattr(ics, "MAX_IGNORED", 7)
    meetings = [
        event(i, f"Team standup {i}", "DTSTART:20261102T090000Z", "RRULE:FREQ=DAILY")
        for i in range(20)
    ]
    source = provider(tmp_path, calendar(*meetings, LONG_RUN))
    runs = source.upcoming_runs(START, END)
    assert [r.title for r in runs if r.kind is not DayKind.NOT_A_RUN] == ["Long run 18 km"]
    listed = [r for r in runs if r.kind is DayKind.NOT_A_RUN]
    assert 0 < len(listed) <= 7
    assert {r.reason for r in listed} == {"an appointment ('standup')"}
    assert any("more than 7 events that are not runs" in note for note in source.notes)


def test_too_many_events_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "CALENDAR_ITEMS", 3)
    many = [event(i, f"Easy run {i}", "DTSTART;VALUE=DATE:20261124") for i in range(4)]
    with pytest.raises(
        UserError,
        match=r"4 events and other items, more than runlift reads from one calendar \(3\)",
    ):
        provider(tmp_path, calendar(*many)).calendar()


def test_sync_reads_the_calendar_through_the_same_bounds(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = calendar(LONG_RUN, event("d", "Tempo", "DTSTART:20261101T000000Z", "RRULE:FREQ=HOURLY"))
    path = tmp_path / "plan.ics"
    path.write_text(text, encoding="utf-8", newline="")
    args = ["sync", "--dry-run", "--runs", str(path), "--start", START.isoformat()]
    assert main(args) == 0
    notes = " ".join(capsys.readouterr().err.split())
    assert "'Tempo' is not read as a run: it repeats hourly" in notes


def test_the_daemon_logs_the_note_of_its_sync(
    world: World, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    text = calendar(LONG_RUN, event("d", "Tempo", "DTSTART:20261101T000000Z", "RRULE:FREQ=HOURLY"))
    path = tmp_path / "plan.ics"
    path.write_text(text, encoding="utf-8", newline="")
    config = parse_config({"plan": {"source": "ics", "runs": str(path)}})
    moment = datetime(2026, 11, 23, 6, 0, tzinfo=BERLIN)
    with (
        time_machine.travel(moment, tick=False),
        caplog.at_level(logging.INFO, logger="runlift"),
    ):
        sync_job(config)()
    assert f"sync note: {path}: 'Tempo' is not read as a run: it repeats hourly" in caplog.text
