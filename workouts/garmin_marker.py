"""The marker runlift writes into every workout it creates on Garmin Connect, and its parser.

An athlete's own workouts never carry it, so the marker alone says which remote workouts are
runlift's: what may be changed, and what a lost local state can be rebuilt from. It lives on the
last line of the workout's description: ``runlift:v1 key=2026-11-24/A hash=0123456789ab``.
The workout's name (``Runner Strength A · Tue 24 Nov``) is only a hint that a workout may be
runlift's; nothing is changed on the strength of the name alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from runlift.workouts.session import NAME_PREFIX
from runlift.workouts.session_key import SessionKey

MARKER_VERSION = "runlift:v1"
_MARKER = re.compile(
    r"runlift:v1 key=(?P<day>\d{4}-\d{2}-\d{2})/(?P<label>[A-Z]) hash=(?P<hash>[0-9a-f]{12})\b"
)
_NAME_HINT = re.compile(rf"^{re.escape(NAME_PREFIX)}[A-Z] · ")


@dataclass(frozen=True, order=True)
class Marker:
    day: date
    label: str
    content_hash: str

    @property
    def key(self) -> SessionKey:
        return SessionKey(self.day, self.label)

    def __str__(self) -> str:
        return f"{MARKER_VERSION} key={self.key} hash={self.content_hash}"


def session_key(day: date, label: str) -> SessionKey:
    """The identity of one planned session: its local date and its label."""
    return SessionKey(day, label)


def parse_marker(text: str | None) -> Marker | None:
    """The marker in a workout description, or None when the workout is not runlift's."""
    if not text:
        return None
    match = _MARKER.search(text)
    if match is None:
        return None
    try:
        day = date.fromisoformat(match["day"])
    except ValueError:
        return None
    return Marker(day=day, label=match["label"], content_hash=match["hash"])


def has_runlift_name(name: str | None) -> bool:
    """Whether a workout's name looks like one runlift gives (a hint, never proof)."""
    return bool(name) and _NAME_HINT.match(name or "") is not None
