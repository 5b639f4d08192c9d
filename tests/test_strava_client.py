"""runlift's Strava code through the real stravalib client against the fake Strava server:
sign-in, token rotation, paging, incremental history, 401, 429 and timeouts, with the
requests counted."""

from __future__ import annotations

import io
import json
import math
import stat
import sys
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests

from runlift.sync import cooloff, paths
from runlift.sync.cli import main
from runlift.sync.completion import match_completions
from runlift.sync.config import Config, parse_config
from runlift.sync.errors import AuthRequired, RateLimited
from runlift.sync.model import DayKind
from runlift.sync.providers.strava import StravaProvider
from runlift.sync.strava.budget import ReadBudget
from runlift.sync.strava.client import make_http
from runlift.sync.strava.credentials import AppCredentials
from runlift.sync.strava.history import HistoryCache
from runlift.sync.strava.http import StravaHttp, StravaUnavailable
from runlift.sync.strava.oauth import login
from runlift.sync.strava.tokens import StravaTokens, load_tokens, save_tokens, token_file
from tests.fakes.strava import FakeStrava, load_history

# The fixture history ends on Sunday 2025-10-19.
TODAY = date(2025, 10, 20)
ACTIVITIES = "/api/v3/athlete/activities"


@pytest.fixture
def strava(strava_history: FakeStrava) -> FakeStrava:
    return strava_history


def sign_in(fake: FakeStrava, expired: bool = False) -> StravaTokens:
    issued = fake.issue_tokens()
    tokens = StravaTokens(
        issued["access_token"],
        issued["refresh_token"],
        int(datetime.now(UTC).timestamp()) - 60 if expired else issued["expires_at"],
        athlete_id=26462176,
        scope="read,activity:read_all",
    )
    save_tokens(tokens)
    return tokens


def provider(config: Config | None = None, **options: Any) -> StravaProvider:
    return StravaProvider.from_config(config or parse_config({}), today=TODAY, **options)


def reads(fake: FakeStrava) -> list[dict[str, list[str]]]:
    return [parse_qs(e.query) for e in fake.log.matching("GET", ACTIVITIES)]


# ----------------------------------------------------------------------------- sign-in


def credentials_of(fake: FakeStrava) -> AppCredentials:
    return AppCredentials(int(fake.client_id), fake.client_secret)


def test_login_exchanges_the_code_strava_sends_to_the_loopback_redirect(
    strava: FakeStrava,
) -> None:
    asked: dict[str, str] = {}

    def browser(url: str) -> None:
        # The athlete approves on Strava's page; Strava sends the browser to the redirect URI.
        query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        asked.update(query)
        code = strava.issue_code(scope="read,activity:read_all")
        back = {"state": query["state"], "code": code, "scope": "read,activity:read_all"}
        page = requests.get(f"{query['redirect_uri']}?{urlencode(back)}", timeout=5)
        assert "signed in" in page.text

    tokens = login(credentials_of(strava), make_http(parse_config({})), show_url=browser)
    assert asked["scope"] == "read,activity:read_all"
    assert asked["redirect_uri"].startswith("http://127.0.0.1:")
    assert asked["response_type"] == "code"
    assert load_tokens() == tokens
    assert tokens.athlete_id == 26462176
    assert tokens.refresh_token in strava.refresh_tokens
    assert strava.log.count("POST", "/oauth/token") == 1
    # The saved tokens read the history at once.
    assert provider().upcoming_runs(TODAY, TODAY + timedelta(days=6))


def test_a_forged_redirect_without_our_state_is_ignored(strava: FakeStrava) -> None:
    def browser(url: str) -> None:
        query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        forged = {"state": "not-ours", "code": strava.issue_code()}
        requests.get(f"{query['redirect_uri']}?{urlencode(forged)}", timeout=5)
        real = {"state": query["state"], "code": strava.issue_code()}
        requests.get(f"{query['redirect_uri']}?{urlencode(real)}", timeout=5)

    login(credentials_of(strava), make_http(parse_config({})), show_url=browser)
    assert strava.log.count("POST", "/oauth/token") == 1
    assert len(strava.codes) == 1  # the forged code was never exchanged


def test_login_from_the_command_line_with_a_pasted_code(
    strava: FakeStrava, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = strava.issue_code()
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{code}\n"))
    assert main(["login", "strava", "--no-browser", "--stdin"]) == 0
    out = capsys.readouterr().out
    assert "https://www.strava.com/oauth/authorize?" in out
    assert "Signed in to Strava as athlete 26462176" in out
    tokens = load_tokens()
    assert tokens is not None
    for secret in (strava.client_secret, tokens.access_token, tokens.refresh_token, code):
        assert secret not in out


def test_a_refused_code_is_one_line_and_writes_no_tokens(
    strava: FakeStrava, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("0123456789abcdef\n"))
    assert main(["login", "strava", "--no-browser", "--stdin"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "refused the sign-in code" in err
    assert not token_file().exists()


# ----------------------------------------------------------------------------- tokens


def test_an_expired_token_is_refreshed_and_the_rotated_tokens_are_kept(strava: FakeStrava) -> None:
    old = sign_in(strava, expired=True)
    provider().upcoming_runs(TODAY, TODAY + timedelta(days=6))
    new = load_tokens()
    assert new is not None
    assert new.refresh_token != old.refresh_token
    assert old.refresh_token not in strava.refresh_tokens  # Strava's old token is dead
    assert new.refresh_token in strava.refresh_tokens
    assert new.expires_at > datetime.now(UTC).timestamp()
    assert new.athlete_id == old.athlete_id
    assert strava.log.count("POST", "/oauth/token") == 1
    # The next run uses the new tokens without refreshing again.
    strava.log.clear()
    provider().upcoming_runs(TODAY, TODAY + timedelta(days=6))
    assert strava.log.count("POST", "/oauth/token") == 0
    assert [q["page"] for q in reads(strava)] == [["1"], ["2"]]  # one page, then the empty one


def test_rotated_tokens_are_kept_even_when_the_call_after_the_refresh_fails(
    strava: FakeStrava,
) -> None:
    old = sign_in(strava, expired=True)
    strava.faults.add("reset", method="GET", path_re=ACTIVITIES)
    with pytest.raises(StravaUnavailable):
        provider().upcoming_runs(TODAY, TODAY + timedelta(days=6))
    new = load_tokens()
    assert new is not None and new.refresh_token != old.refresh_token
    assert new.refresh_token in strava.refresh_tokens


def test_a_revoked_access_token_asks_for_login_after_one_request(strava: FakeStrava) -> None:
    sign_in(strava)
    strava.access_tokens.clear()  # the athlete revoked runlift in Strava's settings
    with pytest.raises(AuthRequired, match="runlift login strava"):
        provider().upcoming_runs(TODAY, TODAY + timedelta(days=6))
    assert strava.log.count("GET", ACTIVITIES) == 1
    assert strava.log.count("POST", "/oauth/token") == 0


def test_a_dead_refresh_token_asks_for_login_without_retrying(strava: FakeStrava) -> None:
    sign_in(strava, expired=True)
    strava.refresh_tokens.clear()
    with pytest.raises(AuthRequired, match="runlift login strava"):
        provider().upcoming_runs(TODAY, TODAY + timedelta(days=6))
    assert strava.log.count("POST", "/oauth/token") == 1
    assert strava.log.count("GET") == 0


def test_plan_from_strava_with_a_revoked_sign_in_is_one_line_exit_2(
    strava: FakeStrava, capsys: pytest.CaptureFixture[str]
) -> None:
    sign_in(strava)
    strava.access_tokens.clear()
    assert main(["plan", "--source", "strava"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "runlift login strava" in err


# ----------------------------------------------------------------------------- history


def test_the_first_sync_pages_through_the_history_and_the_next_rereads_the_weeks_it_uses(
    strava: FakeStrava,
) -> None:
    sign_in(strava)
    # Strength sessions planned in summer 2018: the first sync reaches back there.
    planned = [date(2018, 6, 26), date(2018, 6, 29), date(2018, 7, 3), date(2018, 7, 12)]
    found = provider().completed_strength(planned[0], planned[-1])
    since = datetime(2018, 6, 24, tzinfo=UTC).timestamp()
    expected = sum(
        1
        for a in load_history()
        if datetime.fromisoformat(a["start_date"].replace("Z", "+00:00")).timestamp() > since
    )
    # Every page, then the empty page that says the list is over.
    pages = math.ceil(expected / 200) + 1
    assert pages > 2
    assert [q["page"] for q in reads(strava)] == [[str(n)] for n in range(1, pages + 1)]
    assert len(HistoryCache().activities()) == expected
    assert stat.S_IMODE(paths.state_db().stat().st_mode) == 0o600
    # Weight sessions on Wed 27 June (a day late), Mon 2 July (a day early) and Thu 12 July
    # (on the day); nothing near Fri 29 June.
    matched = match_completions(planned, found)
    assert {day: (c.day, c.title) for day, c in matched.items()} == {
        date(2018, 6, 26): (date(2018, 6, 27), "Weigths, Equinox"),
        date(2018, 7, 3): (date(2018, 7, 2), "Equinox, Flatiron"),
        date(2018, 7, 12): (date(2018, 7, 12), "Equinox, Flatiron"),
    }
    assert matched[date(2018, 7, 12)].duration_s == 2067

    strava.log.clear()
    runs = provider().upcoming_runs(TODAY, TODAY + timedelta(days=6))
    # The 8 weeks the projection reads (and a day for time zones), one page and the empty one.
    window = str(int(datetime(2025, 8, 24, tzinfo=UTC).timestamp()))
    assert [(q["after"], q["page"]) for q in reads(strava)] == [
        ([window], ["1"]),
        ([window], ["2"]),
    ]
    assert {r.day.weekday(): r.kind for r in runs}[5] is DayKind.LONG


def test_a_later_sync_sees_new_and_late_entered_activities_with_one_page(
    strava: FakeStrava,
) -> None:
    sign_in(strava)
    provider().upcoming_runs(TODAY, TODAY)
    assert len(reads(strava)) == 2
    strava.log.clear()
    # Monday evening: a run uploaded, and a gym session from Sunday entered by hand.
    strava.add_activity(
        name="Track 10x400",
        start_date="2025-10-20T22:00:00Z",
        start_date_local="2025-10-20T18:00:00Z",
        workout_type=0,
    )
    strava.add_activity(
        name="Weight Training",
        type="WeightTraining",
        sport_type="WeightTraining",
        workout_type=30,
        distance=0.0,
        elapsed_time=2700,
        start_date="2025-10-19T13:00:00Z",
        start_date_local="2025-10-19T09:00:00Z",
    )
    later = provider()
    today = later.upcoming_runs(TODAY, TODAY)
    assert [(r.title, r.kind) for r in today] == [("Track 10x400", DayKind.QUALITY)]
    done = later.completed_strength(date(2025, 10, 20), date(2025, 10, 20))
    assert [(c.day, c.duration_s) for c in done] == [(date(2025, 10, 19), 2700)]
    assert len(reads(strava)) == 2


def test_an_interrupted_sync_leaves_the_cache_as_it_was(strava: FakeStrava) -> None:
    sign_in(strava)
    strava.faults.add("status", method="GET", path_re=ACTIVITIES, nth=2, status=503)
    with pytest.raises(StravaUnavailable, match="503"):
        provider().completed_strength(date(2018, 6, 26), date(2018, 7, 12))
    assert HistoryCache().activities() == []
    assert HistoryCache().covered_from() is None


# ----------------------------------------------------------------------------- limits


def test_todays_429_stops_strava_calls_until_the_daily_limit_resets(
    strava: FakeStrava, capsys: pytest.CaptureFixture[str]
) -> None:
    sign_in(strava)
    strava.read_usage = [3, 1000]  # the app's other users spent today's reads
    before = datetime.now(UTC)
    with pytest.raises(RateLimited, match="429"):
        provider().upcoming_runs(TODAY, TODAY + timedelta(days=6))
    assert [e.status for e in strava.log.entries] == [429]
    # Its read headers say the daily limit is used up: nothing until midnight UTC.
    after = datetime.now(UTC)
    midnights = {
        datetime.combine(moment.date() + timedelta(days=1), datetime.min.time(), UTC)
        for moment in (before, after)
    }
    assert cooloff.resume_time("strava") in midnights
    # Neither a new provider nor the command line sends anything until then.
    with pytest.raises(RateLimited):
        provider().upcoming_runs(TODAY, TODAY + timedelta(days=6))
    assert main(["plan", "--source", "strava"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no calls to it until" in err
    assert strava.log.count() == 1


def test_runlift_never_sends_the_hundred_and_first_read_in_a_window(strava: FakeStrava) -> None:
    sign_in(strava)
    strava.read_usage = [97, 500]  # reads by anything else using the same app
    # The first sync reaches back to 2018: several pages, but only three reads are left.
    with pytest.raises(RateLimited, match="100 reads in 15 minutes"):
        provider().completed_strength(date(2018, 6, 26), date(2018, 7, 12))
    assert strava.log.count("GET", ACTIVITIES) == 3
    assert strava.read_usage[0] == 100
    assert all(e.status == 200 for e in strava.log.entries)  # Strava never had to say 429
    assert HistoryCache().activities() == []


# ----------------------------------------------------------------------------- timeouts


def test_a_stalled_strava_times_out_instead_of_hanging(strava: FakeStrava) -> None:
    sign_in(strava)
    strava.faults.add("latency", method="GET", path_re=ACTIVITIES, seconds=2.0)
    http = StravaHttp(ReadBudget(), timeout_s=0.2)
    with pytest.raises(StravaUnavailable, match=r"timed out after 0\.2 s"):
        provider(http=http).upcoming_runs(TODAY, TODAY + timedelta(days=6))
    # No retry (the stalled request itself is logged only once its delay is over).
    assert strava.log.count("GET", ACTIVITIES) <= 1


# ----------------------------------------------------------------------------- runlift plan


def test_runlift_plan_from_strava_places_strength_around_the_projected_week(
    strava: FakeStrava, capsys: pytest.CaptureFixture[str]
) -> None:
    from runlift.sync import clock

    strava.activities = []
    today = clock.today(None)
    week = {1: ("Intervals 6x800", 10), 3: ("Easy", 8), 5: ("Long run", 24)}
    for back in range(1, 57):
        day = today - timedelta(days=back)
        if day.weekday() in week:
            name, km = week[day.weekday()]
            strava.add_activity(
                name=name,
                start_date=f"{day.isoformat()}T07:00:00Z",
                distance=km * 1000.0,
                moving_time=km * 330,
                elapsed_time=km * 340,
            )
    sign_in(strava)
    next_monday = today + timedelta(days=7 - today.weekday())
    args = ["plan", "--source", "strava", "--start", next_monday.isoformat(), "--json"]
    assert main(args) == 0
    plan = json.loads(capsys.readouterr().out)
    tuesday = plan["days"][1]
    assert tuesday["kind"] == "quality"
    assert tuesday["runs"][0]["confidence"] == "runs 8 of the last 8 Tuesdays, 8 of them intervals"
    assert plan["days"][5]["kind"] == "long"
    strength_days = {date.fromisoformat(s["date"]).weekday() for s in plan["sessions"]}
    assert strength_days and not strength_days & {0, 1, 4, 5}  # not on or before Tue/Sat
    assert strava.log.count("GET", ACTIVITIES) == 2
