"""Q5 · Influenciadores for one partition: who talks, who is mentioned, who is answered.

A mention is an ``@user`` the annotator found in a comment; a reply is a comment that
starts with ``@user`` (the Instagram / TikTok reply convention) and is a mention too.
Self-mentions and the brand's own handles are not counted.
"""

import re
from collections import defaultdict

from pixely_api.insights.evidence import Cita
from pixely_api.insights.labels import PLATFORMS, Platform
from pixely_api.insights.q5_influenciadores import (
    STANCE_THRESHOLD,
    Autor,
    Q5Post,
    Q5Result,
    author_rank,
)
from pixely_dagster.analysis.annotation import Annotation
from pixely_dagster.analysis.items import CommentItem, PartitionBatch
from pixely_dagster.analysis.shared import post_platforms, quote_of, username

_LEADING_HANDLE = re.compile(r"\s*@([\w.]+)")
# Author tallies: comments, mentions received, replies received, mentions made,
# stance sum, expertise sum, promoting comments, detracting comments, leaving comments.
(_COMMENTS, _MENTIONED, _REPLIED, _MENTIONS, _STANCE, _EXPERTISE, _PRO, _CON, _LEAVING) = range(9)


EVIDENCE_CHARS = 200
"""An author's quote is cut to this length (every author of a day is stored)."""


def leaving(annotation: Annotation) -> bool:
    """A customer saying they stop buying: detractor evidence whatever else they say."""
    return annotation.churn_risk


def reply_target(text: str) -> str | None:
    """The user a comment answers, when it starts with ``@user``."""
    match = _LEADING_HANDLE.match(text)
    return username(match.group(1)) if match else None


def analyze(batch: PartitionBatch) -> Q5Result:
    """Tally conversation per post and per (platform, author); every author is kept, so
    any window's counts are a recount."""
    brand = {username(handle) for handle in batch.context.brand_handles}
    platforms = post_platforms(batch)
    posts = {url: [0, 0, 0, 0.0, 0, 0] for url in platforms}
    authors: dict[tuple[Platform, str], list[float]] = defaultdict(
        lambda: [0, 0, 0, 0, 0.0, 0.0, 0, 0, 0]
    )
    best_for: dict[tuple[Platform, str], tuple[float, str, str, str]] = {}
    best_against: dict[tuple[Platform, str], tuple[float, str, str, str]] = {}
    for comment, annotation in zip(batch.comments, batch.annotations, strict=True):
        platform = platforms[comment.post_url]
        author = username(comment.author)
        stance = annotation.stance
        gone = leaving(annotation)
        if gone:
            stance = min(stance, -STANCE_THRESHOLD)
        replied = reply_target(comment.text) if "@" in comment.text else None
        mentioned = {username(m) for m in annotation.mentions}
        if replied:
            mentioned.add(replied)
        if mentioned:
            mentioned -= brand
            mentioned.discard(author)
        post = posts[comment.post_url]
        post[0] += 1
        post[1] += len(mentioned)
        post[2] += replied in mentioned
        post[3] += stance
        post[4] += stance >= STANCE_THRESHOLD
        post[5] += stance <= -STANCE_THRESHOLD
        tally = authors[platform, author]
        tally[_COMMENTS] += 1
        tally[_MENTIONS] += len(mentioned)
        tally[_STANCE] += stance
        tally[_EXPERTISE] += annotation.expertise
        tally[_PRO] += stance >= STANCE_THRESHOLD
        tally[_CON] += stance <= -STANCE_THRESHOLD
        tally[_LEAVING] += gone
        if gone or stance <= -STANCE_THRESHOLD:
            _offer(best_against, (platform, author), 2.0 if gone else -stance, comment)
        elif stance >= STANCE_THRESHOLD:
            _offer(best_for, (platform, author), stance, comment)
        for other in mentioned:
            target = authors[platform, other]
            target[_MENTIONED] += 1
            target[_REPLIED] += other == replied
    top = _top_authors(authors)
    return Q5Result(
        publicaciones=[
            Q5Post(
                post_url=url,
                platform=platform,
                num_comentarios=posts[url][0],
                menciones=posts[url][1],
                respuestas=posts[url][2],
                suma_postura=posts[url][3],
                promotores=posts[url][4],
                detractores=posts[url][5],
            )
            for url, platform in platforms.items()
        ],
        autores_por_plataforma={
            platform: [
                _autor(
                    author,
                    authors[platform, author],
                    best_for.get((platform, author)),
                    best_against.get((platform, author)),
                )
                for author in kept
            ]
            for platform, kept in top.items()
        },
    )


def _top_authors(authors: dict[tuple[Platform, str], list[float]]) -> dict[Platform, list[str]]:
    """Each platform's authors, all of them, in :class:`Autor` rank."""
    per_platform: dict[Platform, list[tuple[str, list[float]]]] = defaultdict(list)
    for (platform, author), tally in authors.items():
        per_platform[platform].append((author, tally))
    return {
        platform: [
            author
            for author, _ in sorted(
                per_platform[platform],
                key=lambda item: author_rank(
                    item[0], item[1][_COMMENTS], item[1][_MENTIONED], item[1][_REPLIED]
                ),
            )
        ]
        for platform in PLATFORMS
        if platform in per_platform
    }


def _offer(
    best: dict[tuple[Platform, str], tuple[float, str, str, str]],
    who: tuple[Platform, str],
    score: float,
    comment: CommentItem,
) -> None:
    """Keep an author's most clear-cut comment on one side (``best`` is that side's):
    for it, the highest stance; against it, one that says they are leaving, else the
    most negative stance; ties by text, author, post (the order :class:`Cita` ranks in).

    Only comments that take a side are offered (a neutral comment says nothing about a
    voice), and a voice is quoted on its own side (a detractor is never shown praising),
    cut to :data:`EVIDENCE_CHARS`, so a day's row stays small while every author is kept.
    """
    current = best.get(who)
    if current is not None and -score > current[0]:
        return
    url, author, text = quote_of(comment)
    short = text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1] + "…"
    rank = (-score, short, author, url)
    if current is None or rank < current:
        best[who] = rank


def _autor(
    author: str,
    tally: list[float],
    quote_for: tuple[float, str, str, str] | None,
    quote_against: tuple[float, str, str, str] | None,
) -> Autor:
    return Autor(
        autor=author,
        num_comentarios=int(tally[_COMMENTS]),
        menciones_recibidas=int(tally[_MENTIONED]),
        respuestas_recibidas=int(tally[_REPLIED]),
        menciones_hechas=int(tally[_MENTIONS]),
        suma_postura=tally[_STANCE],
        suma_experiencia=tally[_EXPERTISE],
        promotores=int(tally[_PRO]),
        detractores=int(tally[_CON]),
        salidas=int(tally[_LEAVING]),
        evidencia_a_favor=_cita(quote_for),
        evidencia_en_contra=_cita(quote_against),
    )


def _cita(quote: tuple[float, str, str, str] | None) -> Cita | None:
    if quote is None:
        return None
    return Cita(texto=quote[1], autor=quote[2], post_url=quote[3], puntuacion=-quote[0])
