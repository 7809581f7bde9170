"""The API's contract: what each route answers, defined once.

The FastAPI app returns these models and the dashboard parses its responses with the
same classes, so a field renamed here is renamed for both. Insight results themselves
are the contract of :mod:`pixely_api.insights` (``InsightResults``; the window summary
carries its view, ``InsightResultsView``).
"""

from datetime import date, datetime
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from pixely_api.insights.bundle import InsightResults
from pixely_api.insights.labels import Emotion, NarrativeFrame, Platform, Sentiment
from pixely_api.insights.q10_resumen_ejecutivo import Kpi
from pixely_api.insights.view import InsightResultsView

Role = Literal["admin", "viewer"]
T = TypeVar("T")

MAX_PAGE_SIZE = 500
"""The largest ``limit`` a paginated route accepts."""


class Contract(BaseModel):
    """Read from ORM objects as well as from JSON."""

    model_config = ConfigDict(from_attributes=True, frozen=True)


class Token(Contract):
    """``POST /auth/token``."""

    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Seconds until the token expires.")


class TenantOut(Contract):
    id: int
    name: str
    slug: str
    active: bool


class UserOut(Contract):
    """``GET /users/me`` and the admin's user list."""

    id: int
    email: str
    tenant_id: int
    role: Role
    active: bool


class FichaOut(Contract):
    """A client profile as viewers and admins see it (never its source credentials)."""

    id: int
    tenant_id: int
    name: str
    slug: str
    industry: str
    archetype: str
    tone_of_voice: str
    target_audience: str
    competitors: list[str]
    timezone: str
    active: bool
    last_analysis_timestamp: datetime | None = Field(
        description="When an insights row last covered new items of this ficha."
    )
    last_checked_at: datetime | None = Field(
        description="When the daily schedule last looked at the ficha's source."
    )
    schedule_cron: str = Field(description="The daily check's cron (ORCHESTRATOR_SCHEDULE).")
    schedule_timezone: str = Field(description="The zone the cron is read in.")


class LastAnalysis(Contract):
    """``GET /fichas_cliente/{id}/last_analysis_timestamp``."""

    ficha_id: int
    last_analysis_timestamp: datetime | None
    last_checked_at: datetime | None


class InsightRowOut(Contract):
    """One stored, not superseded, insights row."""

    id: int
    ficha_id: int
    partition_date: date
    run_id: str
    analysis_timestamp: datetime
    posts_analyzed: int
    comments_analyzed: int
    analyzer: str
    analysis_version: str
    llm_requests: int
    prompt_tokens: int
    completion_tokens: int
    estimated_cost_usd: float
    is_reanalysis: bool
    results: InsightResults


class Page(Contract, Generic[T]):
    """A slice of a longer list, newest first."""

    items: list[T]
    total: int = Field(ge=0, description="Items matching the filters, over all pages.")
    limit: int
    offset: int


class Window(Contract):
    """A date window by ``partition_date`` (both ends included) and an optional platform."""

    start_date: date
    end_date: date
    platform: Platform | None = None

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1


class KpiDelta(Contract):
    """A KPI of the window next to the same KPI of the previous window of equal length."""

    nombre: str
    unidad: str
    actual: float | None
    anterior: float | None
    delta: float | None = Field(description="actual − anterior; null when either is missing.")


class WindowSummary(Contract):
    """``GET /insights/summary``: everything one dashboard view needs, in one call."""

    ficha_id: int
    window: Window
    previous_window: Window
    rows: int = Field(description="Insights rows merged for the window.")
    posts_analyzed: int
    comments_analyzed: int
    results: InsightResultsView  # type: ignore[valid-type]
    previous_kpis: list[Kpi]
    kpi_deltas: list[KpiDelta]


class CommentAnnotationOut(Contract):
    """How the analyzer read one comment (what every figure is counted from)."""

    sentiment: Sentiment
    polarity: float
    dominant_emotion: Emotion | None
    emotions: dict[str, float]
    topics: list[str]
    frame: NarrativeFrame | None
    is_request: bool
    is_complaint: bool
    purchase_intent: bool
    crisis: bool
    sarcasm: bool
    churn_risk: bool = False
    annotator: str = ""


class CommentOut(Contract):
    """``GET /insights/comments``: an analysed comment behind a figure."""

    id: int
    post_url: str
    platform: Platform
    author: str
    text: str
    created_at: datetime
    partition_date: date
    annotation: CommentAnnotationOut


class RejectedRowOut(Contract):
    """A quarantined source row with its reason (admins only)."""

    id: int
    sheet: str
    row_number: int
    raw_values: dict[str, object]
    reason: str
    first_seen_at: datetime
    last_seen_at: datetime


class Health(Contract):
    status: Literal["ok", "degraded"]
    database: Literal["ok", "unreachable"]


# -- admin requests -----------------------------------------------------------------------


Line = Annotated[str, StringConstraints(pattern=r"^[^\x00-\x1f\x7f]*$")]
"""One line of text: no control characters (and no NUL, which PostgreSQL refuses)."""
Paragraph = Annotated[str, StringConstraints(pattern=r"^[^\x00]*$")]
"""Free text: line breaks allowed, NUL not."""


class TenantCreate(BaseModel):
    """``POST /tenants``: the slug defaults to the name's (``Café Andino`` → ``cafe-andino``)."""

    model_config = ConfigDict(extra="forbid")

    name: Line = Field(min_length=1, max_length=200)
    slug: Line | None = Field(default=None, max_length=63)


class UserCreate(BaseModel):
    """``POST /users``: the password must meet the policy (10+ characters, a letter and
    a digit, not the email)."""

    model_config = ConfigDict(extra="forbid")

    email: Line = Field(min_length=3, max_length=320)
    tenant_slug: Line = Field(min_length=1, max_length=63)
    role: Role
    password: Line = Field(min_length=1, max_length=200)


class FichaCreate(BaseModel):
    """``POST /fichas_cliente``: exactly one source, a Google Sheet or a workbook path on
    the server."""

    model_config = ConfigDict(extra="forbid")

    name: Line = Field(min_length=1, max_length=200)
    tenant_slug: Line = Field(min_length=1, max_length=63)
    slug: Line | None = Field(default=None, max_length=63)
    spreadsheet_id: Line | None = Field(default=None, max_length=200)
    source_path: Line | None = Field(default=None, max_length=4096)
    timezone: Line | None = Field(default=None, max_length=64)
    industry: Line = Field(default="", max_length=200)
    archetype: Line = Field(default="", max_length=200)
    tone_of_voice: Paragraph = Field(default="", max_length=2000)
    target_audience: Paragraph = Field(default="", max_length=2000)
    competitors: list[Line] = Field(default_factory=list, max_length=50)
    brand_handles: list[Line] = Field(default_factory=list, max_length=50)
