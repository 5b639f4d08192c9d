"""Questions a sign-in asks at the terminal, and nowhere else.

With no terminal and no answer left on standard input, a question is one line and exit 2, not a
hang nor a traceback (at a terminal, Ctrl-C or Ctrl-D still aborts); a piped answer is read a
bounded line at a time. A secret is read without echo and kept out of runlift's log from the
moment it is typed.
"""

from __future__ import annotations

import sys

import typer

from runlift.sync import limits
from runlift.sync.errors import UserError
from runlift.sync.redaction import keep_out_of_logs


def ask_at_terminal(command: str, question: str, *, hide_input: bool = False) -> str:
    """A prompt; with no terminal and no answer left on standard input, one line and exit 2
    (at a terminal, Ctrl-C or Ctrl-D still aborts). Piped answers are read a line of at most
    ``limits.INPUT_LINE_CHARS`` at a time: `< /dev/zero` is not read into memory."""
    if sys.stdin is not None and sys.stdin.isatty():
        return str(typer.prompt(question, hide_input=hide_input))
    return _piped_answer(command, question)


def _piped_answer(command: str, question: str) -> str:
    typer.echo(f"{question}: ", nl=False)
    try:
        line = sys.stdin.readline(limits.INPUT_LINE_CHARS + 1) if sys.stdin is not None else ""
    except (OSError, ValueError):
        line = ""
    if not line:
        raise UserError(f"{command} needs an answer to '{question}': run it in a terminal")
    if len(line) > limits.INPUT_LINE_CHARS or "\x00" in line:
        raise UserError(
            f"{command}: the answer to '{question}' on standard input is longer than "
            f"{limits.INPUT_LINE_CHARS:,} characters or binary data; nothing was sent"
        )
    typer.echo()
    return line.rstrip("\r\n")


class TerminalAsk:
    """A plugin's ``ask``: each question once per command (one credential attempt), the
    secrets typed remembered so that nothing the command prints shows them."""

    def __init__(self, command: str) -> None:
        self.command = command
        self.asked: set[str] = set()
        self.secrets: list[str] = []

    def __call__(self, question: str, *, secret: bool = False) -> str:
        if question in self.asked:
            raise UserError(
                f"{self.command} asked '{question}' twice: one attempt per command; run it again"
            )
        self.asked.add(question)
        answer = ask_at_terminal(self.command, question, hide_input=secret)
        if secret:
            self.secrets.append(answer)
            keep_out_of_logs(answer)
        return answer
