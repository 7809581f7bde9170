"""The registry of the ten analysis modules, read from the typed bundle's fields.

Everything that lists the modules (the Dagster assets, the stored result columns, the
API's and dashboard's section titles) iterates :data:`MODULES`, so the list is written
once: the fields of :class:`pixely_api.insights.bundle.InsightResults`.
"""

from dataclasses import dataclass

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from pixely_api.insights.bundle import InsightResults, ModuleResults


@dataclass(frozen=True)
class ModuleSpec:
    """One analysis module: its bundle field (``q3``), asset key, column and texts."""

    key: str
    asset: str
    title: str
    description: str
    result_type: type[BaseModel]
    merged: bool
    """Merged over a window (Q1–Q9); otherwise rebuilt from the merged ones (Q10)."""

    @property
    def column(self) -> str:
        """The insights table's JSON column: ``q3_result``."""
        return f"{self.key}_result"

    @property
    def code(self) -> str:
        """How people name it: ``Q3``."""
        return self.key.upper()

    @classmethod
    def from_field(cls, key: str, info: FieldInfo) -> "ModuleSpec":
        extra = info.json_schema_extra
        if not isinstance(extra, dict) or not isinstance(extra.get("asset"), str):
            raise TypeError(f"bundle field {key!r} does not name its asset")
        return cls(
            key=key,
            asset=str(extra["asset"]),
            title=info.title or key,
            description=info.description or "",
            result_type=info.annotation,  # type: ignore[arg-type]
            merged=key in ModuleResults.model_fields,
        )


MODULES: tuple[ModuleSpec, ...] = tuple(
    ModuleSpec.from_field(key, info) for key, info in InsightResults.model_fields.items()
)
"""Q1 … Q10 in run order (each module only reads the ones before it)."""

BY_ASSET: dict[str, ModuleSpec] = {spec.asset: spec for spec in MODULES}
BY_KEY: dict[str, ModuleSpec] = {spec.key: spec for spec in MODULES}
