"""A fake intervals.icu: the athlete's calendar events behind HTTP Basic auth with an API key.

Serves only what runlift calls and what is publicly recorded (tests/fakes/EVIDENCE.md):
``GET /api/v1/athlete/{id}/events?oldest=&newest=``. Events carry the fields of a recorded
answer; the helpers below build them with this fake's own values. Everything else is 404.
"""

from __future__ import annotations

import base64
import re
import uuid
from datetime import date, timedelta
from typing import Any

from tests.fakes.http import FakeService, Request, Response

ATHLETE_ID = "i424242"
# (method, path as EVIDENCE.md writes it, its recorded query parameters): the whole surface.
ROUTES: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("GET", "/api/v1/athlete/{id}/events", frozenset({"oldest", "newest"})),
)
_EVENTS = re.compile(r"^/api/v1/athlete/(?P<athlete>[^/]+)/events$")


def step(
    seconds: float | None = None,
    *,
    metres: float | None = None,
    text: str = "",
    warmup: bool = False,
    cooldown: bool = False,
    **target: dict[str, Any],
) -> dict[str, Any]:
    """One step as workout_doc holds it, e.g. ``step(600, pace=pct(70, "%pace"))``."""
    data: dict[str, Any] = {}
    if seconds is not None:
        data["duration"] = int(seconds)
    if metres is not None:
        data["distance"] = float(metres)
    if text:
        data["text"] = text
    if warmup:
        data["warmup"] = True
    if cooldown:
        data["cooldown"] = True
    data.update(target)
    return data


def pct(value: float, units: str) -> dict[str, Any]:
    return {"value": float(value), "units": units}


def span(start: float, end: float, units: str) -> dict[str, Any]:
    return {"start": float(start), "end": float(end), "units": units}


def repeat(reps: int, *steps: dict[str, Any]) -> dict[str, Any]:
    return {"reps": reps, "text": f"{reps}x", "steps": list(steps)}


def workout_doc(
    *steps: dict[str, Any],
    target: str = "PACE",
    threshold_pace: float | None = 3.7037036,
    lthr: int | None = 171,
) -> dict[str, Any]:
    """A running workout's doc as recorded: the athlete's ``lthr`` and ``threshold_pace`` (m/s)
    come with it; None leaves one out (an athlete without that threshold)."""
    duration = sum(_seconds(s) for s in steps)
    doc = {
        "duration": duration,
        "distance": 0,
        "lthr": lthr,
        "threshold_pace": threshold_pace,
        "pace_units": "MINS_KM",
        "target": target,
        "steps": list(steps),
        "options": {},
        "locales": [],
    }
    return {key: value for key, value in doc.items() if value is not None}


# Seconds per these metres: the absolute pace units intervals.icu stores (the unit the athlete
# writes: /km, /mi, /100m, /100y, /250m, /400m, /500m; see EVIDENCE.md).
PACE_UNITS = {
    "secs/km": 1000.0,
    "secs/mile": 1609.344,
    "secs/mi": 1609.344,
    "secs/100m": 100.0,
    "secs/100y": 91.44,
    "secs/250m": 250.0,
    "secs/400m": 400.0,
    "secs/500m": 500.0,
}


def pace(speed_mps: float, units: str, spread: float = 0.0) -> dict[str, Any]:
    """An absolute pace target for ``speed_mps``, as intervals.icu stores it: seconds per the
    unit's distance, a range written slower end first when ``spread`` (a share) is given."""
    seconds = PACE_UNITS[units] / speed_mps
    if not spread:
        return {"value": round(seconds, 1), "units": units}
    return {
        "start": round(seconds * (1 + spread / 2), 1),
        "end": round(seconds * (1 - spread / 2), 1),
        "units": units,
    }


def empty_doc() -> dict[str, Any]:
    """What a workout without steps carries (a Yoga or "Other" entry in the recording)."""
    return {
        "steps": [],
        "locales": [],
        "options": {},
        "distance": 0,
        "duration": 0,
        "average_watts": None,
        "variability_index": None,
    }


def _seconds(step: dict[str, Any]) -> int:
    if "reps" in step:
        return int(step["reps"]) * sum(_seconds(s) for s in step["steps"])
    return int(step.get("duration") or 0)


class FakeIntervals(FakeService):
    api_key = "fake-intervals-key-0123456789abcdef"

    def __init__(self) -> None:
        super().__init__()
        self.athlete_id = ATHLETE_ID
        # Athletes this key may read besides its owner (a coach's athletes).
        self.coached: set[str] = set()
        self.events: list[dict[str, Any]] = []

    # ----------------------------------------------------------------- seeding
    def add_event(
        self,
        day: date,
        name: str,
        *,
        category: str = "WORKOUT",
        type: str | None = "Run",
        description: str | None = None,
        moving_time: int | None = None,
        distance: float | None = None,
        workout_doc: dict[str, Any] | None = None,
        load: int | None = None,
        last_day: date | None = None,
        distance_target: float | None = None,
        time_target: int | None = None,
    ) -> dict[str, Any]:
        """An event with every field of the recorded answer (values are this fake's own).

        It covers ``day`` to ``last_day`` (default: ``day``): ``end_date_local`` is midnight
        after the last day, as the recorded one-day events end."""
        event_id = 50_000_000 + len(self.events)
        is_workout = category == "WORKOUT"
        doc = workout_doc if workout_doc is not None else (empty_doc() if is_workout else None)
        event = {
            "id": event_id,
            "start_date_local": f"{day.isoformat()}T00:00:00",
            "icu_training_load": load,
            "icu_atl": None,
            "icu_ctl": None,
            "type": type,
            "calendar_id": 1,
            "uid": str(uuid.UUID(int=event_id)),
            "athlete_id": self.athlete_id,
            "category": category,
            "end_date_local": f"{((last_day or day) + timedelta(days=1)).isoformat()}T00:00:00",
            "name": name,
            "description": description,
            "indoor": False,
            "color": None,
            "moving_time": moving_time,
            "icu_ftp": None,
            "atl_days": None,
            "ctl_days": None,
            "updated": "2026-11-01T08:00:00.000+00:00",
            "not_on_fitness_chart": False,
            "show_as_note": False,
            "show_on_ctl_line": False,
            "target": None,
            "joules": None,
            "joules_above_ftp": None,
            "workout_doc": doc,
            "push_errors": None,
            "athlete_cannot_edit": False,
            "hide_from_athlete": False,
            "structure_read_only": False,
            "created_by_id": self.athlete_id,
            "shared_event_id": None,
            "entered": False,
            "tags": None,
            "attachments": None,
            "oauth_client_id": None,
            "external_id": None,
            "load_target": None,
            "time_target": time_target,
            "distance_target": distance_target,
            "plan_athlete_id": None,
            "plan_folder_id": None,
            "plan_workout_id": None,
            "plan_applied": None,
            "distance": distance if distance is not None else (0.0 if is_workout else None),
            "icu_intensity": None,
            "plan_name": None,
            "paired_activity_id": None,
        }
        self.events.append(event)
        return event

    # ----------------------------------------------------------------- HTTP
    def unauthorized(self, request: Request) -> Response:
        # Spring's default error body; runlift reads only the status.
        return Response.of_json({"status": 401, "error": "Unauthorized", "path": request.path}, 401)

    def handle(self, request: Request) -> Response:
        match = _EVENTS.match(request.path)
        if request.method != "GET" or match is None:
            return Response.of_json({"status": 404, "error": "Not Found"}, 404)
        if not self._authorized(request):
            return self.unauthorized(request)
        athlete = match.group("athlete")
        if athlete not in ("0", self.athlete_id) and athlete not in self.coached:
            return Response.of_json({"status": 403, "error": "Forbidden"}, 403)
        owner = self.athlete_id if athlete == "0" else athlete
        try:
            oldest = date.fromisoformat(request.arg("oldest") or "")
            newest = date.fromisoformat(request.arg("newest") or "")
        except ValueError:
            return Response.of_json({"status": 400, "error": "oldest and newest required"}, 400)
        found = [
            event
            for event in self.events
            if event["athlete_id"] == owner
            and oldest <= date.fromisoformat(event["start_date_local"][:10]) <= newest
        ]
        return Response.of_json(found)

    def _authorized(self, request: Request) -> bool:
        header = request.headers.get("authorization", "")
        if not header.startswith("Basic "):
            return False
        try:
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        except ValueError:
            return False
        return user == "API_KEY" and password == self.api_key
