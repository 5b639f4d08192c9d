"""A command imports what it uses: `runlift --help`, `--version` and every `runlift COMMAND --help`
import no service client, no calendar or FIT library, no pydantic, no SQLite and no help
renderer they do not draw with; `export` and `history` import only what their work needs.

Each check runs runlift in a fresh interpreter and reads ``sys.modules`` there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Never imported by the help or the version, whatever the command.
NOT_FOR_HELP = (
    "garminconnect",
    "stravalib",
    "httpx",
    "icalendar",
    "recurring_ical_events",
    "x_wr_timezone",
    "fitparse",
    "garmin_fit_sdk",
    "fastcrc",
    "matplotlib",
    "pydantic",
    "pydantic_core",
    "bcrypt",
    "schedule",
    "sqlite3",
    # typer's help renderer needs neither: rich's Markdown (markdown-it) nor its Syntax.
    "markdown_it",
    "pygments",
    "runlift.sync.config",
    "runlift.sync.planning",
    "runlift.sync.store",
    "runlift.sync.importing",
    "runlift.sync.targets",
    "runlift.sync.providers",
)
# Not even for the help that lists the installed plugins.
NOT_FOR_ANY_HELP = ("garminconnect", "stravalib", "matplotlib", "pydantic", "markdown_it")
# Needed by no command that neither calls a service nor draws a chart.
NOT_FOR_LOCAL_WORK = (
    "garminconnect",
    "stravalib",
    "matplotlib",
    "pydantic",
    "pydantic_core",
    "markdown_it",
    "pygments",
)

# Runs each command line given (argv 1, JSON) in this fresh interpreter, and prints, as JSON,
# the modules importing the command line took ("first") and, for each command line, what it
# printed and the modules it imported that were not imported before it ("new").
RUNNER = """
import contextlib, io, json, sys
from runlift.sync.cli import main
first = sorted(sys.modules)
runs = []
for argv in json.loads(sys.argv[1]):
    before = set(sys.modules)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    new = sorted(set(sys.modules) - before)
    printed = {"out": out.getvalue(), "err": err.getvalue()}
    runs.append({"argv": argv, "code": code, **printed, "new": new})
print(json.dumps({"first": first, "runs": runs}))
"""


def run_fresh(argvs: list[list[str]], home: Path, first: str = "") -> dict:
    """``RUNNER`` in a fresh interpreter, after the statement ``first``."""
    env = {**os.environ, "RUNLIFT_HOME": str(home), "COLUMNS": "100"}
    done = subprocess.run(
        [sys.executable, "-c", f"{first}\n{RUNNER}", json.dumps(argvs)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def command_lines() -> list[list[str]]:
    """Every command and group of the command line, each asked for its help."""
    from runlift.sync.cli import command
    from runlift.sync.cli.conventions import commands

    names = [name.split()[1:] for name, _ in commands(command())]
    return [[*words, "--help"] for words in names] + [["--version"]]


def kept_out(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return sorted(
        module
        for module in modules
        for name in names
        if module == name or module.startswith(name + ".")
    )


def test_help_and_version_import_no_more_than_they_print(tmp_path: Path) -> None:
    argvs = command_lines()
    assert len(argvs) > 12
    result = run_fresh(argvs, tmp_path)
    assert kept_out(result["first"], NOT_FOR_HELP) == []
    for run in result["runs"]:
        assert run["code"] == 0, run
        assert run["out"].strip(), run["argv"]
        # `login --help` lists every installed plugin's sign-in: it loads the plugins, and
        # what they import is theirs (runlift's own COROS target brings httpx, and httpx its
        # command line's rich and pygments).
        kept = NOT_FOR_ANY_HELP if run["argv"] == ["login", "--help"] else NOT_FOR_HELP
        assert kept_out(run["new"], kept) == [], run["argv"]


def test_the_help_reads_the_same_as_with_typers_full_renderer(tmp_path: Path) -> None:
    # The full renderer imported first: typer.rich_utils with rich's Markdown and Traceback.
    argvs = command_lines()
    light = run_fresh(argvs, tmp_path)["runs"]
    full = run_fresh(argvs, tmp_path, first="import typer.rich_utils")["runs"]
    assert [(r["argv"], r["out"], r["err"]) for r in light] == [
        (r["argv"], r["out"], r["err"]) for r in full
    ]


def test_a_stand_in_never_outlives_the_help(tmp_path: Path) -> None:
    code = (
        "import contextlib, io\n"
        "from runlift.sync.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help'])\n"
        "import rich.markdown, rich.traceback, typer.rich_utils\n"
        "assert rich.markdown.Markdown.__module__ == 'rich.markdown'\n"
        "assert rich.markdown.Markdown('x').markup == 'x'\n"
        "assert type(typer.rich_utils.Markdown('y')) is rich.markdown.Markdown\n"
        "real = rich.traceback.Traceback\n"
        "assert typer.rich_utils.Traceback.from_exception == real.from_exception\n"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "RUNLIFT_HOME": str(tmp_path)},
        check=True,
        capture_output=True,
    )


def test_export_and_history_import_only_what_their_work_needs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    export = ["export", "--out", str(out), "--start", "2026-03-02"]
    runs = run_fresh([export, ["history"], ["history", "--json"]], tmp_path)["runs"]
    assert [run["code"] for run in runs] == [0, 0, 0]
    assert sorted(path.suffix for path in out.iterdir()) == [".fit", ".fit"]
    for run in runs:
        assert kept_out(run["new"], (*NOT_FOR_LOCAL_WORK, "httpx", "icalendar")) == [], run["argv"]


def test_word_lists_are_read_only_by_a_plan_with_words_to_read(tmp_path: Path, capsys) -> None:
    from runlift.sync.cli import main
    from runlift.sync.planning import vocabulary

    # The config's own days (the default source) hold no title to read.
    vocabulary.builtin.cache_clear()
    assert main(["export", "--out", str(tmp_path), "--start", "2026-03-02"]) == 0
    assert vocabulary.builtin.cache_info().misses == 0
    # The sample plan is a calendar: its titles are read with the word lists, once.
    assert main(["plan", "--demo", "--start", "2026-03-02"]) == 0
    assert vocabulary.builtin.cache_info().misses == 1
    assert "Mon 02 Mar" in capsys.readouterr().out
