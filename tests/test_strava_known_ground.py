"""Strava as it really answers (issue 18), through the real stravalib client and the fake:
an inactive API application, short pages, new sport types, missing permissions, the refresh
margin, edits and deletions on Strava, broken answers and today's 429."""

from __future__ import annotations

import io
import sys
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs

import pytest

from runlift.sync import cooloff
from runlift.sync.cli import main
from runlift.sync.config import parse_config
from runlift.sync.daemon.runner import Daemon, Job
from runlift.sync.errors import AuthRequired, RateLimited
from runlift.sync.model import DayKind
from runlift.sync.providers.strava import StravaProvider
from runlift.sync.strava.client import StravaAppInactive
from runlift.sync.strava.history import HistoryCache
from runlift.sync.strava.http import StravaBrokenAnswer, StravaUnavailable
from runlift.sync.strava.tokens import StravaTokens, load_tokens, save_tokens, token_file
from tests.fakes.strava import ACTIVITIES, TOKEN, FakeStrava, load_history

# The fixture history ends on Sunday 2025-10-19.
TODAY = date(2025, 10, 20)
WEEK = (TODAY, TODAY + timedelta(days=6))


@pytest.fixture
def strava(strava_history: FakeStrava) -> FakeStrava:
    return strava_history


def sign_in(
    fake: FakeStrava, lifetime_s: float = 6 * 3600, scope: str = "read,activity:read_all"
) -> StravaTokens:
    issued = fake.issue_tokens(lifetime_s=lifetime_s, scope=scope)
    tokens = StravaTokens(
        issued["access_token"],
        issued["refresh_token"],
        issued["expires_at"],
        athlete_id=26462176,
        scope=scope,
    )
    save_tokens(tokens)
    return tokens


def provider(today: date = TODAY) -> StravaProvider:
    return StravaProvider.from_config(parse_config({}), today=today)


def reads(fake: FakeStrava) -> list[dict[str, list[str]]]:
    return [parse_qs(e.query) for e in fake.log.matching("GET", ACTIVITIES)]


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


# ----------------------------------------------------------------- 1. inactive application


def test_an_inactive_application_refusing_the_refresh_says_what_it_is(
    strava: FakeStrava, capsys: pytest.CaptureFixture[str]
) -> None:
    old = sign_in(strava, lifetime_s=-60)  # most syncs start with a refresh
    strava.inactive = True
    with pytest.raises(StravaAppInactive) as caught:
        provider().upcoming_runs(*WEEK)
    message = str(caught.value)
    assert not isinstance(caught.value, AuthRequired)
    assert "inactive" in message and "https://www.strava.com/settings/api" in message
    assert "subscription" in message and "login strava" not in message.replace("again", "")
    assert [(e.method, e.path, e.status) for e in strava.log.entries] == [("POST", TOKEN, 403)]
    assert load_tokens() == old
    assert main(["plan", "--source", "strava"]) == 2
    assert "inactive" in one_line(capsys)


def test_signing_in_to_an_inactive_application_says_what_it_is(
    strava: FakeStrava, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{strava.issue_code()}\n"))
    strava.inactive = True
    assert main(["login", "strava", "--no-browser", "--stdin"]) == 2
    err = one_line(capsys)
    assert "inactive" in err and "check strava.client_id" not in err
    assert not token_file().exists()


def test_an_inactive_application_refusing_a_read_says_the_same(strava: FakeStrava) -> None:
    sign_in(strava)
    strava.inactive = True
    with pytest.raises(StravaAppInactive, match="inactive"):
        provider().upcoming_runs(*WEEK)
    assert [(e.path, e.status) for e in strava.log.entries] == [(ACTIVITIES, 403)]


def garmin_ran(runs: list[str]) -> str:
    runs.append("ran")
    return "ok"


def test_the_daemon_keeps_running_everything_while_the_application_is_inactive(
    strava: FakeStrava,
) -> None:
    sign_in(strava, lifetime_s=-60)
    strava.inactive = True
    garmin_runs: list[str] = []
    jobs = [
        Job("readback-strava", "strava", lambda: str(provider().completed_strength(*WEEK))),
        Job("readback-garmin", "garmin", lambda: garmin_ran(garmin_runs)),
    ]
    daemon = Daemon([("05:30", jobs)])
    daemon.run_jobs(jobs)
    daemon.run_jobs(jobs)
    assert daemon.stopped_services == {}
    assert [(o.name, o.ok) for o in daemon.outcomes] == [
        ("readback-strava", False),
        ("readback-garmin", True),
    ] * 2
    assert "inactive" in daemon.outcomes[0].message
    assert garmin_runs == ["ran", "ran"]
    # Strava itself is asked again at the next slot (the owner may have reactivated it).
    assert strava.log.count("POST", TOKEN) == 2


def test_a_strava_sign_in_failing_inside_the_garmin_sync_pauses_strava_not_garmin(
    strava: FakeStrava,
) -> None:
    sign_in(strava)
    strava.access_tokens.clear()  # the athlete revoked runlift on Strava
    garmin_runs: list[str] = []
    jobs = [
        # The sync writes to Garmin and reads its runs from Strava.
        Job("sync", "garmin", lambda: str(provider().upcoming_runs(*WEEK))),
        Job("readback-garmin", "garmin", lambda: garmin_ran(garmin_runs)),
    ]
    daemon = Daemon([("05:30", jobs)])
    daemon.run_jobs(jobs)
    assert list(daemon.stopped_services) == ["strava"]
    assert "runlift login strava" in daemon.stopped_services["strava"]
    assert garmin_runs == ["ran"]


# ----------------------------------------------------------------- 2. short pages


def ascending_after(since: datetime) -> list[dict[str, Any]]:
    rows = [a for a in load_history() if _start(a) > since]
    return sorted(rows, key=_start)


def _start(activity: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(activity["start_date"].replace("Z", "+00:00"))


def test_a_short_page_that_is_not_the_last_does_not_end_the_read(strava: FakeStrava) -> None:
    sign_in(strava)
    since = datetime(2018, 6, 24, tzinfo=UTC)
    expected = ascending_after(since)
    # Strava leaves one activity out of the first page: 199 of 200, and more pages follow.
    strava.withheld = {expected[5]["id"]}
    provider().completed_strength(date(2018, 6, 26), date(2018, 7, 12))
    pages = len(expected) // 200 + 1
    assert len(expected) > 400
    assert [q["page"] for q in reads(strava)] == [[str(n)] for n in range(1, pages + 2)]
    cached = {a.id for a in HistoryCache().activities()}
    assert cached == {a["id"] for a in expected} - strava.withheld


def test_a_read_cut_short_marks_nothing_covered_and_the_next_sync_reads_it_again(
    strava: FakeStrava,
) -> None:
    sign_in(strava)
    strava.faults.add("status", method="GET", path_re=ACTIVITIES, nth=3, status=503)
    with pytest.raises(StravaUnavailable, match="503"):
        provider().completed_strength(date(2018, 6, 26), date(2018, 7, 12))
    assert HistoryCache().covered_from() is None
    strava.log.clear()
    provider().completed_strength(date(2018, 6, 26), date(2018, 7, 12))
    assert reads(strava)[0]["page"] == ["1"]
    since = datetime(2018, 6, 24, tzinfo=UTC)
    assert len(HistoryCache().activities()) == len(ascending_after(since))
    assert HistoryCache().covered_from() == since


# ----------------------------------------------------------------- 3. new sport types


def test_a_new_kind_of_run_stays_a_run(strava: FakeStrava) -> None:
    from stravalib.model import SummaryActivity

    strava.activities = []
    for back in range(1, 57):
        day = TODAY - timedelta(days=back)
        if day.weekday() == 1:  # every Tuesday, a sport type stravalib does not know yet
            strava.add_activity(
                name="Track session",
                type="Run",
                sport_type="TrackRun",
                start_date=f"{day.isoformat()}T17:00:00Z",
            )
        if day.weekday() == 3:
            strava.add_activity(
                name="Gym",
                type="WeightTraining",
                sport_type="PowerLifting",
                distance=0.0,
                start_date=f"{day.isoformat()}T17:00:00Z",
            )
    seen_by_stravalib = SummaryActivity.model_validate(strava.activities[0]).sport_type
    assert seen_by_stravalib is not None and seen_by_stravalib.root == "Workout"
    sign_in(strava)
    runs = provider().upcoming_runs(*WEEK)
    assert [(r.day.weekday(), r.kind) for r in runs] == [(1, DayKind.QUALITY)]
    done = provider().completed_strength(TODAY - timedelta(days=7), TODAY)
    assert [c.day.weekday() for c in done] == [3]


# ----------------------------------------------------------------- 4. permissions


def test_a_pasted_bare_code_without_activity_permission_is_caught_at_sign_in(
    strava: FakeStrava, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = strava.issue_code(scope="read")  # 'View data about your activities' unchecked
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{code}\n"))
    assert main(["login", "strava", "--no-browser", "--stdin"]) == 2
    err = one_line(capsys)
    assert "activity:read permission" in err and "View data about your activities" in err
    assert not token_file().exists()
    # One read of a single activity found out.
    probe = strava.log.matching("GET", ACTIVITIES)
    assert [(parse_qs(e.query)["per_page"], e.status) for e in probe] == [(["1"], 401)]


def test_a_pasted_bare_code_with_activity_permission_signs_in(
    strava: FakeStrava, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{strava.issue_code()}\n"))
    assert main(["login", "strava", "--no-browser", "--stdin"]) == 0
    assert load_tokens() is not None
    assert [q["per_page"] for q in reads(strava)] == [["1"]]


def test_a_token_without_activity_permission_names_it_instead_of_expired(
    strava: FakeStrava,
) -> None:
    sign_in(strava, scope="read")
    with pytest.raises(AuthRequired) as caught:
        provider().upcoming_runs(*WEEK)
    assert "activity:read permission" in str(caught.value)
    assert "expired" not in str(caught.value)
    assert caught.value.service == "strava"
    assert strava.log.count("GET", ACTIVITIES) == 1


# ----------------------------------------------------------------- 5. refresh margin


def test_a_token_with_two_minutes_left_is_refreshed_before_the_first_read(
    strava: FakeStrava,
) -> None:
    old = sign_in(strava, lifetime_s=120)
    provider().upcoming_runs(*WEEK)
    assert [(e.method, e.path, e.status) for e in strava.log.entries][:2] == [
        ("POST", TOKEN, 200),
        ("GET", ACTIVITIES, 200),
    ]
    assert all(e.status == 200 for e in strava.log.entries)
    new = load_tokens()
    assert new is not None and new.refresh_token != old.refresh_token
    assert new.access_token != old.access_token  # Strava renews it in the last hour


def test_a_token_with_hours_left_is_used_as_it_is(strava: FakeStrava) -> None:
    old = sign_in(strava, lifetime_s=2 * 3600)
    provider().upcoming_runs(*WEEK)
    assert strava.log.count("POST", TOKEN) == 0
    assert load_tokens() == old


def test_a_429_from_the_token_endpoint_is_a_pause_not_a_sign_in(strava: FakeStrava) -> None:
    old = sign_in(strava, lifetime_s=-60)
    strava.faults.add("status", method="POST", path_re=TOKEN, status=429)
    with pytest.raises(RateLimited) as caught:
        provider().upcoming_runs(*WEEK)
    assert "login" not in str(caught.value)
    assert cooloff.resume_time("strava") is not None
    assert load_tokens() == old
    assert strava.log.count("GET") == 0


@pytest.mark.parametrize("status", [500, 502, 503])
def test_a_server_error_from_the_token_endpoint_is_out_of_reach_not_a_sign_in(
    strava: FakeStrava, status: int
) -> None:
    old = sign_in(strava, lifetime_s=-60)
    strava.faults.add("status", method="POST", path_re=TOKEN, status=status)
    with pytest.raises(StravaUnavailable) as caught:
        provider().upcoming_runs(*WEEK)
    assert not isinstance(caught.value, AuthRequired)
    assert str(caught.value).startswith(f"cannot reach Strava (server error {status}")
    assert cooloff.resume_time("strava") is None  # a 5xx pauses nothing
    assert load_tokens() == old


# ----------------------------------------------------------------- 6. edits and deletions


def test_the_weeks_the_projection_uses_are_reread_and_deletions_dropped(
    strava: FakeStrava,
) -> None:
    sign_in(strava)
    provider().upcoming_runs(*WEEK)
    cached = {a.id: a for a in HistoryCache().activities()}
    window = datetime(2025, 8, 24, tzinfo=UTC)
    recent = sorted((a for a in strava.activities if _start(a) > window), key=_start, reverse=True)
    doubled, renamed = recent[3], recent[10]
    assert doubled["id"] in cached and renamed["id"] in cached
    strava.delete_activity(doubled["id"])  # a double upload, deleted on Strava
    renamed["name"] = "Tempo 3x2 km"
    strava.log.clear()
    provider().upcoming_runs(*WEEK)
    now = {a.id: a for a in HistoryCache().activities()}
    assert doubled["id"] not in now
    assert now[renamed["id"]].name == "Tempo 3x2 km"
    assert set(cached) - set(now) == {doubled["id"]}
    # Cheap: one page of the window, and the empty page after it.
    assert [(q["after"], q["page"]) for q in reads(strava)] == [
        ([str(int(window.timestamp()))], ["1"]),
        ([str(int(window.timestamp()))], ["2"]),
    ]


# ----------------------------------------------------------------- 7. broken answers


@pytest.mark.parametrize(("kind", "said"), [("malformed", "not JSON"), ("truncate", "cut off")])
def test_a_broken_activity_page_is_one_line(
    strava: FakeStrava, capsys: pytest.CaptureFixture[str], kind: str, said: str
) -> None:
    sign_in(strava)
    strava.faults.add(kind, method="GET", path_re=ACTIVITIES)
    with pytest.raises(StravaBrokenAnswer, match=said):
        provider().upcoming_runs(*WEEK)
    assert HistoryCache().covered_from() is None
    strava.faults.add(kind, method="GET", path_re=ACTIVITIES)
    assert main(["plan", "--source", "strava"]) == 2
    assert said in one_line(capsys)


@pytest.mark.parametrize("kind", ["malformed", "truncate"])
def test_a_broken_sign_in_answer_is_one_line_and_keeps_no_tokens(
    strava: FakeStrava,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    kind: str,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{strava.issue_code()}\n"))
    strava.faults.add(kind, method="POST", path_re=TOKEN)
    assert main(["login", "strava", "--no-browser", "--stdin"]) == 2
    assert "POST /oauth/token" in one_line(capsys)
    assert not token_file().exists()


@pytest.mark.parametrize("kind", ["malformed", "truncate"])
def test_a_broken_refresh_answer_is_one_line(
    strava: FakeStrava, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    sign_in(strava, lifetime_s=-60)
    strava.faults.add(kind, method="POST", path_re=TOKEN)
    assert main(["plan", "--source", "strava"]) == 2
    assert "POST /oauth/token" in one_line(capsys)


# ----------------------------------------------------------------- 9. today's 429


def test_todays_429_in_a_window_stops_calls_until_the_quarter_hour(strava: FakeStrava) -> None:
    sign_in(strava)
    strava.read_usage = [100, 400]  # the app's other users spent this window's reads
    before = datetime.now(UTC)
    with pytest.raises(RateLimited, match="429"):
        provider().upcoming_runs(*WEEK)
    answer = strava.log.entries[-1]
    assert answer.status == 429
    after = datetime.now(UTC)
    quarters = {
        moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0)
        + timedelta(minutes=15)
        for moment in (before, after)
    }
    assert cooloff.resume_time("strava") in quarters
