"""Soak: the daemon's loop driven through 14 simulated days against the fake Garmin Connect and
Strava, while the running plan changes, sessions get done and the services misbehave.

Simulated time (time-machine) moves the clock from one daemon slot to the next; every request
still crosses a real loopback socket to the fakes through the real client libraries.
"""

from __future__ import annotations

import io
import logging
from collections import Counter
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests
import time_machine

from runlift.sync import logs, paths
from runlift.sync.config import parse_config
from runlift.sync.daemon.service import build_daemon
from runlift.sync.strava.tokens import StravaTokens, save_tokens
from runlift.sync.syncing import SyncRequest, sync_once
from runlift.workouts.garmin_marker import parse_marker
from runlift.workouts.session_key import SessionKey

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = date(2026, 11, 30)
DAYS = 14
SLOTS = (time(5, 30), time(17, 30))
START_LOADS = {"romanian_deadlift": 40.0, "bent_over_row": 30.0, "walking_lunge": 10.0}

# The budget this test holds the daemon to over the 14 days (Garmin publishes no limit; reports
# of trouble start at thousands a day. Strava allows 100 reads per 15 minutes, 1,000 a day).
GARMIN_BUDGET_TOTAL = 700
GARMIN_BUDGET_PER_DAY = 80
# Strava: per slot, a refresh of the 6-hour token, one page of the weeks the projection reads
# and the empty page that ends it (a short page need not be the last).
STRAVA_BUDGET_TOTAL = 90

# The top of each move's range, as the athlete logs it in Garmin Connect.
TOP_SETS = {
    ("LUNGE", "WALKING_DUMBBELL_LUNGE"): (2, 24),
    ("DEADLIFT", "ROMANIAN_DEADLIFT"): (2, 12),
    ("ROW", "BENT_OVER_ROW_WITH_BARBELL"): (2, 12),
    ("LEG_RAISE", "HANGING_LEG_RAISE"): (3, 10),
}


class SimulatedKill(BaseException):
    """The daemon process dies: nothing of runlift's catches it."""


def at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=BERLIN)


def own_workouts(fake: Any) -> dict[int, dict[str, Any]]:
    return {i: w for i, w in fake.workouts.items() if parse_marker(w.get("description"))}


def rdl_loads(fake: Any, since: date) -> list[float]:
    """The Romanian deadlift loads of runlift's sessions from ``since`` on."""
    loads = []
    for workout in own_workouts(fake).values():
        if parse_marker(workout["description"]).day < since:
            continue
        for group in workout["workoutSegments"][0]["workoutSteps"]:
            for step in group.get("workoutSteps", []):
                if step.get("exerciseName") == "ROMANIAN_DEADLIFT" and step.get("weightValue"):
                    loads.append(float(step["weightValue"]))
    return loads


def exercise_sets(workout: dict[str, Any]) -> list[dict[str, Any]]:
    """What the athlete logs: every loaded set at the top of the range, at the planned load."""
    sets = []
    for group in workout["workoutSegments"][0]["workoutSteps"]:
        for step in group.get("workoutSteps", []):
            key = (step.get("category"), step.get("exerciseName"))
            if key not in TOP_SETS:
                continue
            count, reps = TOP_SETS[key]
            grams = float(step.get("weightValue") or 0) * 1000
            sets.extend(
                {
                    "exercises": [{"category": key[0], "name": key[1], "probability": 100.0}],
                    "repetitionCount": reps,
                    "weight": grams,
                    "duration": 40.0,
                    "setType": "ACTIVE",
                    "startTime": None,
                    "wktStepIndex": None,
                }
                for _ in range(count)
            )
    return sets


@pytest.fixture
def daemon_log() -> Any:
    stream = io.StringIO()
    handler = logs.setup(logging.INFO, stream)
    yield stream
    logging.getLogger().removeHandler(handler)


def test_fourteen_days_of_daemon_keep_the_calendar_right_within_budget(
    runlift_home, garmin_redirect, strava_redirect, monkeypatch, daemon_log
) -> None:
    garmin, strava = garmin_redirect, strava_redirect
    kill = {"armed": False, "fired": 0}
    original_send = requests.Session.send

    def send(session: requests.Session, request: requests.PreparedRequest, **kw: Any) -> Any:
        response = original_send(session, request, **kw)
        url = request.url or ""
        if kill["armed"] and request.method == "POST" and "/workout-service/schedule/" in url:
            kill["armed"] = False
            kill["fired"] += 1
            raise SimulatedKill
        return response

    monkeypatch.setattr(requests.Session, "send", send)

    with time_machine.travel(at(MONDAY, time(4, 0)), tick=False) as clock:
        garmin.write_tokenstore(paths.garmin_token_dir())
        issued = strava.issue_tokens()
        save_tokens(
            StravaTokens(issued["access_token"], issued["refresh_token"], issued["expires_at"])
        )
        config = parse_config(
            {
                "timezone": "Europe/Berlin",
                "loads": START_LOADS,
                "plan": {"source": "garmin"},
                "garmin": {"retry_wait_seconds": 0.01},
                "strava": {"client_id": strava.client_id, "client_secret": strava.client_secret},
            }
        )
        secrets = [
            strava.client_secret,
            issued["access_token"],
            issued["refresh_token"],
            *garmin.access_tokens,
            *garmin.refresh_tokens,
        ]
        schedules: dict[str, int] = {}
        for week in range(3):
            monday = MONDAY + timedelta(weeks=week)
            for offset, kind in ((1, "intervals"), (2, "easy"), (3, "tempo"), (6, "long")):
                _, schedule_id = garmin.add_running_workout(monday + timedelta(offset), kind)
                schedules[f"{week}:{kind}"] = schedule_id
        own_id, own_schedule = garmin.add_own_strength_workout(MONDAY + timedelta(days=4))
        own_before = dict(garmin.workouts[own_id])
        garmin.faults.add("status", status=503, rate=0.10)

        daemon = build_daemon(config)
        restarts = 0
        requests_per_day: Counter[date] = Counter()
        done_days: set[date] = set()
        for offset in range(DAYS):
            day = MONDAY + timedelta(days=offset)
            if offset == 2:
                # The athlete moves week 1's tempo run from Thursday to Friday.
                garmin.move_schedule(schedules["0:tempo"], day + timedelta(days=2))
            if offset == 4:
                garmin.faults.add(
                    "status", method="GET", status=429, retry_after=7200, nth=1, times=3
                )
            if offset == 6:
                garmin.expire_all_tokens()
            if offset == 7:
                kill["armed"] = True
            if offset == 9:
                garmin.add_race(MONDAY + timedelta(days=19), "Sylvesterlauf 10K", 10000)
            for slot in SLOTS:
                if slot.hour == 17:
                    for workout in own_workouts(garmin).values():
                        marker = parse_marker(workout["description"])
                        if marker and marker.day == day and day not in done_days:
                            done_days.add(day)
                            garmin.add_strength_activity(
                                day,
                                exercise_sets=exercise_sets(workout),
                                name=workout["workoutName"],
                            )
                            strava.add_activity(
                                name=workout["workoutName"],
                                type="WeightTraining",
                                sport_type="WeightTraining",
                                distance=0.0,
                                start_date=f"{day.isoformat()}T11:00:00Z",
                                start_date_local=f"{day.isoformat()}T12:00:00Z",
                            )
                before = len(garmin.log)
                clock.move_to(at(day, slot) + timedelta(minutes=1))
                try:
                    daemon.tick()
                except SimulatedKill:
                    restarts += 1
                    daemon = build_daemon(config)
                requests_per_day[day] += len(garmin.log) - before

        # A last slot on a quiet day, then the proof: nothing left to change.
        garmin.faults.clear()
        last_day = MONDAY + timedelta(days=DAYS)
        clock.move_to(at(last_day, SLOTS[0]) + timedelta(minutes=1))
        daemon.tick()
        settled = sync_once(
            config, SyncRequest(start=last_day, days=14, source="garmin", dry_run=True)
        )

    mine = own_workouts(garmin)
    keys = Counter(parse_marker(w["description"]).key for w in mine.values())
    scheduled = Counter(s["workoutId"] for s in garmin.schedules.values())
    rdl = rdl_loads(garmin, last_day)
    log_text = daemon_log.getvalue()
    garmin_total = len(garmin.log)
    figures = {
        "simulated days": DAYS,
        "daemon slots": DAYS * len(SLOTS) + 1,
        "garmin requests": garmin_total,
        "garmin requests, busiest day": max(requests_per_day.values()),
        "garmin 5xx injected": sum(1 for e in garmin.log.entries if e.status == 503),
        "garmin 429 answered": sum(1 for e in garmin.log.entries if e.status == 429),
        "strava requests": len(strava.log),
        "kills + restarts": restarts,
        "sessions done": len(done_days),
        "runlift workouts on calendar": len(mine),
        "RDL loads now (kg)": sorted(set(rdl)),
    }
    print("\n" + "\n".join(f"{name:<32} {value}" for name, value in figures.items()))

    # The calendar holds exactly the wanted sessions: no duplicates, no orphans, nothing missing.
    assert not settled.outcome("garmin").diff.actions
    assert all(n == 1 for n in keys.values()), keys
    assert all(scheduled[workout_id] == 1 for workout_id in mine), "orphan or double schedule"
    # The athlete's own strength workout was never touched.
    assert garmin.workouts[own_id] == own_before
    assert garmin.schedules[own_schedule]["workoutId"] == own_id
    # No strength in the race's taper or the day after it.
    race_day = MONDAY + timedelta(days=19)
    taper = [k for k in keys if 0 <= (race_day - parse_marker_day(k)).days <= 7]
    after_race = [k for k in keys if parse_marker_day(k) == race_day + timedelta(days=1)]
    assert not taper and not after_race
    # Loads moved up from what was lifted.
    assert restarts == 1 and kill["fired"] == 1
    assert len(done_days) >= 3
    assert rdl and min(rdl) > START_LOADS["romanian_deadlift"]
    # Within budget, and silent about secrets.
    assert garmin_total <= GARMIN_BUDGET_TOTAL
    assert max(requests_per_day.values()) <= GARMIN_BUDGET_PER_DAY
    assert len(strava.log) <= STRAVA_BUDGET_TOTAL
    # A 429 (Retry-After 2 h) means no request to Garmin until then.
    for limited in (e for e in garmin.log.entries if e.status == 429):
        assert not [e for e in garmin.log.entries if limited.time < e.time < limited.time + 7200]
    assert "sync done" in log_text and "readback-garmin done" in log_text
    for secret in secrets:
        assert secret not in log_text


def parse_marker_day(key: SessionKey) -> date:
    return key.day
