"""How long or how far a session is, read from its title ("Long run 18 km", "Easy 45'").

Repeats ("6 x 800 m"), paces ("5:10/km") and race paces ("@ half marathon pace") are not the
session's length and are skipped. Of several lengths ("90-120 min") the largest counts.
Distances: km, k, miles, mi, a race's name ("half marathon distance"), the CJK units (公里,
キロ, 킬로), and Hal Higdon's "3 m run": a small number of m before a run word is miles (400 m
is never a whole run).
"""

from __future__ import annotations

import re
from functools import lru_cache

from runlift.sync.planning.words import RACE_PACE, REPEATS, normalize

KM = 1000.0
MILE = 1609.344

_NUMBER = r"(\d+(?:[.,]\d+)?)"
_PACE = re.compile(r"\d+[:.]\d{2}\s*(min)?\s*(/|per |pro |par |por |al |a )\s*(km|mi|mile|k)\b")
# Paces written with minute and second marks, as Chinese and Japanese plans do: "配速6'30"",
# "5'45"/km".
_MARKED_PACE = re.compile(
    r"(配速|pace|ペース|페이스)\s*[:：]?\s*\d+'\d{2}\"?|\d+'\d{2}\"?\s*/\s*(km|k|mi|公里)"
)
_DISTANCE_KM = re.compile(
    rf"{_NUMBER}\s*-?\s*(km|k|kilometers?|kilometres?|kilometer|kms|公里|千米|キロ|킬로|키로)(?![a-z])"
)
_DISTANCE_MI = re.compile(rf"{_NUMBER}\s*(mi|miles?|meilen|mijl|英里|マイル|마일)(?![a-z])")
# Higdon-style "3 m run", "5 m pace", "Run 4 m": miles, when the number is a run's length.
_HIGDON_MILES = re.compile(
    rf"(?<![\d.,x])\s*{_NUMBER}\s?m\s+(run|pace|easy|long|lsd|tempo|jog|recovery|steady)\b"
    rf"|\brun\s+{_NUMBER}\s?m$"
)
HIGDON_MAX_MILES = 30.0
HALF_MARATHON_M = 21_097.5
MARATHON_M = 42_195.0
_HALF_MARATHON = re.compile(
    r"\b(half[- ]?|halb|semi[- ]?|demi[- ]?|halve |medio |media |mezza |meia[- ]?)"
    r"marat[ho]on[ae]?\b"
    r"|半程(马拉松|馬拉松)|半马|半馬|ハーフマラソン|하프 ?마라톤"
)
_FULL_MARATHON = re.compile(
    r"\b(full )?marat[ho]on[ae]?\b|全程(马拉松|馬拉松)|全马|全馬|马拉松|馬拉松"
    r"|フルマラソン|マラソン"
    r"|풀 ?마라톤|풀코스|마라톤"
)
_HOURS_MINUTES = re.compile(r"\b(\d{1,2})\s*h\s*(\d{2})\b")
_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})(?::(\d{2}))?(?!\s*(/|am|pm|uhr))\b")
_HOURS = re.compile(rf"{_NUMBER}\s*(h|hr|hrs|hours?|std|stunden?|heures?|horas?|ore|uur)\b")
_MINUTES = re.compile(
    rf"{_NUMBER}\s*(min|mins|minutes?|minuten|minutos|minuti|minuut|minuto|'|分钟|分鐘|分|분)"
    r"(?![a-z])"
)
_CJK_HOURS = re.compile(rf"{_NUMBER}\s*(小时|小時|時間|시간)")


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _plain(text: str, race_pace: bool = True) -> str:
    plain = normalize(text)
    plain = _PACE.sub(" ", plain)
    plain = _MARKED_PACE.sub(" ", plain)
    if race_pace:
        plain = RACE_PACE.sub(" ", plain)
    return REPEATS.sub(" ", plain)


@lru_cache(maxsize=4096)
def distance_m(text: str) -> float | None:
    plain = _plain(text)
    found = [_number(m.group(1)) * KM for m in _DISTANCE_KM.finditer(plain)]
    found += [_number(m.group(1)) * MILE for m in _DISTANCE_MI.finditer(plain)]
    # "5 m pace" is five miles at marathon pace: read before race paces are taken out.
    for match in _HIGDON_MILES.finditer(_plain(text, race_pace=False)):
        miles = _number(match.group(1) or match.group(3))
        if 0 < miles <= HIGDON_MAX_MILES:
            found.append(miles * MILE)
    if not found:
        if _HALF_MARATHON.search(plain):
            found.append(HALF_MARATHON_M)
        elif _FULL_MARATHON.search(plain):
            found.append(MARATHON_M)
    return max(found) if found else None


@lru_cache(maxsize=4096)
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
    found += [_number(m.group(1)) * 3600 for m in _CJK_HOURS.finditer(plain)]
    found += [_number(m.group(1)) * 60 for m in _MINUTES.finditer(plain)]
    sensible = [s for s in found if 0 < s <= 12 * 3600]
    return max(sensible) if sensible else None
