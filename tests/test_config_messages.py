"""Config errors speak the user's language, for every key of the settings model (generated, so
a key added later is checked too): the key as written, the nearest key for a misspelling, the
allowed values, no Python type name, and never a secret's value, whatever its type."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from runlift.sync.cli import main
from runlift.sync.config import SECTIONS, parse_config
from runlift.sync.config_keys import sections
from runlift.sync.errors import UserError

PYTHON_WORDS = re.compile(
    r"\b(int|float|str|bool|NoneType|dict|integer|tuple)\b|\b(list|dict)\[|Input should"
    r"|Value error|Traceback"
)
LETTERS = "abcdefghijklmnopqrstuvwxyz_"


def error_of(raw: dict[str, Any]) -> str:
    with pytest.raises(UserError) as caught:
        parse_config(raw)
    message = str(caught.value)
    assert "\n" not in message
    return message


def nest(dotted: str, value: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    *tables, leaf = dotted.split(".")
    here = raw
    for table in tables:
        here = here.setdefault(table, {})
    here[leaf] = value
    return raw


def one_edit_misspellings(word: str) -> list[str]:
    """Every deletion and swap of neighbours, and a sample of replacements and insertions."""
    edits = {word[:i] + word[i + 1 :] for i in range(len(word))}
    edits |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    for i in range(0, len(word), 3):
        edits.add(word[:i] + LETTERS[(LETTERS.find(word[i]) + 7) % 26] + word[i + 1 :])
        edits.add(word[:i] + "x" + word[i:])
    return sorted(edits - {word})


KEYS = [key for section in sections() for key in section.keys]
DOTTED = {key.key for key in KEYS}


@pytest.mark.parametrize("key", sorted(DOTTED))
def test_every_key_misspelled_by_one_edit_gets_its_suggestion(key: str) -> None:
    *tables, leaf = key.split(".")
    siblings = {k.rsplit(".", 1)[-1] for k in DOTTED if k.rsplit(".", 1)[0] == ".".join(tables)}
    checked = 0
    for typo in one_edit_misspellings(leaf):
        if typo in siblings or (not tables and typo in {*SECTIONS, "loads"}) or len(typo) < 2:
            continue
        message = error_of(nest(".".join([*tables, typo]), 1))
        assert f"did you mean {key}" in message or f" or {key}" in message, message
        assert typo in message  # the key as written
        checked += 1
    assert checked >= len(leaf)


@pytest.mark.parametrize("section", sorted([*SECTIONS, "loads"]))
def test_every_section_misspelled_by_one_edit_gets_its_suggestion(section: str) -> None:
    for typo in one_edit_misspellings(section):
        if typo in {*SECTIONS, "loads", "units", "timezone"} or len(typo) < 3:
            continue
        assert f"[{section}]" in error_of({typo: {}}), typo


def test_a_key_in_the_wrong_place_is_pointed_to_its_place() -> None:
    assert "did you mean plan.sessions_per_week?" in error_of({"sessions_per_week": 2})
    assert "did you mean plan.sessions_per_week?" in error_of({"sesions_per_week": 2})
    message = error_of({"garmin": {"timezone": "UTC"}})
    assert "did you mean timezone (at the top, before any [section])?" in message


ENUM_LIKE = [k for k in KEYS if k.choices]


def test_the_enum_like_keys_are_found() -> None:
    assert {"units", "athlete.equipment", "plan.quality_days"} <= {k.key for k in ENUM_LIKE}


@pytest.mark.parametrize("key", ENUM_LIKE, ids=lambda k: k.key)
def test_every_enum_like_keys_wrong_value_lists_the_allowed_values(key: Any) -> None:
    wrong = "kettlebell"
    value: Any = [wrong] if key.kind == "list of texts" else wrong
    message = error_of(nest(key.key, value))
    assert all(f'"{choice}"' in message for choice in key.choices), message
    assert f'{key.key}: "{wrong}" is not one of' in message


def test_a_near_miss_of_an_allowed_value_is_suggested() -> None:
    message = error_of({"athlete": {"equipment": ["dumbbell"]}})
    assert 'is not one of "dumbbells", "barbell", "bar" (did you mean "dumbbells"?)' in message
    assert '(did you mean "mon"?)' in error_of({"plan": {"quality_days": ["Monday"]}})
    assert '(did you mean "lb"?)' in error_of({"units": "lbs"})


WRONG_KINDS: list[Any] = [
    "text",
    7,
    7.5,
    True,
    ["a", "b"],
    [1, 2],
    {"x": 1},
    date(2026, 1, 1),
    datetime(2026, 1, 1, 5, 30),
]


@pytest.mark.parametrize("key", KEYS, ids=lambda k: k.key)
def test_every_key_given_a_wrong_kind_says_what_it_takes_in_words(key: Any) -> None:
    for value in WRONG_KINDS:
        try:
            parse_config(nest(key.key, value))
        except UserError as exc:
            message = str(exc)
            assert key.key in message and "\n" not in message, message
            assert PYTHON_WORDS.findall(message) == [], message


RANGED = [k for k in KEYS if re.fullmatch(r"\d+-\d+", k.allowed)]


@pytest.mark.parametrize("key", RANGED, ids=lambda k: k.key)
def test_every_ranged_key_out_of_range_names_its_range(key: Any) -> None:
    high = float(key.allowed.split("-")[1])
    value: Any = int(high) + 1 if key.kind == "whole number" else high + 0.5
    message = error_of(nest(key.key, value))
    assert f"{key.key} must be {key.allowed}" in message


SECRETS = ["intervals.api_key", "strava.client_secret"]
SECRET_VALUES: list[Any] = [
    73461298734612,
    7346129873.4612,
    ["s3cretvalue", "other"],
    {"token": "s3cretvalue"},
    True,
    datetime(2026, 1, 1, 5, 30),
]


@pytest.mark.parametrize("key", SECRETS)
@pytest.mark.parametrize("value", SECRET_VALUES, ids=lambda v: type(v).__name__)
def test_a_secret_of_the_wrong_kind_is_never_echoed(
    key: str, value: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    section, name = key.split(".")
    written = {
        list: '["s3cretvalue", "other"]',
        dict: '{ token = "s3cretvalue" }',
        bool: "true",
        datetime: "2026-01-01T05:30:00",
    }.get(type(value), str(value))
    config.write_text(f"[{section}]\n{name} = {written}\n", encoding="utf-8")
    assert main(["plan", "--config", str(config)]) == 2
    captured = capsys.readouterr()
    assert key in captured.err and captured.err.count("\n") == 1
    for fragment in ("73461298734612", "7346129873", "s3cretvalue", "2026-01-01", "true"):
        assert fragment not in captured.err.lower() and fragment not in captured.out


def test_the_secret_keys_are_the_models_secrets() -> None:
    assert set(SECRETS) == {k.key for k in KEYS if "secret" in k.key or "api_key" in k.key}


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1",
        "http://[::1]:99999/",
        "http://h:99999/x",
        "http://h:0/",
        "http://",
        "https://exa mple.com",
        "ftp://intervals.icu",
        "http://[::1]:port/",
        "intervals.icu",
        "http://\u2028/",
    ],
)
def test_a_base_url_no_client_could_send_to_is_one_line(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[intervals]\nbase_url = "{url}"\n', encoding="utf-8")
    assert main(["plan", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("runlift: error: ") and err.count("\n") == 1
    assert "intervals.base_url must be an http(s) URL" in err


@pytest.mark.parametrize(
    ("zone", "hint"),
    [
        ("Berlin", '"Europe/Berlin"'),
        ("berlin", '"Europe/Berlin"'),
        ("new york", '"America/New_York"'),
        ("Sao_Paulo", '"America/Sao_Paulo"'),
        ("Europe", 'a region: give one of its zones, e.g. "Europe/'),
        ("America/", 'a region: give one of its zones, e.g. "America/'),
        ("Europe/", 'a region: give one of its zones, e.g. "Europe/'),
        ("Europe/Berlim", '"Europe/Berlin"'),
        ("Europe/Berlin/", '"Europe/Berlin"'),
        ("/etc/passwd", ""),
        ("../../etc/passwd", ""),
        ("Mars/Olympus", ""),
        ("x" * 300, ""),
        ("Europe\x00Berlin", ""),
    ],
)
def test_a_timezone_that_is_none_is_one_line_with_the_zone_meant(zone: str, hint: str) -> None:
    message = error_of({"timezone": zone})
    assert message.startswith("timezone ") and "is not a time zone" in message
    assert hint in message
    assert len(message) < 300
