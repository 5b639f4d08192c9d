"""`runlift login garmin`: one attempt, tokens kept privately, the password never, and a pause
after repeated failures that the sync respects too."""

from __future__ import annotations

import json
import stat
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from typer.testing import CliRunner

from runlift.sync import cooloff, paths
from runlift.sync.cli import main
from tests.fakes.http import Response
from tests.garmin_sso import EMAIL, MFA_CODE, PASSWORD, FakeGarminSSO, open_sso
from tests.garmin_world import World, world_fixture  # noqa: F401


@pytest.fixture
def sso(world: World, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGarminSSO]:
    (paths.garmin_token_dir() / "garmin_tokens.json").unlink()  # not signed in yet
    with open_sso(world.fake, monkeypatch) as service:
        yield service


def login(*answers: str) -> tuple[int, str, str]:
    """`runlift login garmin` with the answers typed at its prompts."""
    runner = CliRunner()
    with runner.isolation(input="".join(f"{a}\n" for a in answers)) as (out, err, _mixed):
        code = main(["login", "garmin", "--stdin"])
        sys.stdout.flush()
        sys.stderr.flush()
        return code, out.getvalue().decode(), err.getvalue().decode()


def data_files() -> list[bytes]:
    return [p.read_bytes() for p in paths.data_dir().rglob("*") if p.is_file()]


def test_sign_in_keeps_the_tokens_privately_and_never_the_password(
    sso: FakeGarminSSO, world: World
) -> None:
    code, out, _err = login(EMAIL, PASSWORD)
    assert code == 0, out
    assert PASSWORD not in out
    store = paths.garmin_token_dir()
    tokens = json.loads((store / "garmin_tokens.json").read_text())
    assert tokens["di_token"] in world.fake.access_tokens
    assert stat.S_IMODE(store.stat().st_mode) == 0o700
    assert stat.S_IMODE((store / "garmin_tokens.json").stat().st_mode) == 0o600
    assert not any(PASSWORD.encode() in blob for blob in data_files())
    # The sync now signs in from the store alone.
    world.mark()
    world.client().calendar_month(2026, 11)
    assert [e.status for e in world.requests()] == [200]


def test_the_code_is_asked_for_when_garmin_wants_one(sso: FakeGarminSSO) -> None:
    sso.mfa = True
    code, _out, err = login(EMAIL, PASSWORD, "000000")
    assert code == 2 and "the code was not accepted" in err
    assert not (paths.garmin_token_dir() / "garmin_tokens.json").exists()
    code, _out, _err = login(EMAIL, PASSWORD, MFA_CODE)
    assert code == 0
    assert (paths.garmin_token_dir() / "garmin_tokens.json").exists()


def test_failed_sign_ins_are_not_retried_and_the_third_pauses_sign_in_and_sync(
    sso: FakeGarminSSO, world: World
) -> None:
    code, _out, err = login(EMAIL, "wrong")
    assert code == 2
    assert "wrong email or password" in err and "not retried" in err
    assert sso.passwords_seen == ["wrong"]  # one attempt, no loop
    login(EMAIL, "wrong again")
    code, _out, err = login(EMAIL, "still wrong")
    assert code == 2
    assert "failed 3 times" in err and "will not sign in or sync before" in err
    assert len(sso.passwords_seen) == 3
    until = cooloff.resume_time("garmin")
    assert until is not None and until - datetime.now(UTC) > timedelta(hours=2)

    code, _out, err = login(EMAIL, PASSWORD)
    assert code == 2 and "no calls to it until" in err
    assert len(sso.passwords_seen) == 3  # not even asked Garmin
    world.fake.write_tokenstore(paths.garmin_token_dir())
    world.mark()
    assert main(["sync", "--source", "config"]) == 2
    assert world.requests() == []


def test_a_429_from_sign_in_pauses_at_once(sso: FakeGarminSSO, world: World) -> None:
    sso.blocked = True
    code, _out, err = login(EMAIL, PASSWORD)
    assert code == 2
    assert "too many attempts" in err and "will not sign in or sync before" in err
    assert cooloff.resume_time("garmin") is not None
    sso.blocked = False
    before = len(sso.log.entries)
    assert login(EMAIL, PASSWORD)[0] == 2
    assert len(sso.log.entries) == before


@pytest.mark.parametrize("answer", ["cloudflare", "rate_limited", "captcha", "server_error"])
def test_one_credential_post_per_login_whatever_garmin_answers(
    sso: FakeGarminSSO, answer: str
) -> None:
    """garminconnect alone walks its strategy chain after a refused POST (up to 10 of them):
    that is what arms Garmin's hours-long lock on the account."""
    sso.answer = answer
    code, _out, err = login(EMAIL, PASSWORD)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert len(sso.credential_posts) == 1
    assert not (paths.garmin_token_dir() / "garmin_tokens.json").exists()


def test_a_session_that_cannot_be_saved_writes_no_token_file(
    sso: FakeGarminSSO, world: World
) -> None:
    """When the ticket exchange fails, garminconnect signs in with a browser cookie its token
    store cannot hold (it would write nulls, and every later sync would fail)."""
    sso.di_exchange_fails = True
    code, _out, err = login(EMAIL, PASSWORD)
    assert code == 2
    assert "cannot be saved" in err and len(err.strip().splitlines()) == 1
    assert world.fake.web_sessions  # the fallback did sign in
    assert not (paths.garmin_token_dir() / "garmin_tokens.json").exists()
    assert len(sso.credential_posts) == 1
    # The exchange met a 500: Garmin's trouble, not a refused password.
    assert "cannot reach Garmin Connect (server error 500)" in err
    assert not (paths.data_dir() / "garmin-login-failures.json").exists()


def test_another_tools_token_store_in_garmintokens_is_neither_used_nor_copied(
    sso: FakeGarminSSO, world: World, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """garminconnect's login() loads $GARMINTOKENS (python-garminconnect's README has users set
    it) instead of signing in: runlift would keep another tool's tokens, whoever they belong to,
    and the two would refresh one rotating token away from each other."""
    other = tmp_path / "other-tool"
    world.fake.write_tokenstore(other)
    theirs = json.loads((other / "garmin_tokens.json").read_text())
    monkeypatch.setenv("GARMINTOKENS", str(other))
    code, out, _err = login(EMAIL, PASSWORD)
    assert code == 0, out
    assert len(sso.credential_posts) == 1  # the sign-in typed at the prompt
    ours = json.loads((paths.garmin_token_dir() / "garmin_tokens.json").read_text())
    assert ours["di_refresh_token"] != theirs["di_refresh_token"]
    assert json.loads((other / "garmin_tokens.json").read_text()) == theirs


def test_a_wrong_code_or_a_token_the_api_refuses_costs_still_one_credential_post(
    sso: FakeGarminSSO, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two more ways garminconnect moves on to its next strategy (and a new password POST):
    the code refused after MFA, and a token Garmin's API tier then rejects."""
    sso.mfa = True
    assert login(EMAIL, PASSWORD, "000000")[0] == 2
    assert len(sso.credential_posts) == 1

    sso.mfa = False
    refused = Response.of_json({"message": "HTTP 401 Unauthorized"}, 401)
    monkeypatch.setattr(world.fake, "_social_profile", lambda _request: refused)
    code, _out, err = login(EMAIL, PASSWORD)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert len(sso.credential_posts) == 2  # one more command, one more POST
    assert not (paths.garmin_token_dir() / "garmin_tokens.json").exists()


def test_answers_on_stdin_that_end_early_are_one_line_and_no_sign_in(
    sso: FakeGarminSSO, world: World
) -> None:
    code, _out, err = login()
    assert code == 2
    assert err.strip().splitlines() == [
        "runlift: error: runlift login garmin --stdin: standard input ended before "
        "'Garmin Connect email'"
    ]
    assert sso.credential_posts == []
    assert data_files() == []
