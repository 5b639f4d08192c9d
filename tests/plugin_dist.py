"""A plugin installed for one test as pip installs one: its module and a .dist-info with its
entry points, in a folder put on sys.path (offline, no build). The module is forgotten before
and after, so two tests' plugins of one module name never see each other's code."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest


def install(
    site: Path,
    module: str,
    source: str,
    entry_points: dict[str, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``entry_points``: group -> {name: "module:Class"}."""
    site.mkdir(parents=True, exist_ok=True)
    (site / f"{module}.py").write_text(source, encoding="utf-8")
    info = site / f"{module}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {module.replace('_', '-')}\nVersion: 1.0\n",
        encoding="utf-8",
    )
    sections = [
        f"[{group}]\n" + "".join(f"{name} = {target}\n" for name, target in names.items())
        for group, names in entry_points.items()
    ]
    (info / "entry_points.txt").write_text("\n".join(sections), encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    sys.modules.pop(module, None)
    # Recorded as absent, so the module the test imports leaves with the test.
    monkeypatch.setitem(sys.modules, module, None)  # type: ignore[arg-type]
    del sys.modules[module]
