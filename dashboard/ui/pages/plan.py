"""The plan ``/plan``: the structure of the plan document as a readable page, every figure with
its source.

One overall goal; the four functional goals (the tracker's pillars) with their indicators from
the catalogue; the Pilot Free Trade Zone's "1135" plan; and the context figures of
``data/context_figures.csv`` (published status figures with no 2027 target).
"""

from __future__ import annotations

import dash
import pandas as pd
from dash import Dash, html

from ...core.catalogue import PILLARS
from ...core.sources import PLAN_SOURCE
from ...i18n import normalise_language, t
from ...store.reference import context_figures
from ...web import get_store
from .. import prose
from ..components import page_shell, source_links

# The data-to-text words of the context figures, importable from here as before (tests).
from ..context_words import DEFAULT_SCOPE as DEFAULT_SCOPE
from ..context_words import context_number as context_number
from ..context_words import figure_flags as figure_flags
from ..context_words import format_as_of as format_as_of
from ..context_words import slug as slug
from ..plan_context_tables import context_tables
from ..plan_pillars import pillar_sections

PATH = "/plan"
#: The page's prose: dashboard/content/plan.<lang>.md.
DOCUMENT = "plan"
#: The plan's counts that are not in the catalogue (its "Vision 2027" section).
OVERALL_GOALS = 1
KEY_TASKS = 12
SIGNIFICANT_LEAPS = 4


def register(app: Dash | None = None) -> None:
    """Register the page (it has no callbacks, so ``app`` is not needed)."""
    dash.register_page(__name__, path=PATH, name="Plan", title="Vision 2027 Tracker", layout=layout)


def _source_line(source: str, lang: str) -> html.P:
    return html.P(
        [t("col.source", lang), t("plan.separator", lang), source_links(source, lang)],
        className="small text-muted mb-0",
    )


# ----- overall goal ---------------------------------------------------------------------------


def _glance(lang: str, targets: int) -> html.Ul:
    items = (
        (OVERALL_GOALS, "plan.glance.goal"),
        (len(PILLARS), "plan.glance.functional"),
        (targets, "plan.glance.targets"),
        (KEY_TASKS, "plan.glance.tasks"),
        (SIGNIFICANT_LEAPS, "plan.glance.leaps"),
    )
    return html.Ul(
        [
            html.Li(
                [html.Span(str(count), className="glance-number"), html.Span(t(key, lang))],
                className="glance-item",
            )
            for count, key in items
        ],
        className="list-unstyled plan-glance",
        **{"aria-label": t("plan.glance.label", lang)},
    )


# ----- the page ---------------------------------------------------------------------------------

#: What the page's Markdown may name; the values are built per view by :func:`placeholders`.
PLACEHOLDERS = frozenset(
    {"glance", "plan_source", "pillar_sections", "context_badge", "figure_count", "context_tables"}
)


def placeholders(lang: str, indicators: pd.DataFrame, figures: pd.DataFrame) -> dict[str, object]:
    name_column = "name_zh" if lang == "zh" else "name_en"
    names = dict(zip(indicators["indicator_id"], indicators[name_column], strict=True))
    return {
        "glance": _glance(lang, len(indicators)),
        "plan_source": _source_line(PLAN_SOURCE, lang),
        "pillar_sections": pillar_sections(indicators, lang),
        "context_badge": html.Span(
            t("plan.context.badge", lang), className="badge text-bg-secondary align-middle fs-6"
        ),
        "figure_count": t("plan.context.count", lang, count=len(figures)),
        "context_tables": context_tables(figures, names, lang),
    }


def layout(lang: str | None = None, **_):
    lang = normalise_language(lang)
    values = placeholders(lang, get_store().indicators(), context_figures())
    return page_shell(lang, PATH, prose.render(DOCUMENT, lang, values))
