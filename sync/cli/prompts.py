"""Questions a sign-in asks, at the terminal and nowhere else unless told.

No prompt without a terminal, for every service: with standard input not a terminal (a pipe,
/dev/null, closed), a sign-in stops at its first question with one line and exit 2, before any
request, instead of waiting on a pipe that may never end. ``--stdin`` says the answers come
from standard input, one a line (a script); its end is one line too. At a terminal, the
question goes to stderr, a secret is read without echo, and Ctrl-C or Ctrl-D aborts. A secret
is kept out of runlift's log from the moment it is typed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Annotated

import typer

from runlift.sync import limits
from runlift.sync.errors import UserError

# A question and whether its answer is secret, answered.
Asker = Callable[[str, bool], str]

StdinOption = Annotated[
    bool,
    typer.Option(
        "--stdin",
        help="Read the answers from standard input, one a line, instead of asking at a "
        "terminal (for scripts).",
    ),
]


def has_terminal() -> bool:
    stream = sys.stdin
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):  # closed
        return False


def need_terminal(command: str, what: str) -> None:
    """One line and exit 2 when there is no terminal to ask ``what`` at."""
    if not has_terminal():
        raise UserError(
            f"{command} asks for {what} at a terminal, and standard input is not one: run it in "
            "a terminal, or pass --stdin to read the answers from standard input"
        )


def ask_at_terminal(command: str, question: str, *, hide_input: bool = False) -> str:
    need_terminal(command, f"'{question}'")
    return str(typer.prompt(question, hide_input=hide_input, err=True))


def read_answer(command: str, question: str) -> str:
    """The next line of standard input (``--stdin``); its end is one line and exit 2. A line is
    read up to ``limits.INPUT_LINE_CHARS``: a stream without line breaks (`< /dev/zero`) is not
    read into memory, and a longer line or binary data ends the command before any request."""
    try:
        line = sys.stdin.readline(limits.INPUT_LINE_CHARS + 1) if sys.stdin is not None else ""
    except (OSError, ValueError):
        line = ""
    if not line:
        raise UserError(f"{command} --stdin: standard input ended before '{question}'")
    if len(line) > limits.INPUT_LINE_CHARS or "\x00" in line:
        raise UserError(
            f"{command} --stdin: the answer to '{question}' is longer than "
            f"{limits.INPUT_LINE_CHARS:,} characters or binary data; nothing was sent"
        )
    return line.rstrip("\r\n")


def asker(command: str, from_stdin: bool) -> Asker:
    """How ``command`` asks: lines of standard input with ``--stdin``, else the terminal."""
    if from_stdin:
        return lambda question, _secret: read_answer(command, question)
    return lambda question, secret: ask_at_terminal(command, question, hide_input=secret)


class TerminalAsk:
    """A plugin's ``ask``: each question once per command (one credential attempt), the
    secrets typed remembered so that nothing the command prints shows them."""

    def __init__(self, command: str, from_stdin: bool = False) -> None:
        self.command = command
        self.asked: set[str] = set()
        self.secrets: list[str] = []
        self._ask = asker(command, from_stdin)

    def __call__(self, question: str, *, secret: bool = False) -> str:
        if question in self.asked:
            raise UserError(
                f"{self.command} asked '{question}' twice: one attempt per command; run it again"
            )
        self.asked.add(question)
        answer = self._ask(question, secret)
        if secret:
            self.secrets.append(answer)
            from runlift.sync.redaction import keep_out_of_logs

            keep_out_of_logs(answer)
        return answer
