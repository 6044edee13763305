"""The Methodology page's worked example: the published foreign-trade figures run through the
tracker's own progress code, so the page can never disagree with what the overview shows, and
every step of the calculation written out with those numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from dash import html

from ..core.progress import compute_progress
from ..i18n import t
from .format import format_value
from .formulas import MINUS, formula, power, var
from .status import status_badge

#: The published full-year foreign-trade figures of the worked example (billion CNY), as in
#: data/observations.csv: the 2022 baseline, 2024 (for year-on-year growth) and 2025.
EXAMPLE_ID = "ECO-TRADE"
EXAMPLE_TARGET = 1100.0
EXAMPLE_FIGURES = (("2022", 815.84), ("2024", 715.42), ("2025", 800.68))
EXAMPLE_AS_OF = "2025Q4"
#: Worked-example values are shown in bn CNY (English) and 亿元 (Chinese): 1 bn = 10 亿.
EXAMPLE_SCALE = {"en": 1.0, "zh": 10.0}


@dataclass(frozen=True)
class Example:
    """The worked example's inputs and the progress code's results for them."""

    x0: float
    xt: float
    x_ago: float
    target: float
    n: int
    big_n: int
    a: float
    r: float
    ratio: float
    progress: float
    expected: float
    projected: float
    yoy: float
    status: str


@lru_cache(maxsize=1)
def worked_example() -> Example:
    """Run :func:`compute_progress` on the published foreign-trade figures."""
    indicator = pd.DataFrame(
        [
            {
                "indicator_id": EXAMPLE_ID,
                "pillar": "economy",
                "kind": "flow",
                "unit": "billion CNY",
                "direction": "higher",
                "target_value": EXAMPLE_TARGET,
                "target_growth": float("nan"),
                "target_period": "2027Q4",
                "baseline_period": "2022Q4",
            }
        ]
    )
    observations = pd.DataFrame(
        [
            {"indicator_id": EXAMPLE_ID, "period": p, "basis": "annual", "value": v, "source": ""}
            for p, v in EXAMPLE_FIGURES
        ]
    )
    row = compute_progress(indicator, observations, EXAMPLE_AS_OF).iloc[0]
    return Example(
        x0=float(row["baseline_value"]),
        xt=float(row["latest_value"]),
        x_ago=dict(EXAMPLE_FIGURES)["2024"],
        target=float(row["target_value"]),
        n=int(row["n"]),
        big_n=int(row["N"]),
        a=float(row["cagr_observed"]),
        r=float(row["cagr_required"]),
        ratio=float(row["ratio"]),
        progress=float(row["progress"]),
        expected=float(row["expected_value"]),
        projected=float(row["projected_value"]),
        yoy=float(row["yoy_growth"]),
        status=str(row["status"]),
    )


def number(value: float, lang: str, decimals: int = 2, trim: bool = True) -> str:
    """Thousands separators in English only, trailing zeros trimmed, a true minus sign."""
    text = f"{value:,.{decimals}f}" if lang == "en" else f"{value:.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace("-", MINUS)


def percent(fraction: float, lang: str, decimals: int = 2, signed: bool = False) -> str:
    text = number(fraction * 100, lang, decimals) + "%"
    return f"+{text}" if signed and fraction > 0 else text


def _amount(value: float, lang: str) -> str:
    """A worked-example value in the page's unit: ``815.84`` (bn CNY) or ``8158.4`` (亿元)."""
    return number(value * EXAMPLE_SCALE[lang], lang, 2)


def _with_unit(value: float, lang: str) -> str:
    unit = t("method.example.unit", lang)
    return f"{_amount(value, lang)} {unit}" if lang == "en" else f"{_amount(value, lang)}{unit}"


def example_lines(ex: Example, lang: str) -> list[html.Div]:
    x0, xt, target = _amount(ex.x0, lang), _amount(ex.xt, lang), _amount(ex.target, lang)
    a, r = percent(ex.a, lang), percent(ex.r, lang)
    n, big_n = str(ex.n), str(ex.big_n)
    one_plus_a = f"(1 {MINUS} {percent(-ex.a, lang)})" if ex.a < 0 else f"(1 + {a})"
    lines = [
        [
            var("a"), " = ", *power([f"({xt} / {x0})"], [f"4/{n}"]), f" {MINUS} 1 = ",
            html.Strong(a),
        ],
        [
            var("r"), " = ", *power([f"({target} / {x0})"], [f"4/{big_n}"]), f" {MINUS} 1 = ",
            html.Strong(r),
        ],
        [
            var("R"), " = ", var("a"), " / ", var("r"), f" = {a} / {r} = ",
            html.Strong(number(ex.ratio, lang, 2, trim=False), id="example-ratio"),
        ],
        [
            var("p"), f" = ({xt} {MINUS} {x0}) / ({target} {MINUS} {x0}) = ",
            html.Strong(percent(ex.progress, lang, 1)),
        ],
        [
            t("method.example.expected_label", lang), " = ",
            *power([f"{x0} · (1 + {r})"], [f"{n}/4"]), " = ",
            html.Strong(_amount(ex.expected, lang)),
        ],
        [
            t("method.example.projected_label", lang), " = ",
            *power([f"{xt} · {one_plus_a}"], [f"({big_n} {MINUS} {n})/4"]), " = ",
            html.Strong(_amount(ex.projected, lang)),
        ],
        [
            t("method.example.yoy_label", lang),
            f" = {xt} / {_amount(ex.x_ago, lang)} {MINUS} 1 = ",
            html.Strong(percent(ex.yoy, lang, 1, signed=True)),
        ],
    ]  # fmt: skip
    return [html.Div(formula(*line), className="formula-line") for line in lines]


def worked_example_figure(ex: Example, lang: str) -> html.Figure:
    return html.Figure(
        [
            html.Figcaption(
                t("method.example.caption", lang, unit=t("method.example.unit", lang)),
                className="small text-muted mb-1",
            ),
            html.Div(example_lines(ex, lang), className="formula-block"),
        ],
        id="worked-example",
    )


def example_values(lang: str) -> dict[str, object]:
    """The worked example's numbers, as its sentences write them."""
    ex = worked_example()
    target = format_value(ex.target, "billion CNY", lang)
    return {
        "target": target,
        "baseline": _with_unit(ex.x0, lang),
        "latest": _with_unit(ex.xt, lang),
        "n_value": str(ex.n),
        "big_n_value": str(ex.big_n),
        "ratio": number(ex.ratio, lang, 2, trim=False),
        "change": percent(abs(ex.xt / ex.x0 - 1), lang, 1),
        "required": percent(ex.r, lang, 1),
        "yoy": percent(ex.yoy, lang, 1),
        "projected": format_value(ex.projected, "billion CNY", lang),
        "expected": format_value(ex.expected, "billion CNY", lang),
        "example_status": status_badge(ex.status, lang),
        "worked_example": worked_example_figure(ex, lang),
    }
