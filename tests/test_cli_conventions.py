"""The command line's conventions hold for every command, found by walking the command tree
(a command added later is checked without touching this file): help on a bare group and with
-h, no Python or pydantic words in any help or usage error, data on stdout and messages on
stderr, nothing hard-wrapped off a terminal, --json, --quiet and --verbose, shell completion.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from runlift.sync.cli import command, main
from runlift.sync.cli.conventions import commands, takes_no_value

# Python's and its libraries' words for kinds of values, as typer, click or pydantic print
# them: "<bool>", "list[Path]", "must be a int", "a valid integer", "Input should be ...".
PYTHON_WORDS = re.compile(
    r"\b(int|float|str|bool|NoneType|dict|integer)\b|\b(list|tuple|dict)\[|\bPath\b|<\w+>"
    r"|Input should|Value error|valid integer|int range|x<=|<=x|\bNone\b"
)

ALL = list(commands(command()))
GROUPS = [name for name, cmd in ALL if getattr(cmd, "commands", None)]
LEAVES = [name for name, cmd in ALL if not getattr(cmd, "commands", None)]


def argv(name: str) -> list[str]:
    return name.split()[1:]


def test_the_tree_holds_the_commands_a_user_types() -> None:
    assert {"runlift", "runlift login", "runlift doctor"} <= set(GROUPS)
    assert {"runlift plan", "runlift export", "runlift login garmin"} <= set(LEAVES)


@pytest.mark.parametrize("name", GROUPS)
def test_a_bare_group_shows_its_help_and_exits_0(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv(name)) == 0
    captured = capsys.readouterr()
    assert "Usage:" in captured.out and captured.err == ""
    for sub in (getattr(cmd, "commands", {}) for n, cmd in ALL if n == name):
        assert all(word in captured.out for word in sub)


@pytest.mark.parametrize("name", [n for n, _ in ALL])
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_every_command_takes_dash_h_and_its_help_has_no_python_words(
    name: str, flag: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv(name), flag]) == 0
    captured = capsys.readouterr()
    assert "Usage:" in captured.out and captured.err == ""
    assert PYTHON_WORDS.findall(captured.out) == [], captured.out


def _value_options() -> list[tuple[str, str, str]]:
    """(command, option, its metavar) for every option that takes a value."""
    found = []
    for name, cmd in ALL:
        for param in cmd.params:
            if param.param_type_name == "option" and not takes_no_value(param):
                found.append((name, param.opts[0], str(param.metavar)))
    return found


VALUE_OPTIONS = _value_options()


def test_every_value_option_says_what_it_takes() -> None:
    assert VALUE_OPTIONS
    for name, option, metavar in VALUE_OPTIONS:
        assert re.fullmatch(r"[A-Z][A-Z|]*|kg\|lb", metavar), (name, option, metavar)


def _bad_inputs() -> list[list[str]]:
    """Usage errors of every kind a parser can raise, on every command and option."""
    cases = []
    for name, option, metavar in VALUE_OPTIONS:
        cases.append([*argv(name), option])  # the value missing
        if metavar in ("N", "DATE", "kg|lb"):
            for bad in ("abc", "-5", "99999", "1.5", "", "²", "stone"):
                cases.append([*argv(name), option, bad])
    for name in LEAVES:
        cases.append([*argv(name), "--no-such-option"])
    cases += [["no-such-command"], ["login", "facebook"], ["export", "extra-argument"]]
    return cases


@pytest.mark.parametrize("args", _bad_inputs(), ids=lambda a: " ".join(a) or "(empty)")
def test_every_bad_input_is_one_line_in_the_users_words(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("runlift: error: ") and captured.err.count("\n") == 1
    message = captured.err.removeprefix("runlift: error: ")
    assert len(message) > 10, captured.err
    assert PYTHON_WORDS.findall(message) == [], captured.err


def test_a_number_out_of_range_names_the_range(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--weeks", "13"]) == 2
    assert "--weeks '13': not a whole number from 1 to 12" in capsys.readouterr().err
    assert main(["export", "--units", "stone"]) == 2
    assert "--units 'stone': not one of kg, lb" in capsys.readouterr().err


def test_the_calendar_file_line_is_a_message_from_plan_and_export_alike(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (
        ["plan", "--demo", "--ics", str(tmp_path / "p.ics")],
        ["export", "--demo", "--out", str(tmp_path / "out"), "--ics", str(tmp_path / "e.ics")],
    ):
        assert main(args) == 0
        captured = capsys.readouterr()
        assert "Calendar file" not in captured.out, args
        assert re.search(r"^Calendar file .*\.ics: \d session\(s\) written", captured.err, re.M)


def test_export_json_is_data_alone_on_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    args = ["export", "--demo", "--out", str(out), "--json", "--ics", str(tmp_path / "s.ics")]
    assert main(args) == 0
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert [s["label"] for s in document["sessions"]] == ["A", "B"]
    first = document["sessions"][0]
    assert Path(first["file"]).parent == out and Path(first["file"]).is_file()
    rdl = next(m for m in first["moves"] if m["move"] == "romanian_deadlift")
    assert (rdl["load"], rdl["unit"], rdl["sets"]) == (20.0, "kg", 2)
    assert document["calendar_file"]["sessions"] == 2
    assert "Calendar file" in captured.err


def test_quiet_keeps_everything_but_errors_back_and_still_does_the_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    ics = tmp_path / "s.ics"
    assert main(["export", "--demo", "--out", str(out), "--ics", str(ics), "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")
    assert len(list(out.glob("*.fit"))) == 2 and ics.is_file()
    assert main(["plan", "--demo", "-q"]) == 0
    assert capsys.readouterr() == ("", "")
    assert main(["plan", "--demo", "--quiet", "--verbose"]) == 2
    assert "--quiet and --verbose" in capsys.readouterr().err


def test_nothing_is_hard_wrapped_off_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    assert main(["plan", "--demo", "--start", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    # A reason is printed whole on its row, however long the row gets.
    assert re.search(r"relaxed to reach 2 this week: not the day before a quality day", out)
    assert max(len(line) for line in out.splitlines()) > 120


def test_every_console_comes_from_the_one_place_that_decides_width_and_channel() -> None:
    from tests.paths import PROJECT_ROOT

    makers = [
        str(path.relative_to(PROJECT_ROOT))
        for path in (PROJECT_ROOT / "sync").rglob("*.py")
        if path.name != "output.py" and re.search(r"\bConsole\(", path.read_text("utf-8"))
    ]
    assert makers == []


def test_shell_completion_is_offered_and_completes_commands_and_options(tmp_path: Path) -> None:
    env = {**os.environ, "_RUNLIFT_COMPLETE": "complete_bash", "COMP_CWORD": "1"}
    code = "from runlift.sync.cli import run; run()"

    def complete(words: str, cword: int) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", code],
            env={**env, "COMP_WORDS": words, "COMP_CWORD": str(cword)},
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.split()

    assert complete("runlift ex", 1) == ["export"]
    assert "--units" in complete("runlift export --un", 2)
    assert main(["--help"]) == 0
