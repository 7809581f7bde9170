"""``new_posts[client × date]``: what each partition holds that no insight row covers yet."""

import dagster as dg

from pixely_dagster.defs.metadata import markdown_table
from pixely_dagster.defs.partitions import (
    CLIENT,
    client_day_partitions,
    is_reanalysis,
    parse_client_day,
)
from pixely_dagster.defs.resources import DATABASE_KIND, WarehouseResource

FROM_CLIENT_SNAPSHOT = dg.MultiToSingleDimensionPartitionMapping(partition_dimension_name=CLIENT)


@dg.asset(
    partitions_def=client_day_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    deps=[dg.AssetDep("sheet_posts", partition_mapping=FROM_CLIENT_SNAPSHOT)],
    group_name="analysis",
    kinds={DATABASE_KIND},
    owners=["team:data-engineering"],
)
def new_posts(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """The delta: each partition's posts and audience comments whose identity is not yet
    in the analysed-items ledger, read from the database (never from the source).

    Late rows for old days are found here too. Under the tag ``pixely/reanalyze=true``
    every item of the partition counts, for a re-analysis.
    """
    store = warehouse.get()
    everything = is_reanalysis(context.run.tags)
    rows = []
    ficha_ids: dict[str, int] = {}
    for key in context.partition_keys:
        slug, day = parse_client_day(key)
        if slug not in ficha_ids:
            ficha_ids[slug] = store.ficha(slug).id
        counts = store.count_delta(ficha_ids[slug], day, everything=everything)
        rows.append(
            {
                "client": slug,
                "date": day.isoformat(),
                "new_posts": counts["posts"],
                "new_comments": counts["comments"],
            }
        )
    total_posts = sum(r["new_posts"] for r in rows)
    total_comments = sum(r["new_comments"] for r in rows)
    with_items = [r for r in rows if r["new_posts"] or r["new_comments"]]
    context.log.info(
        f"{len(with_items)} of {len(rows)} partitions hold new items "
        f"({total_posts} posts, {total_comments} comments)"
    )
    return dg.MaterializeResult(
        metadata={
            "partitions": len(rows),
            "partitions_with_new_items": len(with_items),
            "new_posts": total_posts,
            "new_comments": total_comments,
            "reanalysis": everything,
            "dagster/row_count": total_posts + total_comments,
            "preview": markdown_table(with_items, ["client", "date", "new_posts", "new_comments"]),
        }
    )
