"""A calendar file is someone else's: every value of an event can be hostile, and the file can be
built to cost time or memory. `runlift plan` reads what it can with a note for what it leaves
out, or ends in one line; never a traceback, a hang or gigabytes (the heaviest files run in a
child process capped at 500 MB)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from runlift.sync.cli import main
from tests.bounded_run import run_bounded

GOOD = (
    "BEGIN:VEVENT\r\nUID:good@x\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:Long run 18 km\r\n"
    "DTSTART;VALUE=DATE:20261129\r\nEND:VEVENT\r\n"
)


def calendar(*events: str, head: str = "") -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//runlift tests//EN\r\n"
        + head
        + GOOD
        + "".join(events)
        + "END:VCALENDAR\r\n"
    )


def event(*lines: str, summary: str = "Intervals 6 x 800 m") -> str:
    body = "".join(f"{line}\r\n" for line in lines)
    return (
        f"BEGIN:VEVENT\r\nUID:hostile@x\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:{summary}\r\n"
        f"{body}END:VEVENT\r\n"
    )


ON_DAY = "DTSTART;VALUE=DATE:20261124"
TIMED = "DTSTART:20261124T070000Z"

# The event is left out with a note saying why; the rest of the calendar is read.
LEFT_OUT = {
    "DTSTART in year 1": (event("DTSTART;VALUE=DATE:00010101"), "it starts in 1, outside"),
    "DTSTART in year 9999": (event("DTSTART:99991231T235959Z"), "it starts in 9999, outside"),
    "DTSTART as a duration": (event("DTSTART;VALUE=DURATION:PT1H"), "not a date"),
    "DTSTART as a period": (event("DTSTART;VALUE=PERIOD:20261124T070000Z/PT1H"), "not a date"),
    "DTSTART as a bare time": (event("DTSTART;VALUE=TIME:070000"), "not a date"),
    "DTSTART that is no date": (event("DTSTART:2026XX24"), "not a date"),
    "no DTSTART": (event(), "it has no start"),
    "RRULE INTERVAL=0": (event(ON_DAY, "RRULE:FREQ=DAILY;INTERVAL=0"), "INTERVAL=0"),
    "RRULE INTERVAL=-3": (event(ON_DAY, "RRULE:FREQ=DAILY;INTERVAL=-3"), "INTERVAL=-3"),
    "RRULE of garbage": (event(ON_DAY, "RRULE:FREQ=SOMETIMES"), "cannot be read"),
    "RRULE COUNT past 32 bits": (event(ON_DAY, "RRULE:FREQ=DAILY;COUNT=99999999999"), "cannot"),
    "RECURRENCE-ID in year 9999": (
        event(ON_DAY, "RECURRENCE-ID;VALUE=DATE:99991231"),
        "RECURRENCE-ID",
    ),
    "EXDATE of garbage": (event(ON_DAY, "RRULE:FREQ=DAILY", "EXDATE:garbage"), "its repeats"),
    "BYSETPOS out of range": (
        event(ON_DAY, "RRULE:FREQ=YEARLY;BYSETPOS=400;BYMONTHDAY=1"),
        "its repeats cannot be read (RRULE:FREQ=YEARLY;BYMONTHDAY=1;BYSETPOS=400)",
    ),
}

# The event is read (its unreadable values dropped, its first value of a property kept).
READ = {
    "DTEND in year 9999": event(TIMED, "DTEND:99991231T235959Z"),
    "DURATION past year 9999": event(TIMED, "DURATION:P3000000D"),
    "DURATION past year 9999 on a repeating event": event(
        TIMED, "DURATION:P3000000D", "RRULE:FREQ=WEEKLY"
    ),
    "DTEND before DTSTART": event(TIMED, "DTEND:20261123T070000Z"),
    "DTEND as a duration": event(TIMED, "DTEND;VALUE=DURATION:PT1H"),
    "DTEND all day, DTSTART timed": event(TIMED, "DTEND;VALUE=DATE:20261125"),
    "DTSTART twice": event(ON_DAY, "DTSTART;VALUE=DATE:20261125"),
    "DTEND twice": event(TIMED, "DTEND:20261124T080000Z", "DTEND:20261124T090000Z"),
    "UID twice": event(ON_DAY, "UID:another@x"),
    "SUMMARY twice": event(ON_DAY, "SUMMARY:Rest day"),
    "RRULE twice": event(ON_DAY, "RRULE:FREQ=WEEKLY", "RRULE:FREQ=DAILY"),
    "STATUS twice": event(ON_DAY, "STATUS:CONFIRMED", "STATUS:CANCELLED"),
    "SEQUENCE of garbage": event(ON_DAY, "SEQUENCE:abc"),
    "SEQUENCE of 30 digits": event(ON_DAY, "SEQUENCE:" + "9" * 30),
    "SEQUENCE negative": event(ON_DAY, "SEQUENCE:-5"),
    "PRIORITY of garbage": event(ON_DAY, "PRIORITY:high"),
    "TZID of no zone": event("DTSTART;TZID=Mars/Olympus:20261124T070000"),
    "TZID naming a folder": event("DTSTART;TZID=Europe:20261124T070000"),
    "TZID naming a path": event("DTSTART;TZID=../../../../etc/passwd:20261124T070000"),
    "TZID absolute": event("DTSTART;TZID=/usr/share/zoneinfo/Europe/Berlin:20261124T070000"),
    "RDATE in year 9999": event(ON_DAY, "RDATE;VALUE=DATE:99991231"),
    "UNTIL in year 9999": event(ON_DAY, "RRULE:FREQ=DAILY;UNTIL=99991231"),
    "an impossible yearly rule": event(ON_DAY, "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"),
    "a title of 20,000 digits": event(ON_DAY, summary="9" * 20_000),
    "a title of 20,000 digits and km": event(ON_DAY, summary="9" * 20_000 + " km run"),
    "CATEGORIES of a megabyte": event(ON_DAY, "CATEGORIES:" + "race," * 100_000),
}

ZONES = {
    "X-WR-TIMEZONE naming a folder": "X-WR-TIMEZONE:Europe\r\n",
    "X-WR-TIMEZONE of no zone": "X-WR-TIMEZONE:Mars/Olympus\r\n",
    "X-WR-TIMEZONE naming a path": "X-WR-TIMEZONE:../../../etc/passwd\r\n",
}


def plan(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    path = tmp_path / "plan.ics"
    path.write_text(text, encoding="utf-8", newline="")
    code = main(["plan", "--runs", str(path), "--start", "2026-11-23"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, " ".join(captured.out.split()), captured.err


@pytest.mark.parametrize(("text", "why"), LEFT_OUT.values(), ids=LEFT_OUT.keys())
def test_an_event_runlift_cannot_read_is_left_out_with_a_note(
    text: str, why: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = plan(tmp_path, calendar(text), capsys)
    assert code == 0
    assert "event 'Intervals 6 x 800 m' is left out:" in out and why in out
    assert "Long run 18 km" in out


@pytest.mark.parametrize("text", READ.values(), ids=READ.keys())
def test_an_event_with_hostile_values_is_read_as_far_as_it_can_be(
    text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = plan(tmp_path, calendar(text), capsys)
    assert code == 0
    assert "Long run 18 km" in out
    assert "is left out" not in out


@pytest.mark.parametrize("head", ZONES.values(), ids=ZONES.keys())
def test_an_x_wr_timezone_that_names_no_zone_is_ignored_with_a_note(
    head: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = plan(tmp_path, calendar(event(TIMED), head=head), capsys)
    assert code == 0
    assert re.search(r"X-WR-TIMEZONE '.*' is not a time zone; ignored", out)
    assert "Long run 18 km" in out


# ----------------------------------------------------- files built to cost time or memory


def timezone(rule: str) -> str:
    return (
        "BEGIN:VTIMEZONE\r\nTZID:Custom/Hostile\r\n"
        "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
        f"RRULE:{rule}\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nEND:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:19700101T003000\r\n"
        f"RRULE:{rule}\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nEND:DAYLIGHT\r\n"
        "END:VTIMEZONE\r\n"
    )


def words_mb() -> str:
    return " ".join(["tempo", "run", "easy", "km", "10", "x", "400m"] * 150_000)


HEAVY: dict[str, tuple[str, str | None]] = {
    "a VTIMEZONE with hourly rules": (
        calendar(
            event("DTSTART;TZID=Custom/Hostile:20261124T070000"), head=timezone("FREQ=HOURLY")
        ),
        None,
    ),
    "a VTIMEZONE with minutely rules": (
        calendar(
            event("DTSTART;TZID=Custom/Hostile:20261124T070000"), head=timezone("FREQ=MINUTELY")
        ),
        None,
    ),
    "a VTIMEZONE with a yearly rule on every minute": (
        calendar(
            event("DTSTART;TZID=Custom/Hostile:20261124T070000"),
            head=timezone(
                "FREQ=YEARLY;BYHOUR="
                + ",".join(map(str, range(24)))
                + ";BYMINUTE="
                + ",".join(map(str, range(60)))
            ),
        ),
        None,
    ),
    "RRULE INTERVAL=0 on a daily run": (
        calendar(event(ON_DAY, "RRULE:FREQ=DAILY;INTERVAL=0")),
        None,
    ),
    "a title of a megabyte of words": (calendar(event(ON_DAY, summary=words_mb())), None),
    "a description of 250,000 folded lines": (
        calendar(event(ON_DAY, "DESCRIPTION:x" + "\r\n x" * 250_000)),
        "lines, more than runlift reads from one calendar",
    ),
    "900,000 VTODOs": (
        calendar("BEGIN:VTODO\r\nEND:VTODO\r\n" * 900_000),
        "larger than 10 MiB",
    ),
    "400,000 VTODOs": (
        calendar("BEGIN:VTODO\r\nEND:VTODO\r\n" * 400_000),
        "lines, more than runlift reads from one calendar",
    ),
    "10,000 events with alarms in 80,000 lines": (
        calendar(
            *[event(ON_DAY, "BEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VALARM") for _ in range(10_000)]
        ),
        "10,001 events, more than runlift reads from one calendar (2,000)",
    ),
    "1,500 events with 6 alarms each": (
        calendar(
            *[
                event(ON_DAY, *["BEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VALARM"] * 6)
                for _ in range(1_500)
            ]
        ),
        "events and other items, more than runlift reads from one calendar (10,000)",
    ),
    "100,000 X- properties": (
        calendar(event(ON_DAY, *["X-A:b"] * 100_000)),
        "lines, more than runlift reads from one calendar",
    ),
}


@pytest.mark.parametrize(("text", "said"), HEAVY.values(), ids=HEAVY.keys())
def test_a_calendar_built_to_cost_time_or_memory_stays_within_bounds(
    text: str, said: str | None, tmp_path: Path
) -> None:
    path = tmp_path / "plan.ics"
    path.write_text(text, encoding="utf-8", newline="")
    ran = run_bounded(["plan", "--runs", str(path), "--start", "2026-11-23"], home=tmp_path)
    assert "Traceback" not in ran.err
    if said is None:
        assert ran.code == 0
        assert "Long run 18 km" in ran.out
    else:
        assert ran.code == 2
        (line,) = ran.error_lines
        assert said in line
    assert ran.seconds < 30


# ------------------------------------------- the calendar file runlift wrote, read back


def previous_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    ics = tmp_path / "sessions.ics"
    args = ["export", "--demo", "--out", str(tmp_path / "fit"), "--ics", str(ics)]
    assert main(args) == 0
    capsys.readouterr()
    return ics, ics.read_bytes().decode("utf-8")


DAMAGED_PREVIOUS = {
    "a broken DTSTART": lambda text: re.sub(
        r"DTSTART;VALUE=DATE:\d+", "DTSTART;VALUE=DATE:2026XX01", text, count=1
    ),
    "an event without UID": lambda text: re.sub(r"UID:[^\r\n]*\r\n", "", text, count=1),
    "SEQUENCE at its maximum": lambda text: text.replace(
        "SEQUENCE:0", "SEQUENCE:2147483647"
    ).replace("Runner Strength A", "Runner Strength Z"),
    "SEQUENCE past its maximum": lambda text: text.replace("SEQUENCE:0", "SEQUENCE:" + "9" * 20),
    "UID twice": lambda text: re.sub(r"(UID:[^\r\n]*\r\n)", r"\1UID:x@y\r\n", text, count=1),
    "DTSTART in year 1": lambda text: re.sub(
        r"DTSTART;VALUE=DATE:\d+", "DTSTART;VALUE=DATE:00010101", text, count=1
    ),
}


@pytest.mark.parametrize("damage", DAMAGED_PREVIOUS.values(), ids=DAMAGED_PREVIOUS.keys())
def test_a_previous_calendar_file_with_a_damaged_event_is_rewritten_whole(
    damage: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ics, text = previous_file(tmp_path, capsys)
    ics.write_text(damage(text), encoding="utf-8", newline="")  # type: ignore[operator]
    args = ["export", "--demo", "--out", str(tmp_path / "fit"), "--ics", str(ics)]
    assert main(args) == 0
    assert "Traceback" not in capsys.readouterr().err
    written = ics.read_text(encoding="utf-8")
    assert written.count("BEGIN:VEVENT") == text.count("BEGIN:VEVENT")
    assert all(0 <= int(value) <= 2**31 - 1 for value in re.findall(r"SEQUENCE:(-?\d+)", written))
