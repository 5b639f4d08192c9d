"""The one door to Garmin Connect: saved tokens, the cool-off, error mapping, request counts.

Built from the token store ``runlift login garmin`` wrote; a password is never used here. The
tokens are loaded into garminconnect's client without ``Garmin.login()``, which would spend two
profile requests on every sync that the workout and calendar calls do not need; the client
refreshes the access token itself (15 minutes before expiry, and once on a 401) and rewrites the
store.

Every call has one deadline (``garmin.timeout_seconds``, ``limits.REMOTE_CALL_S`` by default)
for all its requests, retries, redirects, headers and bodies included, and every answer is read
within runlift's limits before garminconnect sees it (``runlift.sync.bounded_requests``).

Every call first asks ``sync.cooloff`` whether Garmin is cooling off. A 429 records the cool-off
(Retry-After, else ``garmin.cooloff_minutes``) and raises ``RateLimited`` at once. Reads are
retried on 5xx and network errors by garminconnect itself, a bounded number of times with
backoff; writes are never retried here (see ``sync.engine.apply``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from runlift.sync import clock, contact, cooloff, limits, network, own_files, paths
from runlift.sync.bounded_requests import AnswerRefused, arm
from runlift.sync.config import Config
from runlift.sync.deadline import Deadline
from runlift.sync.errors import AuthRequired, RateLimited
from runlift.sync.targets.garmin.calendar import as_id
from runlift.sync.targets.garmin.errors import (
    SERVICE,
    GarminRejected,
    GarminUnavailable,
    NotFound,
    WriteUncertain,
)

if TYPE_CHECKING:
    from garminconnect import Garmin

# Garmin's activity search refuses a sub-type as activityType (400 "Activity type cannot be an
# activity sub type"): strength_training is searched through its parent type and kept here.
STRENGTH_TYPE = "strength_training"
STRENGTH_PARENT_TYPE = "fitness_equipment"
LOGIN_HINT = "run `runlift login garmin`"


class GarminClient:
    def __init__(
        self,
        api: Garmin,
        *,
        cooloff_minutes: int = 60,
        now: Callable[[], datetime] = clock.now,
        call_s: float = limits.REMOTE_CALL_S,
    ) -> None:
        self.api = api
        self.cooloff_s = cooloff_minutes * 60
        self.now = now
        self.call_s = call_s
        # Calls by name, and HTTP requests actually sent (a paged read sends several).
        self.calls: Counter[str] = Counter()
        self.sent: Counter[str] = Counter()
        self._refresh_tried = False
        # garminconnect sends every API call through this one requests.Session (0.3.20 pinned).
        session = getattr(getattr(api, "client", None), "_api_session", None)
        self._session: Any = session
        if session is not None:
            session.hooks["response"].append(self._count)

    @classmethod
    def from_token_store(cls, config: Config) -> GarminClient:
        cooloff.check(SERVICE, clock.now())
        quiet_library_logs()
        from garminconnect import Garmin, GarminConnectConnectionError

        settings = config.garmin
        api = Garmin(
            retry_attempts=settings.read_retries,
            retry_min_wait=settings.retry_wait_seconds,
            retry_max_wait=max(settings.retry_wait_seconds, settings.retry_wait_seconds * 8),
        )
        store = paths.garmin_token_dir()
        token_file = store / "garmin_tokens.json"
        try:
            tokens = own_files.read_json(token_file, own_files.mapping, "Garmin Connect sign-in")
        except own_files.DamagedOwnFile as exc:
            raise AuthRequired(
                f"{token_file}: the saved Garmin Connect sign-in cannot be used ({exc.reason}): "
                f"{LOGIN_HINT}"
            ) from None
        if tokens is None:
            raise AuthRequired(f"not signed in to Garmin Connect: {LOGIN_HINT}")
        try:
            api.client.load(str(store))
        except GarminConnectConnectionError:
            raise AuthRequired(
                f"the saved Garmin Connect sign-in in {store} cannot be read: {LOGIN_HINT}"
            ) from None
        return cls(api, cooloff_minutes=settings.cooloff_minutes, call_s=settings.timeout_seconds)

    # -- reads

    def calendar_month(self, year: int, month: int) -> dict[str, Any]:
        answer = self.read("calendar-month", self.api.get_scheduled_workouts, year, month)
        return answer if isinstance(answer, dict) else {}

    def workout(self, workout_id: int) -> dict[str, Any]:
        answer = self.read("workout", self.api.get_workout_by_id, workout_id)
        if not isinstance(answer, dict):
            raise NotFound(f"workout {workout_id}")
        return answer

    def schedule_entry(self, schedule_id: int) -> dict[str, Any]:
        answer = self.read("schedule", self.api.get_scheduled_workout_by_id, schedule_id)
        if not isinstance(answer, dict):
            raise NotFound(f"calendar entry {schedule_id}")
        return answer

    def workout_list(self, start: int, limit: int) -> list[dict[str, Any]]:
        return _items(self.read("workout-list", self.api.get_workouts, start, limit))

    def strength_activities(self, start: date, end: date) -> list[dict[str, Any]]:
        answer = self.read(
            "activities",
            self.api.get_activities_by_date,
            start.isoformat(),
            end.isoformat(),
            STRENGTH_PARENT_TYPE,
        )
        return [item for item in _items(answer) if activity_type(item) == STRENGTH_TYPE]

    def exercise_sets(self, activity_id: int) -> dict[str, Any]:
        answer = self.read("exercise-sets", self.api.get_activity_exercise_sets, activity_id)
        return answer if isinstance(answer, dict) else {}

    def original_file(self, activity_id: int) -> bytes:
        from garminconnect import Garmin

        answer = self.read(
            "download",
            self.api.download_activity,
            str(activity_id),
            Garmin.ActivityDownloadFormat.ORIGINAL,
        )
        return bytes(answer) if isinstance(answer, (bytes, bytearray)) else b""

    def workout_fit(self, workout_id: int) -> bytes:
        answer = self.read("workout-fit", self.api.download_workout, workout_id)
        return bytes(answer) if isinstance(answer, (bytes, bytearray)) else b""

    # -- writes

    def create_workout(self, payload: dict[str, Any]) -> int:
        answer = self._write("create-workout", self.api.upload_workout, payload)
        workout_id = as_id(answer.get("workoutId")) if isinstance(answer, dict) else None
        if workout_id is None:
            raise WriteUncertain("Garmin Connect answered a new workout without its id")
        return workout_id

    def delete_workout(self, workout_id: int) -> None:
        self._write("delete-workout", self.api.delete_workout, workout_id)

    def schedule(self, workout_id: int, day: date) -> int:
        answer = self._write("schedule", self.api.schedule_workout, workout_id, day.isoformat())
        schedule_id = as_id(answer.get("workoutScheduleId")) if isinstance(answer, dict) else None
        if schedule_id is None:
            raise WriteUncertain("Garmin Connect answered a calendar entry without its id")
        return schedule_id

    def unschedule(self, schedule_id: int) -> None:
        self._write("unschedule", self.api.unschedule_workout, schedule_id)

    # -- the door

    def _count(self, response: Any, *args: Any, **kwargs: Any) -> None:
        self.sent[response.request.method] += 1

    @property
    def requests_sent(self) -> int:
        return sum(self.sent.values()) or sum(self.calls.values())

    def check_cooloff(self) -> None:
        cooloff.check(SERVICE, self.now())

    def read(self, name: str, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Any garminconnect read, with the cool-off, 429, sign-in and error mapping above."""
        return self._call(name, False, call, *args, **kwargs)

    def _write(self, name: str, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return self._call(name, True, call, *args, **kwargs)

    def _call(
        self, name: str, write: bool, call: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> Any:
        import requests
        from garminconnect import (
            GarminConnectAuthenticationError,
            GarminConnectConnectionError,
            GarminConnectNotFoundError,
            GarminConnectTooManyRequestsError,
        )

        self.check_cooloff()
        self.calls[name] += 1
        what = f"Garmin Connect ({name})"
        if self._session is not None:
            arm(self._session)
        deadline = Deadline(self.call_s)
        try:
            with deadline:
                answer = call(*args, **kwargs)
        except AnswerRefused as exc:
            raise self._unread(what, write, deadline, exc) from None
        except GarminConnectTooManyRequestsError as exc:
            raise self._rate_limited(exc) from None
        except GarminConnectAuthenticationError:
            if not self._refreshed_after_401():
                raise AuthRequired(
                    f"Garmin Connect refused the saved sign-in (expired or revoked): {LOGIN_HINT}"
                ) from None
        except GarminConnectNotFoundError:
            raise NotFound(what) from None
        except GarminConnectConnectionError as exc:
            # garminconnect wraps what runlift's answer reader refused (with its response).
            refused = _cause(exc, AnswerRefused)
            if refused is not None or deadline.expired or _cause(exc, requests.TooManyRedirects):
                raise self._unread(what, write, deadline, refused or exc) from None
            status = _status(exc)
            if status == 429:
                raise self._rate_limited(exc) from None
            if status in (401, 403):
                raise AuthRequired(
                    f"Garmin Connect refused the saved sign-in (HTTP {status}): {LOGIN_HINT}"
                ) from None
            if status is not None and 400 <= status < 500:
                raise GarminRejected(f"{what} refused the request: {exc}", status) from None
            raise _unanswered(what, write, exc, status) from None
        except requests.RequestException as exc:
            if deadline.expired or isinstance(exc, requests.TooManyRedirects):
                raise self._unread(what, write, deadline, exc) from None
            raise _unanswered(what, write, exc, None) from None
        else:
            contact.answered(SERVICE, self.now())
            return answer
        # A 401 whose token runlift refreshed itself: the request was refused, not processed,
        # so it is sent again, once.
        return self._call(name, write, call, *args, **kwargs)

    def _unread(
        self, what: str, write: bool, deadline: Deadline, exc: BaseException
    ) -> GarminUnavailable | WriteUncertain:
        """An answer runlift did not read: the call's deadline passed (a server dripping its
        answer, a slow redirect chain), too many redirects, or an answer past the limits."""
        import requests

        if deadline.expired:
            reason = f"timed out after {self.call_s:g} s"
        elif isinstance(exc, AnswerRefused):
            reason = f"its answer {exc}"
        elif _cause(exc, requests.TooManyRedirects):
            reason = f"it redirected more than {limits.REDIRECTS} times"
        else:
            reason = "an answer runlift cannot read"
        return WriteUncertain(f"{what}: {reason}") if write else GarminUnavailable(reason)

    def _refreshed_after_401(self) -> bool:
        """garminconnect refreshes an expired token itself, but swallows a failed refresh and
        reports the 401: a refresh that met a passing 5xx would read as a revoked sign-in (and
        pause the daemon until the athlete signs in again). So runlift refreshes once more
        itself: True if that worked, False if Garmin no longer accepts the sign-in, and
        ``GarminUnavailable`` or ``RateLimited`` if the sign-in service did not answer."""
        from garminconnect import GarminConnectAuthenticationError

        client = getattr(self.api, "client", None)
        if self._refresh_tried or client is None:
            return False
        self._refresh_tried = True
        kept = "the saved sign-in is kept"
        answers: list[Any] = []
        post = client._di_token_post  # garminconnect 0.3.20 (pinned): the refresh's one POST

        def watched(*args: Any, **kwargs: Any) -> Any:
            answers.append(post(*args, **kwargs))
            return answers[-1]

        client._di_token_post = watched
        try:
            client._refresh_di_token()
        except GarminConnectAuthenticationError as exc:
            status = getattr(answers[-1], "status_code", None) if answers else None
            if status == 429:
                raise self._rate_limited(exc) from None
            if isinstance(status, int) and status >= 500:
                raise GarminUnavailable(network.server_error(status), kept) from None
            return False
        except Exception as exc:  # network errors of requests or curl_cffi
            reason = network.unreachable_reason(exc) or "an answer runlift cannot read"
            raise GarminUnavailable(reason, kept) from None
        finally:
            del client._di_token_post
        client._persist_tokens()
        return True

    def _rate_limited(self, exc: BaseException) -> RateLimited:
        now = self.now()
        until = cooloff.record(
            SERVICE,
            now,
            retry_after_s(exc, now),
            self.cooloff_s,
            why="Garmin Connect answered 429 Too Many Requests",
        )
        return RateLimited(
            f"Garmin Connect asked runlift to slow down (HTTP 429); runlift stopped and will not "
            f"call it again until {cooloff.local_time(until)}"
        )


def quiet_library_logs() -> None:
    """garminconnect logs failed calls with tracebacks; runlift reports them in one line."""
    import logging

    library = logging.getLogger("garminconnect")
    if not any(isinstance(h, logging.NullHandler) for h in library.handlers):
        library.addHandler(logging.NullHandler())


def activity_type(item: dict[str, Any]) -> str | None:
    kind = item.get("activityType")
    return kind.get("typeKey") if isinstance(kind, dict) else None


def _unanswered(
    what: str, write: bool, exc: BaseException, status: int | None
) -> GarminUnavailable | WriteUncertain:
    """No usable answer: for a read, or a write that cannot have been sent (no connection was
    made), Garmin Connect is unreachable; a write that may have landed is uncertain."""
    if status is not None and status >= 500:
        reason = network.server_error(status)
    else:
        reason = network.unreachable_reason(exc) or "an answer runlift cannot read"
    if write and not network.never_sent(exc):
        return WriteUncertain(f"{what}: {reason}")
    return GarminUnavailable(reason)


def _cause[E: BaseException](exc: BaseException, kind: type[E]) -> E | None:
    """``exc`` or the first of its causes that is a ``kind``."""
    current: BaseException | None = exc
    for _ in range(10):
        if current is None:
            return None
        if isinstance(current, kind):
            return current
        current = current.__cause__ or current.__context__
    return None


def _items(answer: Any) -> list[dict[str, Any]]:
    """The objects of a list answer: the workout list and the activity search answer a bare
    array (recorded); a wrapped one (``items``, ``workouts``) is read too."""
    if isinstance(answer, list):
        return [item for item in answer if isinstance(item, dict)]
    if isinstance(answer, dict):
        for key in ("items", "workouts"):
            if isinstance(answer.get(key), list):
                return [item for item in answer[key] if isinstance(item, dict)]
    return []


def _responses(exc: BaseException) -> list[Any]:
    seen: list[Any] = []
    current: BaseException | None = exc
    while current is not None and len(seen) < 10:
        response = getattr(current, "response", None)
        if response is not None:
            seen.append(response)
        current = current.__cause__ or current.__context__
    return seen


def _status(exc: BaseException) -> int | None:
    for response in _responses(exc):
        status = getattr(response, "status_code", None)
        if isinstance(status, int):
            return status
    return None


def retry_after_s(exc: BaseException, now: datetime) -> float | None:
    """The Retry-After of the answer behind ``exc`` (garminconnect wraps the response)."""
    for response in _responses(exc):
        headers = getattr(response, "headers", None) or {}
        value = headers.get("Retry-After")
        if value is not None:
            return cooloff.retry_after_s(value, now)
    return None
