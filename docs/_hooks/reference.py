"""MkDocs hook: the reference pages, generated from the code at every build.

reference/cli.md lists every command and option of the typer app, reference/config.md every
config key of the settings model; neither is kept in the repository, so neither can drift.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import File, Files


def on_files(files: Files, config: Any) -> Files:
    from runlift.sync.cli.reference import reference_markdown as commands
    from runlift.sync.config_keys import reference_markdown as settings

    for path, text in (("reference/cli.md", commands()), ("reference/config.md", settings())):
        files.append(File.generated(config, path, content=text))
    return files
