"""`runlift plan` as a user runs it: the table, the JSON shape, the sources, the errors."""

import json
from pathlib import Path

import pytest
import time_machine

from runlift.sync.cli import main
from tests.calendar_server import Route, serve
from tests.processes import closed_port

FEED = "\r\n".join(
    [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//runlift tests//EN",
        "BEGIN:VEVENT",
        "UID:1@test",
        "DTSTAMP:20261101T000000Z",
        "SUMMARY:Intervals 6 x 800 m",
        "DTSTART;VALUE=DATE:20261124",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:2@test",
        "DTSTAMP:20261101T000000Z",
        "SUMMARY:Long run 18 km",
        "DTSTART;VALUE=DATE:20261129",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RUNLIFT_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["plan", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def fail(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["plan", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("runlift: error: ")
    return lines[0]


def test_demo_json_has_exactly_the_promised_shape(capsys: pytest.CaptureFixture[str]) -> None:
    shown = run_json(capsys, "--demo", "--start", "2026-11-23")
    assert {"days", "sessions"} <= set(shown)
    assert len(shown["days"]) == 14
    for day in shown["days"]:
        assert {"date", "kind", "reason"} <= set(day)
        assert day["kind"] in {"rest", "easy", "quality", "long", "race"}
        assert isinstance(day["reason"], str) and day["reason"]
    for session in shown["sessions"]:
        assert {"date", "name", "reason", "relaxed"} <= set(session)
        assert isinstance(session["relaxed"], list)
    assert [d["kind"] for d in shown["days"]] == [
        *("rest", "quality", "easy", "quality", "rest", "easy", "long"),
        *("rest", "quality", "easy", "easy", "rest", "easy", "long"),
    ]
    assert [(s["date"], s["name"], s["relaxed"]) for s in shown["sessions"]] == [
        ("2026-11-23", "Runner Strength A", ["not the day before a quality day"]),
        ("2026-11-27", "Runner Strength B", []),
        ("2026-12-04", "Runner Strength A · maintenance", []),
    ]
    assert [(s["volume"], s["sets_per_move"]) for s in shown["sessions"]] == [
        ("full", None),
        ("full", None),
        ("maintenance", 1),
    ]
    assert shown["weeks"] == [
        {
            "week": "2026-W48",
            "phase": "base",
            "sessions_target": 2,
            "reason": "base: 8 weeks to Nikolaus Half Marathon on Sun 2027-01-17",
        },
        {
            "week": "2026-W49",
            "phase": "peak",
            "sessions_target": 1,
            "reason": "peak: 7 weeks to Nikolaus Half Marathon on Sun 2027-01-17; "
            "one maintenance session",
        },
    ]


def test_demo_table_shows_runs_sessions_and_skipped_days(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["plan", "--demo", "--start", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    for text in (
        "Mon 23 Nov",
        "Sun 06 Dec",
        "Threshold 3 x 8 min",
        "Hill repeats: 8 x 60 s",
        "Runner Strength A",
        "Runner Strength B",
        "2026-W48",
        "base: 8 weeks to Nikolaus Half",
        "2026-W49",
        "peak: 7 weeks to Nikolaus Half",
        "1 session · maintenance",
        "peak week: one maintenance",
    ):
        assert text in out


def test_days_sets_the_window_length(capsys: pytest.CaptureFixture[str]) -> None:
    shown = run_json(capsys, "--demo", "--start", "2026-11-23", "--days", "3")
    assert [d["date"] for d in shown["days"]] == ["2026-11-23", "2026-11-24", "2026-11-25"]


def test_the_window_starts_today_in_the_athletes_time_zone(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home.mkdir(parents=True)
    (home / "config.toml").write_text('timezone = "Pacific/Kiritimati"\n')
    with time_machine.travel("2026-11-23T12:00:00Z", tick=False):
        shown = run_json(capsys, "--demo")
    # Already Tuesday the 24th there: the demo starts on the coming Monday (in UTC: today).
    assert shown["days"][0]["date"] == "2026-11-30"


def test_runs_from_a_calendar_url(capsys: pytest.CaptureFixture[str]) -> None:
    with serve({"/plan.ics": Route(FEED.encode())}) as server:
        shown = run_json(capsys, "--runs", server.url("/plan.ics"), "--start", "2026-11-23")
    assert server.requests == ["/plan.ics"]
    by_date = {d["date"]: d for d in shown["days"]}
    assert by_date["2026-11-24"]["kind"] == "quality"
    assert by_date["2026-11-29"]["kind"] == "long"
    assert {s["date"] for s in shown["sessions"]} & {"2026-11-24", "2026-11-29"} == set()


def test_the_calendar_from_the_config_is_the_default_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "plan.ics"
    feed.write_text(FEED, newline="")
    config = tmp_path / "config.toml"
    config.write_text(f'[plan]\nsource = "ics"\nruns = "{feed}"\n')
    shown = run_json(capsys, "--config", str(config), "--start", "2026-11-23", "--days", "7")
    assert shown["source"] == "ics"
    assert shown["days"][1]["kind"] == "quality"


def test_config_weekdays_are_the_source_without_a_calendar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[plan]\nquality_days = ["tue", "thu"]\nlong_days = ["sun"]\n')
    shown = run_json(capsys, "--config", str(config), "--start", "2026-11-23", "--days", "7")
    assert [d["kind"] for d in shown["days"]] == [
        "easy",
        "quality",
        "easy",
        "quality",
        "easy",
        "easy",
        "long",
    ]


def test_no_plan_at_all_says_how_to_give_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--start", "2026-11-23"]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert "No running plan configured: set [plan] quality_days, long_days and rest_days" in err


def test_a_malformed_calendar_is_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.ics"
    bad.write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Tempo\nDTSTART:tomorrow\n")
    assert "not a valid iCalendar file" in fail(capsys, "--runs", str(bad))


def test_a_calendar_without_runs_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "life.ics"
    empty.write_text(
        FEED.replace("Intervals 6 x 800 m", "Dentist").replace("Long run 18 km", "Gym")
    )
    assert fail(capsys, "--runs", str(empty)).endswith("life.ics: no runs in this calendar")


def test_an_unreachable_url_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with closed_port() as port:
        url = f"http://127.0.0.1:{port}/plan.ics"
        assert "cannot reach it" in fail(capsys, "--runs", url)


def test_contradictory_config_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[plan]\nquality_days = ["tue"]\nrest_days = ["tue"]\n')
    assert "tue is in both quality_days and rest_days" in fail(capsys, "--config", str(config))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--demo", "--runs", "x.ics"], "--demo reads the built-in plan"),
        (["--runs", "x.ics", "--source", "config"], "--runs reads a calendar"),
        (["--source", "nope"], "unknown runs source 'nope'"),
        (["--days", "0"], "--days"),
        (["--days", "many"], "--days"),
        (["--start", "next week"], "--start 'next week': not a date"),
    ],
)
def test_bad_options_are_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert message in fail(capsys, *args)


def test_projected_runs_show_how_sure_the_projection_is() -> None:
    from datetime import date

    from rich.console import Console

    from runlift.sync.cli.plan_view import plan_json, show_plan
    from runlift.sync.model import DayKind, Run
    from runlift.sync.planning import PlanRules, make_plan

    projected = Run(
        day=date(2026, 11, 24),
        title="Track Tuesday",
        source="strava",
        kind=DayKind.QUALITY,
        reason="Strava workout_type 3",
        confidence="runs 7 of the last 8 Tuesdays",
    )
    plan = make_plan([projected], date(2026, 11, 23), 7, PlanRules())
    console = Console(record=True, width=200)
    show_plan(plan, "strava", console)
    assert "[runs 7 of the last 8 Tuesdays]" in console.export_text()
    runs = plan_json(plan, "strava")["days"][1]["runs"]
    assert runs[0]["confidence"] == "runs 7 of the last 8 Tuesdays"


# --- the runner's own words and days ------------------------------------------------------------

TAUGHT = "\r\n".join(
    [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//runlift tests//EN",
        *(
            line
            for uid, (day, title) in enumerate(
                [
                    ("20270301", "Rest"),
                    ("20270302", "QRX 8 km"),
                    ("20270303", "Easy 5 km"),
                    ("20270304", "Bahnrunden 6 x 400"),
                    ("20270305", "Register for the Oslo Half Marathon"),
                    ("20270307", "Long run 16 km"),
                ]
            )
            for line in (
                "BEGIN:VEVENT",
                f"UID:{uid}@test",
                "DTSTAMP:20261101T000000Z",
                f"SUMMARY:{title}",
                f"DTSTART;VALUE=DATE:{day}",
                "END:VEVENT",
            )
        ),
        "END:VCALENDAR",
        "",
    ]
)


def taught_plan(tmp_path: Path, config_text: str) -> list[str]:
    calendar = tmp_path / "plan.ics"
    calendar.write_text(TAUGHT, encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(config_text, encoding="utf-8")
    return ["--runs", str(calendar), "--start", "2027-03-01", "--days", "7", "--config",
            str(config)]  # fmt: skip


def test_an_unsure_day_is_kept_free_and_the_note_says_how_to_teach_runlift(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = run_json(capsys, *taught_plan(tmp_path, ""))
    days = {d["date"]: d for d in shown["days"]}
    assert days["2027-03-02"]["kind"] == "unsure"
    assert "no word runlift knows ('qrx')" in days["2027-03-02"]["reason"]
    sessions = {s["date"]: s for s in shown["sessions"]}
    assert "2027-03-02" not in sessions
    # The day before is kept free unless the week needs it, and then said.
    if "2027-03-01" in sessions:
        assert sessions["2027-03-01"]["relaxed"] == ["not the day before an unsure day"]
    [note] = [n for n in shown["notes"] if n.startswith("unsure:")]
    assert "Tue 2027-03-02 'QRX 8 km'" in note
    assert '[plan.words] quality = ["qrx"]' in note
    assert '[plan.days] "2027-03-02" = "easy"' in note
    assert shown["ignored"] == [
        {
            "date": "2027-03-05",
            "title": "Register for the Oslo Half Marathon",
            "reason": "a reminder or placeholder ('register')",
        }
    ]
    assert main(["plan", *taught_plan(tmp_path, "")]) == 0
    table = capsys.readouterr().out
    assert "not runs" in table and "Fri Register for the Oslo Half" in table
    assert '[plan.words] quality = ["qrx"]' in " ".join(table.split())


def test_the_runners_words_and_days_are_read_and_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = '[plan.words]\nquality = ["qrx", "bahn*"]\n\n[plan.days]\n"2027-03-06" = "strength"\n'
    shown = run_json(capsys, *taught_plan(tmp_path, config))
    days = {d["date"]: d for d in shown["days"]}
    assert days["2027-03-02"]["kind"] == "quality"
    assert days["2027-03-02"]["reason"].endswith("(your word in plan.words.quality)")
    assert days["2027-03-04"]["kind"] == "quality"  # "Bahnrunden" by the pattern "bahn*"
    assert days["2027-03-06"]["plan_strength"]
    assert "read from your config's plan.days: Sat 2027-03-06 (strength)" in shown["notes"]
    assert "read with your config's plan.words: Tue 2027-03-02, Thu 2027-03-04" in shown["notes"]
    assert not [n for n in shown["notes"] if n.startswith("unsure:")]


@pytest.mark.parametrize(
    ("config", "named"),
    [
        ('[plan.words]\nqualty = ["x"]\n', "plan.words.qualty: not a kind runlift reads"),
        ('[plan.words]\nquality = "tdl"\n', "plan.words.quality must be a list of words"),
        ('[plan.words]\nquality = ["(tdl"]\n', "plan.words.quality: '(tdl' is no word"),
        ('[plan.days]\n"2027-3-22" = "race"\n', "plan.days.2027-3-22: not a date (YYYY-MM-DD)"),
        ('[plan.days]\n"2027-03-22" = "tempo"\n', 'plan.days.2027-03-22: "tempo" is not one of'),
    ],
)
def test_a_bad_word_or_day_is_one_line_naming_the_key_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, named: str
) -> None:
    line = fail(capsys, *taught_plan(tmp_path, config))
    assert named in line
