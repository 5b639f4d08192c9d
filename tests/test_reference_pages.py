"""The manual's reference pages are generated from the code: every command and option of the
command line, every key of the settings model, each with what it takes, and no Python type name.
"""

import re
from dataclasses import fields, is_dataclass

from runlift.sync import plugins
from runlift.sync.cli.reference import command_tree, reference_markdown, walk
from runlift.sync.config import SECTIONS
from runlift.sync.config_keys import reference_markdown as config_markdown
from runlift.workouts.moves import MOVES_BY_KEY

# Python's own names for kinds of values, as typer, click or pydantic print them: "<int>",
# "list[Path]", "must be a int", "a valid integer". "list" and "path" alone are English.
PYTHON_TYPE_NAMES = re.compile(
    r"\b(int|float|str|bool|NoneType|dict|integer)\b|\b(list|tuple|dict)\[|\bPath\b|<\w+>"
)


def _dotted(cls: type, prefix: str) -> list[str]:
    keys = []
    for item in fields(cls):
        default = item.default_factory() if callable(item.default_factory) else item.default
        if is_dataclass(default):
            keys += _dotted(type(default), f"{prefix}{item.name}.")
        else:
            keys.append(f"{prefix}{item.name}")
    return keys


def test_the_cli_page_lists_every_command_and_every_option() -> None:
    page = reference_markdown()
    headings = set(re.findall(r"^## `(.+)`$", page, re.M))
    names = [name for name, _ in walk(command_tree())]
    assert {"runlift export", "runlift login garmin", "runlift doctor garmin"} <= set(names)
    assert headings == set(names)
    for name, command in walk(command_tree()):
        section = page.split(f"## `{name}`\n", 1)[1].split("\n## ", 1)[0]
        for param in command.params:
            for option in [*param.opts, *param.secondary_opts]:
                if param.param_type_name == "option":
                    assert f"`{option}`" in section, (name, option)


def test_the_config_page_lists_every_key_with_its_kind_default_and_meaning() -> None:
    page = config_markdown()
    rows = {
        row.split("|")[1].strip().strip("`"): row
        for row in page.splitlines()
        if row.startswith("| `")
    }
    expected = ["timezone", "units", *(f"loads.{move}" for move in MOVES_BY_KEY)]
    for name, cls in [*SECTIONS.items(), *plugins.with_settings()]:
        expected += _dotted(cls, f"{name}.")
    assert sorted(rows) == sorted(expected)
    for key, row in rows.items():
        kind, default, _allowed, meaning = (cell.strip() for cell in row.split("|")[2:6])
        assert kind and default and meaning, key
    assert "| `plan.sessions_per_week` | whole number | `2` | 0-3 |" in page


def test_no_reference_page_names_a_python_type() -> None:
    for page in (reference_markdown(), config_markdown()):
        prose = re.sub(r"`[^`]*`", "", page)
        assert PYTHON_TYPE_NAMES.findall(prose) == []
