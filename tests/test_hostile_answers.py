"""A service's answer is someone else's bytes: whatever intervals.icu, Strava or Garmin Connect
answers, through the real httpx, stravalib and garminconnect clients over loopback, a command
ends within its deadline in one line (or reads what it can), never in a traceback, a hang or
gigabytes of memory."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from runlift.sync.cli import main
from tests.fakes import hostile
from tests.fakes.hostile import Hostile
from tests.fakes.intervals import FakeIntervals
from tests.fakes.strava import ACTIVITIES, FakeStrava
from tests.garmin_world import World, world_fixture  # noqa: F401

MONDAY = date(2026, 11, 23)
# The services' deadline in these tests (seconds); every hostile answer below takes far longer.
DEADLINE_S = 1.0
# How long a command may take in these tests: the deadline, retries, and a slow machine.
CEILING_S = 25.0

DIGITS = "9" * 20_000


def one_line_or_ok(code: int, capsys: pytest.CaptureFixture[str]) -> str:
    """The error line of a command that failed ("" for one that worked, its output kept in
    ``printed``)."""
    captured = capsys.readouterr()
    err = captured.err
    printed[:] = [" ".join(captured.out.split())]
    assert "Traceback" not in err
    assert code in (0, 2)
    if code == 2:
        lines = [line for line in err.splitlines() if line.startswith("runlift")]
        assert len(lines) == 1, err
        return lines[0]
    return ""


printed: list[str] = [""]


def timed(run: Callable[[], int]) -> tuple[int, float]:
    started = time.monotonic()
    code = run()
    return code, time.monotonic() - started


def padded_headers() -> dict[str, str]:
    return {"Content-Type": "application/json", **{f"X-Pad-{n}": "x" * 40 for n in range(40)}}


# Each hostile answer, and what every service's line says about it.
COMMON: dict[str, Callable[[str], Hostile]] = {
    "gzip bomb": lambda _: hostile.gzip_bomb(),
    "400 MB of JSON": lambda _: hostile.huge_json(400 * 2**20),
    "JSON nested 100,000 deep": lambda _: hostile.nested(100_000),
    "a dripped body": lambda _: Hostile(b"[" + b" " * 400 + b"]", drip_s=0.05),
    "dripped headers": lambda _: Hostile(b"[]", headers=padded_headers(), drip_headers_s=0.01),
    "a redirect loop": lambda path: hostile.redirect(path),
    "a slow redirect loop": lambda path: hostile.redirect(path, delay_s=0.3),
    "not JSON": lambda _: Hostile(b"<html>Service Unavailable</html>"),
    "not UTF-8": lambda _: Hostile(b'[{"name": "\xff\xfe"}]'),
    "an empty body": lambda _: Hostile(b""),
    "a JSON object where a list belongs": lambda _: hostile.json_answer({"a": 1}),
    "a number alone": lambda _: hostile.raw_json(DIGITS),
}
SAID = {
    "gzip bomb": "larger than 4 MiB",
    "400 MB of JSON": "larger than 4 MiB",
    "JSON nested 100,000 deep": "nested more than 64 levels deep",
    "a dripped body": "timed out after 1 s",
    "dripped headers": "timed out after 1 s",
    "a redirect loop": "redirected more than 5 times",
    "a slow redirect loop": "timed out after 1 s",
    "not UTF-8": "not UTF-8 text",
}


def expect(kind: str, **others: str | None) -> str | None:
    """The phrase the one line holds for ``kind`` (None: the command reads what it can)."""
    return others[kind] if kind in others else SAID.get(kind)


# ------------------------------------------------------------------------------ intervals.icu


@pytest.fixture
def intervals_config(
    tmp_path: Path,
    runlift_home: Path,
    fake_intervals: FakeIntervals,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    monkeypatch.setenv("INTERVALS_API_KEY", fake_intervals.api_key)
    path = tmp_path / "config.toml"
    path.write_text(
        f'[intervals]\nbase_url = "{fake_intervals.url}"\ntimeout_seconds = {DEADLINE_S}\n'
    )
    return path


def intervals_event(**fields: object) -> dict[str, object]:
    event: dict[str, object] = {
        "id": 1,
        "start_date_local": "2026-11-24T00:00:00",
        "category": "WORKOUT",
        "type": "Run",
        "name": "Intervals 6 x 800 m",
        "moving_time": 3600,
    }
    event.update(fields)
    return event


INTERVALS_VALUES: dict[str, Callable[[str], Hostile]] = {
    **COMMON,
    "moving time of infinity": lambda _: hostile.raw_json(
        json.dumps([intervals_event(moving_time=1)]).replace(
            '"moving_time": 1', '"moving_time": Infinity'
        )
    ),
    "NaN reps": lambda _: hostile.raw_json(
        json.dumps([intervals_event(workout_doc={"steps": [{"reps": 1, "steps": []}]})]).replace(
            '"reps": 1', '"reps": NaN'
        )
    ),
    "an id past SQLite's integers": lambda _: hostile.raw_json(
        json.dumps([intervals_event(id=1)]).replace('"id": 1', f'"id": {DIGITS}')
    ),
    "a title of 20,000 digits": lambda _: hostile.json_answer([intervals_event(name=DIGITS)]),
    "a date in year 9999": lambda _: hostile.json_answer(
        [intervals_event(start_date_local="9999-12-31T00:00:00")]
    ),
    "steps of the wrong type": lambda _: hostile.json_answer(
        [intervals_event(workout_doc={"steps": [{"reps": "x", "steps": "y"}, 5, None]})]
    ),
    "reps as a string of infinity": lambda _: hostile.json_answer(
        [intervals_event(workout_doc={"steps": [{"reps": "inf", "steps": [{"duration": 60}]}]})]
    ),
}


INTERVALS_SAY = {
    # runlift does not follow a redirect of the calendar request: its answer is not events.
    "a redirect loop": "the calendar answer is not a list of events",
    "a slow redirect loop": "the calendar answer is not a list of events",
    "not JSON": "the calendar answer is not a list of events",
    "an empty body": "the calendar answer is not a list of events",
    "a JSON object where a list belongs": "the calendar answer is not a list of events",
    "a number alone": "the calendar answer is not a list of events",
}


@pytest.mark.parametrize("kind", INTERVALS_VALUES)
def test_intervals_answers_end_in_one_line_or_are_read_as_far_as_they_can_be(
    kind: str,
    fake_intervals: FakeIntervals,
    intervals_config: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = "/api/v1/athlete/0/events"
    answer = INTERVALS_VALUES[kind](path)
    fake_intervals.faults.add("hostile", path_re="/events$", answer=answer, times=None)
    args = ["plan", "--source", "intervals", "--start", MONDAY.isoformat()]
    code, took = timed(lambda: main([*args, "--config", str(intervals_config)]))
    line = one_line_or_ok(code, capsys)
    assert took < CEILING_S
    said = expect(kind, **INTERVALS_SAY)
    if said is None:
        assert code == 0
        if kind == "a date in year 9999":
            assert "is left out: it is dated 9999-12-31, outside 1900-2999" in printed[0]
    else:
        assert "intervals.icu" in line and said in line


# ------------------------------------------------------------------------------------ Strava


@pytest.fixture
def strava_config(tmp_path: Path, strava_history: FakeStrava) -> Path:
    issued = strava_history.issue_tokens(lifetime_s=6 * 3600, scope="read,activity:read_all")
    from runlift.sync.strava.tokens import StravaTokens, save_tokens

    save_tokens(
        StravaTokens(
            issued["access_token"], issued["refresh_token"], issued["expires_at"], scope="read"
        )
    )
    path = tmp_path / "config.toml"
    path.write_text(f"[strava]\ntimeout_seconds = {DEADLINE_S}\n")
    return path


def strava_activity(**fields: object) -> dict[str, object]:
    activity: dict[str, object] = {
        "id": 1,
        "name": "Morning Run",
        "sport_type": "Run",
        "type": "Run",
        "workout_type": 0,
        "start_date": "2026-11-17T06:00:00Z",
        "start_date_local": "2026-11-17T07:00:00Z",
        "distance": 8000.0,
        "moving_time": 2700,
        "elapsed_time": 2800,
    }
    activity.update(fields)
    return activity


def strava_raw(text_of: Callable[[str], str]) -> Callable[[str], Hostile]:
    return lambda _: hostile.raw_json(text_of(json.dumps([strava_activity()])))


STRAVA_VALUES: dict[str, Callable[[str], Hostile]] = {
    **COMMON,
    "an id past SQLite's integers": strava_raw(lambda t: t.replace('"id": 1', f'"id": {DIGITS}')),
    "an id just past SQLite's integers": strava_raw(
        lambda t: t.replace('"id": 1', f'"id": {2**63}')
    ),
    "a moving time of infinity": strava_raw(
        lambda t: t.replace('"moving_time": 2700', '"moving_time": Infinity')
    ),
    "a distance of NaN": strava_raw(lambda t: t.replace('"distance": 8000.0', '"distance": NaN')),
    "a duration of 1e300": strava_raw(
        lambda t: t.replace('"moving_time": 2700', '"moving_time": 1e300')
    ),
    "a title of 20,000 digits": lambda _: hostile.json_answer([strava_activity(name=DIGITS)]),
    "a start in year 9999": lambda _: hostile.json_answer(
        [strava_activity(start_date="9999-12-31T23:59:59Z")]
    ),
    "a workout type of 20 digits": lambda _: hostile.json_answer(
        [strava_activity(workout_type=10**20)]
    ),
}


STRAVA_SAY = {
    "not JSON": "is not JSON",
    "an empty body": "is not JSON",
    "a JSON object where a list belongs": "not a list of activities",
    "a number alone": "not a list of activities",
}


@pytest.mark.parametrize("kind", STRAVA_VALUES)
def test_strava_answers_end_in_one_line_or_are_read_as_far_as_they_can_be(
    kind: str,
    strava_history: FakeStrava,
    strava_config: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # A bad item on the first page only: the history's own pages follow (it must not end the
    # read); a hostile answer on every request.
    answer = STRAVA_VALUES[kind](ACTIVITIES)
    every = None if kind in COMMON else 1
    strava_history.faults.add("hostile", path_re=f"{ACTIVITIES}$", answer=answer, times=every)
    args = ["plan", "--source", "strava", "--config", str(strava_config)]
    code, took = timed(lambda: main(args))
    line = one_line_or_ok(code, capsys)
    assert took < CEILING_S
    said = expect(kind, **STRAVA_SAY)
    if said is None:
        assert code == 0
    else:
        assert "Strava" in line and said in line


def test_a_server_that_never_sends_its_last_page_is_stopped(
    strava_history: FakeStrava, strava_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = hostile.json_answer([strava_activity()])
    strava_history.faults.add("hostile", path_re=f"{ACTIVITIES}$", answer=page, times=None)
    assert main(["plan", "--source", "strava", "--config", str(strava_config)]) == 2
    line = one_line_or_ok(2, capsys)
    assert "more than 50 pages of activities" in line
    assert strava_history.log.count("GET", ACTIVITIES) == 50


# ---------------------------------------------------------------------------- Garmin Connect


@pytest.fixture
def garmin_config(tmp_path: Path, world: World) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f"[garmin]\ntimeout_seconds = {DEADLINE_S}\nread_retries = 1\nretry_wait_seconds = 0\n"
    )
    return path


GARMIN_VALUES: dict[str, Callable[[str], Hostile]] = {
    **COMMON,
    "a calendar item of 20,000 digits": lambda _: hostile.json_answer(
        {
            "calendarItems": [
                {"itemType": "workout", "workoutId": 1, "date": "2026-11-24", "title": DIGITS}
            ]
        }
    ),
    "an id past SQLite's integers": lambda _: hostile.raw_json(
        '{"calendarItems": [{"itemType": "workout", "workoutId": '
        + DIGITS
        + ', "date": "2026-11-24"}]}'
    ),
    "an id of infinity": lambda _: hostile.raw_json(
        '{"calendarItems": [{"itemType": "workout", "workoutId": Infinity, "date": "2026-11-24"}]}'
    ),
    "a race in year 9999": lambda _: hostile.json_answer(
        {
            "calendarItems": [
                {"itemType": "event", "isRace": True, "date": "9999-12-31", "title": "Race"}
            ]
        }
    ),
}


GARMIN_SAY: dict[str, str | None] = {
    "not JSON": "an answer runlift cannot read",
    "an empty body": "an answer runlift cannot read",
    # A calendar month is an object; a number alone reads as no month at all.
    "a JSON object where a list belongs": None,
    "a number alone": None,
}


@pytest.mark.parametrize("kind", GARMIN_VALUES)
def test_garmin_answers_end_in_one_line_or_are_read_as_far_as_they_can_be(
    kind: str,
    world: World,
    garmin_config: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = "/calendar-service/year/2026/month/10"
    answer = GARMIN_VALUES[kind](path)
    world.fake.faults.add("hostile", path_re="^/calendar-service/", answer=answer, times=None)
    args = ["plan", "--source", "garmin", "--start", MONDAY.isoformat()]
    code, took = timed(lambda: main([*args, "--config", str(garmin_config)]))
    line = one_line_or_ok(code, capsys)
    assert took < CEILING_S
    said = expect(kind, **GARMIN_SAY)
    if said is None:
        assert code == 0
    else:
        assert "Garmin Connect" in line and said in line


# ------------------------------------------------------------- memory, in a child process

HEAVY = {
    "gzip bomb": COMMON["gzip bomb"],
    "400 MB of JSON": COMMON["400 MB of JSON"],
    "JSON nested 100,000 deep": COMMON["JSON nested 100,000 deep"],
}


@pytest.mark.parametrize("kind", HEAVY)
def test_heavy_answers_stay_within_500_mb(
    kind: str,
    runlift_home: Path,
    strava_config: Path,
    strava_history: FakeStrava,
    fake_intervals: FakeIntervals,
    intervals_config: Path,
) -> None:
    from tests.bounded_run import run_bounded

    strava_history.faults.add("hostile", path_re=f"{ACTIVITIES}$", answer=HEAVY[kind](ACTIVITIES))
    fake_intervals.faults.add("hostile", path_re="/events$", answer=HEAVY[kind](""))
    env = {
        "STRAVA_CLIENT_ID": strava_history.client_id,
        "STRAVA_CLIENT_SECRET": strava_history.client_secret,
        "INTERVALS_API_KEY": fake_intervals.api_key,
    }
    for argv in (
        ["plan", "--source", "strava", "--config", str(strava_config)],
        ["plan", "--source", "intervals", "--config", str(intervals_config)],
    ):
        ran = run_bounded(argv, home=runlift_home, env=env, strava_url=strava_history.url)
        assert ran.code == 2, ran.err
        (line,) = ran.error_lines
        assert SAID[kind] in line
