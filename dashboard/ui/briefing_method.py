"""The briefing's method page: how the figures and the statuses were worked out.

A printed document travels without the dashboard's methodology page, so it carries its own
short account: what the pace ratio means, which values are shown, how the paths are drawn,
how to read a gauge, the rule behind each status and what a missing figure means.
"""

from __future__ import annotations

from dash import html

from ..core.progress import STATUSES
from ..i18n import t
from .status import status_badge


def method_section(lang: str) -> html.Section:
    """The method, then every status with the rule that gives it."""
    return html.Section(
        [
            html.H2(t("briefing.method_heading", lang), id="briefing-method-heading"),
            *[html.P(t(f"briefing.method.{part}", lang)) for part in ("ratio", "values", "paths")],
            html.P(t("overview.gauge_help", lang)),
            html.H3(t("briefing.status_heading", lang), id="briefing-status-heading"),
            html.Dl(
                [
                    item
                    for status in STATUSES
                    for item in (
                        html.Dt(status_badge(status, lang)),
                        html.Dd(t(f"briefing.status_rule.{status}", lang)),
                    )
                ],
                className="briefing-statuses",
            ),
            html.P(t("briefing.method.missing", lang)),
        ],
        className="briefing-method",
        id="briefing-method",
        **{"aria-labelledby": "briefing-method-heading"},
    )
