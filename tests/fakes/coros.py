"""A fake COROS Training Hub: sign-in, the workout library and the training calendar.

Serves exactly ``ROUTES``, each with the shapes tests/fakes/EVIDENCE.md (section COROS Training
Hub) cites; every other path answers HTTP 404 with an empty body. Like COROS, answers are HTTP
200 with an envelope ``{"apiCode", "message", "result", "data"}``: ``result`` "0000" is success,
"1019" an access token COROS no longer accepts (a new sign-in ends the previous one), "1030" a
wrong email or password.

What no public recording shows, the fake does not guess silently: the answer to removing a
program or calendar entry that is already gone is a switch (``gone_answer`` "ok" or "error",
the error in the fake's own shape ``UNRECORDED``) so tests hold for both.
"""

from __future__ import annotations

import copy
import hashlib
import itertools
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from tests.fakes.http import FakeService, Request, Response

LOGIN = "/account/login"
PROGRAM_QUERY = "/training/program/query"
PROGRAM_ADD = "/training/program/add"
PROGRAM_DELETE = "/training/program/delete"
SCHEDULE_QUERY = "/training/schedule/query"
SCHEDULE_UPDATE = "/training/schedule/update"

EMAIL = "runner@example.com"
PASSWORD = "correct horse battery staple"
USER_ID = "466942640953245699"
PLAN_ID = "460904915775176706"

TOKEN_INVALID = {
    "result": "1019",
    "tlogId": "16321230787789248",
    "message": "Access token is invalid",
}
WRONG_CREDENTIALS = {
    "result": "1030",
    "message": "The login credentials you entered do not match our records.",
}
# The fake's own refusal where COROS's answer is not recorded (never a COROS shape).
UNRECORDED = {"result": "9999", "message": "fake: COROS's answer to this is not recorded"}


def md5_hex(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def ok(data: Any = None, **extra: Any) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "apiCode": secrets.token_hex(4).upper(),
        "message": "OK",
        "result": "0000",
        **extra,
    }
    if data is not None:
        answer["data"] = data
    return answer


@dataclass
class Entity:
    id: str
    id_in_plan: int
    happen_day: date
    program: dict[str, Any]
    status: int = 1


@dataclass
class FakeCorosState:
    programs: dict[str, dict[str, Any]] = field(default_factory=dict)
    entities: list[Entity] = field(default_factory=list)
    max_id_in_plan: int = 0


class FakeCoros(FakeService):
    def __init__(self) -> None:
        super().__init__()
        self.accounts: dict[str, str] = {EMAIL: PASSWORD}
        self.tokens: set[str] = set()
        self.state = FakeCorosState()
        self._ids = itertools.count(475403419167932916)
        # "ok" or "error": the unrecorded answer to removing what is already gone.
        self.gone_answer: Literal["ok", "error"] = "error"
        # An add whose answer carries no id (JunAkerBuilds/CorosLink allows for it).
        self.add_answers_without_id = False
        # happenDay as the HAR-verified spec shows it (a number) or as text (xballoy's schema).
        self.happen_day_as_text = False
        # Entries taken off the calendar stay listed with status 3 (CorosLink filters them).
        self.lists_removed_entries = False
        # A user whose calendar was never used: no plan id in the answer.
        self.plan_id: str | None = PLAN_ID
        # Two-factor accounts answer the password step with a ticket instead of a token.
        self.two_factor: set[str] = set()
        self.logins: list[dict[str, Any]] = []
        # Paths that refuse every request with the fake's UNRECORDED answer (and change nothing).
        self.refusing: set[str] = set()

    # ------------------------------------------------------------------ seeding / inspection
    def issue_token(self) -> str:
        token = secrets.token_hex(16)
        self.tokens.add(token)
        return token

    def expire_all_tokens(self) -> None:
        self.tokens.clear()

    def add_own_program(self, name: str, overview: str = "") -> str:
        """A workout the athlete made in the Training Hub (no marker)."""
        program_id = self._new_id()
        self.state.programs[program_id] = {
            "id": program_id,
            "name": name,
            "overview": overview,
            "sportType": 4,
            "exercises": [],
        }
        return program_id

    def add_own_entry(self, day: date, name: str, overview: str = "") -> int:
        """A calendar entry the athlete put there; its slot."""
        return self._schedule(day, {"name": name, "overview": overview, "sportType": 1}, None)

    def scheduled_on(self, day: date) -> list[dict[str, Any]]:
        return [e.program for e in self.state.entities if e.status == 1 and e.happen_day == day]

    @property
    def programs(self) -> dict[str, dict[str, Any]]:
        return self.state.programs

    # ------------------------------------------------------------------ HTTP
    def unauthorized(self, request: Request) -> Response:
        return Response.of_json(TOKEN_INVALID)

    def handle(self, request: Request) -> Response:
        route = ROUTE_TABLE.get((request.method, request.path))
        if route is None:
            return Response(404)
        if route is not FakeCoros._login and request.headers.get("accesstoken") not in self.tokens:
            return self.unauthorized(request)
        if request.path in self.refusing:
            return Response.of_json(UNRECORDED)
        return route(self, request)

    def _login(self, request: Request) -> Response:
        body = request.json() or {}
        self.logins.append(body)
        account = str(body.get("account", ""))
        password = self.accounts.get(account)
        if (
            body.get("accountType") != 2
            or password is None
            or not _password_matches(body, password)
        ):
            return Response.of_json(WRONG_CREDENTIALS)
        if account in self.two_factor:
            return Response.of_json(
                ok({"loginTicket": secrets.token_hex(8), "appKey": "1", "userId": USER_ID})
            )
        # COROS keeps one Training Hub session: a new sign-in ends the previous one.
        self.tokens.clear()
        token = self.issue_token()
        return Response.of_json(
            ok(
                {
                    "accessToken": token,
                    "userId": USER_ID,
                    "nickname": "Runner",
                    "email": account,
                    "headPic": "",
                    "countryCode": "DE",
                    "birthday": 19900101,
                }
            )
        )

    def _program_query(self, request: Request) -> Response:
        if request.json() != {}:
            # Paging and filters (startNo, limitSize, name, sportType) are recorded as requests
            # only: what they return is not, and runlift does not send them.
            return Response.of_json(UNRECORDED)
        return Response.of_json(ok([copy.deepcopy(p) for p in self.state.programs.values()]))

    def _program_add(self, request: Request) -> Response:
        program = request.json()
        if not isinstance(program, dict) or not program.get("name"):
            return Response.of_json(UNRECORDED)
        program_id = self._new_id()
        self.state.programs[program_id] = {
            **copy.deepcopy(program),
            "id": program_id,
            "authorId": USER_ID,
            "userId": USER_ID,
        }
        if self.add_answers_without_id:
            return Response.of_json({"result": "0000", "message": "success"})
        return Response.of_json({"result": "0000", "data": program_id, "message": "success"})

    def _program_delete(self, request: Request) -> Response:
        ids = request.json()
        if not isinstance(ids, list) or not ids:
            return Response.of_json(UNRECORDED)
        missing = [i for i in ids if str(i) not in self.state.programs]
        if missing and self.gone_answer == "error":
            return Response.of_json(UNRECORDED)
        for program_id in ids:
            self.state.programs.pop(str(program_id), None)
        return Response.of_json(ok())

    def _schedule_query(self, request: Request) -> Response:
        try:
            start = _parse_day(request.arg("startDate") or "")
            end = _parse_day(request.arg("endDate") or "")
        except ValueError:
            return Response.of_json(UNRECORDED)
        entities = [
            e
            for e in self.state.entities
            if start <= e.happen_day <= end and (e.status == 1 or self.lists_removed_entries)
        ]
        data = {
            "id": self.plan_id,
            "name": "",
            "pbVersion": 2,
            "maxIdInPlan": str(self.state.max_id_in_plan),
            "maxPlanProgramId": str(self.state.max_id_in_plan),
            "entities": [self._entity_json(e) for e in entities],
            "programs": [
                {**copy.deepcopy(e.program), "idInPlan": str(e.id_in_plan)} for e in entities
            ],
            "sportDatasNotInPlan": [],
            "weekStages": [],
        }
        return Response.of_json(ok(data))

    def _schedule_update(self, request: Request) -> Response:
        body = request.json()
        if not isinstance(body, dict):
            return Response.of_json(UNRECORDED)
        versions = body.get("versionObjects") or []
        if len(versions) != 1 or not isinstance(versions[0], dict):
            return Response.of_json(UNRECORDED)
        version = versions[0]
        if version.get("status") == 1:
            entities, programs = body.get("entities") or [], body.get("programs") or []
            if len(entities) != 1 or len(programs) != 1:
                return Response.of_json(UNRECORDED)
            entity, program = entities[0], programs[0]
            slot = int(version.get("id", 0))
            if int(entity.get("idInPlan", -1)) != slot or int(program.get("idInPlan", -1)) != slot:
                return Response.of_json(UNRECORDED)
            try:
                day = _parse_day(str(entity.get("happenDay", "")))
            except ValueError:
                return Response.of_json(UNRECORDED)
            self._schedule(day, program, slot)
            return Response.of_json(ok())
        if version.get("status") == 3:
            slot = str(version.get("id", ""))
            live = [
                e
                for e in self.state.entities
                if e.status == 1
                and str(e.id_in_plan) == slot
                and str(version.get("planId")) == str(self.plan_id)
            ]
            if not live and self.gone_answer == "error":
                return Response.of_json(UNRECORDED)
            for entity in live:
                entity.status = 3
            return Response.of_json(ok())
        return Response.of_json(UNRECORDED)

    # ------------------------------------------------------------------ helpers
    def _schedule(self, day: date, program: dict[str, Any], slot: int | None) -> int:
        slot = slot if slot is not None else self.state.max_id_in_plan + 1
        # "status 1 = add/update" (CorosLink): the same slot again replaces the entry.
        for entity in self.state.entities:
            if entity.id_in_plan == slot and entity.status == 1:
                entity.status = 3
        stored = {k: v for k, v in copy.deepcopy(program).items() if k != "idInPlan"}
        stored["id"] = self._new_id()
        self.state.entities.append(Entity(self._new_id(), slot, day, stored))
        self.state.max_id_in_plan = max(self.state.max_id_in_plan, slot)
        if self.plan_id is None:
            self.plan_id = PLAN_ID
        return slot

    def _entity_json(self, entity: Entity) -> dict[str, Any]:
        day = int(entity.happen_day.strftime("%Y%m%d"))
        answer: dict[str, Any] = {
            "id": entity.id,
            "idInPlan": str(entity.id_in_plan),
            "planId": self.plan_id,
            "planProgramId": str(entity.id_in_plan),
            "happenDay": str(day) if self.happen_day_as_text else day,
            "dayNo": 0,
            "sortNo": 1,
            "sortNoInPlan": 0,
            "sortNoInSchedule": 1,
            "exerciseBarChart": [],
        }
        if entity.status != 1:
            answer["status"] = entity.status
        return answer

    def _new_id(self) -> str:
        return str(next(self._ids))


def _password_matches(body: dict[str, Any], password: str) -> bool:
    digest = md5_hex(password)
    if "pwd" in body:
        return body["pwd"] == digest
    p1, p2 = body.get("p1"), body.get("p2")
    if not isinstance(p1, str) or not isinstance(p2, str):
        return False
    import bcrypt

    # The server re-derives bcrypt(stored MD5 digest, p2) and compares it with p1 (CorosLink).
    try:
        return bcrypt.hashpw(digest.encode(), p2.encode()) == p1.encode()
    except ValueError:
        return False


def _parse_day(text: str) -> date:
    if len(text) != 8 or not text.isdigit():
        raise ValueError(text)
    return date(int(text[:4]), int(text[4:6]), int(text[6:]))


Handler = Callable[[FakeCoros, Request], Response]
ROUTES: tuple[tuple[str, str, Handler], ...] = (
    ("POST", LOGIN, FakeCoros._login),
    ("POST", PROGRAM_QUERY, FakeCoros._program_query),
    ("POST", PROGRAM_ADD, FakeCoros._program_add),
    ("POST", PROGRAM_DELETE, FakeCoros._program_delete),
    ("GET", SCHEDULE_QUERY, FakeCoros._schedule_query),
    ("POST", SCHEDULE_UPDATE, FakeCoros._schedule_update),
)
ROUTE_TABLE: dict[tuple[str, str], Handler] = {(m, p): h for m, p, h in ROUTES}
