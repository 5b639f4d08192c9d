"""A fake Garmin Connect: only the recorded paths, with their JSON shapes, strictness and quirks.

``ROUTES`` is the whole surface: every (method, path) in it is a row of tests/fakes/EVIDENCE.md
(a test checks the two agree), and everything else answers 404. State is in memory. Seed it
from tests with ``add_running_workout``, ``add_coach_item``, ``add_race``,
``add_strength_activity``...; inspect ``workouts``, ``schedules`` and ``log``.
"""

from __future__ import annotations

import base64
import copy
import io
import itertools
import json
import re
import secrets
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.fakes.http import FakeService, Request, Response

NOT_FOUND = {"message": "HTTP 404 Not Found", "error": "NotFoundException"}
ESTIMATE_REFUSED = "Estimated distance and/or time values are not consistent with estimatedType!"
TOKEN_LIFETIME_S = 3600
PADDING_DAYS = 7
CLIENT_ID = "GARMIN_CONNECT_MOBILE_ANDROID_DI"

# (method, path as EVIDENCE.md writes it, handler). ``{name}`` is a number in the path.
ROUTES: tuple[tuple[str, str, str], ...] = (
    ("POST", "/di-oauth2-service/oauth/token", "_token"),
    ("GET", "/userprofile-service/socialProfile", "_social_profile"),
    ("GET", "/userprofile-service/userprofile/user-settings", "_user_settings"),
    ("GET", "/calendar-service/year/{year}/month/{month0}", "_calendar_month"),
    ("GET", "/workout-service/workouts", "_list_workouts"),
    ("POST", "/workout-service/workout", "_create_workout"),
    ("GET", "/workout-service/workout/{workoutId}", "_get_workout"),
    ("DELETE", "/workout-service/workout/{workoutId}", "_delete_workout"),
    ("GET", "/workout-service/workout/FIT/{workoutId}", "_workout_fit"),
    ("POST", "/workout-service/schedule/{workoutId}", "_schedule_workout"),
    ("GET", "/workout-service/schedule/{scheduleId}", "_get_schedule"),
    ("DELETE", "/workout-service/schedule/{scheduleId}", "_delete_schedule"),
    ("GET", "/activitylist-service/activities/search/activities", "_activities"),
    ("GET", "/activity-service/activity/{activityId}/exerciseSets", "_exercise_sets"),
    ("GET", "/download-service/files/activity/{activityId}", "_download"),
)
_UNAUTHENTICATED = {"/di-oauth2-service/oauth/token"}
# The query parameters recorded for a route (EVIDENCE.md names each in that route's row); runlift
# sends no other, and the fake reads no other (it ignores the rest, as no recording shows them
# honoured). Routes not listed take none.
RECORDED_PARAMS: dict[str, frozenset[str]] = {
    "/workout-service/workouts": frozenset({"start", "limit"}),
    "/activitylist-service/activities/search/activities": frozenset(
        {"startDate", "endDate", "activityType", "start", "limit"}
    ),
}


def _pattern(path: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\{\w+\\}", r"(\\d+)", re.escape(path)) + "$")


_COMPILED = [(method, _pattern(path), handler) for method, path, handler in ROUTES]

# Activity types as the activity search answers them: (typeId, typeKey, parentTypeId). A search
# by a sub-type key as activityType is refused (400); parents are searched with their children.
ACTIVITY_TYPES = {
    "running": (1, "running", 17),
    "trail_running": (6, "trail_running", 1),
    "strength_training": (13, "strength_training", 29),
    "pilates": (160, "pilates", 29),
    "hiking": (3, "hiking", 17),
}
PARENT_TYPES = {1: "running", 17: "all", 29: "fitness_equipment", 4: "other"}

SPORTS = {
    1: "running",
    2: "cycling",
    4: "swimming",
    5: "strength_training",
    6: "cardio_training",
}
PACE_ZONE = {"workoutTargetTypeId": 6, "workoutTargetTypeKey": "pace.zone", "displayOrder": 6}
HR_ZONE = {"workoutTargetTypeId": 4, "workoutTargetTypeKey": "heart.rate.zone", "displayOrder": 4}
NO_TARGET = {"workoutTargetTypeId": 1, "workoutTargetTypeKey": "no.target", "displayOrder": 1}
CONDITIONS = {
    "lap.button": 1,
    "time": 2,
    "distance": 3,
    "calories": 4,
    "iterations": 7,
    "reps": 10,
}
STEP_TYPES = {"warmup": 1, "cooldown": 2, "interval": 3, "recovery": 4, "rest": 5, "repeat": 6}


def _jwt(claims: dict[str, Any]) -> str:
    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'RS256', 'typ': 'JWT'})}.{part(claims)}.{secrets.token_hex(16)}"


def _stamp(moment: float | None = None) -> str:
    return datetime.fromtimestamp(moment or time.time()).strftime("%Y-%m-%dT%H:%M:%S.0")


@dataclass
class Activity:
    summary: dict[str, Any]
    exercise_sets: dict[str, Any] | None = None
    fit: bytes | None = None


@dataclass
class CalendarItem:
    day: date
    item: dict[str, Any]


@dataclass
class FakeGarminState:
    workouts: dict[int, dict[str, Any]] = field(default_factory=dict)
    schedules: dict[int, dict[str, Any]] = field(default_factory=dict)
    extra_items: list[CalendarItem] = field(default_factory=list)
    activities: dict[int, Activity] = field(default_factory=dict)


class FakeGarmin(FakeService):
    owner_id = 10788552
    display_name = "fake-athlete"

    def __init__(self) -> None:
        super().__init__()
        self.state = FakeGarminState()
        self._ids = itertools.count(1_000_001)
        self._step_ids = itertools.count(700_000_001)
        self.access_tokens: dict[str, float] = {}
        self.refresh_tokens: set[str] = set()
        # Browser sessions (JWT_WEB cookies) from garminconnect's fallback sign-in.
        self.web_sessions: set[str] = set()
        # The calendar month shows a new calendar entry one read late (eventual consistency).
        self.calendar_lag = False
        self._unseen: set[int] = set()
        # How Garmin's workout FIT renders a step's weight: "kg" (as Garmin Connect's own
        # workout file does) or "grams" (1000x), for `runlift doctor garmin`.
        self.fit_weight_reading = "kg"
        # Creation order, for the list's recorded order (newest created first) within a second.
        self._created: dict[int, int] = {}
        self._creations = itertools.count()
        # Another order than the recorded one for the workout list (a permutation of the rows),
        # for tests that runlift's reading does not depend on the order; None: as recorded.
        self.list_order: Callable[[list[dict[str, Any]]], list[dict[str, Any]]] | None = None

    # ----------------------------------------------------------------- inspection
    @property
    def workouts(self) -> dict[int, dict[str, Any]]:
        return self.state.workouts

    @property
    def schedules(self) -> dict[int, dict[str, Any]]:
        return self.state.schedules

    def scheduled_on(self, day: date) -> list[dict[str, Any]]:
        """The workouts on the calendar on ``day`` (one entry per calendar item)."""
        return [
            self.state.workouts[s["workoutId"]]
            for s in self.state.schedules.values()
            if s["calendarDate"] == day.isoformat()
        ]

    # ----------------------------------------------------------------- tokens
    def issue_tokens(self, lifetime_s: float = TOKEN_LIFETIME_S) -> dict[str, str]:
        expires = time.time() + lifetime_s
        access = _jwt({"client_id": CLIENT_ID, "exp": int(expires), "jti": secrets.token_hex(8)})
        refresh = secrets.token_urlsafe(24)
        self.access_tokens[access] = expires
        self.refresh_tokens.add(refresh)
        return {"di_token": access, "di_refresh_token": refresh, "di_client_id": CLIENT_ID}

    def write_tokenstore(self, directory: Path, lifetime_s: float = TOKEN_LIFETIME_S) -> Path:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        directory.chmod(0o700)
        path = directory / "garmin_tokens.json"
        path.write_text(json.dumps(self.issue_tokens(lifetime_s)))
        path.chmod(0o600)
        return path

    def expire_all_tokens(self) -> None:
        """Every access token stops working (the client must refresh)."""
        self.access_tokens = {token: 0.0 for token in self.access_tokens}

    def revoke_all_tokens(self) -> None:
        """Access and refresh tokens stop working: only a new sign-in helps."""
        self.access_tokens.clear()
        self.refresh_tokens.clear()

    def _authorized(self, request: Request) -> bool:
        token = request.bearer
        if token is None:
            cookie = request.headers.get("cookie", "")
            return cookie.startswith("JWT_WEB=") and cookie[8:] in self.web_sessions
        return self.access_tokens.get(token, 0.0) > time.time()

    # ----------------------------------------------------------------- seeding
    def add_running_workout(
        self,
        day: date | None,
        kind: str = "easy",
        title: str | None = None,
        created: datetime | None = None,
    ) -> tuple[int, int | None]:
        """A realistic running workout, scheduled on ``day`` unless None, created at ``created``
        (default now; an old workout sits deep in the list): (workout id, schedule id)."""
        _, default_title = _running_steps(kind)
        workout = self._store_workout(
            {
                "workoutName": title or default_title,
                "description": None,
                "sportType": {"sportTypeId": 1, "sportTypeKey": "running", "displayOrder": 1},
                "workoutSegments": running_segments(kind),
            },
            created=_stamp(created.timestamp()) if created else None,
        )
        if day is None:
            return workout["workoutId"], None
        schedule = self._schedule(workout["workoutId"], day)
        return workout["workoutId"], schedule["workoutScheduleId"]

    def add_coach_item(self, day: date, title: str) -> dict[str, Any]:
        """A Garmin Coach adaptive session: on the calendar, with no library workout."""
        item = {
            "id": next(self._ids),
            "itemType": "fbtAdaptiveWorkout",
            "date": day.isoformat(),
            "title": title,
            "workoutId": None,
            "workoutUuid": f"{secrets.token_hex(4)}-coach-{secrets.token_hex(6)}",
            "trainingPlanId": 4242,
            "sportTypeKey": "running",
            "duration": None,
            "distance": None,
        }
        self.state.extra_items.append(CalendarItem(day, item))
        return item

    def add_race(self, day: date, name: str, distance_m: float = 21097.5) -> dict[str, Any]:
        # As the recorded month has its races (fixtures/garmin/calendar-month-2023-09.json): an
        # event id, no sportTypeKey (activityTypeId 1), the distance in kilometres.
        item = {
            "id": next(self._ids),
            "itemType": "event",
            "activityTypeId": 1,
            "date": day.isoformat(),
            "title": name,
            "isRace": True,
            "eventTimeLocal": {"startTimeHhMm": "09:00", "timeZoneId": "Europe/Berlin"},
            "completionTarget": {
                "value": distance_m / 1000,
                "unit": "kilometer",
                "unitType": "distance",
            },
            "sportTypeKey": None,
        }
        self.state.extra_items.append(CalendarItem(day, item))
        return item

    def add_activity(
        self,
        day: date,
        type_key: str = "running",
        name: str = "Morning Run",
        duration_s: float = 2700.0,
        distance_m: float = 9000.0,
        **extra: Any,
    ) -> int:
        activity_id = next(self._ids) * 10
        summary = {
            "activityId": activity_id,
            "activityName": name,
            "startTimeLocal": f"{day.isoformat()} 07:30:00",
            "startTimeGMT": f"{day.isoformat()} 06:30:00",
            "activityType": _activity_type(type_key),
            "distance": distance_m,
            "duration": duration_s,
            "elapsedDuration": duration_s,
            "ownerId": self.owner_id,
            **extra,
        }
        self.state.activities[activity_id] = Activity(summary)
        item = {
            "id": activity_id,
            "itemType": "activity",
            "date": day.isoformat(),
            "title": name,
            "activityTypeId": summary["activityType"]["typeId"],
            "duration": duration_s * 1000,
            "distance": distance_m * 100,
        }
        self.state.extra_items.append(CalendarItem(day, item))
        return activity_id

    def add_strength_activity(
        self,
        day: date,
        fit_path: Path | None = None,
        exercise_sets: list[dict[str, Any]] | None = None,
        name: str = "Strength",
        duration_s: float = 1800.0,
    ) -> int:
        """A strength activity whose sets come as exerciseSets JSON and/or an ORIGINAL zip."""
        activity_id = self.add_activity(
            day, "strength_training", name, duration_s, 0.0, summarizedExerciseSets=[]
        )
        activity = self.state.activities[activity_id]
        if exercise_sets is not None:
            activity.exercise_sets = {"activityId": activity_id, "exerciseSets": exercise_sets}
        if fit_path is not None:
            activity.fit = fit_path.read_bytes()
        return activity_id

    # ----------------------------------------------------------------- changes from "the athlete"
    def move_schedule(self, schedule_id: int, day: date) -> None:
        self.state.schedules[schedule_id]["calendarDate"] = day.isoformat()

    def edit_workout(self, workout_id: int, **changes: Any) -> None:
        """The athlete edits a workout in Garmin Connect (its update time moves on)."""
        self._store_workout({**self.state.workouts[workout_id], **changes}, workout_id)

    def remove_schedule(self, schedule_id: int) -> None:
        del self.state.schedules[schedule_id]

    def add_own_strength_workout(self, day: date, name: str = "My leg day") -> tuple[int, int]:
        """A strength workout the athlete made by hand in Garmin Connect (no runlift marker)."""
        from garminconnect.workout import StrengthWorkout, WorkoutSegment, create_strength_set

        body = StrengthWorkout(
            workoutName=name,
            estimatedDurationInSecs=1200,
            workoutSegments=[
                WorkoutSegment(
                    segmentOrder=1,
                    sportType={"sportTypeId": 5, "sportTypeKey": "strength_training"},
                    workoutSteps=[create_strength_set("SQUAT", 1, 3, 10, 60, "BACK_SQUAT")],
                )
            ],
        ).to_dict()
        workout = self._store_workout(body)
        schedule = self._schedule(workout["workoutId"], day)
        return workout["workoutId"], schedule["workoutScheduleId"]

    # ----------------------------------------------------------------- HTTP
    def unauthorized(self, request: Request) -> Response:
        return Response.of_json(
            {"message": "HTTP 401 Unauthorized", "error": "UnauthorizedException"}, 401
        )

    def handle(self, request: Request) -> Response:
        for method, pattern, handler in _COMPILED:
            match = pattern.match(request.path)
            if match is None or method != request.method:
                continue
            if request.path not in _UNAUTHENTICATED and not self._authorized(request):
                return self.unauthorized(request)
            answer: Response = getattr(self, handler)(request, *map(int, match.groups()))
            return answer
        return _not_found()

    def _social_profile(self, request: Request) -> Response:
        return Response.of_json(
            {
                "displayName": self.display_name,
                "fullName": "Fake Athlete",
                "profileId": self.owner_id,
            }
        )

    def _user_settings(self, request: Request) -> Response:
        return Response.of_json({"id": self.owner_id, "userData": {"measurementSystem": "metric"}})

    def _token(self, request: Request) -> Response:
        form = request.form()
        if form.get("grant_type") != "refresh_token" or form.get("refresh_token") not in (
            self.refresh_tokens
        ):
            return Response.of_json({"error": "invalid_grant"}, 401)
        self.refresh_tokens.discard(form["refresh_token"])
        tokens = self.issue_tokens()
        return Response.of_json(
            {
                "access_token": tokens["di_token"],
                "refresh_token": tokens["di_refresh_token"],
                "token_type": "Bearer",
                "expires_in": TOKEN_LIFETIME_S,
            }
        )

    # workouts
    def _create_workout(self, request: Request) -> Response:
        body = request.json()
        problem = validate_workout(body)
        if problem:
            return Response.of_json({"message": problem, "error": "BadRequestException"}, 400)
        return Response.of_json(self._store_workout(body))

    def _store_workout(
        self, body: dict[str, Any], workout_id: int | None = None, created: str | None = None
    ) -> dict[str, Any]:
        workout = copy.deepcopy(body)
        now = _stamp()
        previous = self.state.workouts.get(workout_id) if workout_id else None
        workout_id = workout_id or next(self._ids)
        if previous is None:
            self._created[workout_id] = next(self._creations)
        workout.update(
            {
                "workoutId": workout_id,
                "ownerId": self.owner_id,
                "createdDate": previous["createdDate"] if previous else created or now,
                "updatedDate": _later_stamp(
                    previous["updatedDate"] if previous else None, created or now
                ),
            }
        )
        workout.setdefault("description", None)
        order = itertools.count(1)
        groups = itertools.count(1)
        for segment in workout.get("workoutSegments", []):
            _renumber(segment.get("workoutSteps", []), order, self._step_ids, groups, None)
        self.state.workouts[workout_id] = workout
        return copy.deepcopy(workout)

    def _get_workout(self, request: Request, workout_id: int) -> Response:
        workout = self.state.workouts.get(workout_id)
        return Response.of_json(workout) if workout is not None else _not_found()

    def _delete_workout(self, request: Request, workout_id: int) -> Response:
        if workout_id not in self.state.workouts:
            return _not_found()
        del self.state.workouts[workout_id]
        for schedule_id in [
            s for s, v in self.state.schedules.items() if v["workoutId"] == workout_id
        ]:
            del self.state.schedules[schedule_id]
        return Response(204)

    def _workout_fit(self, request: Request, workout_id: int) -> Response:
        from tests.fakes.workout_fit import render_workout_fit

        workout = self.state.workouts.get(workout_id)
        if workout is None:
            return _not_found()
        data = render_workout_fit(workout, grams=self.fit_weight_reading == "grams")
        return Response(200, data, {"Content-Type": "application/octet-stream"})

    def _list_workouts(self, request: Request) -> Response:
        """As recorded: newest created first, whatever else is asked (no recording shows
        ``orderBy=UPDATE_DATE`` or a ``sportTypeKey`` filter honoured), ``start`` one-based."""
        start = int(request.arg("start", "0") or 0)
        limit = int(request.arg("limit", "100") or 100)
        rows = [
            _list_item(w)
            for w in sorted(
                self.state.workouts.values(),
                key=lambda w: (w["createdDate"], self._created.get(w["workoutId"], 0)),
                reverse=True,
            )
        ]
        if self.list_order is not None:
            rows = self.list_order(rows)
        # One-based, as recorded: start=0 and start=1 both begin at the first workout, and
        # start=100 at the 100th (mkuthan/garmin-workouts test_list_workouts.yaml: pages
        # start=0 and start=100 of 100 share one workout).
        first = max(start, 1) - 1
        return Response.of_json(rows[first : first + limit])

    # schedules
    def _schedule(self, workout_id: int, day: date) -> dict[str, Any]:
        schedule_id = next(self._ids)
        self.state.schedules[schedule_id] = {
            "workoutScheduleId": schedule_id,
            "workoutId": workout_id,
            "calendarDate": day.isoformat(),
            "createdDate": _stamp(),
        }
        if self.calendar_lag:
            self._unseen.add(schedule_id)
        return self._schedule_json(schedule_id)

    def _schedule_json(self, schedule_id: int) -> dict[str, Any]:
        schedule = self.state.schedules[schedule_id]
        return {
            "workoutScheduleId": schedule_id,
            "calendarDate": schedule["calendarDate"],
            "createdDate": schedule["createdDate"],
            "ownerId": self.owner_id,
            "race": False,
            "protected": False,
            "workout": copy.deepcopy(self.state.workouts[schedule["workoutId"]]),
        }

    def _schedule_workout(self, request: Request, workout_id: int) -> Response:
        """Not idempotent: the same POST twice puts two entries on the calendar."""
        if workout_id not in self.state.workouts:
            return _not_found()
        body = request.json() or {}
        try:
            day = date.fromisoformat(str(body.get("date")))
        except ValueError:
            return Response.of_json({"message": "Invalid date", "error": "BadRequest"}, 400)
        return Response.of_json(self._schedule(workout_id, day))

    def _get_schedule(self, request: Request, schedule_id: int) -> Response:
        if schedule_id not in self.state.schedules:
            return _not_found()
        return Response.of_json(self._schedule_json(schedule_id))

    def _delete_schedule(self, request: Request, schedule_id: int) -> Response:
        if schedule_id not in self.state.schedules:
            return _not_found()
        del self.state.schedules[schedule_id]
        return Response(204)

    def _calendar_month(self, request: Request, year: int, month0: int) -> Response:
        if not 0 <= month0 <= 11:
            return Response.of_json({"message": "Invalid month", "error": "BadRequest"}, 400)
        first = date(year, month0 + 1, 1)
        following = date(year + (month0 == 11), (month0 + 1) % 12 + 1, 1)
        # Seven days of each neighbouring month appear too, as in the recorded October 2023
        # (2023-09-24 to 2023-11-07; fixtures/garmin/calendar-month-2023-09.json).
        grid_start = first - timedelta(days=PADDING_DAYS)
        grid_end = following + timedelta(days=PADDING_DAYS - 1)
        items = []
        for schedule_id, s in sorted(self.state.schedules.items()):
            day = date.fromisoformat(s["calendarDate"])
            if schedule_id in self._unseen and grid_start <= day <= grid_end:
                self._unseen.discard(schedule_id)  # listed from the next read on
                continue
            if grid_start <= day <= grid_end:
                workout = self.state.workouts[s["workoutId"]]
                items.append(
                    {
                        "id": schedule_id,
                        "itemType": "workout",
                        "date": s["calendarDate"],
                        "title": workout.get("workoutName"),
                        "workoutId": s["workoutId"],
                        "trainingPlanId": 0,
                        "workoutUuid": None,
                        "sportTypeKey": workout["sportType"]["sportTypeKey"],
                        # The recorded month's workout items carry no duration or distance.
                        "duration": None,
                        "distance": None,
                        "protectedWorkoutSchedule": False,
                    }
                )
        items.extend(
            copy.deepcopy(c.item) for c in self.state.extra_items if grid_start <= c.day <= grid_end
        )
        return Response.of_json(
            {
                "startDayOfMonth": (first.weekday() + 1) % 7,
                "numOfDaysInMonth": (following - first).days,
                "numOfDaysInPrevMonth": (first - (first - timedelta(days=1)).replace(day=1)).days,
                "month": month0,
                "year": year,
                "calendarItems": items,
            }
        )

    # activities
    def _activities(self, request: Request) -> Response:
        start = int(request.arg("start", "0") or 0)
        limit = int(request.arg("limit", "20") or 20)
        first = request.arg("startDate")
        last = request.arg("endDate")
        kind = request.arg("activityType")
        sub_type = request.arg("activitySubType")
        if (
            kind
            and kind not in PARENT_TYPES.values()
            and ACTIVITY_TYPES.get(kind, (0, "", 17))[2] != 17
        ):
            return Response.of_json(
                {"message": "Activity type cannot be an activity sub type", "error": "BadRequest"},
                400,
            )
        rows = []
        for activity in sorted(
            self.state.activities.values(), key=lambda a: a.summary["startTimeLocal"], reverse=True
        ):
            day = activity.summary["startTimeLocal"][:10]
            if (first and day < first) or (last and day > last):
                continue
            activity_type = activity.summary["activityType"]
            parent = PARENT_TYPES.get(activity_type["parentTypeId"])
            if kind and kind not in (activity_type["typeKey"], parent):
                continue
            if sub_type and activity_type["typeKey"] != sub_type:
                continue
            rows.append(activity.summary)
        return Response.of_json(rows[start : start + limit])

    def _exercise_sets(self, request: Request, activity_id: int) -> Response:
        activity = self.state.activities.get(activity_id)
        if activity is None:
            return _not_found()
        return Response.of_json(
            activity.exercise_sets or {"activityId": activity_id, "exerciseSets": None}
        )

    def _download(self, request: Request, activity_id: int) -> Response:
        activity = self.state.activities.get(activity_id)
        if activity is None or activity.fit is None:
            return _not_found()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(f"{activity_id}_ACTIVITY.fit", activity.fit)
        return Response(200, buffer.getvalue(), {"Content-Type": "application/x-zip-compressed"})


def _not_found() -> Response:
    return Response.of_json(NOT_FOUND, 404)


def _later_stamp(previous: str | None, now: str) -> str:
    """An update always moves updatedDate on, even twice within a second."""
    if previous is None or now > previous:
        return now
    moment = datetime.strptime(previous, "%Y-%m-%dT%H:%M:%S.0") + timedelta(seconds=1)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.0")


def _renumber(
    steps: list[dict[str, Any]],
    order: Iterator[int],
    ids: Iterator[int],
    groups: Iterator[int],
    group: int | None,
) -> None:
    """As Garmin answers a saved workout: stepOrder one flat 1..N counter, a stepId each, and
    childStepId counting the repeat groups 1, 2, ... (a group's steps carry its number)."""
    for step in steps:
        step["stepOrder"] = next(order)
        step["stepId"] = next(ids)
        if step.get("type") == "RepeatGroupDTO":
            inner = next(groups)
            step["childStepId"] = inner
            _renumber(step.get("workoutSteps", []), order, ids, groups, inner)
        else:
            step["childStepId"] = group


def _list_item(workout: dict[str, Any]) -> dict[str, Any]:
    """A workout as the library list shows it: no steps, and ``updateDate`` (not updatedDate)."""
    item = {k: v for k, v in workout.items() if k not in ("workoutSegments", "updatedDate")}
    item["updateDate"] = workout["updatedDate"]
    return copy.deepcopy(item)


def _activity_type(type_key: str) -> dict[str, Any]:
    type_id, key, parent = ACTIVITY_TYPES.get(type_key, (4, type_key, 17))
    return {
        "typeId": type_id,
        "typeKey": key,
        "parentTypeId": parent,
        "isHidden": False,
        "restricted": False,
        "trimmable": True,
    }


# ----------------------------------------------------------------------------- strictness
def validate_workout(body: Any) -> str | None:
    """What Garmin answers 400 to, as seen by other projects; None when the workout is fine."""
    if not isinstance(body, dict):
        return "Invalid workout"
    sport = body.get("sportType") or {}
    sport_id, sport_key = sport.get("sportTypeId"), sport.get("sportTypeKey")
    if SPORTS.get(sport_id) != sport_key:
        return f"Invalid sport type {sport_id}/{sport_key}"
    segments = body.get("workoutSegments") or []
    if not segments:
        return "Workout has no segments"
    if any(not _estimate_consistent(part) for part in (body, *segments)):
        return ESTIMATE_REFUSED
    orders: list[int] = []
    for segment in segments:
        problem = _validate_steps(segment.get("workoutSteps") or [], sport_key, orders)
        if problem:
            return problem
    if sorted(orders) != list(range(1, len(orders) + 1)) or len(set(orders)) != len(orders):
        return "Invalid step order"
    return None


def _estimate_consistent(part: dict[str, Any]) -> bool:
    """An estimate (a duration or distance above 0) needs its ``estimateType``: every accepted
    create on record sends 0, 0 and null, or a typed estimate (a segment's TIME_ESTIMATED or
    DISTANCE_ESTIMATED); a non-zero estimate with a null type is the recorded 400."""
    estimate = [part.get("estimatedDurationInSecs"), part.get("estimatedDistanceInMeters")]
    given = any(isinstance(v, int | float) and not isinstance(v, bool) and v > 0 for v in estimate)
    return not given or part.get("estimateType") is not None


def _validate_steps(steps: list[dict[str, Any]], sport: str, orders: list[int]) -> str | None:
    from garminconnect import exercises

    valid = {(e["category"], e["exercise"]) for e in exercises.EXERCISES}
    categories = set(exercises.CATEGORIES)
    for step in steps:
        order = step.get("stepOrder")
        if not isinstance(order, int):
            return "Invalid step order"
        orders.append(order)
        if step.get("type") == "RepeatGroupDTO":
            condition = (step.get("endCondition") or {}).get("conditionTypeKey")
            iterations = step.get("numberOfIterations")
            if condition != "iterations" or not isinstance(iterations, int) or iterations < 1:
                return "Invalid repeat group end condition"
            if float(step.get("endConditionValue") or 0) != float(iterations):
                return "Repeat group end condition does not match numberOfIterations"
            problem = _validate_steps(step.get("workoutSteps") or [], sport, orders)
            if problem:
                return problem
            continue
        category = step.get("category")
        if sport == "strength_training" and step.get("stepType", {}).get("stepTypeKey") in (
            "interval",
            "warmup",
            "cooldown",
        ):
            if category is None:
                continue
            if category not in categories:
                return "Invalid category"
            name = step.get("exerciseName")
            if name and (category, name) not in valid:
                # Garmin keeps the step but drops a name its catalog does not know.
                step["exerciseName"] = ""
    return None


# ----------------------------------------------------------------------------- running shapes
def _cond(key: str, value: float) -> dict[str, Any]:
    return {
        "endCondition": {
            "conditionTypeId": CONDITIONS[key],
            "conditionTypeKey": key,
            "displayOrder": CONDITIONS[key],
            "displayable": key != "iterations",
        },
        "endConditionValue": value,
    }


def _step(
    kind: str,
    condition: str,
    value: float,
    target: dict[str, Any] | None = None,
    low: float | None = None,
    high: float | None = None,
    zone: int | None = None,
    description: str | None = None,
) -> dict[str, Any]:
    return {
        "type": "ExecutableStepDTO",
        "stepOrder": 0,
        "stepType": {
            "stepTypeId": STEP_TYPES[kind],
            "stepTypeKey": kind,
            "displayOrder": STEP_TYPES[kind],
        },
        **_cond(condition, value),
        "targetType": target or NO_TARGET,
        "targetValueOne": low,
        "targetValueTwo": high,
        "zoneNumber": zone,
        "description": description,
    }


def _repeat(times: int, steps: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "type": "RepeatGroupDTO",
        "stepOrder": 0,
        "stepType": {"stepTypeId": 6, "stepTypeKey": "repeat", "displayOrder": 6},
        "numberOfIterations": times,
        "workoutSteps": steps,
        **_cond("iterations", float(times)),
        "smartRepeat": False,
    }


def running_segments(kind: str) -> list[dict[str, Any]]:
    """The one segment of a running workout of ``kind`` (to edit a workout into another)."""
    steps, _ = _running_steps(kind)
    return [
        {
            "segmentOrder": 1,
            "sportType": {"sportTypeId": 1, "sportTypeKey": "running"},
            "workoutSteps": steps,
        }
    ]


def _running_steps(kind: str) -> tuple[list[dict[str, Any]], str]:
    warm = _step("warmup", "time", 900.0)
    cool = _step("cooldown", "time", 600.0)
    easy_pace = (2.6, 2.9)  # m/s, about 5:45-6:25 /km
    if kind == "intervals":
        return [
            warm,
            _repeat(
                6,
                [
                    _step("interval", "distance", 800.0, PACE_ZONE, 4.4, 4.6),
                    _step("recovery", "time", 120.0),
                ],
            ),
            cool,
        ], "6 x 800 m"
    if kind == "hr_intervals":
        return [
            warm,
            _repeat(
                5,
                [
                    _step("interval", "time", 180.0, HR_ZONE, zone=5),
                    _step("recovery", "time", 120.0, HR_ZONE, zone=1),
                ],
            ),
            cool,
        ], "VO2 5 x 3 min"
    if kind == "tempo":
        return [warm, _step("interval", "time", 1500.0, PACE_ZONE, 3.9, 4.1), cool], "Tempo 25"
    if kind == "long":
        return [_step("interval", "distance", 24000.0, PACE_ZONE, *easy_pace)], "Sunday long run"
    if kind == "easy_strides":
        return [
            _step("interval", "time", 2400.0, PACE_ZONE, *easy_pace),
            _repeat(6, [_step("interval", "time", 20.0), _step("recovery", "time", 60.0)]),
        ], "Easy + strides"
    if kind == "easy":
        return [_step("interval", "time", 2700.0, HR_ZONE, zone=2)], "Easy 45'"
    raise ValueError(f"unknown running workout kind {kind!r}")
