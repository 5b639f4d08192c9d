"""COROS Training Hub as a target of the sync engine (``runlift.sync.engine.target.Target``).

COROS keeps a workout twice: in the library (a program, its id the workout's ref) and on the
calendar, where each entry holds its own copy of the program (its ref the entry's plan id, slot
and program slot, as text). runlift's programs and entries are those whose description carries
runlift's marker, or whose ids the ledger recorded making (that the calendar's copy keeps the
description as sent is not yet seen on a real account); an entry is the calendar entry of the
library program with the same marker. An entry whose program is gone from the library is still
runlift's: it stands for a workout with no library program (ref ``calendar:KEY#HASH``), which
is moved or removed like any other and has nothing to delete.

One steady sync reads the library and the calendar window: two requests. A create's lost
answer is found by the marker in the library; a lost schedule at the slot it was sent to (or by
the marker) on its day; a removal by looking at the library or the day.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence, Set
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, Self

from runlift.sync.engine.remote import (
    RemoteSchedule,
    RemoteView,
    RemoteWorkout,
    Window,
    ref_order,
)
from runlift.sync.state import OwnedWorkout
from runlift.sync.targets.coros.catalogue import exercises_by_runlift_name
from runlift.sync.targets.coros.client import CalendarEntry, CorosClient, EntryRef
from runlift.sync.targets.coros.login import login_coros
from runlift.sync.targets.coros.port import CorosPort
from runlift.sync.targets.coros.session import end_session, require_session
from runlift.sync.targets.coros.settings import CorosSettings, coros_settings
from runlift.workouts.coros_payload import CorosWorkout, coros_workout
from runlift.workouts.garmin_marker import Marker, parse_marker
from runlift.workouts.session import Session
from runlift.workouts.session_key import SessionKey

if TYPE_CHECKING:
    from runlift.sync.config import Config
    from runlift.sync.engine.desired import DesiredWorkout
    from runlift.sync.engine.target import EncodedWorkout

NAME = "coros"
# The ref of a workout that is only on the calendar (its library program is gone).
CALENDAR_ONLY = "calendar:"


class CorosTarget:
    name = NAME
    title = "COROS Training Hub"
    # runlift.sync.plugins: the [targets.coros] table and `runlift login coros`.
    settings = CorosSettings
    login = staticmethod(login_coros)

    def __init__(self, client: CorosPort | None = None, config: Config | None = None) -> None:
        self._client = client
        self._config = config
        # What each workout ref carries (its marker), as last listed or made.
        self._markers: dict[str, Marker] = {}

    @classmethod
    def from_config(cls, config: Config, **_: Any) -> Self:
        return cls(config=config)

    @cached_property
    def client(self) -> CorosPort:
        """Opened when first used, so a missing sign-in stops this target alone."""
        if self._client is not None:
            return self._client
        assert self._config is not None
        settings = coros_settings(self._config)
        return CorosClient(
            require_session(),
            timeout_s=settings.timeout_seconds,
            cooloff_s=settings.cooloff_minutes * 60,
            on_token_refused=lambda refused: end_session(refused.access_token),
        )

    @property
    def calls(self) -> Counter[str]:
        return self.client.calls if self._opened else Counter()

    @property
    def requests_sent(self) -> int:
        return self.client.requests_sent if self._opened else 0

    @property
    def _opened(self) -> bool:
        return self._client is not None or "client" in self.__dict__

    # -- what runlift owns

    def encode(self, session: Session, day: date) -> CorosWorkout:
        return coros_workout(session, day, exercises_by_runlift_name())

    def owned(
        self, window: Window, known: Mapping[str, OwnedWorkout], *, lost_state: bool
    ) -> RemoteView:
        programs: dict[str, Marker] = {}
        names: dict[str, str] = {}
        for program in self.client.library():
            marker = parse_marker(_text(program.get("overview")))
            ref = _text(program.get("id"))
            if marker is None and ref in known:
                marker = _marker_of(known[ref])
            if marker is not None and ref:
                programs[ref] = marker
                names[ref] = str(program.get("name") or "")
        calendar = self.client.calendar(window.look_back, window.look_ahead)
        by_entry = {w.entry_ref: w for w in known.values() if w.entry_ref}
        prior: set[SessionKey] = set()
        later: set[str] = set()
        entries: dict[Marker, list[RemoteSchedule]] = defaultdict(list)
        for entry in calendar.entries:
            marker = _entry_marker(entry, by_entry)
            if marker is None:
                continue
            if entry.day < window.start:
                prior.add(marker.key)
            elif entry.day > window.end:
                later.add(str(entry.ref))
            else:
                entries[marker].append(RemoteSchedule(str(entry.ref), entry.day))
                names.setdefault(_calendar_ref(marker), entry.name)
        # Which workout holds a marker's entries: its oldest library program, else the calendar.
        holder: dict[Marker, str] = {}
        for ref in sorted(programs, key=ref_order):
            holder.setdefault(programs[ref], ref)
        for marker in entries:
            if marker not in holder:
                holder[marker] = _calendar_ref(marker)
                programs[holder[marker]] = marker
        self._markers.update(programs)
        workouts = []
        for ref, marker in sorted(programs.items(), key=lambda item: ref_order(item[0])):
            schedules = entries.get(marker, []) if holder[marker] == ref else []
            if not schedules and not window.start <= marker.day <= window.end:
                continue  # runlift's, but another window's: left alone
            workouts.append(
                RemoteWorkout(
                    workout_ref=ref,
                    key=marker.key,
                    label=marker.label,
                    content_hash=marker.content_hash,
                    schedules=tuple(sorted(schedules, key=lambda s: (s.day, s.entry_ref))),
                    name=names.get(ref, ""),
                )
            )
        return RemoteView(tuple(workouts), scheduled_later=len(later), prior=tuple(sorted(prior)))

    # -- writes

    def create(self, workout: EncodedWorkout) -> str:
        coros = _coros(workout)
        ref = self.client.create(coros)
        self._markers[ref] = coros.marker
        return ref

    def schedule(self, workout_ref: str, workout: EncodedWorkout, day: date) -> str:
        return str(self.client.schedule(_coros(workout).program, day))

    def unschedule(self, workout_ref: str, entry: RemoteSchedule) -> None:
        self.client.unschedule(EntryRef.parse(entry.entry_ref), entry.day)

    def delete(self, workout_ref: str) -> None:
        if not workout_ref.startswith(CALENDAR_ONLY):
            self.client.delete(workout_ref)

    # -- read-backs

    def find_created(self, workout: EncodedWorkout, exclude: Set[str]) -> str | None:
        coros = _coros(workout)
        found = sorted(
            (r for r in self.client.find(coros.marker) if r not in exclude), key=ref_order
        )
        if found:
            self._markers[found[0]] = coros.marker
        return found[0] if found else None

    def find_entry(self, workout_ref: str, day: date) -> str | None:
        sent = self.client.last_scheduled
        slot = sent[1] if sent is not None and sent[0] == day else None
        marker = self._markers.get(workout_ref)
        for entry in self.client.calendar(day, day).entries:
            if entry.ref.id_in_plan == slot or (marker is not None and entry.marker == marker):
                return str(entry.ref)
        return None

    def entry_gone(self, workout_ref: str, entry: RemoteSchedule) -> bool:
        ref = EntryRef.parse(entry.entry_ref)
        return all(e.ref != ref for e in self.client.calendar(entry.day, entry.day).entries)

    def workout_gone(self, workout_ref: str) -> bool:
        if workout_ref.startswith(CALENDAR_ONLY):
            return True
        return self.client.library_program(workout_ref) is None

    def after_sync(self, desired: Sequence[DesiredWorkout], *, dry_run: bool) -> list[str]:
        return []


def _entry_marker(entry: CalendarEntry, by_entry: Mapping[str, OwnedWorkout]) -> Marker | None:
    """runlift's marker on a calendar entry's program, or the ledger's for an entry it made."""
    marker = entry.marker
    if marker is None and str(entry.ref) in by_entry:
        marker = _marker_of(by_entry[str(entry.ref)])
    return marker


def _marker_of(owned: OwnedWorkout) -> Marker:
    return Marker(owned.day, owned.key.label, owned.content_hash)


def _calendar_ref(marker: Marker) -> str:
    return f"{CALENDAR_ONLY}{marker.key}#{marker.content_hash}"


def _coros(workout: EncodedWorkout) -> CorosWorkout:
    assert isinstance(workout, CorosWorkout), f"not a COROS workout: {workout!r}"
    return workout


def _text(value: object) -> str:
    return "" if value is None or isinstance(value, bool) else str(value).strip()
