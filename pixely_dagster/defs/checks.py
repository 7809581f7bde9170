"""Checks that read the insights table (what the assets cannot know by themselves)."""

import dagster as dg
from pydantic import ValidationError
from sqlalchemy import select

from pixely_api import queries
from pixely_api.models import SocialMediaInsight
from pixely_dagster.defs.resources import WarehouseResource

RECENT_ROWS = 500


@dg.asset_check(
    asset="social_media_insights",
    description=f"The newest {RECENT_ROWS} stored rows read back as valid Q1…Q10 results.",
)
def stored_results_match_schema(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    store = warehouse.get()
    invalid: list[str] = []
    with store.session() as session:
        rows = session.scalars(
            select(SocialMediaInsight).order_by(SocialMediaInsight.id.desc()).limit(RECENT_ROWS)
        ).all()
        for row in rows:
            try:
                queries.results_of(row)
            except ValidationError as error:
                invalid.append(f"row {row.id}: {error.error_count()} error(s)")
    return dg.AssetCheckResult(
        passed=not invalid,
        metadata={"rows_checked": len(rows), "invalid_rows": len(invalid), "first": invalid[:5]},
    )


@dg.asset_check(
    asset="social_media_insights",
    description="Per ficha, the ledger's items equal the sums of posts_analyzed and "
    "comments_analyzed over non-superseded rows: nothing counted twice, nothing lost.",
)
def ledger_matches_insights(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    store = warehouse.get()
    mismatched: dict[str, dict[str, int]] = {}
    fichas = store.fichas(active_only=False)
    for ficha in fichas:
        totals = store.ledger_totals(ficha.id)
        if not queries.totals_consistent(totals):
            mismatched[ficha.slug] = totals
    return dg.AssetCheckResult(
        passed=not mismatched,
        metadata={"fichas_checked": len(fichas), "mismatched": dg.MetadataValue.json(mismatched)},
    )
