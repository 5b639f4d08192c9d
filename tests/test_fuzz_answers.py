"""Fuzz: each service's JSON answers through the REAL client over loopback (httpx for
intervals.icu, stravalib for Strava, garminconnect for Garmin Connect), with the fakes' hostile
answer hook giving the generated answer: the shapes the service records, every value hostile
(numbers no service sends, text of any length, the wrong types, nesting)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runlift.sync import limits, paths
from runlift.sync.config import Config, GarminSection, parse_config
from runlift.sync.errors import UserError
from tests import fuzz
from tests.fakes.garmin import FakeGarmin
from tests.fakes.hooks import point_garmin_at, point_strava_session_at
from tests.fakes.hostile import raw_json
from tests.fakes.http import FakeServer
from tests.fakes.intervals import FakeIntervals
from tests.fakes.strava import ACTIVITIES, FakeStrava

MONDAY = date(2026, 11, 23)
SUNDAY = date(2026, 12, 6)


class Raw:
    """A number written as is: 20,000 digits, NaN, Infinity, 1e999."""

    def __init__(self, text: str) -> None:
        self.text = text


def dumps(value: Any) -> str:
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))}: {dumps(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(dumps(item) for item in value) + "]"
    return json.dumps(value)


numbers = st.one_of(
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0, -1, 2**63 - 1, 2**63, 10**19]),
    st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999", "-1e999", "9" * 20_000]).map(Raw),
)
texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "9" * 20_000, "Tempo " * 20_000, "2026-11-24", "9999-12-31T00:00:00"]),
)
scalars = st.one_of(numbers, texts, st.booleans(), st.none())
anything = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def shaped(fields: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    """An object with some of ``fields`` (each its plausible value or anything at all)."""
    return st.fixed_dictionaries(
        {},
        optional={name: st.one_of(value, anything) for name, value in fields.items()},
    )


dates = st.sampled_from(["2026-11-24", "2026-11-29T07:00:00", "0001-01-01", "9999-12-31", "x"])

step = shaped(
    {
        "duration": numbers,
        "distance": numbers,
        "reps": numbers,
        "warmup": st.booleans(),
        "intensity": st.sampled_from(["warmup", "active", "recovery"]),
        "pace": shaped({"value": numbers, "start": numbers, "end": numbers, "units": texts}),
        "hr": shaped({"value": numbers, "units": st.sampled_from(["%lthr", "hr_zone"])}),
        "text": texts,
    }
)
intervals_event = shaped(
    {
        "id": numbers,
        "start_date_local": dates,
        "category": st.sampled_from(["WORKOUT", "RACE_A", "NOTE", "HOLIDAY"]),
        "type": st.sampled_from(["Run", "WeightTraining", "Ride", ""]),
        "name": texts,
        "description": texts,
        "moving_time": numbers,
        "distance": numbers,
        "workout_doc": shaped(
            {
                "steps": st.lists(
                    st.one_of(step, shaped({"reps": numbers, "steps": st.lists(step, max_size=3)})),
                    max_size=4,
                ),
                "duration": numbers,
                "distance": numbers,
            }
        ),
    }
)
strava_activity = shaped(
    {
        "id": numbers,
        "name": texts,
        "sport_type": st.sampled_from(["Run", "TrailRun", "WeightTraining", "Nonsense"]),
        "type": st.sampled_from(["Run", "Workout"]),
        "workout_type": numbers,
        "start_date": dates,
        "start_date_local": dates,
        "distance": numbers,
        "moving_time": numbers,
        "elapsed_time": numbers,
    }
)
garmin_item = shaped(
    {
        "itemType": st.sampled_from(["workout", "event", "fbtAdaptiveWorkout", "activity"]),
        "date": dates,
        "title": texts,
        "workoutId": numbers,
        "id": numbers,
        "isRace": st.booleans(),
        "completionTarget": shaped({"value": numbers, "unit": texts}),
        "sportTypeKey": st.sampled_from(["running", "strength_training", ""]),
        "duration": numbers,
        "distance": numbers,
        "workoutUuid": texts,
    }
)


def answers(item: st.SearchStrategy[Any], wrap: Callable[[Any], Any]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(item, max_size=6).map(lambda items: dumps(wrap(items))),
        anything.map(dumps),
        st.integers(1, 200).map(lambda depth: "[" * depth + "]" * depth),
        st.sampled_from(["", "<html>", "{", "null", "[NaN]", '{"a": 1e999}']),
    )


# ------------------------------------------------------------------------- the worlds


@pytest.fixture(scope="module")
def intervals_fake() -> Iterator[FakeIntervals]:
    fake = FakeIntervals()
    server = FakeServer(fake).start()
    yield fake
    server.stop()


@pytest.fixture(scope="module")
def strava_fake() -> Iterator[FakeStrava]:
    fake = FakeStrava()
    fake.use_history()
    server = FakeServer(fake).start()
    yield fake
    server.stop()


@pytest.fixture(scope="module")
def garmin_fake() -> Iterator[FakeGarmin]:
    fake = FakeGarmin()
    server = FakeServer(fake).start()
    yield fake
    server.stop()


def fresh_home() -> None:
    """No state from the case before: the same case gives the same answer on every run."""
    for name in os.listdir(paths.data_dir()):
        path = paths.data_dir() / name
        if path.is_file():
            path.unlink()


def answering(fake: Any, path_re: str, text: str) -> None:
    fake.faults.clear()
    fake.log.clear()
    fake.faults.add("hostile", path_re=path_re, answer=raw_json(text), times=1)


def read_or_one_line(read: Callable[[], list[Any]]) -> None:
    try:
        runs = read()
    except UserError as exc:
        fuzz.one_line(str(exc))
        return
    for run in runs:
        assert len(run.title) <= limits.TITLE_CHARS and len(run.description) <= limits.TEXT_CHARS
        assert MONDAY <= run.day <= SUNDAY


@fuzz.budget(60)
@given(text=answers(intervals_event, lambda items: items))
def test_intervals_answers_are_read_or_refused_in_one_line(
    text: str, intervals_fake: FakeIntervals, runlift_home: Path
) -> None:
    from runlift.sync.intervals.client import IntervalsClient
    from runlift.sync.intervals.credentials import IntervalsCredentials
    from runlift.sync.providers.intervals import IntervalsProvider

    with fuzz.bounded("intervals.icu answers"):
        fresh_home()
        answering(intervals_fake, "/events$", text)
        creds = IntervalsCredentials("0", intervals_fake.url, intervals_fake.api_key)
        provider = IntervalsProvider(IntervalsClient(creds, timeout_s=5))
        read_or_one_line(lambda: provider.upcoming_runs(MONDAY, SUNDAY))


@fuzz.budget(40)
@given(text=answers(strava_activity, lambda items: items))
def test_strava_answers_are_read_or_refused_in_one_line(
    text: str, strava_fake: FakeStrava, runlift_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stravalib import protocol

    from runlift.sync.providers.strava import StravaProvider
    from runlift.sync.strava.tokens import StravaTokens, save_tokens

    monkeypatch.setenv("STRAVA_CLIENT_ID", strava_fake.client_id)
    monkeypatch.setenv("STRAVA_CLIENT_SECRET", strava_fake.client_secret)
    original = protocol.ApiV3.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        point_strava_session_at(self.rsession, strava_fake.url)

    monkeypatch.setattr(protocol.ApiV3, "__init__", init)
    with fuzz.bounded("Strava answers"):
        fresh_home()
        issued = strava_fake.issue_tokens(lifetime_s=6 * 3600, scope="read,activity:read_all")
        save_tokens(
            StravaTokens(issued["access_token"], issued["refresh_token"], issued["expires_at"])
        )
        answering(strava_fake, f"{ACTIVITIES}$", text)
        provider = StravaProvider.from_config(
            parse_config({"strava": {"timeout_seconds": 5}}), today=MONDAY
        )
        read_or_one_line(lambda: provider.upcoming_runs(MONDAY, SUNDAY))


@fuzz.budget(40)
@given(text=answers(garmin_item, lambda items: {"calendarItems": items}))
def test_garmin_answers_are_read_or_refused_in_one_line(
    text: str, garmin_fake: FakeGarmin, runlift_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import garminconnect

    from runlift.sync.providers.garmin import GarminProvider

    original = garminconnect.Garmin.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        point_garmin_at(self, garmin_fake.url)

    monkeypatch.setattr(garminconnect.Garmin, "__init__", init)
    config = Config(garmin=GarminSection(read_retries=0, timeout_seconds=5))
    with fuzz.bounded("Garmin Connect answers"):
        fresh_home()
        garmin_fake.write_tokenstore(paths.garmin_token_dir())
        answering(garmin_fake, "^/calendar-service/", text)
        provider = GarminProvider.from_config(config)
        read_or_one_line(lambda: provider.upcoming_runs(MONDAY, SUNDAY))
