"""The calculation spelled out: every quantity of the method with one indicator's own numbers,
and the status rule that applied.

The baseline's wording and the "undefined" of a quantity that cannot be computed live here
too: the facts at the top of the indicator page use the same words, so the two always agree.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from ..core.progress import THRESHOLD_ACCELERATE, THRESHOLD_ON_TRACK
from ..core.values import is_missing
from ..i18n import t
from .components import page_url
from .format import format_number, format_percent, format_period, format_value, pace_words
from .status import status_badge


def quantity_text(value: float, lang: str, unit: str | None = None) -> str:
    """A quantity in the page's words, or "undefined" when the method cannot compute it."""
    if is_missing(value):
        return t("calc.undefined", lang)
    return format_value(value, unit, lang) if unit else format_number(value, lang, 4)


def _as_year(period: str, row: pd.Series, lang: str) -> str:
    """A flow's Q4 is its year ("2022", as the statistics publish it); else the quarter."""
    if row["kind"] in ("flow", "growth") and isinstance(period, str) and period.endswith("Q4"):
        return format_period(period[:4], lang)
    return format_period(period, lang)


def _baseline_period_text(row: pd.Series, lang: str) -> str:
    used = _as_year(row["baseline_period"], row, lang)
    if bool(row.get("baseline_substituted")):
        planned = _as_year(row["planned_baseline_period"], row, lang)
        return t("baseline.period_substituted", lang, used=used, planned=planned)
    return used


def baseline_text(row: pd.Series, lang: str) -> str:
    """The baseline actually used, and why when it is not the planned period (DOMAIN.md)."""
    planned = _as_year(row.get("planned_baseline_period") or row["baseline_period"], row, lang)
    if is_missing(row["baseline_value"]):
        return t("baseline.none", lang, planned=planned)
    used = _as_year(row["baseline_period"], row, lang)
    value = format_value(row["baseline_value"], row["unit"], lang)
    if bool(row.get("baseline_substituted")):
        return t("baseline.substituted", lang, value=value, used=used, planned=planned)
    return t("baseline.planned", lang, value=value, used=used)


def _pace(ratio: float, lang: str) -> str:
    """R with its meaning in words: "0.36: growing at 36% of the pace needed"."""
    if is_missing(ratio):
        return t("calc.undefined", lang)
    return t(
        "pace.with_ratio", lang, ratio=format_number(ratio, lang, 2), words=pace_words(ratio, lang)
    )


def calculation_section(row: pd.Series, lang: str) -> html.Section:
    """Every quantity of the method with this indicator's numbers, and the rule that applied."""
    unit = row["unit"]
    growth = row["kind"] == "growth"
    rows = [
        ("b", "calc.b", _baseline_period_text(row, lang)),
        (
            "t",
            "calc.t",
            t("calc.undefined", lang)
            if is_missing(row["latest_period"])
            else format_period(row["latest_period"], lang),
        ),
        ("T", "calc.T", format_period(row["target_period"], lang)),
        ("n", "calc.n", quantity_text(row["n"], lang)),
        ("N", "calc.N", quantity_text(row["N"], lang)),
        ("x₀", "calc.x0", quantity_text(row["baseline_value"], lang, unit)),
        ("xₜ", "calc.xt", quantity_text(row["latest_value"], lang, unit)),
        (
            "g*" if growth else "x*",
            "calc.g_star" if growth else "calc.x_star",
            format_percent(row["target_growth"], lang, signed=False)
            if growth
            else quantity_text(row["target_value"], lang, unit),
        ),
        (
            "a",
            "calc.a",
            format_percent(row["cagr_observed"], lang)
            if not is_missing(row["cagr_observed"])
            else t("calc.undefined", lang),
        ),
        (
            "r",
            "calc.r",
            format_percent(row["cagr_required"], lang)
            if not is_missing(row["cagr_required"])
            else t("calc.undefined", lang),
        ),
        ("R", "calc.R", _pace(row["ratio"], lang)),
    ]
    if not growth:
        rows.append(
            (
                "p",
                "calc.p",
                format_percent(row["progress"], lang, signed=False)
                if not is_missing(row["progress"])
                else t("calc.undefined", lang),
            )
        )
    rows += [
        ("E", "calc.expected", quantity_text(row["expected_value"], lang, unit)),
        ("P", "calc.projected", quantity_text(row["projected_value"], lang, unit)),
        (
            "Y",
            "calc.yoy",
            format_percent(row["yoy_growth"], lang)
            if not is_missing(row["yoy_growth"])
            else t("calc.undefined", lang),
        ),
    ]
    body = [
        html.Tr(
            [
                html.Th(html.Var(symbol), scope="row"),
                html.Td(t(key, lang)),
                html.Td(value, className="text-end font-monospace"),
            ],
            **{"data-symbol": symbol},
        )
        for symbol, key, value in rows
    ]
    rule = row["rule"]
    return html.Section(
        [
            html.H2(t("indicator.calculation", lang), className="h5", id="calculation-heading"),
            html.Table(
                [
                    html.Thead(
                        html.Tr(
                            [
                                html.Th(t("calc.symbol", lang), scope="col"),
                                html.Th(t("calc.meaning", lang), scope="col"),
                                html.Th(t("calc.value", lang), scope="col", className="text-end"),
                            ]
                        )
                    ),
                    html.Tbody(body),
                ],
                className="table table-sm",
                id="calculation",
            ),
            html.P(
                [
                    html.Strong(t("calc.rule_applied", lang) + " "),
                    t(
                        f"rule.{rule}",
                        lang,
                        on_track_pct=format_percent(THRESHOLD_ON_TRACK, lang, signed=False),
                        accelerate_pct=format_percent(THRESHOLD_ACCELERATE, lang, signed=False),
                    ),
                    " → ",
                    status_badge(row["status"], lang),
                ],
                id="rule-applied",
                **{"data-rule": rule},
            ),
            html.P(
                dcc.Link(
                    t("indicator.method_link", lang), href=page_url("/methodology", lang=lang)
                ),
                className="small",
            ),
        ],
        className="mb-4",
        **{"aria-labelledby": "calculation-heading"},
    )
