"""A small real HTTP server that answers the API's routes with the API's contract.

It reads a seeded database through the shared read layer (``pixely_api.queries``) and
answers with ``pixely_api.schemas`` models, so the dashboard can be tested over real
HTTP while the FastAPI app is built; the tests switch to the app when it is present.
Tokens are HS256 JWTs with ``exp``, so an expired token is refused as the app does.
"""

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
from pydantic import BaseModel, TypeAdapter
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pixely_api import queries
from pixely_api.db import make_engine
from pixely_api.models import Comment, CommentAnnotation, FichaCliente, SocialMediaInsight, User
from pixely_api.schemas import (
    CommentAnnotationOut,
    CommentOut,
    FichaOut,
    KpiDelta,
    LastAnalysis,
    Page,
    Token,
    UserOut,
    Window,
    WindowSummary,
)
from pixely_api.security import verify_password

TOKEN_MINUTES = 30


class _Refused(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


class _Api:
    def __init__(self, engine: Engine, secret: str, schedule: str, timezone: str) -> None:
        self.engine, self.secret = engine, secret
        self.schedule, self.timezone = schedule, timezone

    def token(self, form: dict[str, str]) -> Token:
        with Session(self.engine) as session:
            user = session.scalar(select(User).where(User.email == form.get("username", "")))
            if user is None or not user.active:
                raise _Refused(401, "Incorrect email or password")
            if not verify_password(form.get("password", ""), user.password_hash):
                raise _Refused(401, "Incorrect email or password")
            expires = datetime.now(UTC) + timedelta(minutes=TOKEN_MINUTES)
            claims = {"sub": user.email, "tenant_id": user.tenant_id, "role": user.role}
            encoded = jwt.encode({**claims, "exp": expires}, self.secret, algorithm="HS256")
            return Token(access_token=encoded, expires_in=TOKEN_MINUTES * 60)

    def caller(self, session: Session, header: str) -> User:
        try:
            claims = jwt.decode(header.removeprefix("Bearer "), self.secret, algorithms=["HS256"])
        except jwt.PyJWTError as exc:
            raise _Refused(401, f"Could not validate credentials: {exc}") from exc
        user = session.scalar(select(User).where(User.email == claims["sub"]))
        if user is None or not user.active:
            raise _Refused(401, "Could not validate credentials")
        return user

    def ficha(self, session: Session, user: User, ficha_id: int) -> FichaCliente:
        ficha = session.get(FichaCliente, ficha_id)
        if ficha is None or (user.role != "admin" and ficha.tenant_id != user.tenant_id):
            raise _Refused(404, "Ficha not found")
        return ficha

    def ficha_out(self, ficha: FichaCliente) -> FichaOut:
        return FichaOut.model_validate(
            {
                **{c: getattr(ficha, c) for c in FichaOut.model_fields if hasattr(ficha, c)},
                "schedule_cron": self.schedule,
                "schedule_timezone": self.timezone,
            }
        )

    def get(self, path: str, query: dict[str, str], header: str) -> BaseModel | list[Any]:
        with Session(self.engine) as session:
            user = self.caller(session, header)
            if path == "/users/me":
                return UserOut.model_validate(user)
            if path == "/fichas_cliente":
                rows = session.scalars(select(FichaCliente).order_by(FichaCliente.id))
                return [
                    self.ficha_out(f)
                    for f in rows
                    if user.role == "admin" or f.tenant_id == user.tenant_id
                ]
            parts = path.strip("/").split("/")
            if parts[0] == "fichas_cliente" and len(parts) == 3:
                ficha = self.ficha(session, user, int(parts[1]))
                return LastAnalysis(
                    ficha_id=ficha.id,
                    last_analysis_timestamp=ficha.last_analysis_timestamp,
                    last_checked_at=ficha.last_checked_at,
                )
            ficha = self.ficha(session, user, int(query["ficha_cliente_id"]))
            window = Window(
                start_date=date.fromisoformat(query["start_date"]),
                end_date=date.fromisoformat(query["end_date"]),
                platform=query.get("platform"),
            )
            if path == "/insights/summary":
                return self.summary(session, ficha.id, window)
            if path == "/insights/comments":
                return self.comments(session, ficha.id, window, query)
        raise _Refused(404, "Not Found")

    def summary(self, session: Session, ficha_id: int, window: Window) -> WindowSummary:
        length = timedelta(days=window.days)
        previous = Window(
            start_date=window.start_date - length,
            end_date=window.end_date - length,
            platform=window.platform,
        )
        current, rows = queries.window_summary(
            session, ficha_id, window.start_date, window.end_date, window.platform
        )
        before, _ = queries.window_summary(
            session, ficha_id, previous.start_date, previous.end_date, previous.platform
        )
        earlier = {k.nombre: k for k in before.q10.kpis}
        deltas = []
        for kpi in current.q10.kpis:
            old = earlier.get(kpi.nombre)
            was = old.valor if old else None
            delta = kpi.valor - was if kpi.valor is not None and was is not None else None
            deltas.append(
                KpiDelta(
                    nombre=kpi.nombre,
                    unidad=kpi.unidad,
                    actual=kpi.valor,
                    anterior=was,
                    delta=delta,
                )
            )
        return WindowSummary(
            ficha_id=ficha_id,
            window=window,
            previous_window=previous,
            rows=len(rows),
            posts_analyzed=sum(r.posts_analyzed for r in rows),
            comments_analyzed=sum(r.comments_analyzed for r in rows),
            results=current,
            previous_kpis=before.q10.kpis,
            kpi_deltas=deltas,
        )

    def comments(
        self, session: Session, ficha_id: int, window: Window, query: dict[str, str]
    ) -> Page[CommentOut]:
        statement = (
            select(CommentAnnotation, Comment.text, Comment.id)
            .join(SocialMediaInsight, SocialMediaInsight.id == CommentAnnotation.insight_id)
            .join(
                Comment,
                (Comment.ficha_id == CommentAnnotation.ficha_id)
                & (Comment.comment_key == CommentAnnotation.comment_key),
            )
            .where(
                CommentAnnotation.ficha_id == ficha_id,
                queries.CURRENT,
                CommentAnnotation.partition_date.between(window.start_date, window.end_date),
            )
            .order_by(CommentAnnotation.created_at.desc(), CommentAnnotation.id.desc())
        )
        if window.platform:
            statement = statement.where(CommentAnnotation.platform == window.platform)
        if "sentiment" in query:
            statement = statement.where(CommentAnnotation.sentiment == query["sentiment"])
        if "emotion" in query:
            statement = statement.where(CommentAnnotation.dominant_emotion == query["emotion"])
        if "post_url" in query:
            statement = statement.where(CommentAnnotation.post_key == query["post_url"])
        found = [
            (a, text, cid)
            for a, text, cid in session.execute(statement)
            if "topic" not in query or query["topic"] in (a.topics or [])
        ]
        limit, offset = int(query.get("limit", 50)), int(query.get("offset", 0))
        items = [
            CommentOut(
                id=cid,
                post_url=a.post_key,
                platform=a.platform,
                author=a.author,
                text=text,
                created_at=a.created_at,
                partition_date=a.partition_date,
                annotation=CommentAnnotationOut(
                    sentiment=a.sentiment,
                    polarity=a.polarity,
                    dominant_emotion=a.dominant_emotion,
                    emotions=a.emotions,
                    topics=a.topics,
                    frame=a.frame,
                    is_request=bool(a.flags.get("is_request")),
                    is_complaint=bool(a.flags.get("is_complaint")),
                    purchase_intent=bool(a.flags.get("purchase_intent")),
                    crisis=bool(a.flags.get("crisis")),
                    sarcasm=bool(a.flags.get("sarcasm")),
                    annotator=a.annotator,
                ),
            )
            for a, text, cid in found[offset : offset + limit]
        ]
        return Page[CommentOut](items=items, total=len(found), limit=limit, offset=offset)


def _handler(api: _Api) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self, status: int, body: Any) -> None:
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def _run(self, work: Any) -> None:
            try:
                result = work()
            except _Refused as refused:
                self._answer(refused.status, {"detail": refused.detail})
                return
            except (KeyError, ValueError) as exc:
                self._answer(422, {"detail": f"invalid input: {exc}"})
                return
            if isinstance(result, list):
                self._answer(200, TypeAdapter(list[Any]).dump_python(result, mode="json"))
            else:
                self._answer(200, result.model_dump(mode="json"))

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            url = urlsplit(self.path)
            if url.path == "/health":
                self._answer(200, {"status": "ok", "database": "ok"})
                return
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            header = self.headers.get("Authorization", "")
            self._run(lambda: api.get(url.path, query, header))

        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            form = {k: v[0] for k, v in parse_qs(body).items()}
            self._run(lambda: api.token(form))

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler


@contextmanager
def contract_api(
    database_url: str, secret: str, schedule: str, timezone: str = "America/Lima"
) -> Iterator[str]:
    """Serve the contract over ``database_url`` on a free loopback port; yields its URL."""
    engine = make_engine(database_url)
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), _handler(_Api(engine, secret, schedule, timezone))
    )
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()
        engine.dispose()
