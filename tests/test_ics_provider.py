"""Calendars as real ones are: recurring events, exceptions, time zones, and life in between."""

import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from runlift.sync.errors import UserError
from runlift.sync.model import DayKind, Run
from runlift.sync.planning import PlanRules, make_plan
from runlift.sync.providers import ics_source
from runlift.sync.providers.ics import IcsProvider
from tests.calendar_server import Route, closed_port, serve

KIRITIMATI = ZoneInfo("Pacific/Kiritimati")  # UTC+14
PAGO_PAGO = ZoneInfo("Pacific/Pago_Pago")  # UTC-11
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def calendar(*events: str) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//runlift tests//EN", *events]
    return "\r\n".join([*lines, "END:VCALENDAR", ""])


def event(summary: str, *lines: str, uid: str | None = None) -> str:
    uid = uid or f"{abs(hash((summary, lines)))}@test"
    body = [f"UID:{uid}", "DTSTAMP:20261101T000000Z", f"SUMMARY:{summary}", *lines]
    return "\r\n".join(["BEGIN:VEVENT", *body, "END:VEVENT"])


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "plan.ics"
    path.write_text(text, encoding="utf-8", newline="")
    return str(path)


def read(tmp_path: Path, text: str, start: date, end: date, zone: ZoneInfo | None) -> list[Run]:
    return IcsProvider(write(tmp_path, text), zone).upcoming_runs(start, end)


def days_of(runs: list[Run]) -> list[tuple[str, date]]:
    return [(run.title, run.day) for run in runs]


# --- dates and time zones -------------------------------------------------------------------


@pytest.mark.parametrize("zone", [KIRITIMATI, PAGO_PAGO, BERLIN])
def test_all_day_events_keep_their_date_in_any_time_zone(tmp_path: Path, zone: ZoneInfo) -> None:
    text = calendar(event("Intervals 6 x 800 m", "DTSTART;VALUE=DATE:20261124"))
    runs = read(tmp_path, text, date(2026, 11, 20), date(2026, 11, 30), zone)
    assert days_of(runs) == [("Intervals 6 x 800 m", date(2026, 11, 24))]


def test_a_utc_time_lands_on_the_athletes_local_date_far_east_and_far_west(
    tmp_path: Path,
) -> None:
    # 16:30 UTC on Monday is 06:30 Tuesday at UTC+14 and 05:30 Monday at UTC-11.
    text = calendar(event("Tempo 30 min", "DTSTART:20261123T163000Z", "DURATION:PT50M"))
    window = (date(2026, 11, 20), date(2026, 11, 30))
    assert read(tmp_path, text, *window, KIRITIMATI)[0].day == date(2026, 11, 24)
    assert read(tmp_path, text, *window, PAGO_PAGO)[0].day == date(2026, 11, 23)


def test_a_tzid_time_is_converted_to_the_athletes_zone(tmp_path: Path) -> None:
    # Midnight in Berlin on Tuesday is 23:00 UTC Monday: Monday noon in Pago Pago,
    # Tuesday 13:00 in Kiritimati.
    text = calendar(
        event("Long run 20 km", "DTSTART;TZID=Europe/Berlin:20261124T000000", "DURATION:PT2H")
    )
    window = (date(2026, 11, 20), date(2026, 11, 30))
    assert read(tmp_path, text, *window, PAGO_PAGO)[0].day == date(2026, 11, 23)
    assert read(tmp_path, text, *window, KIRITIMATI)[0].day == date(2026, 11, 24)
    assert read(tmp_path, text, *window, BERLIN)[0].day == date(2026, 11, 24)


@pytest.fixture
def system_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield use
    monkeypatch.undo()
    time.tzset()


def test_without_a_configured_zone_the_systems_zone_decides(
    tmp_path: Path, system_zone: Callable[[str], None]
) -> None:
    text = calendar(event("Tempo 30 min", "DTSTART:20261123T163000Z", "DURATION:PT50M"))
    window = (date(2026, 11, 20), date(2026, 11, 30))
    system_zone("Pacific/Kiritimati")
    assert read(tmp_path, text, *window, None)[0].day == date(2026, 11, 24)
    system_zone("Pacific/Pago_Pago")
    assert read(tmp_path, text, *window, None)[0].day == date(2026, 11, 23)


@pytest.mark.parametrize("zone", [KIRITIMATI, PAGO_PAGO])
def test_a_floating_time_is_the_athletes_own_local_time(tmp_path: Path, zone: ZoneInfo) -> None:
    text = calendar(event("Easy run", "DTSTART:20261124T063000", "DTEND:20261124T071500"))
    runs = read(tmp_path, text, date(2026, 11, 20), date(2026, 11, 30), zone)
    assert runs[0].day == date(2026, 11, 24)
    assert runs[0].duration_s == 45 * 60


@pytest.mark.parametrize(
    ("zone", "stamp"),
    [
        (KIRITIMATI, "20261123T160000Z"),  # Tuesday 06:00 at UTC+14
        (PAGO_PAGO, "20261125T090000Z"),  # Tuesday 22:00 at UTC-11
    ],
)
def test_a_session_never_lands_on_the_local_day_of_a_hard_run_stored_in_utc(
    tmp_path: Path, zone: ZoneInfo, stamp: str
) -> None:
    tuesday = date(2026, 11, 24)
    text = calendar(
        event("Intervals 8 x 400 m", f"DTSTART:{stamp}", "DURATION:PT1H"),
        event("Easy run", "DTSTART;VALUE=DATE:20261126"),
    )
    runs = read(tmp_path, text, date(2026, 11, 22), date(2026, 12, 1), zone)
    plan = make_plan(runs, date(2026, 11, 23), 7, PlanRules())
    by_day = {d.day: d for d in plan.days}
    assert by_day[tuesday].kind is DayKind.QUALITY
    assert by_day[tuesday - timedelta(days=1)].kind is DayKind.REST
    placed = {s.day for s in plan.sessions}
    assert tuesday not in placed
    assert tuesday - timedelta(days=1) not in placed  # the day before, avoidable here
    assert len(placed) == 2


def test_weekly_late_evening_runs_stay_on_their_weekday_across_a_dst_change(
    tmp_path: Path,
) -> None:
    # 23:30 in New York: one hour off and the run would slip to Thursday after 14 March 2027.
    text = calendar(
        event(
            "Easy run",
            "DTSTART;TZID=America/New_York:20270224T233000",
            "DURATION:PT45M",
            "RRULE:FREQ=WEEKLY;COUNT=6",
        )
    )
    runs = read(tmp_path, text, date(2027, 2, 20), date(2027, 4, 10), NEW_YORK)
    assert [r.day.strftime("%a") for r in runs] == ["Wed"] * 6
    assert runs[-1].day == date(2027, 3, 31)


def test_a_sunday_half_past_midnight_long_run_stays_sunday_when_europe_changes_clocks(
    tmp_path: Path,
) -> None:
    text = calendar(
        event(
            "Long run 2 h",
            "DTSTART;TZID=Europe/Berlin:20270321T003000",
            "DURATION:PT2H",
            "RRULE:FREQ=WEEKLY;COUNT=3",
        )
    )
    runs = read(tmp_path, text, date(2027, 3, 15), date(2027, 4, 10), BERLIN)
    assert [r.day for r in runs] == [date(2027, 3, 21), date(2027, 3, 28), date(2027, 4, 4)]
    plan = make_plan(runs, date(2027, 3, 22), 14, PlanRules())
    assert {d.day: d.kind for d in plan.days}[date(2027, 3, 28)] is DayKind.LONG
    assert all(s.day not in {date(2027, 3, 28), date(2027, 4, 4)} for s in plan.sessions)


OUTLOOK_ZONE = "\r\n".join(
    [
        "BEGIN:VTIMEZONE",
        "TZID:W. Europe Standard Time",
        "BEGIN:STANDARD",
        "DTSTART:16011028T030000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:16010325T020000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "END:DAYLIGHT",
        "END:VTIMEZONE",
    ]
)


def test_a_windows_time_zone_defined_in_the_file_is_honoured_in_summer_and_winter(
    tmp_path: Path,
) -> None:
    # Outlook writes its own zone names with a VTIMEZONE; 00:30 there is 23:30 or 22:30 UTC
    # the day before, depending on the season.
    text = calendar(
        OUTLOOK_ZONE,
        event("Tempo run", 'DTSTART;TZID="W. Europe Standard Time":20260624T003000'),
        event("Tempo run", 'DTSTART;TZID="W. Europe Standard Time":20261124T003000'),
    )
    window = (date(2026, 6, 1), date(2026, 12, 1))
    in_utc = read(tmp_path, text, *window, ZoneInfo("UTC"))
    in_berlin = read(tmp_path, text, *window, BERLIN)
    assert [r.day for r in in_utc] == [date(2026, 6, 23), date(2026, 11, 23)]
    assert [r.day for r in in_berlin] == [date(2026, 6, 24), date(2026, 11, 24)]


# --- recurrence -------------------------------------------------------------------------------


def test_recurring_runs_with_exdate_rdate_and_a_moved_occurrence(tmp_path: Path) -> None:
    text = calendar(
        event(
            "Easy run 45 min",
            "DTSTART;VALUE=DATE:20261104",
            "RRULE:FREQ=WEEKLY;BYDAY=WE;UNTIL=20261216",
            "EXDATE;VALUE=DATE:20261118",
            "RDATE;VALUE=DATE:20261121",
            uid="wed@test",
        ),
        event(
            "Easy run 40 min (moved)",
            "RECURRENCE-ID;VALUE=DATE:20261202",
            "DTSTART;VALUE=DATE:20261203",
            uid="wed@test",
        ),
        event(
            "Easy run 45 min",
            "RECURRENCE-ID;VALUE=DATE:20261209",
            "DTSTART;VALUE=DATE:20261209",
            "STATUS:CANCELLED",
            uid="wed@test",
        ),
    )
    runs = read(tmp_path, text, date(2026, 11, 1), date(2026, 12, 31), BERLIN)
    assert days_of([run for run in runs if run.kind is not DayKind.NOT_A_RUN]) == [
        ("Easy run 45 min", date(2026, 11, 4)),
        ("Easy run 45 min", date(2026, 11, 11)),
        ("Easy run 45 min", date(2026, 11, 21)),
        ("Easy run 45 min", date(2026, 11, 25)),
        ("Easy run 40 min (moved)", date(2026, 12, 3)),
        ("Easy run 45 min", date(2026, 12, 16)),
    ]
    # The cancelled occurrence is no run, and the plan says so.
    assert [(r.day, r.reason) for r in runs if r.kind is DayKind.NOT_A_RUN] == [
        (date(2026, 12, 9), "cancelled")
    ]


def test_an_occurrence_moved_out_of_the_window_leaves_it(tmp_path: Path) -> None:
    text = calendar(
        event("Tempo", "DTSTART;VALUE=DATE:20261124", "RRULE:FREQ=WEEKLY;COUNT=3", uid="t@x"),
        event(
            "Tempo", "RECURRENCE-ID;VALUE=DATE:20261201", "DTSTART;VALUE=DATE:20261230", uid="t@x"
        ),
    )
    runs = read(tmp_path, text, date(2026, 11, 23), date(2026, 12, 13), BERLIN)
    assert [r.day for r in runs] == [date(2026, 11, 24), date(2026, 12, 8)]


# --- what an event is -----------------------------------------------------------------------


def test_events_that_are_not_runs_are_listed_with_why_and_rest_days_count_as_rest(
    tmp_path: Path,
) -> None:
    text = calendar(
        event("Dentist", "DTSTART;TZID=Europe/Berlin:20261124T083000", "DURATION:PT45M"),
        event("Gym: legs", "DTSTART:20261124T180000"),
        event("Bike: Tempo 2 x 20 min", "DTSTART;VALUE=DATE:20261125"),
        event("Team meeting", "DTSTART:20261125T100000", "DESCRIPTION:we run through Q4"),
        event("Rest day", "DTSTART;VALUE=DATE:20261126"),
        event("Fartlek 40'", "DTSTART;VALUE=DATE:20261127"),
    )
    runs = read(tmp_path, text, date(2026, 11, 23), date(2026, 11, 29), BERLIN)
    assert [(r.title, r.kind) for r in runs if r.kind is not DayKind.NOT_A_RUN] == [
        ("Gym: legs", DayKind.STRENGTH),
        ("Rest day", DayKind.REST),
        ("Fartlek 40'", None),
    ]
    assert [(r.title, r.reason) for r in runs if r.kind is DayKind.NOT_A_RUN] == [
        ("Dentist", "an appointment ('dentist')"),
        ("Bike: Tempo 2 x 20 min", "another sport ('bike')"),
        ("Team meeting", "an appointment ('meeting')"),
    ]


def test_a_race_category_makes_a_race(tmp_path: Path) -> None:
    text = calendar(
        event("Stadtlauf", "DTSTART;VALUE=DATE:20261206", "CATEGORIES:Running,Race"),
        event("Easy 30'", "DTSTART;VALUE=DATE:20261205"),
    )
    runs = read(tmp_path, text, date(2026, 11, 30), date(2026, 12, 6), BERLIN)
    assert runs[-1].kind is DayKind.RACE


def test_durations_come_from_dtend_or_duration_and_not_from_all_day_events(
    tmp_path: Path,
) -> None:
    text = calendar(
        event("Run A", "DTSTART:20261123T070000Z", "DTEND:20261123T080000Z"),
        event("Run B", "DTSTART:20261124T070000Z", "DURATION:PT1H30M"),
        event("Run C", "DTSTART;VALUE=DATE:20261125"),
        event("Run D", "DTSTART;VALUE=DATE:20261126", "DTEND;VALUE=DATE:20261128"),
        event("Run E", "DTSTART:20261127T070000Z", "DTEND:20261128T190000Z"),
    )
    runs = read(tmp_path, text, date(2026, 11, 23), date(2026, 11, 29), ZoneInfo("UTC"))
    assert [r.duration_s for r in runs if r.kind is None] == [3600, 5400, None, None]
    # An all-day event over two days is a banner, not one run.
    assert [(r.title, r.kind) for r in runs if r.kind] == [("Run D", DayKind.NOT_A_RUN)]


def test_runs_only_outside_the_window_give_an_empty_list_not_an_error(tmp_path: Path) -> None:
    text = calendar(event("Long run", "DTSTART;VALUE=DATE:20260301"))
    assert read(tmp_path, text, date(2026, 11, 23), date(2026, 12, 6), BERLIN) == []


# --- bad input ---------------------------------------------------------------------------------


def error_of(tmp_path: Path, text: str) -> str:
    with pytest.raises(UserError) as caught:
        read(tmp_path, text, date(2026, 11, 23), date(2026, 12, 6), BERLIN)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_calendar_without_any_run_is_an_error(tmp_path: Path) -> None:
    text = calendar(event("Dentist", "DTSTART:20261124T083000"))
    assert error_of(tmp_path, text).endswith("plan.ics: no runs in this calendar")
    assert error_of(tmp_path, calendar()).endswith("no runs in this calendar")


def test_a_file_that_is_not_a_calendar_is_an_error(tmp_path: Path) -> None:
    assert "not an iCalendar file" in error_of(tmp_path, "<html><body>Login</body></html>")


def test_a_malformed_calendar_is_a_one_line_error(tmp_path: Path) -> None:
    text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Tempo\r\nDTSTART:20261124T070000Z\r\n"
    assert "not a valid iCalendar file" in error_of(tmp_path, text)


@pytest.mark.parametrize(
    ("lines", "why"),
    [
        (("DTSTART:2026-11-24",), "its start is missing or not a date"),
        ((), "it has no start"),
        (
            ("DTSTART:20261124T070000Z", "RRULE:FREQ=SOMETIMES"),
            "its repeat rule (RRULE) cannot be read",
        ),
    ],
)
def test_an_event_that_cannot_be_read_is_left_out_with_a_line(
    tmp_path: Path, lines: tuple[str, ...], why: str
) -> None:
    alone = calendar(event("Tempo", *lines))
    assert error_of(tmp_path, alone).endswith(
        f"plan.ics: event 'Tempo' is left out: {why}; no other runs in this calendar"
    )
    beside = calendar(
        event("Tempo", *lines), event("Long run 18 km", "DTSTART;VALUE=DATE:20261129")
    )
    provider = IcsProvider(write(tmp_path, beside), BERLIN)
    runs = provider.upcoming_runs(date(2026, 11, 23), date(2026, 11, 29))
    assert [run.title for run in runs] == ["Long run 18 km"]
    assert provider.notes == [f"{tmp_path / 'plan.ics'}: event 'Tempo' is left out: {why}"]


def test_a_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="calendar file not found"):
        IcsProvider(str(tmp_path / "nope.ics"), BERLIN).upcoming_runs(
            date(2026, 11, 23), date(2026, 11, 29)
        )


# --- feeds over http ---------------------------------------------------------------------------

FEED = calendar(
    event("Intervals 5 x 1 km", "DTSTART;VALUE=DATE:20261124"),
    event("Long run 18 km", "DTSTART;VALUE=DATE:20261129"),
)


def test_a_calendar_url_is_fetched_once_however_often_it_is_read() -> None:
    with serve({"/feed.ics": Route(FEED.encode())}) as server:
        provider = IcsProvider(server.url("/feed.ics"), BERLIN)
        first = provider.upcoming_runs(date(2026, 11, 23), date(2026, 11, 29))
        provider.upcoming_runs(date(2026, 11, 30), date(2026, 12, 6))
    assert [r.title for r in first] == ["Intervals 5 x 1 km", "Long run 18 km"]
    assert server.requests == ["/feed.ics"]


def test_a_404_is_a_one_line_error_that_keeps_the_feeds_secret_out() -> None:
    secret = "a8f3c9d2e4b7a1c6f0e9d8c7b6a5"
    with serve({}) as server, pytest.raises(UserError) as caught:
        IcsProvider(server.url(f"/ical/{secret}/plan.ics?token=hunter2"), BERLIN).calendar()
    message = str(caught.value)
    assert "404" in message
    assert secret not in message
    assert "hunter2" not in message
    assert message.startswith(f"http://127.0.0.1:{server.port}/…: ")
    assert "plan.ics" not in message


def test_an_unreachable_url_is_a_one_line_error() -> None:
    url = f"http://127.0.0.1:{closed_port()}/plan.ics"
    with pytest.raises(UserError, match="cannot reach it"):
        IcsProvider(url, BERLIN).calendar()


def test_a_feed_that_answers_too_slowly_is_a_one_line_error() -> None:
    slow = Route(FEED.encode(), delay_s=0.3)
    with serve({"/slow.ics": slow}) as server, pytest.raises(UserError, match=r"within 0\.1 s"):
        ics_source.read_calendar_bytes(server.url("/slow.ics"), timeout_s=0.1)


def test_a_web_page_instead_of_a_calendar_is_a_one_line_error() -> None:
    page = Route(b"<!doctype html><title>Sign in</title>", content_type="text/html")
    with serve({"/plan.ics": page}) as server, pytest.raises(UserError) as caught:
        IcsProvider(server.url("/plan.ics"), BERLIN).calendar()
    assert "not an iCalendar file" in str(caught.value)


def test_webcal_subscription_links_are_fetched_over_https() -> None:
    assert ics_source.is_url("webcal://example.com/plan.ics")
    assert ics_source.http_url("webcal://example.com/plan.ics") == "https://example.com/plan.ics"
    assert ics_source.http_url("http://127.0.0.1:8000/plan.ics") == "http://127.0.0.1:8000/plan.ics"
