"""How long or how far a session is, read from its title ("Long run 18 km", "Easy 45'").

Repeats ("6 x 800 m") and paces ("5:10/km") are not the session's length and are skipped.
Of several lengths ("90-120 min") the largest counts.
"""

from __future__ import annotations

import re

from runlift.sync.planning.words import REPEATS, normalize

KM = 1000.0
MILE = 1609.344

_NUMBER = r"(\d+(?:[.,]\d+)?)"
_PACE = re.compile(r"\d+[:.]\d{2}\s*(min)?\s*(/|per |pro |par |por |al |a )\s*(km|mi|mile|k)\b")
_DISTANCE_KM = re.compile(rf"{_NUMBER}\s*(km|k|kilometers?|kilometres?|kilometer)\b")
_DISTANCE_MI = re.compile(rf"{_NUMBER}\s*(mi|miles?|meilen|mijl)\b")
_HOURS_MINUTES = re.compile(r"\b(\d{1,2})\s*h\s*(\d{2})\b")
_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})(?::(\d{2}))?(?!\s*(/|am|pm|uhr))\b")
_HOURS = re.compile(rf"{_NUMBER}\s*(h|hr|hrs|hours?|std|stunden?|heures?|horas?|ore|uur)\b")
_MINUTES = re.compile(
    rf"{_NUMBER}\s*(min|mins|minutes?|minuten|minutos|minuti|minuut|minuto|')(?![a-z])"
)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _plain(text: str) -> str:
    plain = normalize(text)
    plain = _PACE.sub(" ", plain)
    return REPEATS.sub(" ", plain)


def distance_m(text: str) -> float | None:
    plain = _plain(text)
    found = [_number(m.group(1)) * KM for m in _DISTANCE_KM.finditer(plain)]
    found += [_number(m.group(1)) * MILE for m in _DISTANCE_MI.finditer(plain)]
    return max(found) if found else None


def duration_s(text: str) -> float | None:
    plain = _plain(text)
    found: list[float] = []
    for match in _HOURS_MINUTES.finditer(plain):
        found.append(int(match.group(1)) * 3600 + int(match.group(2)) * 60)
    plain = _HOURS_MINUTES.sub(" ", plain)
    for match in _CLOCK.finditer(plain):
        hours, minutes, seconds = match.group(1), match.group(2), match.group(3)
        if seconds is not None:
            found.append(int(hours) * 3600 + int(minutes) * 60 + int(seconds))
        elif int(hours) <= 4:
            # "1:30" alone is hours and minutes, the way plans write a long run's length;
            # "7:30" is more likely a time of day.
            found.append(int(hours) * 3600 + int(minutes) * 60)
    plain = _CLOCK.sub(" ", plain)
    found += [_number(m.group(1)) * 3600 for m in _HOURS.finditer(plain)]
    found += [_number(m.group(1)) * 60 for m in _MINUTES.finditer(plain)]
    sensible = [s for s in found if 0 < s <= 12 * 3600]
    return max(sensible) if sensible else None
