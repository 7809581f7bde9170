"""``sheet_posts[client]``: the ficha's source, read once, validated and stored."""

import dagster as dg

from pixely_api.clock import utcnow
from pixely_dagster.defs.metadata import markdown_table
from pixely_dagster.defs.partitions import clients_partitions
from pixely_dagster.defs.resources import DATABASE_KIND, SourceResource, WarehouseResource
from pixely_dagster.sources.factory import validation_rules
from pixely_dagster.sources.raw import SourceError
from pixely_dagster.sources.validation import validate_workbook

QUARANTINE_PREVIEW_ROWS = 20


@dg.asset(
    partitions_def=clients_partitions,
    group_name="ingest",
    kinds={"gsheets", DATABASE_KIND},
    owners=["team:data-engineering"],
    tags={"pixely/reads-source": "true"},
    check_specs=[
        dg.AssetCheckSpec(
            "source_columns_present",
            asset="sheet_posts",
            description="Both sheets exist with every required column.",
            blocking=True,
        ),
        dg.AssetCheckSpec(
            "no_quarantined_rows",
            asset="sheet_posts",
            description="Every source row met the data contract (rejected rows are kept "
            "in the quarantine with their reason; good rows went on).",
        ),
    ],
)
def sheet_posts(
    context: dg.AssetExecutionContext, sources: SourceResource, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """The ficha's posts and comments, read from its source ONCE and stored.

    Validates every row (DESIGN.md §3), upserts posts with their latest metrics, adds
    unseen comments, refreshes the quarantine and records the source fingerprint.
    Nothing downstream reads the source again. A source that cannot be read fails this
    ficha's run; it is never taken for an empty sheet.
    """
    slug = context.partition_key
    store = warehouse.get()
    ficha = store.ficha(slug)
    context.log.info(f"Starting analysis for client {slug}")
    read_at = utcnow()
    try:
        raw = sources.reader_for(ficha).read()
        validated = validate_workbook(raw, validation_rules(ficha))
    except SourceError as error:
        raise dg.Failure(
            description=f"{slug}: {error}",
            metadata={"ficha": slug, "error_kind": type(error).__name__},
        ) from error
    summary = store.store_snapshot(ficha.id, validated, read_at)
    context.log.info(
        f"Fetched {summary.posts_new} new posts and {summary.comments_new} new comments "
        f"from {validated.source_label} ({summary.rejected} rows rejected)"
    )
    return dg.MaterializeResult(
        metadata={
            "source": validated.source_label,
            "fingerprint": validated.fingerprint,
            "fingerprint_changed": summary.fingerprint_changed,
            "source_reads": 1,
            "posts": summary.posts_seen,
            "posts_new": summary.posts_new,
            "comments": summary.comments_seen,
            "comments_new": summary.comments_new,
            "brand_replies": summary.brand_replies,
            "rejected_rows": summary.rejected,
            "dagster/row_count": summary.posts_seen + summary.comments_seen,
            "preview": markdown_table(
                (vars(p) for p in validated.posts),
                ["post_url", "platform", "created_at", "likes", "comments_count"],
                limit=10,
            ),
        },
        check_results=[
            dg.AssetCheckResult(
                check_name="source_columns_present",
                passed=True,
                metadata={"posts_columns": list(raw.posts.header)},
            ),
            dg.AssetCheckResult(
                check_name="no_quarantined_rows",
                passed=summary.rejected == 0,
                severity=dg.AssetCheckSeverity.WARN,
                metadata={
                    "rejected_rows": summary.rejected,
                    "new_rejected_rows": summary.rejected_new,
                    "preview": markdown_table(
                        (vars(r) for r in validated.rejected),
                        ["sheet", "row_number", "reason"],
                        limit=QUARANTINE_PREVIEW_ROWS,
                    ),
                },
            ),
        ],
    )
