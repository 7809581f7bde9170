"""The dashboard's only way to the product: the API over HTTP, parsed with its contract."""

from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import requests
from pydantic import BaseModel, TypeAdapter

from pixely_api.insights.labels import Platform
from pixely_api.schemas import (
    CommentOut,
    FichaOut,
    LastAnalysis,
    Page,
    Token,
    UserOut,
    WindowSummary,
)

TIMEOUT_SECONDS = 30.0
Model = TypeVar("Model", bound=BaseModel)


class ApiError(RuntimeError):
    """The API answered with an error, or could not be reached; the message is one line."""


class Unauthorized(ApiError):
    """401: a wrong login, or a token that is missing, invalid or expired."""


@dataclass(frozen=True)
class CommentQuery:
    """What a drill-down asks ``/insights/comments`` for (unset fields are not sent)."""

    start_date: date
    end_date: date
    platform: Platform | None = None
    sentiment: str | None = None
    emotion: str | None = None
    topic: str | None = None
    post_url: str | None = None

    def params(self) -> dict[str, str]:
        values = {
            "start_date": self.start_date.isoformat(),
            "end_date": self.end_date.isoformat(),
            "platform": self.platform,
            "sentiment": self.sentiment,
            "emotion": self.emotion,
            "topic": self.topic,
            "post_url": self.post_url,
        }
        return {name: value for name, value in values.items() if value is not None}


class ApiClient:
    """One viewer's calls; ``token`` is the bearer token from :meth:`login`."""

    def __init__(self, base_url: str, token: str | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self._http = requests.Session()

    def _send(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        try:
            response = self._http.request(
                method, self.base_url + path, headers=headers, timeout=TIMEOUT_SECONDS, **kwargs
            )
        except requests.RequestException as exc:
            raise ApiError(f"{self.base_url}: {type(exc).__name__}") from exc
        if response.status_code == 401:
            raise Unauthorized(_detail(response))
        if response.status_code >= 400:
            raise ApiError(f"{method} {path}: {response.status_code} {_detail(response)}")
        return response.json()

    def _get(self, path: str, model: type[Model], params: dict[str, Any] | None = None) -> Model:
        return model.model_validate(self._send("GET", path, params=params))

    def login(self, email: str, password: str) -> Token:
        """``POST /auth/token`` (OAuth2 password form); keeps the token for later calls."""
        data = {"username": email, "password": password}
        token = Token.model_validate(self._send("POST", "/auth/token", data=data))
        self.token = token.access_token
        return token

    def me(self) -> UserOut:
        return self._get("/users/me", UserOut)

    def fichas(self) -> list[FichaOut]:
        """The caller's fichas (the API scopes them to the caller's tenant)."""
        return TypeAdapter(list[FichaOut]).validate_python(self._send("GET", "/fichas_cliente"))

    def last_analysis(self, ficha_id: int) -> LastAnalysis:
        return self._get(f"/fichas_cliente/{ficha_id}/last_analysis_timestamp", LastAnalysis)

    def summary(
        self, ficha_id: int, start: date, end: date, platform: Platform | None
    ) -> WindowSummary:
        """Q1…Q10 merged over the window, with the previous window's KPIs and deltas."""
        params = {
            "ficha_cliente_id": ficha_id,
            "start_date": start.isoformat(),
            "end_date": end.isoformat(),
        }
        if platform:
            params["platform"] = platform
        return self._get("/insights/summary", WindowSummary, params)

    def comments(
        self, ficha_id: int, query: CommentQuery, limit: int = 50, offset: int = 0
    ) -> Page[CommentOut]:
        params = {"ficha_cliente_id": ficha_id, "limit": limit, "offset": offset}
        return self._get("/insights/comments", Page[CommentOut], {**params, **query.params()})


def _detail(response: requests.Response) -> str:
    """The API's ``detail`` as one line (FastAPI's 422 lists are joined)."""
    try:
        detail = response.json().get("detail", "")
    except ValueError:
        return response.reason or ""
    if isinstance(detail, list):
        detail = "; ".join(str(item.get("msg", item)) for item in detail)
    return " ".join(str(detail).split())
