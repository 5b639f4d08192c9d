"""A plugin's own table, [providers.NAME] or [targets.NAME], is read as runlift's own sections are.

Two plugins are installed here as pip would (module and .dist-info on sys.path): a target with
a model of every kind of key (a secret, choices, a range, a list, a nested table) and a source
of runs with a sign-in that misbehaves. The checks on every key are generated from the installed
model through the same reference runlift's manual is built from, so a key of any plugin's model
is held to what runlift's own keys are (tests/test_config_messages.py).
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from runlift.sync import logs, plugins
from runlift.sync.cli import main
from runlift.sync.config import Config, parse_config
from runlift.sync.config_keys import KeyDoc, reference_markdown, sections
from runlift.sync.errors import UserError
from tests.plugin_dist import install
from tests.test_config_messages import PYTHON_WORDS, WRONG_KINDS, nest, one_edit_misspellings

LOGBOOK = '''
from dataclasses import dataclass, field

from runlift.api import Config, setting


@dataclass(frozen=True)
class Paging:
    """How the logbook pages its answers."""

    size: int = setting(50, "Items a page holds.", low=1, high=200)


@dataclass(frozen=True)
class LogbookSettings:
    """A training logbook the sessions are written to."""

    api_key: str = setting("", "The logbook's API key.", secret=True)
    units: str = setting("kg", "Units the logbook shows.", choices=("kg", "lb"))
    days_ahead: int = setting(14, "Days written ahead.", low=1, high=60)
    pause_minutes: float = setting(5.0, "Minutes between writes.", low=0, high=30)
    private: bool = setting(True, "Sessions are private.")
    tags: tuple[str, ...] = setting((), "Tags added.", choices=("strength", "runlift", "gym"))
    paging: Paging = field(default_factory=Paging, metadata={"help": "Paging."})


class LogbookTarget:
    name = "logbook"
    settings = LogbookSettings

    @classmethod
    def from_config(cls, config: Config):
        return config.plugin_settings(LogbookSettings)
'''

CLUB = '''
from runlift.api import UserError


class Club:
    name = "club"

    @staticmethod
    def login(config, ask):
        """Sign in to the club."""
        secret = ask("Club password", secret=True)
        if secret == "crash-with-it":
            raise KeyError(f"no member with password {secret}")
        if secret == "twice-please":
            ask("Club password", secret=True)
        raise UserError(f"refused: {secret} is not the club's password")

    def upcoming_runs(self, start, end):
        return []
'''

BROKEN_MODELS = {
    "notadataclass": "settings = dict",
    "nohelp": "@dataclass(frozen=True)\nclass S:\n    x: int = 1\nsettings = S",
    "nodefault": "@dataclass(frozen=True)\nclass S:\n    x: int = field()\nsettings = S",
    "atable": (
        "@dataclass(frozen=True)\nclass S:\n"
        "    x: dict[str, int] = field(default_factory=dict, metadata={'help': 'x'})\n"
        "settings = S"
    ),
}


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    install(
        site,
        "runlift_logbook",
        LOGBOOK,
        {plugins.TARGETS.group: {"logbook": "runlift_logbook:LogbookTarget"}},
        monkeypatch,
    )
    install(
        site,
        "runlift_club",
        CLUB,
        {plugins.PROVIDERS.group: {"club": "runlift_club:Club"}},
        monkeypatch,
    )


def error_of(raw: dict[str, Any]) -> str:
    with pytest.raises(UserError) as caught:
        parse_config(raw)
    message = str(caught.value)
    assert "\n" not in message
    return message


def logbook_keys() -> list[KeyDoc]:
    [table] = [s for s in sections() if s.name == "targets.logbook"]
    return list(table.keys)


def test_the_table_is_handed_to_the_plugin_validated(installed: None) -> None:
    config = parse_config(
        {"targets": {"logbook": {"units": "lb", "tags": ["gym"], "paging": {"size": 20}}}}
    )
    target = plugins.load(plugins.TARGETS, "logbook").from_config(config)
    assert (target.units, target.tags, target.paging.size) == ("lb", ("gym",), 20)
    assert target.days_ahead == 14  # the model's default for what was not written
    assert plugins.load(plugins.TARGETS, "logbook").from_config(Config()).units == "kg"


def test_every_key_of_the_plugins_model_is_in_the_reference(installed: None) -> None:
    keys = {key.key for key in logbook_keys()}
    assert keys == {
        f"targets.logbook.{name}"
        for name in ("api_key", "units", "days_ahead", "pause_minutes", "private", "tags")
    } | {"targets.logbook.paging.size"}
    page = reference_markdown()
    assert "## `[targets.logbook]`" in page
    assert (
        "| `targets.logbook.days_ahead` | whole number | `14` | 1-60 | Days written ahead. |"
        in page
    )


def test_every_key_misspelled_gets_its_suggestion(installed: None) -> None:
    for key in logbook_keys():
        *tables, leaf = key.key.split(".")
        siblings = {k.key.rsplit(".", 1)[-1] for k in logbook_keys()}
        for typo in one_edit_misspellings(leaf):
            if typo in siblings or len(typo) < 2:
                continue
            message = error_of(nest(".".join([*tables, typo]), 1))
            assert f"did you mean {key.key}" in message or f" or {key.key}" in message, message
            assert f"unknown setting {'.'.join([*tables, typo])}" in message


def test_every_key_given_a_wrong_kind_says_what_it_takes_in_words(installed: None) -> None:
    for key in logbook_keys():
        for value in WRONG_KINDS:
            try:
                parse_config(nest(key.key, value))
            except UserError as exc:
                message = str(exc)
                assert key.key in message and "\n" not in message, message
                assert PYTHON_WORDS.findall(message) == [], message


def test_every_ranged_and_enum_like_key_names_what_it_allows(installed: None) -> None:
    checked = 0
    for key in logbook_keys():
        if re.fullmatch(r"\d+-\d+", key.allowed):
            high = float(key.allowed.split("-")[1])
            value: Any = int(high) + 1 if key.kind == "whole number" else high + 0.5
            assert f"{key.key} must be {key.allowed}" in error_of(nest(key.key, value))
            checked += 1
        if key.choices:
            wrong: Any = ["kettlebell"] if key.kind == "list of texts" else "kettlebell"
            message = error_of(nest(key.key, wrong))
            assert f'{key.key}: "kettlebell" is not one of' in message
            assert all(f'"{choice}"' in message for choice in key.choices)
            checked += 1
    assert checked == 5


@pytest.mark.parametrize("value", [73461298734612, ["s3cretvalue"], {"t": "s3cretvalue"}, True])
def test_a_secret_of_the_wrong_kind_is_never_echoed(installed: None, value: Any) -> None:
    message = error_of({"targets": {"logbook": {"api_key": value}}})
    assert "targets.logbook.api_key" in message
    assert not {"73461298734612", "s3cretvalue", "true"} & set(re.findall(r"\w+", message))


def test_a_secret_in_the_table_is_kept_out_of_the_log(installed: None) -> None:
    parse_config({"targets": {"logbook": {"api_key": "lb-key-9f8e7d"}}})
    record = logging.LogRecord("runlift", logging.INFO, "", 0, "sent lb-key-9f8e7d", None, None)
    logs.SECRETS.filter(record)
    assert record.getMessage() == "sent [redacted]"


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        (
            {"trainingpeaks": {"api_key": "x"}},
            "unknown setting trainingpeaks (a plugin's settings go in "
            "[providers.trainingpeaks] or [targets.trainingpeaks], once the plugin is installed)",
        ),
        ({"logbook": {"units": "kg"}}, "unknown setting logbook (did you mean [targets.logbook]?)"),
        (
            {"providers": {"trainingpeaks": {}}},
            'unknown setting providers.trainingpeaks: no source of runs called "trainingpeaks" '
            "is installed (installed: club, config, garmin, ics, intervals, strava)",
        ),
        (
            {"targets": {"logbok": {}}},
            'unknown setting targets.logbok: no target called "logbok" is installed '
            "(did you mean [targets.logbook]?)",
        ),
        (
            {"providers": {"garmin": {"cooloff_minutes": 5}}},
            "unknown setting providers.garmin: the garmin source of runs has no settings of its "
            "own (did you mean [garmin]?)",
        ),
        (
            {"providers": 3},
            "providers must be a table of plugins' tables (a [providers.NAME] section for each)",
        ),
        (
            {"targets": {"logbook": "s3cretvalue"}},
            "targets.logbook must be a table (a [targets.logbook] section)",
        ),
    ],
)
def test_a_table_of_no_installed_plugin_is_one_line_with_the_table_meant(
    installed: None, raw: dict[str, Any], said: str
) -> None:
    assert error_of(raw) == said


@pytest.mark.parametrize("name", sorted(BROKEN_MODELS))
def test_a_plugin_whose_settings_runlift_cannot_read_is_one_line_naming_it(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = "from dataclasses import dataclass, field\n\nclass P:\n    pass\n\n"
    source += f"{BROKEN_MODELS[name]}\nP.settings = settings\n"
    install(
        tmp_path,
        f"broken_{name}",
        source,
        {plugins.PROVIDERS.group: {name: f"broken_{name}:P"}},
        monkeypatch,
    )
    message = error_of({"providers": {name: {}}})
    assert message.startswith(f"the {name} plugin's settings cannot be read by runlift: ")


def test_a_plugin_that_cannot_be_imported_is_one_line_when_its_table_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(
        tmp_path,
        "broken_import",
        "import not_there_at_all\n",
        {plugins.TARGETS.group: {"gone": "broken_import:Target"}},
        monkeypatch,
    )
    assert error_of({"targets": {"gone": {}}}) == (
        "the gone plugin (broken_import:Target) cannot be loaded "
        "(ModuleNotFoundError: No module named 'not_there_at_all')"
    )
    assert parse_config({}) == Config()  # not imported while its table is not written


def club_login(*answers: str) -> tuple[int, str]:
    runner = CliRunner()
    with runner.isolation(input="".join(f"{a}\n" for a in answers)) as (out, err, _mixed):
        code = main(["login", "club", "--stdin"])
        sys.stdout.flush()
        sys.stderr.flush()
        return code, out.getvalue().decode() + err.getvalue().decode()


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("wrong-password", "refused: [redacted] is not the club's password"),
        (
            "crash-with-it",
            "the club plugin failed (KeyError: 'no member with password [redacted]')",
        ),
        ("twice-please", "runlift login club asked 'Club password' twice: one attempt per"),
    ],
)
def test_a_plugins_sign_in_is_one_line_with_what_was_typed_masked(
    installed: None, typed: str, said: str
) -> None:
    code, shown = club_login(typed, typed)
    assert code == 2
    [line] = [line for line in shown.splitlines() if line.startswith("runlift: error: ")]
    assert said in line
    assert typed not in line and "Traceback" not in shown


def test_a_name_no_plugin_signs_in_for_is_no_such_command(
    installed: None, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("logbook", "nobody"):
        assert main(["login", name]) == 2
        assert capsys.readouterr().err == f"runlift: error: No such command '{name}'.\n"
