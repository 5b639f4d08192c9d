"""The Strava token file survives a crash mid-write: the athlete is never locked out."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from runlift.sync.errors import AuthRequired, UserError
from runlift.sync.strava.tokens import (
    StravaTokens,
    load_tokens,
    require_tokens,
    save_tokens,
    token_file,
)

OLD = StravaTokens(
    "old-access", "old-refresh", 1_700_000_000, athlete_id=7, scope="activity:read_all"
)
NEW = StravaTokens(
    "new-access", "new-refresh", 1_700_021_600, athlete_id=7, scope="activity:read_all"
)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RUNLIFT_HOME", str(tmp_path))
    return tmp_path


def test_saved_tokens_load_back_from_a_private_file_in_a_private_dir() -> None:
    save_tokens(OLD)
    assert load_tokens() == OLD
    path = token_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_write_that_fails_before_the_rename_leaves_the_old_tokens_and_no_temp_file() -> None:
    save_tokens(OLD)

    def crash(_temp: str, _target: Path) -> None:
        raise OSError("disk went away")

    with pytest.raises(UserError, match=r"strava_tokens\.json: cannot write it"):
        save_tokens(NEW, replace=crash)
    assert load_tokens() == OLD
    assert [p.name for p in token_file().parent.iterdir()] == [token_file().name]


def test_a_process_killed_before_the_rename_leaves_the_old_tokens(home: Path) -> None:
    save_tokens(OLD)
    code = (
        "import os\n"
        "from runlift.sync.strava.tokens import StravaTokens, save_tokens\n"
        "new = StravaTokens('new-access', 'new-refresh', 1)\n"
        "save_tokens(new, replace=lambda *a: os._exit(9))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, "RUNLIFT_HOME": str(home)}, check=False
    )
    assert done.returncode == 9
    assert load_tokens() == OLD
    # The next save still works beside the orphaned temp file.
    save_tokens(NEW)
    assert load_tokens() == NEW


def test_a_writer_killed_at_any_moment_leaves_a_complete_token_file(home: Path) -> None:
    save_tokens(OLD)
    code = (
        "import itertools, sys\n"
        "from runlift.sync.strava.tokens import StravaTokens, save_tokens\n"
        "print('go', flush=True)\n"
        "for n in itertools.count():\n"
        "    save_tokens(StravaTokens(f'access-{n}', f'refresh-{n}' * 50, n))\n"
    )
    for delay in (0.05, 0.11, 0.17):
        writer = subprocess.Popen(
            [sys.executable, "-c", code],
            env={**os.environ, "RUNLIFT_HOME": str(home)},
            stdout=subprocess.PIPE,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline() == b"go\n"
        time.sleep(delay)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        tokens = load_tokens()
        assert tokens is not None
        assert tokens == OLD or tokens.refresh_token == f"refresh-{tokens.expires_at}" * 50


def test_missing_or_broken_tokens_ask_for_login_and_never_show_the_secret() -> None:
    with pytest.raises(AuthRequired, match="runlift login strava"):
        require_tokens()
    token_file().write_text('{"access_token": "secret-access-value"')
    with pytest.raises(AuthRequired, match="runlift login strava") as caught:
        load_tokens()
    assert "secret-access-value" not in str(caught.value)
    assert "old-refresh" not in repr(OLD)
