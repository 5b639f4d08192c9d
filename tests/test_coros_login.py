"""`runlift login coros` from the command line, against the fake COROS Training Hub: one
credential POST per command, the session private, no prompt without a terminal."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from runlift.sync import paths
from runlift.sync.cli import main
from runlift.sync.targets.coros.session import load_session, session_file
from tests.fakes.coros import EMAIL, PASSWORD, FakeCoros

LOGIN = "/account/login"


@pytest.fixture
def config(fake_coros: FakeCoros, runlift_home: Path, tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f'[targets.coros]\nregion = "us"\nbase_url = "{fake_coros.url}"\n')
    return path


def login(config: Path, *answers: str, stdin: bool = True) -> tuple[int, str, str]:
    """`runlift login coros` with ``answers`` on standard input (``--stdin``: no terminal)."""
    runner = CliRunner()
    args = ["login", "coros", "--config", str(config), *(["--stdin"] if stdin else [])]
    with runner.isolation(input="".join(f"{a}\n" for a in answers)) as (out, err, _mixed):
        code = main(args)
        sys.stdout.flush()
        sys.stderr.flush()
        return code, out.getvalue().decode(), err.getvalue().decode()


def test_a_sign_in_is_one_post_and_the_session_is_kept_privately(
    fake_coros: FakeCoros, config: Path
) -> None:
    code, out, err = login(config, EMAIL, PASSWORD)
    assert code == 0, err
    assert fake_coros.log.count("POST", LOGIN) == 1
    session = load_session()
    assert session is not None and session.access_token in fake_coros.tokens
    assert (session.region, session.base_url) == ("us", fake_coros.url)
    path = session_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert str(path) in out
    for where in (out, err, path.read_text()):
        assert PASSWORD not in where
    # The web app's form by default: a bcrypt of the digest, never the password or its digest.
    sent = fake_coros.logins[0]
    assert set(sent) == {"account", "accountType", "p1", "p2"}


def test_a_wrong_password_is_one_post_one_line_and_nothing_saved(
    fake_coros: FakeCoros, config: Path
) -> None:
    code, _out, err = login(config, EMAIL, "not it")
    assert code == 2
    (line,) = err.strip().splitlines()
    assert "email or password" in line and "not retried" in line and "not it" not in line
    assert fake_coros.log.count("POST", LOGIN) == 1
    assert not session_file().exists()


def test_the_older_form_is_sent_when_the_settings_ask_for_it(
    fake_coros: FakeCoros, config: Path
) -> None:
    config.write_text(config.read_text() + 'sign_in = "md5"\n')
    assert login(config, EMAIL, PASSWORD)[0] == 0
    assert set(fake_coros.logins[0]) == {"account", "accountType", "pwd"}


@pytest.mark.parametrize("stdin", [False, True], ids=["no terminal", "--stdin, no answers"])
def test_no_answers_is_one_line_and_no_sign_in(
    fake_coros: FakeCoros, config: Path, stdin: bool
) -> None:
    code, _out, err = login(config, stdin=stdin)
    assert code == 2
    (line,) = err.strip().splitlines()
    assert line.startswith("runlift: error: runlift login coros")
    assert "'COROS account email'" in line
    assert fake_coros.log.count() == 0
    assert [p for p in paths.data_dir().rglob("*") if p.is_file()] == []


def test_the_login_is_listed_with_its_help(config: Path) -> None:
    runner = CliRunner()
    with runner.isolation() as (out, _err, _mixed):
        assert main(["login", "--help"]) == 0
        sys.stdout.flush()
        listed = out.getvalue().decode()
    assert "coros" in listed and "Sign in to the COROS Training Hub" in listed


def test_the_example_configs_coros_table_holds_every_setting_at_its_default() -> None:
    import tomllib

    from runlift.sync.config import parse_config
    from runlift.sync.targets.coros.settings import CorosSettings

    example = (Path(__file__).resolve().parents[1] / "config.example.toml").read_text()
    block = example[example.index("\n# [targets.coros]\n") + 1 :].split("\n\n")[0]
    lines = [line.removeprefix("# ") for line in block.splitlines()]
    table = "\n".join(line for line in lines if not line.startswith("#"))
    parsed = parse_config(tomllib.loads(table)).plugin_tables["targets.coros"]
    assert parsed == CorosSettings()
    assert set(tomllib.loads(table)["targets"]["coros"]) == set(CorosSettings.__dataclass_fields__)
