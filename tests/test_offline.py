"""No network is not a refusal. Every command that talks to a service, run with the service out
of reach (a closed port on 127.0.0.1, a name that cannot resolve, a 5xx), stops with one line
"cannot reach SERVICE (why): ... run `runlift COMMAND` again", exit 2, and pauses nothing: no
cool-off, no failed sign-in counted. The real garminconnect, stravalib and httpx clients meet
the failure on a real socket; nothing of runlift's is replaced.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from runlift.sync import cooloff, paths
from runlift.sync.cli import main
from runlift.sync.strava.tokens import StravaTokens, save_tokens
from tests.fakes.garmin import FakeGarmin
from tests.fakes.hooks import redirect_garmin, redirect_strava
from tests.garmin_sso import EMAIL, PASSWORD, FakeGarminSSO, open_sso
from tests.garmin_world import World, world_fixture  # noqa: F401
from tests.processes import closed_port

# RFC 6761: ".invalid" names never resolve, on any resolver.
UNRESOLVABLE_HOST = "connect.runlift.invalid"
# What a library's own words look like; none may reach the user.
LIBRARY_WORDS = (
    "HTTPConnectionPool",
    "HTTPSConnectionPool",
    "Max retries",
    "NewConnectionError",
    "NameResolutionError",
    "urllib3",
    "httpx",
    "curl",
    "Errno",
    "Traceback",
    "ConnectionError",
)


@pytest.fixture(scope="module")
def unresolvable() -> str:
    """The name fails to resolve here, and fast: the test can neither leave the machine nor
    wait on a resolver."""
    started = time.monotonic()
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo(UNRESOLVABLE_HOST, 80)
    assert time.monotonic() - started < 5, "the resolver is too slow for this test"
    return f"http://{UNRESOLVABLE_HOST}"


@pytest.fixture(params=["closed port", "unresolvable name"])
def offline(request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    """(a base URL with nothing behind it, the reason runlift must give)."""
    if request.param == "closed port":
        with closed_port() as port:
            yield f"http://127.0.0.1:{port}", "connection refused"
    else:
        yield request.getfixturevalue("unresolvable"), "name not resolved"


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, lines
    assert not any(word in lines[0] for word in LIBRARY_WORDS), lines[0]
    return lines[0]


def nothing_paused() -> None:
    assert cooloff.all_pauses() == {}
    assert not (paths.data_dir() / "garmin-login-failures.json").exists()


def garmin_config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text('[plan]\nsource = "garmin"\n[garmin]\nread_retries = 1\n')
    return path


@pytest.fixture
def garmin_offline(
    runlift_home: Path, offline: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, str]:
    """Signed in to Garmin Connect, which is out of reach."""
    base, reason = offline
    FakeGarmin().write_tokenstore(paths.garmin_token_dir())
    redirect_garmin(monkeypatch, base)
    return garmin_config(runlift_home), reason


@pytest.mark.parametrize(
    ("args", "again"),
    [
        (["sync"], "runlift sync"),
        (["sync", "--dry-run"], "runlift sync"),
        (["plan", "--source", "garmin"], "runlift plan --source garmin"),
        (["import", "--garmin"], "runlift import --garmin"),
        (["doctor", "garmin"], "runlift doctor garmin"),
    ],
)
def test_every_garmin_command_says_it_cannot_reach_garmin_and_pauses_nothing(
    garmin_offline: tuple[Path, str],
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    again: str,
) -> None:
    config, reason = garmin_offline
    assert main([*args, "--config", str(config)]) == 2
    assert one_error_line(capsys) == (
        f"runlift: error: cannot reach Garmin Connect ({reason}): check the connection, then "
        f"run `{again}` again"
    )
    nothing_paused()


def test_strava_out_of_reach_is_the_same_line(
    runlift_home: Path,
    offline: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    base, reason = offline
    redirect_strava(monkeypatch, base)
    monkeypatch.setenv("STRAVA_CLIENT_ID", "4242")
    monkeypatch.setenv("STRAVA_CLIENT_SECRET", "not-a-real-secret")
    save_tokens(StravaTokens("access-token", "refresh-token", int(time.time()) + 6 * 3600))
    assert main(["plan", "--source", "strava"]) == 2
    assert one_error_line(capsys) == (
        f"runlift: error: cannot reach Strava ({reason}): check the connection, then run "
        "`runlift plan --source strava` again"
    )
    nothing_paused()


def test_intervals_out_of_reach_is_the_same_line(
    runlift_home: Path,
    offline: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    base, reason = offline
    config = runlift_home / "config.toml"
    config.write_text(f'[intervals]\nbase_url = "{base}"\n')
    monkeypatch.setenv("INTERVALS_API_KEY", "a-key-never-sent")
    assert main(["plan", "--source", "intervals"]) == 2
    assert one_error_line(capsys) == (
        f"runlift: error: cannot reach intervals.icu ({reason}): check the connection, then run "
        "`runlift plan --source intervals` again"
    )
    nothing_paused()


def test_a_5xx_pauses_nothing_either(world: World, tmp_path: Path, capsys) -> None:
    world.fake.faults.add("status", status=503, nth=1, times=None)
    assert main(["sync", "--config", str(garmin_config(tmp_path))]) == 2
    assert one_error_line(capsys) == (
        "runlift: error: cannot reach Garmin Connect (server error 503): Garmin Connect has "
        "trouble on its side; run `runlift sync` again later"
    )
    nothing_paused()


# ------------------------------------------------------------------------------- sign-in


def login(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{EMAIL}\n{PASSWORD}\n"))
    code = main(["login", "garmin", "--stdin"])
    return code, capsys.readouterr().err


@pytest.fixture
def sso(world: World, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGarminSSO]:
    (paths.garmin_token_dir() / "garmin_tokens.json").unlink()  # not signed in yet
    with open_sso(world.fake, monkeypatch) as service:
        yield service


def test_three_sign_ins_offline_then_the_network_is_back_and_the_next_signs_in_at_once(
    sso: FakeGarminSSO,
    offline: tuple[str, str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    base, reason = offline
    sso.reached_at = base
    for _ in range(3):
        code, err = login(capsys, monkeypatch)
        assert code == 2
        assert err.splitlines() == [
            f"runlift: error: cannot reach Garmin Connect ({reason}); it does not count as a "
            "refused sign-in: check the connection, then run `runlift login garmin --stdin` again"
        ]
        nothing_paused()
    assert main(["status", "--json"]) == 0
    garmin = json.loads(capsys.readouterr().out)["services"]["garmin"]
    assert garmin["paused_until"] is None and garmin["signed_in"] is False

    sso.reached_at = None  # the network is back
    code, err = login(capsys, monkeypatch)
    assert code == 0, err
    assert len(sso.credential_posts) == 1
    assert (paths.garmin_token_dir() / "garmin_tokens.json").exists()


def test_a_sign_in_garmin_answers_with_a_server_error_counts_for_nothing(
    sso: FakeGarminSSO, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sso.answer = "server_error"
    for _ in range(3):
        code, err = login(capsys, monkeypatch)
        assert code == 2
        assert "cannot reach Garmin Connect (server error 500)" in err
    nothing_paused()
    sso.answer = None
    assert login(capsys, monkeypatch)[0] == 0
    assert len(sso.credential_posts) == 4  # one per command, the last one signed in


def test_refused_sign_ins_still_pause_and_status_says_how_to_lift_it(
    sso: FakeGarminSSO, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other side of the line: three answers that refuse the password do pause, and the
    athlete who fixed it lifts the pause with a command, not by deleting a file."""
    import io
    import sys

    for wrong in ("wrong", "wrong again", "still wrong"):
        monkeypatch.setattr(sys, "stdin", io.StringIO(f"{EMAIL}\n{wrong}\n"))
        assert main(["login", "garmin", "--stdin"]) == 2
    capsys.readouterr()
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    paused = next(line for line in out.splitlines() if "paused until" in line)
    assert paused.startswith("Garmin Connect: paused until ")
    assert "(3 refused sign-ins within 180 min)" in paused
    assert paused.endswith("`runlift resume garmin` lifts the pause if you know it is wrong")

    assert main(["resume", "garmin"]) == 0
    assert "pause lifted" in capsys.readouterr().err
    posts = len(sso.credential_posts)
    code, err = login(capsys, monkeypatch)
    assert code == 0, err
    assert len(sso.credential_posts) == posts + 1
