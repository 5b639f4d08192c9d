"""No prompt without a terminal, for every service: `runlift login garmin` and `runlift login
strava` (with and without --no-browser) with standard input that is not a terminal (/dev/null,
a closed descriptor, a pipe that never ends) answer one line, exit 2, at once, before any
request; `--stdin` is how a script hands the answers over."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import pytest

from runlift.sync import paths
from runlift.sync.cli import main
from tests.fakes.strava import FakeStrava
from tests.garmin_sso import FakeGarminSSO, open_sso
from tests.garmin_world import World, world_fixture  # noqa: F401
from tests.processes import Child, closed_port, offline_env

COMMANDS = [
    ["login", "garmin"],
    ["login", "strava"],
    ["login", "strava", "--no-browser"],
]


def needs_terminal(service: str) -> str:
    what = (
        "your email and password"
        if service == "garmin"
        else ("the code or the address Strava sends you to")
    )
    return (
        f"runlift: error: runlift login {service} asks for {what} at a terminal, and standard "
        "input is not one: run it in a terminal, or pass --stdin to read the answers from "
        "standard input"
    )


@pytest.fixture
def endless_pipe() -> Iterator[IO[str]]:
    """A pipe whose writer stays open: reading it would wait for ever."""
    read_end, write_end = os.pipe()
    reader = os.fdopen(read_end, "r")
    try:
        yield reader
    finally:
        reader.close()
        os.close(write_end)


def stdin_kinds(endless: IO[str]) -> dict[str, Callable[[], IO[str] | None]]:
    return {
        "closed": lambda: None,
        "empty": lambda: io.StringIO(""),
        "devnull": lambda: open(os.devnull),
        "endless pipe": lambda: endless,
    }


@pytest.fixture
def services(
    world: World,
    strava_redirect: FakeStrava,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[FakeGarminSSO, FakeStrava]]:
    (paths.garmin_token_dir() / "garmin_tokens.json").unlink()
    monkeypatch.setenv("STRAVA_CLIENT_ID", strava_redirect.client_id)
    monkeypatch.setenv("STRAVA_CLIENT_SECRET", strava_redirect.client_secret)
    with open_sso(world.fake, monkeypatch) as sso:
        yield sso, strava_redirect


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("kind", ["closed", "empty", "devnull", "endless pipe"])
def test_no_terminal_is_one_line_and_no_request(
    services: tuple[FakeGarminSSO, FakeStrava],
    endless_pipe: IO[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    kind: str,
) -> None:
    sso, strava = services
    stdin = stdin_kinds(endless_pipe)[kind]()
    monkeypatch.setattr(sys, "stdin", stdin)
    try:
        assert main(args) == 2
    finally:
        if kind == "devnull" and stdin is not None:
            stdin.close()
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [needs_terminal(args[1])]
    assert captured.out == ""
    assert sso.log.entries == [] and sso.credential_posts == []
    assert strava.log.entries == []
    assert not paths.strava_token_file().exists()
    assert not (paths.garmin_token_dir() / "garmin_tokens.json").exists()


def test_strava_with_stdin_that_ends_without_a_code_stops_at_once(
    services: tuple[FakeGarminSSO, FakeStrava],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _sso, strava = services
    monkeypatch.setattr(sys, "stdin", io.StringIO("not a code\n"))
    assert main(["login", "strava", "--no-browser", "--stdin"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == (
        "runlift: error: standard input ended without the code or the address Strava sent "
        "you to; run `runlift login strava` again"
    )
    assert strava.log.count("POST", "/oauth/token") == 0


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("kind", ["devnull", "closed", "endless pipe"])
def test_a_real_process_without_a_terminal_ends_at_once(
    runlift_home: Path, args: list[str], kind: str
) -> None:
    """The same, with the standard input a real process gets: /dev/null, a descriptor closed
    by the shell (`<&-`), and a pipe nobody writes to or closes."""
    with closed_port() as blackhole:
        env = offline_env(
            runlift_home, blackhole, STRAVA_CLIENT_ID="4242", STRAVA_CLIENT_SECRET="secret-4242"
        )
        if kind == "closed":
            shell = [
                "sh",
                "-c",
                'exec "$@" <&-',
                "sh",
                sys.executable,
                "-m",
                "tests.fakes.launch",
                *args,
            ]
            done = subprocess.run(
                shell,
                cwd=Path(__file__).parent.parent,
                env=env,
                capture_output=True,
                text=True,
                timeout=30,
            )
            code, lines = done.returncode, done.stderr.splitlines()
        else:
            stdin = subprocess.DEVNULL if kind == "devnull" else subprocess.PIPE
            child = Child(args, env, stdin=stdin)
            try:
                code = child.finish(timeout_s=30)
            finally:
                if child.proc.stdin is not None:
                    child.proc.stdin.close()
                child.stop()
            lines = child.lines
    assert code == 2
    assert lines == [needs_terminal(args[1])]
