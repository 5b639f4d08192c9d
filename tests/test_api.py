"""`runlift.api` is what a provider plugin imports: its names are honest, and they suffice.

The plugin used here is the manual's own example (docs/manual/plugins.md: its entry-point table and
its module), put on sys.path as a distribution exactly as pip would install it.
"""

import ast
import importlib
import json
import re
import tomllib
from datetime import date
from importlib.metadata import entry_points
from pathlib import Path

import pytest

import runlift.api as api
from runlift.sync.cli import main
from runlift.sync.config import Config
from runlift.sync.providers import registry
from tests.paths import PROJECT_ROOT


def _manual_plugin() -> tuple[dict[str, str], str]:
    page = (PROJECT_ROOT / "docs" / "manual" / "plugins.md").read_text(encoding="utf-8")
    toml_block = re.search(r"```toml\n(.*?)```", page, re.S)
    python_block = re.search(r"```python\n(.*?)```", page, re.S)
    assert toml_block and python_block, "the manual's plugin example is missing"
    table = tomllib.loads(toml_block.group(1))["project"]["entry-points"][api.ENTRY_POINT_GROUP]
    return table, python_block.group(1)


@pytest.fixture
def manual_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    table, source = _manual_plugin()
    [(name, target)] = table.items()
    module = target.split(":")[0]
    (tmp_path / f"{module}.py").write_text(source, encoding="utf-8")
    info = tmp_path / f"{module}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        f"[{api.ENTRY_POINT_GROUP}]\n{name} = {target}\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    return name


def test_every_exported_name_is_runlifts_own_object_from_where_it_is_defined() -> None:
    for name in api.__all__:
        exported = getattr(api, name)
        if isinstance(exported, type):
            home = importlib.import_module(exported.__module__)
            assert exported.__module__.startswith("runlift.sync."), name
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
