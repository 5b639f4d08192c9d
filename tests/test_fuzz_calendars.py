"""Fuzz: calendars of valid structure with hostile values, read as `runlift plan` reads them."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from runlift.sync.errors import UserError
from runlift.sync.providers.ics import IcsProvider
from tests import fuzz

START, END = date(2026, 11, 23), date(2026, 12, 6)

years = st.one_of(st.integers(0, 9999), st.sampled_from([1899, 1900, 2026, 2999, 3000]))
months = st.integers(0, 13)
days = st.integers(0, 32)


@st.composite
def day_text(draw: st.DrawFn) -> str:
    return f"{draw(years):04d}{draw(months):02d}{draw(days):02d}"


@st.composite
def moment_text(draw: st.DrawFn) -> str:
    clock = f"T{draw(st.integers(0, 25)):02d}{draw(st.integers(0, 61)):02d}00"
    return draw(day_text()) + clock + draw(st.sampled_from(["", "Z"]))


durations = st.one_of(
    st.builds(lambda n, unit: f"P{n}{unit}", st.integers(0, 10**7), st.sampled_from("DW")),
    st.builds(lambda n, unit: f"PT{n}{unit}", st.integers(0, 10**9), st.sampled_from("HMS")),
    st.builds(lambda n: f"-P{n}D", st.integers(0, 10**6)),
)
zones = st.sampled_from(
    [
        "Europe/Berlin",
        "America/New_York",
        "Europe",
        "Mars/Olympus",
        "../../../etc/passwd",
        "/usr/share/zoneinfo/UTC",
        "Custom/Zone",
        "",
        "UTC",
        "Etc/GMT+14",
    ]
)
garbage = st.one_of(
    st.text(min_size=0, max_size=40).map(lambda t: re.sub(r"[\r\n]", " ", t)),
    st.sampled_from(["9" * 30, "-1", "abc", "", ";;;", "=", "NaN", "inf", "0x10"]),
)
freqs = st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY", "HOURLY", "MINUTELY", "SOMETIMES"])


@st.composite
def rule(draw: st.DrawFn) -> str:
    parts = [f"FREQ={draw(freqs)}"]
    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.integers(-5, 10**6))}")
    if draw(st.booleans()):
        parts.append(f"COUNT={draw(st.integers(-1, 10**12))}")
    if draw(st.booleans()):
        parts.append(f"UNTIL={draw(st.one_of(day_text(), moment_text()))}")
    if draw(st.booleans()):
        parts.append(f"BYDAY={draw(st.sampled_from(['MO', 'TU,TH', 'XX', '1MO', '-5SU', '']))}")
    if draw(st.booleans()):
        parts.append(f"BYSETPOS={draw(st.integers(-400, 400))}")
    if draw(st.booleans()):
        parts.append(f"BYHOUR={draw(st.integers(-1, 30))}")
    return ";".join(parts)


def line(
    name: str, value: st.SearchStrategy[str], params: list[str] | None = None
) -> st.SearchStrategy[str]:
    prefix = st.sampled_from([name] + [f"{name};{p}" for p in params or []])
    return st.builds(lambda p, v: f"{p}:{v}", prefix, value)


dated = ["VALUE=DATE", "VALUE=DURATION", "VALUE=PERIOD", "VALUE=TIME", "VALUE=DATE-TIME"]
event_lines = st.one_of(
    line("DTSTART", st.one_of(day_text(), moment_text(), durations, garbage), dated),
    st.builds(lambda z, m: f"DTSTART;TZID={z}:{m}", zones, moment_text()),
    line("DTEND", st.one_of(day_text(), moment_text(), garbage), dated),
    line("DURATION", st.one_of(durations, garbage)),
    line("RRULE", st.one_of(rule(), garbage)),
    line("RDATE", st.one_of(day_text(), moment_text(), garbage), ["VALUE=DATE"]),
    line("EXDATE", st.one_of(day_text(), moment_text(), garbage), ["VALUE=DATE"]),
    line("RECURRENCE-ID", st.one_of(day_text(), moment_text(), garbage), ["VALUE=DATE"]),
    line("SEQUENCE", st.one_of(st.integers(-(10**20), 10**20).map(str), garbage)),
    line("PRIORITY", st.one_of(st.integers(-5, 20).map(str), garbage)),
    line("STATUS", st.sampled_from(["CANCELLED", "CONFIRMED", "TENTATIVE", "", "?"])),
    line("UID", st.one_of(st.just("same@x"), garbage)),
    line(
        "SUMMARY",
        st.one_of(st.sampled_from(["Tempo 8 km", "Rest day", "Race", "9" * 5000]), garbage),
    ),
    line("CATEGORIES", st.one_of(st.sampled_from(["Race", "Run,Race", ""]), garbage)),
    line("DESCRIPTION", garbage),
)


@st.composite
def event(draw: st.DrawFn) -> str:
    lines = draw(st.lists(event_lines, min_size=0, max_size=10))
    if draw(st.booleans()):
        lines.insert(0, f"DTSTART;VALUE=DATE:{draw(day_text())}")
    body = "".join(f"{item}\r\n" for item in lines)
    alarm = "BEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VALARM\r\n" if draw(st.booleans()) else ""
    return f"BEGIN:VEVENT\r\nSUMMARY:Easy run 5 km\r\n{body}{alarm}END:VEVENT\r\n"


@st.composite
def vtimezone(draw: st.DrawFn) -> str:
    parts = []
    for kind in ("STANDARD", "DAYLIGHT"):
        lines = [
            f"DTSTART:{draw(moment_text())}",
            f"TZOFFSETFROM:{draw(st.sampled_from(['+0100', '-0500', '+2500', 'x']))}",
            f"TZOFFSETTO:{draw(st.sampled_from(['+0200', '+0000', '-9999', '']))}",
        ]
        if draw(st.booleans()):
            lines.append(f"RRULE:{draw(rule())}")
        if draw(st.booleans()):
            lines.append(f"RDATE:{','.join(draw(st.lists(moment_text(), max_size=5)))}")
        parts.append(f"BEGIN:{kind}\r\n" + "".join(f"{x}\r\n" for x in lines) + f"END:{kind}\r\n")
    return "BEGIN:VTIMEZONE\r\nTZID:Custom/Zone\r\n" + "".join(parts) + "END:VTIMEZONE\r\n"


@st.composite
def calendars(draw: st.DrawFn) -> bytes:
    head = ""
    if draw(st.booleans()):
        head += f"X-WR-TIMEZONE:{draw(zones)}\r\n"
    if draw(st.booleans()):
        head += draw(vtimezone())
    events = "".join(draw(st.lists(event(), min_size=1, max_size=6)))
    todo = "BEGIN:VTODO\r\nSUMMARY:x\r\nEND:VTODO\r\n" if draw(st.booleans()) else ""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fuzz//EN\r\n"
        + head
        + events
        + todo
        + "END:VCALENDAR\r\n"
    ).encode("utf-8", "surrogatepass")


@fuzz.budget(60)
@given(calendars())
def test_any_calendar_is_read_or_refused_in_one_line(data: bytes) -> None:
    with fuzz.bounded("calendars"):
        provider = IcsProvider("fuzz.ics", None, data=data)
        try:
            runs = provider.upcoming_runs(START, END)
            provider.all_runs()
        except UserError as exc:
            fuzz.one_line(_unquoted(str(exc)))
            return
        assert all(START <= run.day <= END for run in runs)
        for note in provider.notes:
            fuzz.one_line(_unquoted(note))


def _unquoted(text: str) -> str:
    """The line without the event titles and rules it quotes (those are the calendar's words)."""
    return re.sub(r"'[^']*'|\(RRULE:[^)]*\)", "''", text)
