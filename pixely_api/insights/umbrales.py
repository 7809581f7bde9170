"""Evidence before alarms: how much a window must show before it raises anything.

An opportunity (Q6), a recommendation (Q9) or the summary's alert (Q10) needs at least
:data:`MIN_COMMENTERS` different people and :data:`MIN_WINDOW_SHARE` % of the window's
comments behind it; "critical" asks for more. Every figure is a count of the window
(read from merged counts, never from one day), and the texts state the thresholds.
"""

MIN_COMMENTERS = 3
"""Different commenters an opportunity or recommendation rests on, at least."""
MIN_WINDOW_SHARE = 1.0
"""Share (%) of the window's comments that must express it, at least."""
CRITICAL_COMMENTERS = 8
"""Different commenters behind a critical opportunity, at least."""
CRITICAL_WINDOW_SHARE = 3.0
"""Share (%) of the window's comments behind a critical opportunity, at least."""
MIN_ALERT_COMMENTS = 20
"""An alert about the whole conversation (its negative share) rests on at least this
many negative comments: a quiet day's handful is no alarm."""
RECENT_DAYS = 14
"""Recency: the share of the evidence written in the window's last two weeks."""


def enough(commenters: int, comments: int, window: int) -> bool:
    """Whether ``comments`` from ``commenters`` people are evidence in a window."""
    return commenters >= MIN_COMMENTERS and 100.0 * comments >= MIN_WINDOW_SHARE * window


def evidence_note() -> str:
    """The thresholds as texts state them."""
    return (
        f"solo se muestran con al menos {MIN_COMMENTERS} personas distintas y el "
        f"{MIN_WINDOW_SHARE:.0f}% de los comentarios del periodo"
    )
