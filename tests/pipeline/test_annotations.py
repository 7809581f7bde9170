"""Per-comment annotations (the drill-down's rows) are stored with their insights row:
one per analysed comment, restricted with the delta when a racing run covered some
items, and current exactly while their row is (a re-analysis writes new ones)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from pixely_api.insights.context import BrandContext
from pixely_api.models import AnalyzedItem, CommentAnnotation, SocialMediaInsight
from pixely_dagster.analysis.day_analyzer import DayAnalyzer
from pixely_dagster.analysis.offline import OfflineAnnotator
from pixely_dagster.warehouse import brand_context
from tests.pipeline.conftest import D3, D4, D5, Pipeline, standard_dataset


def _annotations(pipeline: Pipeline, slug: str, *, current_only: bool) -> list[CommentAnnotation]:
    query = (
        select(CommentAnnotation)
        .join(SocialMediaInsight, SocialMediaInsight.id == CommentAnnotation.insight_id)
        .where(CommentAnnotation.ficha_id == pipeline.ficha(slug).id)
    )
    if current_only:
        query = query.where(SocialMediaInsight.superseded_by_run.is_(None))
    with Session(pipeline.engine) as session:
        return list(session.scalars(query))


def test_each_analysed_comment_gets_one_annotation_with_its_row(pipeline: Pipeline) -> None:
    dataset = standard_dataset()
    pipeline.create_ficha("acme", dataset)
    pipeline.snapshot("acme")
    pipeline.analyse("acme", D3, D5)

    stored = _annotations(pipeline, "acme", current_only=True)
    assert sorted(a.comment_key for a in stored) == sorted(
        dataset.key_of(c) for c in dataset.audience
    )
    ledger = {i.item_key: i.insight_id for i in pipeline.ledger("acme") if i.item_kind == "comment"}
    assert {a.comment_key: a.insight_id for a in stored} == ledger
    rows = {r.id: r for r in pipeline.current_rows("acme")}
    for annotation in stored:
        assert annotation.partition_date == rows[annotation.insight_id].partition_date
    per_row = {row_id: 0 for row_id in rows}
    for annotation in stored:
        per_row[annotation.insight_id] += 1
    assert per_row == {row_id: row.comments_analyzed for row_id, row in rows.items()}

    texts = {dataset.key_of(c): c.comment_text for c in dataset.audience}
    readings = OfflineAnnotator().annotate(
        [texts[a.comment_key] for a in stored], BrandContext(brand_name="Ficha acme")
    )
    for annotation, reading in zip(stored, readings, strict=True):
        assert annotation.sentiment == reading.sentiment
        assert annotation.dominant_emotion == reading.dominant_emotion
        assert annotation.topics == list(reading.topics)
        assert annotation.flags["is_complaint"] == reading.is_complaint
        assert annotation.emotions == reading.emotions.model_dump()


def test_a_race_drop_restricts_the_annotations_like_the_row(pipeline: Pipeline) -> None:
    dataset = standard_dataset()
    ficha = pipeline.create_ficha("acme", dataset)
    pipeline.snapshot("acme")
    warehouse = pipeline.warehouse
    delta = warehouse.load_delta(ficha.id, D4)
    assert len(delta.comments) >= 3
    analyzer = DayAnalyzer(annotator=OfflineAnnotator(), context=brand_context(ficha))
    payload = analyzer(delta)
    assert set(payload.annotations) == {c.comment_id for c in delta.comments}

    raced = frozenset(("comment", c.comment_id) for c in delta.comments[:2])
    first = warehouse.append_insight(delta.restricted_to(raced), "racing-run", analyzer)
    second = warehouse.append_insight(delta, "late-run", analyzer, payload=payload)

    assert first.comments_analyzed == 2
    assert second.dropped_as_already_analyzed == 2
    stored = _annotations(pipeline, "acme", current_only=True)
    by_row: dict[int, set[str]] = {}
    for annotation in stored:
        by_row.setdefault(annotation.insight_id, set()).add(annotation.comment_key)
    assert by_row[first.insight_id] == {key for _, key in raced}
    assert by_row[second.insight_id] == {c.comment_id for c in delta.comments[2:]}
    assert len(stored) == len(delta.comments)
    assert analyzer.comments_annotated == len(delta.comments)


def test_annotations_follow_supersession(pipeline: Pipeline) -> None:
    dataset = standard_dataset()
    pipeline.create_ficha("acme", dataset)
    pipeline.snapshot("acme")
    pipeline.analyse("acme", D3, D5)
    before = _annotations(pipeline, "acme", current_only=True)
    pipeline.analyse("acme", D3, D4, reanalyze=True)

    after = _annotations(pipeline, "acme", current_only=True)
    every = _annotations(pipeline, "acme", current_only=False)
    assert sorted(a.comment_key for a in after) == sorted(a.comment_key for a in before)
    reanalysed = [a for a in after if a.partition_date in (D3, D4)]
    assert reanalysed
    old_ids = {a.insight_id for a in before if a.partition_date in (D3, D4)}
    assert not old_ids & {a.insight_id for a in reanalysed}
    assert len(every) == len(before) + len(reanalysed)
    with Session(pipeline.engine) as session:
        ledger = dict(
            session.execute(
                select(AnalyzedItem.item_key, AnalyzedItem.insight_id).where(
                    AnalyzedItem.item_kind == "comment"
                )
            ).all()
        )
    assert {a.comment_key: a.insight_id for a in after} == ledger
