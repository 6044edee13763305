"""The ten-second view: which targets are behind, how old their figures are, and why.

The first thing on the overview (above the fold at 1366x768, right after the header on a
phone): the targets that are regressing, making limited progress or needing acceleration,
worst first, each with its status (word and icon), latest value and its date, the target and
one short reason; then the achieved and on-track ones, one line each; then those that cannot
be judged, and why. Every entry links to its indicator page.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from ..core.review import BEHIND, FINE, UNJUDGED, triage
from ..core.values import is_missing
from ..i18n import t
from .cards import indicator_name, latest_with_age, period_text, stale_marker, target_text
from .components import page_url
from .format import format_percent, format_period, format_value
from .icons import icon
from .status import status_badge


def _colon(lang: str) -> str:
    """After a name: ": " in English, the full-width "：" in Chinese."""
    return "：" if lang == "zh" else ": "


def pending_notes(pending: pd.DataFrame, lang: str, names: dict[str, str] | None = None):
    """Why an accepted figure changes nothing yet: "2026Q1 (year to date) is recorded but does
    not change the latest value: ... still missing: 2025Q2, 2025Q3, 2025Q4." One item each."""
    if pending.empty:
        return None
    items = []
    for row in pending.itertuples(index=False):
        text = t(
            "pending.note",
            lang,
            period=format_period(row.period, lang),
            basis=t(f"basis.{row.basis}", lang),
            missing=t("present.list.comma", lang).join(format_period(q, lang) for q in row.missing),
        )
        if names is not None:
            text = f"{names.get(row.indicator_id, row.indicator_id)}{_colon(lang)}{text}"
        items.append(html.Li(text, **{"data-pending": f"{row.indicator_id} {row.period}"}))
    return html.Div(
        [
            icon("bi-info-circle", "me-1"),
            t("pending.heading", lang),
            html.Ul(items, className="mb-0"),
        ],
        className="alert alert-info small",
        role="note",
        id="pending-figures",
    )


def reason(row: pd.Series, lang: str) -> str:
    """One short reason in words (never "R = 0.36"): what is needed against what happens."""
    rule = row["rule"]
    if row["status"] == "insufficient_data":
        if (
            row.get("reason") == "baseline_needed"
            and row["kind"] != "growth"
            and not is_missing(row.get("target_share"))
        ):
            return t(
                "reason.baseline_needed_share",
                lang,
                value=format_value(row["latest_value"], row["unit"], lang),
                target=format_value(row["target_value"], row["unit"], lang),
                share=format_percent(row["target_share"], lang, signed=False),
            )
        return t(f"reason.{row.get('reason') or 'no_data'}", lang)
    if rule == "baseline_met_then_fell":
        return t("reason.fell_back", lang)
    if rule == "straight_line":
        return t(
            "reason.straight_line",
            lang,
            progress=format_percent(row["progress"], lang, signed=False),
            elapsed=format_percent(row["n"] / row["N"], lang, signed=False),
        )
    if is_missing(row["cagr_required"]) or is_missing(row["cagr_observed"]):
        return ""
    return t(
        "reason.growth",
        lang,
        required=format_percent(row["cagr_required"], lang, signed=False),
        observed=format_percent(row["cagr_observed"], lang),
    )


def _link(row: pd.Series, lang: str, as_of: str | None) -> dcc.Link:
    href = page_url(f"/indicator/{row['indicator_id']}", lang=lang, as_of=as_of)
    return dcc.Link(indicator_name(row, lang), href=href, className="glance-name")


def _entry(row: pd.Series, lang: str, as_of: str, link_as_of: str | None, full: bool) -> html.Li:
    parts: list = [
        status_badge(row["status"], lang),
        " ",
        _link(row, lang, link_as_of),
        _colon(lang),
    ]
    parts += latest_with_age(row, lang, as_of)
    if full:
        parts += [" · ", t("glance.target", lang, target=target_text(row, lang))]
        why = reason(row, lang)
        if why:
            parts += [" · ", html.Span(why, className="glance-reason")]
    return html.Li(
        parts,
        className="glance-entry",
        **{"data-glance": row["indicator_id"], "data-status": row["status"]},
    )


def _unjudged_entry(row: pd.Series, lang: str, as_of: str, link_as_of: str | None) -> html.Li:
    """Name and why it is not judged; what is known besides (value, date, "stale")."""
    parts: list = [_link(row, lang, link_as_of), _colon(lang), html.Span(reason(row, lang),
                   className="glance-reason")]  # fmt: skip
    if not is_missing(row["latest_value"]):
        if row.get("reason") == "baseline_needed" and not is_missing(row.get("target_share")):
            parts += [f" ({period_text(row, lang)})"]  # the value is in the reason already
            marker = stale_marker(row, lang, as_of)
            parts += [" ", marker] if marker is not None else []
        else:
            parts += [" · ", *latest_with_age(row, lang, as_of)]
    return html.Li(
        parts,
        className="glance-entry",
        **{"data-glance": row["indicator_id"], "data-reason": row["reason"]},
    )


def at_a_glance(progress: pd.DataFrame, lang: str, as_of: str, link_as_of: str | None):
    """The list for the rows of ``progress`` shown (the pillar filter is applied before)."""
    ordered = triage(progress)
    groups = {g: ordered[ordered["group"] == g] for g in (BEHIND, FINE, UNJUDGED)}
    behind = [_entry(r, lang, as_of, link_as_of, full=True) for _, r in groups[BEHIND].iterrows()]
    fine = [_entry(r, lang, as_of, link_as_of, full=False) for _, r in groups[FINE].iterrows()]
    unjudged = [_unjudged_entry(r, lang, as_of, link_as_of) for _, r in groups[UNJUDGED].iterrows()]
    parts: list = [
        html.H2(t("glance.heading", lang), className="h5 mb-1", id="glance-heading"),
        html.P(
            t(
                "glance.intro",
                lang,
                as_of=format_period(as_of, lang),
                behind=len(behind),
                fine=len(fine),
                unjudged=len(unjudged),
            ),
            className="small text-muted mb-1",
        ),
        html.Ol(behind, className="glance-list glance-behind", id="glance-behind")
        if behind
        else html.P(t("glance.behind_none", lang), className="mb-1", id="glance-behind"),
    ]
    if fine:
        parts += [
            html.H3(t("glance.fine_heading", lang), className="h6 mt-2 mb-1"),
            html.Ul(fine, className="glance-list glance-fine", id="glance-fine"),
        ]
    if unjudged:
        parts += [
            html.H3(t("glance.unjudged_heading", lang), className="h6 mt-2 mb-1"),
            html.Ul(unjudged, className="glance-list glance-unjudged", id="glance-unjudged"),
        ]
    return html.Section(
        parts,
        className="glance mb-3",
        id="at-a-glance",
        **{"aria-labelledby": "glance-heading"},
    )
