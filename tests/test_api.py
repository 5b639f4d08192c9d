"""`runlift.api` is what a plugin imports: its names are honest, and they suffice.

The plugin used here is the manual's own example (docs/manual/plugins.md: its entry-point table,
its module and the settings table a user writes for it), put on sys.path as a distribution
exactly as pip would install it. Its sign-in talks to the club's site, a fictional service the
example invents: tests/fakes' loopback server stands in for it.
"""

import ast
import importlib
import json
import re
import stat
import sys
import tomllib
from collections.abc import Iterator
from datetime import date
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from typer.testing import CliRunner

import runlift.api as api
from runlift.sync import cooloff, paths
from runlift.sync.cli import main
from runlift.sync.config import Config, parse_config
from runlift.sync.providers import registry
from tests.fakes.fixtures import served
from tests.fakes.http import FakeService, Request, Response
from tests.paths import PROJECT_ROOT
from tests.plugin_dist import install

PAGE = PROJECT_ROOT / "docs" / "manual" / "plugins.md"


def _manual_plugin() -> tuple[dict[str, str], str]:
    page = PAGE.read_text(encoding="utf-8")
    toml_block = re.search(r"```toml\n(.*?)```", page, re.S)
    python_block = re.search(r"```python\n(.*?)```", page, re.S)
    assert toml_block and python_block, "the manual's plugin example is missing"
    table = tomllib.loads(toml_block.group(1))["project"]["entry-points"][api.ENTRY_POINT_GROUP]
    return table, python_block.group(1)


def _manual_settings_table() -> str:
    """The manual's `[providers.NAME]` block, as a user copies it into config.toml."""
    blocks = re.findall(r"```toml\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)
    [table] = [block for block in blocks if block.startswith("[providers.")]
    return str(table)


@pytest.fixture
def manual_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    table, source = _manual_plugin()
    [(name, target)] = table.items()
    module = target.split(":")[0]
    install(tmp_path / "site", module, source, {api.ENTRY_POINT_GROUP: table}, monkeypatch)
    return name


def test_every_exported_name_is_runlifts_own_object_from_where_it_is_defined() -> None:
    for name in api.__all__:
        exported = getattr(api, name)
        if isinstance(exported, type):
            home = importlib.import_module(exported.__module__)
            assert exported.__module__.startswith(("runlift.sync.", "runlift.workouts.")), name
            assert getattr(home, exported.__name__) is exported, name
    assert api.ENTRY_POINT_GROUP == registry.GROUP
    assert "ics" in {ep.name for ep in entry_points(group=api.ENTRY_POINT_GROUP)}


def test_the_api_exports_exactly_its_all() -> None:
    public = {
        name
        for name, value in vars(api).items()
        if not name.startswith("_") and not isinstance(value, type(api))
    }
    assert public == set(api.__all__)
    star: dict[str, object] = {}
    exec("from runlift.api import *", star)
    assert set(star) - {"__builtins__"} == set(api.__all__)


def test_the_manual_plugin_imports_nothing_of_runlift_but_the_api() -> None:
    _table, source = _manual_plugin()
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert {m for m in imported if m and m.split(".")[0] == "runlift"} == {"runlift.api"}


def test_the_manual_plugin_is_a_provider_and_plans_around_its_runs(
    manual_plugin: str, capsys: pytest.CaptureFixture[str]
) -> None:
    provider = registry.make_provider(manual_plugin, Config())
    assert isinstance(provider, api.RunsProvider)
    runs = provider.upcoming_runs(date(2026, 11, 23), date(2026, 11, 29))
    assert [(run.day, run.kind) for run in runs] == [(date(2026, 11, 24), api.DayKind.QUALITY)]

    argv = ["plan", "--source", manual_plugin, "--start", "2026-11-23", "--days", "7", "--json"]
    assert main(argv) == 0
    shown = json.loads(capsys.readouterr().out)
    tuesday = next(d for d in shown["days"] if d["date"] == "2026-11-24")
    assert tuesday["kind"] == "quality"
    planned = {s["date"] for s in shown["sessions"]}
    # Not on the track night, nor the day before it.
    assert planned and not planned & {"2026-11-23", "2026-11-24"}


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_manual_plugin_reads_its_own_table_in_runlift_plan(
    manual_plugin: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = _manual_settings_table()
    assert f"[providers.{manual_plugin}]" in table
    config = _config(tmp_path, f'[plan]\nsource = "{manual_plugin}"\n\n{table}')
    argv = ["plan", "--config", str(config), "--start", "2026-11-23", "--days", "7", "--json"]
    assert main(argv) == 0
    shown = json.loads(capsys.readouterr().out)
    quality = {d["date"] for d in shown["days"] if d["kind"] == "quality"}
    # The table's nights (Tuesday and Thursday), not the model's default (Tuesday alone).
    assert quality == {"2026-11-24", "2026-11-26"}
    assert not {s["date"] for s in shown["sessions"]} & quality


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (
            'nigths = ["tue"]',
            "unknown setting providers.trackclub.nigths (did you mean providers.trackclub.nights?)",
        ),
        (
            'nights = ["tuesday"]',
            'providers.trackclub.nights: "tuesday" is not one of "mon", "tue", "wed", "thu", '
            '"fri", "sat", "sun" (did you mean "tue"?)',
        ),
        ("nights = 2", "providers.trackclub.nights must be a list of texts; not 2"),
        ('site = "club.example"', "providers.trackclub: site must be an http(s) URL"),
        ("timezone = 'UTC'", "unknown setting providers.trackclub.timezone"),
    ],
)
def test_a_bad_key_in_the_plugins_table_is_one_line_naming_it(
    manual_plugin: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    written: str,
    said: str,
) -> None:
    config = _config(tmp_path, f"[providers.{manual_plugin}]\n{written}\n")
    assert main(["plan", "--config", str(config), "--source", manual_plugin]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"runlift: error: {config}: {said}\n"
    assert captured.out == ""


MEMBER = "4711"
PIN = "S3cret-PIN-2026"
TOKEN = "club-token-8f2e41"


class ClubSite(FakeService):
    """The manual example's club site: one sign-in call."""

    def handle(self, request: Request) -> Response:
        if (request.method, request.path) != ("POST", "/api/sign-in"):
            return Response.of_json({"message": "not found"}, 404)
        if request.json() != {"member": MEMBER, "pin": PIN}:
            return Response.of_json({"message": "refused"}, 401)
        return Response.of_json({"token": TOKEN})


@pytest.fixture
def club() -> Iterator[ClubSite]:
    yield from served(ClubSite())


@pytest.fixture
def club_config(manual_plugin: str, club: ClubSite, tmp_path: Path) -> Path:
    return _config(tmp_path, f'[providers.{manual_plugin}]\nsite = "{club.url}"\n')


def login(config: Path, *answers: str, stdin: bool = True) -> tuple[int, str, str]:
    """`runlift login trackclub --stdin` with the answers on standard input (no terminal)."""
    runner = CliRunner()
    with runner.isolation(input="".join(f"{a}\n" for a in answers)) as (out, err, _mixed):
        flags = ["--stdin"] if stdin else []
        code = main(["login", "trackclub", *flags, "--config", str(config)])
        sys.stdout.flush()
        sys.stderr.flush()
        return code, out.getvalue().decode(), err.getvalue().decode()


def _private_files() -> list[Path]:
    return [p for p in paths.data_dir().rglob("*") if p.is_file()]


def test_runlift_login_signs_in_to_the_plugins_service_once_and_keeps_the_token_privately(
    club_config: Path, club: ClubSite
) -> None:
    code, out, err = login(club_config, MEMBER, PIN)
    assert (code, err) == (0, "")
    saved = paths.plugin_dir("trackclub") / "token.json"
    assert f"Signed in to the club as member {MEMBER}; the token is in {saved}" in out
    assert json.loads(saved.read_text()) == {"member": MEMBER, "token": TOKEN}
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert stat.S_IMODE(saved.parent.stat().st_mode) == 0o700
    assert PIN not in out
    assert not any(PIN.encode() in p.read_bytes() for p in _private_files())
    assert club.log.count("POST", "/api/sign-in") == 1


def test_a_refused_pin_is_one_line_one_attempt_and_nothing_saved(
    club_config: Path, club: ClubSite
) -> None:
    code, out, err = login(club_config, MEMBER, "wrong-pin-1", "wrong-pin-2", PIN)
    assert code == 2
    assert err == "runlift: error: the club's site refused this member number and PIN\n"
    assert club.log.count("POST", "/api/sign-in") == 1
    assert "wrong-pin" not in out + err
    assert _private_files() == []


def test_the_sign_in_without_a_terminal_is_one_line_and_sends_nothing(
    club_config: Path, club: ClubSite
) -> None:
    code, _out, err = login(club_config, MEMBER, PIN, stdin=False)
    assert code == 2
    assert err == (
        "runlift: error: runlift login trackclub asks for 'Member number' at a terminal, and "
        "standard input is not one: run it in a terminal, or pass --stdin to read the answers "
        "from standard input\n"
    )
    code, _out, err = login(club_config)
    assert code == 2
    assert err == (
        "runlift: error: runlift login trackclub --stdin: standard input ended before "
        "'Member number'\n"
    )
    assert len(club.log) == 0


def test_a_429_pauses_the_plugins_service_and_the_next_command_sends_nothing(
    club_config: Path, club: ClubSite
) -> None:
    club.faults.add("status", status=429, retry_after=900)
    code, _out, err = login(club_config, MEMBER, PIN)
    assert (
        code == 2
        and ("trackclub is paused (trackclub answered 429 Too Many Requests); no calls to it until")
        in err
    )
    resume = cooloff.resume_time("trackclub")
    assert resume is not None
    code, _out, err = login(club_config, MEMBER, PIN)
    assert code == 2 and "is paused" in err and "`runlift resume trackclub`" in err
    assert club.log.count("POST", "/api/sign-in") == 1


def test_the_login_group_lists_the_plugins_sign_in_beside_runlifts_own(
    manual_plugin: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["login", "--help"]) == 0
    listed = capsys.readouterr().out
    assert all(name in listed for name in ("garmin", "strava", manual_plugin))
    assert "Sign in to the club's site with your member number and PIN." in listed
    assert main(["login", manual_plugin, "--help"]) == 0
    own = capsys.readouterr().out
    assert f"Usage: runlift login {manual_plugin} [OPTIONS]" in own
    assert re.search(r"--config +FILE +Config file \(TOML\)", own)


def test_the_example_configs_plugin_table_is_the_manual_plugins_own(manual_plugin: str) -> None:
    example = (PROJECT_ROOT / "config.example.toml").read_text(encoding="utf-8")
    commented = example[example.index(f"# [providers.{manual_plugin}]") :]
    table = "".join(line.removeprefix("# ") + "\n" for line in commented.splitlines())
    assert table == _manual_settings_table()
    settings = parse_config(tomllib.loads(table)).plugin_tables[f"providers.{manual_plugin}"]
    assert settings.nights == ("tue", "thu")


@pytest.mark.parametrize(
    "written", ["[trainingpeaks]\napi_key = 'x'\n", "[providers.trackclb]\nnights = ['tue']\n"]
)
def test_the_configuration_pages_plugin_table_errors_are_what_runlift_says(
    manual_plugin: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(written, encoding="utf-8")
    assert main(["plan", "--config", str(config)]) == 2
    said = capsys.readouterr().err.strip().replace(str(config), "config.toml")
    page = (PROJECT_ROOT / "docs" / "manual" / "configuration.md").read_text(encoding="utf-8")
    assert said in page.splitlines()


def test_the_manuals_reference_holds_the_installed_plugins_table_and_sign_in(
    manual_plugin: str,
) -> None:
    from runlift.sync.cli.reference import reference_markdown as commands_page
    from runlift.sync.config_keys import reference_markdown as settings_page

    assert f"## `runlift login {manual_plugin}`" in commands_page()
    row = f'| `providers.{manual_plugin}.nights` | list of texts | `["tue"]` |'
    assert row in settings_page()
