"""What a sign-in reads from the person (or from whatever is piped in) is bounded: a stream
without line breaks is not read into memory, and a secret that cannot be one is refused before
any wait or request."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from runlift.sync import limits
from runlift.sync.cli import main
from tests.bounded_run import run_bounded
from tests.fakes.strava import FakeStrava


@pytest.mark.parametrize("service", ["strava", "garmin"])
def test_login_from_dev_zero_reads_a_bounded_line_and_ends_in_one(
    service: str, tmp_path: Path, fake_strava: FakeStrava
) -> None:
    argv = ["login", service, "--stdin"] + (["--no-browser"] if service == "strava" else [])
    env = {"STRAVA_CLIENT_ID": fake_strava.client_id, "STRAVA_CLIENT_SECRET": "s3cr3t-0123"}
    ran = run_bounded(argv, home=tmp_path, env=env, stdin_path="/dev/zero")
    assert ran.code == 2, ran.err
    (line,) = ran.error_lines
    assert f"longer than {limits.INPUT_LINE_CHARS:,} characters or binary data" in line
    assert ran.seconds < 30
    assert fake_strava.log.entries == []


@pytest.mark.parametrize(
    ("secret", "said"),
    [
        ("   ", "Strava client secret missing"),
        ("\t\n", "Strava client secret missing"),
        ("abc def", "not an API application's client secret"),
        ("abc\x1b[31mdef", "not an API application's client secret"),
        ("x" * 500, "not an API application's client secret"),
    ],
)
def test_a_client_secret_that_cannot_be_one_is_refused_before_any_wait(
    secret: str,
    said: str,
    runlift_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("STRAVA_CLIENT_ID", "12345")
    monkeypatch.setenv("STRAVA_CLIENT_SECRET", secret)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["login", "strava", "--no-browser"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    (line,) = captured.err.splitlines()
    assert said in line
    assert secret.strip() == "" or secret not in line


def test_a_client_id_of_20000_digits_is_refused_without_echoing_it(
    runlift_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("STRAVA_CLIENT_ID", "9" * 20_000)
    monkeypatch.setenv("STRAVA_CLIENT_SECRET", "s3cr3t")
    assert main(["login", "strava", "--no-browser"]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert "STRAVA_CLIENT_ID must be the application's number" in line
    assert len(line) < 200
