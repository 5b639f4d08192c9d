"""A calendar feed is someone else's server: bounded in size, in time, and never quoted in full."""

import gzip
import logging
import sqlite3
import zlib
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from runlift.sync import logs, paths
from runlift.sync.cli import main
from runlift.sync.errors import UserError
from runlift.sync.providers import ics_source
from runlift.sync.providers.ics import IcsProvider
from tests.calendar_server import Route, serve
from tests.garmin_world import World, world_fixture  # noqa: F401

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def own_home(runlift_home: Path) -> Path:
    """Config and state of this test only, whatever the machine's user has."""
    return runlift_home


FEED = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//runlift tests//EN\r\n"
    b"BEGIN:VEVENT\r\nUID:1@test\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:Intervals 6 x 800 m\r\n"
    b"DTSTART;VALUE=DATE:20261124\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)
SECRET = "k3y-9f8e7d6c5b4a39281706"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://h:99999/x", "port out of range"),
        ("http://[::1/x", "malformed host"),
        ("https://calendar.example.com/feed.ics\nX-Injected: 1", "line break"),
        ("https:///feed.ics", "no host"),
    ],
)
def test_a_url_no_server_could_answer_is_a_one_line_error(url: str, reason: str) -> None:
    with pytest.raises(UserError, match=reason) as caught:
        ics_source.read_calendar_bytes(url)
    assert "\n" not in str(caught.value)
    assert "feed.ics" not in str(caught.value)


def test_a_bad_url_on_the_command_line_ends_in_one_line_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["plan", "--runs", "http://h:99999/x"]) == 2
    err = capsys.readouterr().err
    assert err == "runlift: error: http://…: not a valid URL (port out of range 0-65535)\n"


def test_messages_name_a_feed_by_scheme_and_host_only() -> None:
    url = f"https://user:pw@calendar.example.com:8443/ical/{SECRET}/basic.ics?token=t0k3n"
    assert ics_source.describe(url) == "https://calendar.example.com:8443/…"
    assert (
        ics_source.describe("webcal://calendar.example.com/a") == "webcal://calendar.example.com/…"
    )


def test_a_gzip_bomb_stops_at_the_cap_on_decoded_bytes() -> None:
    bomb = gzip.compress(b"BEGIN:VCALENDAR\r\n" + b" " * (ics_source.MAX_BYTES + 1024), 9)
    assert len(bomb) < ics_source.MAX_BYTES // 100
    route = Route(bomb, headers={"Content-Encoding": "gzip"})
    with serve({"/bomb.ics": route}) as server, pytest.raises(UserError) as caught:
        ics_source.read_calendar_bytes(server.url("/bomb.ics"))
    expected = f"http://127.0.0.1:{server.port}/…: the calendar is larger than 10 MiB"
    assert str(caught.value) == expected


def test_a_gzip_feed_within_the_cap_is_read() -> None:
    route = Route(gzip.compress(FEED), headers={"Content-Encoding": "gzip"})
    with serve({"/feed.ics": route}) as server:
        assert ics_source.read_calendar_bytes(server.url("/feed.ics")) == FEED


@pytest.mark.parametrize("wbits", [15, -15], ids=["zlib", "raw"])
def test_a_deflate_feed_is_read_wrapped_or_raw(wbits: int) -> None:
    packer = zlib.compressobj(wbits=wbits)
    route = Route(packer.compress(FEED) + packer.flush(), headers={"Content-Encoding": "deflate"})
    with serve({"/feed.ics": route}) as server:
        assert ics_source.read_calendar_bytes(server.url("/feed.ics")) == FEED


def test_a_plain_body_over_the_cap_is_refused() -> None:
    route = Route(b"BEGIN:VCALENDAR\r\n" + b"x" * ics_source.MAX_BYTES)
    with serve({"/big.ics": route}) as server, pytest.raises(UserError, match="larger than 10 MiB"):
        ics_source.read_calendar_bytes(server.url("/big.ics"))


def test_a_server_dripping_bytes_hits_one_total_deadline() -> None:
    # Each byte comes well within the deadline; the whole would take over a minute.
    drip = Route(FEED * 20, drip_s=0.05)
    with serve({"/drip.ics": drip}) as server, pytest.raises(UserError) as caught:
        ics_source.read_calendar_bytes(server.url("/drip.ics"), timeout_s=0.5)
    assert "no complete answer within 0.5 s" in str(caught.value)


def test_a_server_that_sleeps_hits_the_deadline() -> None:
    asleep = Route(FEED, delay_s=30)
    with serve({"/asleep.ics": asleep}) as server, pytest.raises(UserError, match=r"within 0\.5 s"):
        ics_source.read_calendar_bytes(server.url("/asleep.ics"), timeout_s=0.5)


def test_an_unsupported_content_encoding_is_a_one_line_error() -> None:
    route = Route(b"\x00\x01", headers={"Content-Encoding": "compress"})
    refused = pytest.raises(UserError, match="an encoding runlift does not read")
    with serve({"/x.ics": route}) as server, refused:
        ics_source.read_calendar_bytes(server.url("/x.ics"))


def test_the_feed_path_never_reaches_the_log(caplog: pytest.LogCaptureFixture) -> None:
    handler = logs.setup(logging.DEBUG)
    try:
        with caplog.at_level(logging.DEBUG), serve({}) as server:
            url = server.url(f"/ical/{SECRET}/basic.ics?token=t0k3n")
            with pytest.raises(UserError):
                IcsProvider(url, BERLIN).upcoming_runs(date(2026, 11, 23), date(2026, 11, 29))
            logging.getLogger("httpx").info("HTTP Request: GET %s", url)
        for record in caplog.records:
            handler.filter(record)
            assert SECRET not in record.getMessage()
            assert "t0k3n" not in record.getMessage()
    finally:
        logging.getLogger().removeHandler(handler)


def test_a_failed_sync_records_the_feed_by_host_only(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve({}) as server:
        url = server.url(f"/ical/{SECRET}/basic.ics?token=t0k3n")
        assert main(["sync", "--runs", url, "--start", "2026-11-23"]) == 2
    assert main(["status"]) == 0
    with sqlite3.connect(paths.data_dir() / "state.sqlite3") as conn:
        rows = conn.execute("SELECT message FROM sync_runs").fetchall()
    assert rows == [(f"http://127.0.0.1:{server.port}/…: the server answered 404 Not Found",)]
    printed = capsys.readouterr()
    for text in (printed.out, printed.err):
        assert SECRET not in text
        assert "t0k3n" not in text
