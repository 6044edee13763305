"""Methodology ``/methodology``: how the tracker judges progress, in words and formulas.

The words are Markdown (``dashboard/content/methodology.<lang>.md``, drawn by :mod:`..prose`);
this module fills its placeholders: the formulas (:mod:`..formulas`), the status badges and the
worked example, computed by the tracker's own progress code (:mod:`..worked_example`).
"""

from __future__ import annotations

import dash
from dash import Dash, html

from ...i18n import normalise_language, t
from .. import prose
from ..components import page_shell
from ..formulas import (
    SYMBOL_NAMES,
    fallback_formulas,
    formula_a,
    formula_expected,
    formula_progress,
    formula_projected,
    formula_ratio,
    formula_yoy,
    required_formulas,
    symbol,
    ytd_formulas,
)
from ..status import status_badge
from ..worked_example import example_values

PATH = "/methodology"

#: Order of the status table: best to worst, then "no data" (the six of core.progress).
STATUS_ORDER = (
    "achieved",
    "on_track",
    "needs_acceleration",
    "limited_progress",
    "regressing",
    "insufficient_data",
)
#: The page's prose: dashboard/content/methodology.<lang>.md.
DOCUMENT = "methodology"


def register(app: Dash | None = None) -> None:
    """Register the page (it has no callbacks, so ``app`` is not needed)."""
    dash.register_page(
        __name__, path=PATH, name="Methodology", title="Vision 2027 Tracker", layout=layout
    )


def placeholders(lang: str) -> dict[str, object]:
    """Everything the Markdown may name: symbols, formulas, status badges, the example."""
    return {
        **{name: symbol(name) for name in SYMBOL_NAMES},
        **{f"status:{s}": status_badge(s, lang) for s in STATUS_ORDER},
        "formula:a": formula_a(),
        "formula:required": required_formulas(lang),
        "formula:ratio": formula_ratio(),
        "formula:progress": formula_progress(),
        "formula:expected": formula_expected(),
        "formula:projected": formula_projected(),
        "formula:yoy": formula_yoy(),
        "ytd_formulas": html.Div(ytd_formulas(lang), className="formula-block my-2"),
        "fallback_formulas": fallback_formulas(lang),
        **example_values(lang),
    }


def placeholder_names() -> frozenset[str]:
    return frozenset(placeholders("en"))


def _contents(lang: str) -> html.Nav:
    return html.Nav(
        [
            html.H2(t("method.contents", lang), className="h6 mb-1", id="method-contents"),
            html.Ul(
                [
                    html.Li(html.A(text, href=f"#{anchor}"), className="list-inline-item")
                    for anchor, text in prose.contents(DOCUMENT, lang)
                ],
                className="list-inline mb-0 method-contents",
            ),
        ],
        className="border rounded p-2 my-3",
        **{"aria-labelledby": "method-contents"},
    )


def layout(lang: str | None = None, **_):
    lang = normalise_language(lang)
    title, lead, *sections = prose.render(DOCUMENT, lang, placeholders(lang))
    return page_shell(lang, PATH, [title, lead, _contents(lang), *sections])
