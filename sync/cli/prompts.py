"""Questions a sign-in asks at the terminal, and nowhere else.

With no terminal and no answer left on standard input, a question is one line and exit 2, not a
hang nor a traceback (at a terminal, Ctrl-C or Ctrl-D still aborts). A secret is read without
echo and kept out of runlift's log from the moment it is typed.
"""

from __future__ import annotations

import sys

import click
import typer

from runlift.sync.errors import UserError
from runlift.sync.redaction import keep_out_of_logs


def ask_at_terminal(command: str, question: str, *, hide_input: bool = False) -> str:
    try:
        return str(typer.prompt(question, hide_input=hide_input))
    except (click.exceptions.Abort, typer.Abort):
        if sys.stdin is not None and sys.stdin.isatty():
            raise
        raise UserError(
            f"{command} needs an answer to '{question}': run it in a terminal"
        ) from None


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
