"""The indicator page's two charts, as plotly figure dicts: the series against its target, and
year-on-year growth.

Kept apart from the page so the arithmetic of the chart (the quarter axis, the required path
compounded from the baseline, the Chinese statistical units) reads without the page's layout
around it. Plain dicts, like the cards' gauges: no ``plotly.graph_objects`` validation.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.periods import parse_quarter, quarter_label
from ..core.units import CHINESE_SOURCE_UNIT
from ..core.units import factor as unit_factor
from ..core.values import is_missing
from ..i18n import t
from .format import format_period
from .status import STATUS_COLOURS


def _x(q: int) -> int:
    """Charts put quarters on a numeric axis (the quarter index), ticked at each year's Q4.

    A full-year figure then sits exactly on its year's tick, which a date axis (where the
    end of December looks like the next year) gets wrong.
    """
    return int(q)


def _quarter_axis(first: int, last: int, lang: str) -> dict:
    q4s = [q for q in range(first, last + 1) if q % 4 == 3]
    return {
        "tickmode": "array",
        "tickvals": q4s,
        "ticktext": [format_period(quarter_label(q), lang) for q in q4s],
        "range": [first - 1, last + 1],
        "zeroline": False,
    }


def _path_points(
    row: pd.Series, start_q: int, start_value: float, rate: float, end_q: int
) -> tuple[list[int], list[float], list[str]]:
    quarters = np.arange(start_q, end_q + 1)
    values = start_value * (1.0 + rate) ** ((quarters - start_q) / 4.0)
    return (
        [_x(q) for q in quarters],
        values.tolist(),
        [quarter_label(q) for q in quarters],
    )


def series_figure(row: pd.Series, series: pd.DataFrame, lang: str) -> dict:
    """Observed values, baseline, the target at 2027Q4, the required path and the projection."""
    unit = row["unit"]
    traces: list[dict] = []
    if not series.empty:
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": t("chart.observed", lang),
                "x": [_x(q) for q in series["quarter"]],
                "y": series["value"].tolist(),
                "text": [format_period(p, lang) for p in series["period"]],
                "hovertemplate": "%{text}: %{y:,.4~g}<extra></extra>",
                "line": {"color": "#12355b", "width": 3},
            }
        )
    b_q, t_q = parse_quarter(row["baseline_period"]), parse_quarter(row["target_period"])
    first_q = min([b_q, *series["quarter"].tolist()]) if not series.empty else b_q
    x0, xt = row["baseline_value"], row["latest_value"]
    if not is_missing(x0):
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": t("chart.baseline", lang),
                "x": [_x(b_q)],
                "y": [x0],
                "marker": {"size": 12, "symbol": "diamond", "color": "#6c757d"},
                "hovertemplate": f"{t('chart.baseline', lang)}: %{{y:,.4~g}}<extra></extra>",
            }
        )
        rate = row["cagr_required"]
        if row["method"] == "straight_line" and row["kind"] != "growth":
            xs = [_x(b_q), _x(t_q)]
            ys = [x0, row["target_value"]]
        elif not is_missing(rate):
            xs, ys, _ = _path_points(row, b_q, x0, rate, t_q)
        else:
            xs, ys = [], []
        if xs:
            traces.append(
                {
                    "type": "scatter",
                    "mode": "lines",
                    "name": t("chart.required_path", lang),
                    "x": xs,
                    "y": ys,
                    "line": {"color": "#8a5300", "dash": "dash", "width": 2},
                    "hovertemplate": "%{y:,.4~g}<extra></extra>",
                }
            )
    if row["kind"] != "growth":
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": t("chart.target", lang),
                "x": [_x(t_q)],
                "y": [row["target_value"]],
                "marker": {"size": 16, "symbol": "star", "color": "#b02a37"},
                "hovertemplate": f"{t('chart.target', lang)}: %{{y:,.4~g}}<extra></extra>",
            }
        )
    if not is_missing(row["projected_value"]) and not is_missing(xt):
        latest_q = parse_quarter(row["latest_period"])
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": t("chart.projection", lang),
                "x": [_x(latest_q), _x(t_q)],
                "y": [xt, row["projected_value"]],
                "line": {"color": STATUS_COLOURS[row["status"]], "dash": "dot", "width": 2},
                "hovertemplate": "%{y:,.4~g}<extra></extra>",
            }
        )
    scale, axis_unit = _chart_unit(unit, lang)
    for trace in traces:
        trace["y"] = [None if is_missing(v) else v * scale for v in trace["y"]]
    return {
        "data": traces,
        "layout": {
            "height": 380,
            "margin": {"l": 60, "r": 20, "t": 20, "b": 40},
            "yaxis": {
                "title": {"text": axis_unit},
                "rangemode": "tozero",
                "tickformat": ",.6~g",
            },
            "xaxis": _quarter_axis(first_q, t_q, lang),
            "legend": {"orientation": "h", "y": -0.15},
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "#f8f9fa",
            "font": {"family": "system-ui, sans-serif", "color": "#212529"},
            "hovermode": "closest",
        },
    }


def _unit_label(unit: str, lang: str) -> str:
    return t(f"unit.{unit.replace(' ', '_')}", lang)


def _chart_unit(unit: str, lang: str) -> tuple[float, str]:
    """The factor and the axis title that put a chart in the unit its page's text uses: in
    Chinese the units of Chinese statistics (亿元, 万吨, 万标箱, 万人次, 亿美元), as the
    figures beside the chart are written, not 十亿元."""
    written = CHINESE_SOURCE_UNIT.get(unit)
    if lang != "zh" or written is None:
        return 1.0, _unit_label(unit, lang)
    ratio = unit_factor(written, unit)
    return (1.0, _unit_label(unit, lang)) if ratio == 1 else (float(1 / ratio), written)


def yoy_figure(series: pd.DataFrame, lang: str) -> dict | None:
    """Year-on-year growth at each quarter that has a value four quarters before."""
    if series.empty:
        return None
    by_quarter = series.set_index("quarter")["value"]
    earlier = by_quarter.reindex(by_quarter.index - 4).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = np.where(earlier > 0, by_quarter.to_numpy() / earlier - 1.0, np.nan)
    keep = ~np.isnan(growth)
    if not keep.any():
        return None
    quarters = by_quarter.index.to_numpy()[keep]
    values = growth[keep] * 100
    return {
        "data": [
            {
                "type": "bar",
                "name": t("chart.yoy", lang),
                "x": [_x(q) for q in quarters],
                "y": values.tolist(),
                "text": [format_period(quarter_label(q), lang) for q in quarters],
                "hovertemplate": "%{text}: %{y:.1f}%<extra></extra>",
                "textposition": "none",
                "marker": {"color": ["#146c43" if v >= 0 else "#b02a37" for v in values]},
            }
        ],
        "layout": {
            "height": 240,
            "margin": {"l": 60, "r": 20, "t": 10, "b": 40},
            "yaxis": {"ticksuffix": "%", "zeroline": True},
            "xaxis": _quarter_axis(int(quarters.min()), int(quarters.max()), lang),
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "#f8f9fa",
            "font": {"family": "system-ui, sans-serif", "color": "#212529"},
        },
    }
