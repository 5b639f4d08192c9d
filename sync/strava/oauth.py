"""`runlift login strava`: Strava's OAuth authorization-code flow with a loopback redirect.

runlift listens on 127.0.0.1 for Strava's redirect, prints the authorization URL (and opens it
in a browser when asked), and takes the code from whichever comes first: the redirect reaching
the loopback server, or the code or the whole redirect URL pasted on standard input (for a
browser on another machine). The state parameter guards the redirect against forgery. The code
is exchanged once; the tokens go to the token file atomically. Neither the client secret nor any
token or code is printed or logged. A pasted bare code says nothing about the permissions the
athlete granted (and Strava's token answer carries no scope), so then one read of a single
activity checks them before the tokens are kept.
"""

from __future__ import annotations

import queue
import re
import secrets
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast
from urllib.parse import parse_qs, urlsplit

from runlift.sync import limits, logs
from runlift.sync.errors import UserError
from runlift.sync.strava.client import StravaAppInactive, new_client, translated_error
from runlift.sync.strava.credentials import AppCredentials
from runlift.sync.strava.history import ACTIVITIES_PATH
from runlift.sync.strava.tokens import StravaTokens, save_tokens

if TYPE_CHECKING:
    import requests
    from stravalib import Client
    from stravalib.model import SummaryAthlete
    from stravalib.protocol import AccessInfo

SCOPES = ("read", "activity:read_all")
CALLBACK_PATH = "/strava/callback"
DEFAULT_WAIT_S = 300.0
_CODE = re.compile(r"[A-Za-z0-9_\-]{6,200}")


@dataclass(frozen=True)
class Answer:
    """What came back from Strava's authorization page (via the redirect or pasted)."""

    code: str = ""
    state: str | None = None
    scope: str = ""
    error: str = ""
    pasted: bool = False
    # Standard input ended without a code (``paste_is_final``): nothing more will come.
    ended: bool = False
    # Why what was pasted ends the sign-in (not an answer from Strava at all).
    refused: str = ""


def parse_answer(text: str, pasted: bool = False) -> Answer | None:
    """A redirect URL or query string ("...?state=..&code=..&scope=..") or a bare code."""
    text = text.strip()
    if not text:
        return None
    if "code=" in text or "error=" in text:
        query = urlsplit(text).query if "?" in text else text
        values = {key: items[0] for key, items in parse_qs(query).items()}
        if values.get("error"):
            return Answer(error=values["error"], state=values.get("state"), pasted=pasted)
        code = values.get("code", "")
        if not _CODE.fullmatch(code):
            return None
        return Answer(code, values.get("state"), values.get("scope", ""), pasted=pasted)
    if _CODE.fullmatch(text):
        return Answer(code=text, pasted=pasted)
    return None


class _QuietServer(ThreadingHTTPServer):
    """socketserver prints a traceback to stderr when a browser resets a connection; the
    athlete's terminal is no place for it. Such connections are only counted."""

    daemon_threads = True
    dropped = 0

    def handle_error(self, request: object, client_address: object) -> None:
        self.dropped += 1


class LoopbackReceiver:
    """An HTTP server on 127.0.0.1 that waits for Strava's redirect to CALLBACK_PATH."""

    def __init__(self, answers: queue.Queue[Answer], port: int = 0) -> None:
        self.answers = answers
        handler = self._handler()
        try:
            self.server = _QuietServer(("127.0.0.1", port), handler)
        except OSError as exc:
            raise UserError(
                f"strava.redirect_port {port}: cannot listen on 127.0.0.1 ({exc.strerror})"
            ) from None
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def dropped(self) -> int:
        """Connections that failed mid-request (a browser that hung up)."""
        return self.server.dropped

    @property
    def redirect_uri(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{CALLBACK_PATH}"

    def __enter__(self) -> LoopbackReceiver:
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        answers = self.answers

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                answer = parse_answer(parts.query) if parts.path == CALLBACK_PATH else None
                if answer is None:
                    self._reply(404, "Not the Strava sign-in redirect.")
                    return
                answers.put(answer)
                if answer.error:
                    self._reply(200, "Strava sign-in was not completed. You can close this tab.")
                else:
                    self._reply(200, "runlift is signed in to Strava. You can close this tab.")

            def _reply(self, status: int, text: str) -> None:
                body = f"<!doctype html><title>runlift</title><p>{text}</p>".encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                # The request line carries the authorization code: never log it.
                return

        return Handler


def login(
    credentials: AppCredentials,
    http: requests.Session,
    *,
    show_url: Callable[[str], None],
    port: int = 0,
    paste_from: TextIO | None = None,
    paste_is_final: bool = False,
    wait_s: float = DEFAULT_WAIT_S,
    token_path: Path | None = None,
) -> StravaTokens:
    """Run the sign-in; ``show_url`` shows the authorization URL to the athlete (and may open
    a browser); ``paste_from`` is read for a pasted code or redirect URL (None: not read).
    With ``paste_is_final`` its end without a code ends the sign-in at once."""
    logs.SECRETS.add([credentials.client_secret])
    client = new_client(http)
    answers: queue.Queue[Answer] = queue.Queue()
    state = secrets.token_urlsafe(24)
    with LoopbackReceiver(answers, port) as receiver:
        show_url(
            client.authorization_url(
                client_id=credentials.client_id,
                redirect_uri=receiver.redirect_uri,
                scope=list(SCOPES),  # type: ignore[arg-type]
                state=state,
            )
        )
        if paste_from is not None:
            _read_pasted(paste_from, answers, paste_is_final)
        answer = _wait(answers, state, wait_s)
    return _exchange(client, credentials, answer, token_path)


def _read_pasted(stream: TextIO, answers: queue.Queue[Answer], final: bool) -> None:
    """Lines of ``stream``, each read up to ``limits.INPUT_LINE_CHARS`` (a stream without line
    breaks, /dev/zero, is not read into memory): the first code or address is the answer; a
    line longer than any address ends the sign-in with one line."""

    def read() -> None:
        try:
            while line := stream.readline(limits.INPUT_LINE_CHARS + 1):
                if len(line) > limits.INPUT_LINE_CHARS or "\x00" in line:
                    answers.put(Answer(refused=_NOT_TYPED))
                    return
                answer = parse_answer(line, pasted=True)
                if answer is not None:
                    answers.put(answer)
                    return
                print("runlift: not a code or the redirect address; try again", file=sys.stderr)
        except (OSError, ValueError):
            # No usable standard input (closed, or not readable): the redirect still works.
            pass
        if final:
            answers.put(Answer(pasted=True, ended=True))

    threading.Thread(target=read, daemon=True).start()


_NOT_TYPED = (
    f"standard input gave a line longer than {limits.INPUT_LINE_CHARS:,} characters or "
    "binary data, not a code or the address Strava led to; run `runlift login strava` again "
    "and paste the address"
)


def _wait(answers: queue.Queue[Answer], state: str, wait_s: float) -> Answer:
    while True:
        try:
            answer = answers.get(timeout=wait_s)
        except queue.Empty:
            raise UserError(
                f"no answer from Strava's sign-in page within {wait_s:g} s; run "
                "`runlift login strava` again"
            ) from None
        if answer.refused:
            raise UserError(answer.refused)
        if answer.ended:
            raise UserError(
                "standard input ended without the code or the address Strava sent you to; "
                "run `runlift login strava` again"
            )
        # A pasted bare code carries no state; anything else must carry ours. A forged
        # redirect is ignored; a pasted address from another sign-in is the athlete's mistake.
        if answer.pasted and answer.state not in (None, state):
            raise UserError(
                "the pasted address belongs to another sign-in (its state does not match); "
                "run `runlift login strava` again and paste the address it leads to"
            )
        if answer.state != state and not (answer.pasted and answer.state is None):
            continue
        if answer.error:
            raise UserError(f"Strava sign-in not completed ({answer.error})")
        return answer


def _check_reading_allowed(client: Client) -> None:
    """A pasted bare code carries no scope, and Strava's token answer names none either: one
    read of a single activity tells whether the new token may read activities at all."""
    from stravalib import exc

    try:
        client.protocol.get(ACTIVITIES_PATH, page=1, per_page=1)
    except exc.Fault as error:
        raise translated_error(error) from None


def _exchange(
    client: Client,
    credentials: AppCredentials,
    answer: Answer,
    token_path: Path | None,
) -> StravaTokens:
    from stravalib import exc

    if answer.scope and "activity:read" not in answer.scope:
        raise UserError(
            "Strava sign-in did not allow reading activities: run `runlift login strava` "
            "again and keep 'View data about your activities' checked"
        )
    try:
        # With return_athlete=True the answer is the pair (tokens, athlete).
        access, athlete = cast(
            "tuple[AccessInfo, SummaryAthlete | None]",
            client.exchange_code_for_token(
                client_id=credentials.client_id,
                client_secret=credentials.client_secret,
                code=answer.code,
                return_athlete=True,
            ),
        )
    except exc.Fault as error:
        translated = translated_error(error)
        if isinstance(translated, StravaAppInactive):
            raise translated from None
        status = error.response.status_code if error.response is not None else "an error"
        raise UserError(
            f"Strava refused the sign-in code ({status}): check strava.client_id and "
            "client_secret, then run `runlift login strava` again"
        ) from None
    logs.SECRETS.add([answer.code, access["access_token"], access["refresh_token"]])
    if not answer.scope:
        _check_reading_allowed(client)
    athlete_id = getattr(athlete, "id", None)
    tokens = StravaTokens(
        access_token=access["access_token"],
        refresh_token=access["refresh_token"],
        expires_at=int(access["expires_at"]),
        athlete_id=int(athlete_id) if athlete_id is not None else None,
        scope=answer.scope,
    )
    save_tokens(tokens, token_path)
    return tokens
