"""Methodology ``/methodology``: how the tracker judges progress, in words and formulas.

The worked example is computed by the tracker's own progress code on the published foreign-trade
figures, so the page can never disagree with what the overview shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import dash
import pandas as pd
from dash import Dash, html

from ...core.progress import compute_progress
from ...i18n import normalise_language, t
from .. import prose
from ..components import page_shell
from ..format import format_value
from ..status import status_badge

PATH = "/methodology"
MINUS = "\u2212"

#: The published full-year foreign-trade figures of the worked example (billion CNY), as in
#: data/observations.csv: the 2022 baseline, 2024 (for year-on-year growth) and 2025.
EXAMPLE_ID = "ECO-TRADE"
EXAMPLE_TARGET = 1100.0
EXAMPLE_FIGURES = (("2022", 815.84), ("2024", 715.42), ("2025", 800.68))
EXAMPLE_AS_OF = "2025Q4"
#: Worked-example values are shown in bn CNY (English) and 亿元 (Chinese): 1 bn = 10 亿.
EXAMPLE_SCALE = {"en": 1.0, "zh": 10.0}
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


# ----- symbols and formulas -------------------------------------------------------------------


def _var(name: str) -> html.Var:
    return html.Var(name)


def _x(subscript: str | None = None, star: bool = False) -> html.Span:
    """``x₀``, ``xₜ``, ``xₜ₋₄`` or ``x*`` as HTML."""
    parts: list = [_var("x")]
    if subscript == "t":
        parts.append(html.Sub(_var("t")))
    elif subscript == "t-4":
        parts.append(html.Sub([_var("t"), f"{MINUS}4"]))
    elif subscript is not None:
        parts.append(html.Sub(subscript))
    if star:
        parts.append(html.Sup("*"))
    return html.Span(parts, className="symbol")


def _symbol(name: str):
    """A formula symbol named in a message (``{x0}``, ``{xstar}``, ``{R}`` ...)."""
    if name == "x0":
        return _x("0")
    if name == "xt":
        return _x("t")
    if name == "xstar":
        return _x(star=True)
    if name == "gstar":
        return html.Span([_var("g"), html.Sup("*")], className="symbol")
    return _var(name)


SYMBOL_NAMES = frozenset(
    {"x0", "xt", "xstar", "gstar", "b", "t", "T", "n", "N", "a", "r", "R", "p"}
)


def _power(base: list, exponent: list) -> list:
    return [*base, html.Sup(exponent)]


def formula(*parts) -> html.Span:
    return html.Span(list(parts), className="formula")


def _formula_a() -> html.Span:
    return formula(
        _var("a"), " = ", *_power(["(", _x("t"), " / ", _x("0"), ")"], ["4/", _var("n")]),
        f" {MINUS} 1",
    )  # fmt: skip


def _formula_r_level() -> html.Span:
    return formula(
        _var("r"), " = ", *_power(["(", _x(star=True), " / ", _x("0"), ")"], ["4/", _var("N")]),
        f" {MINUS} 1",
    )  # fmt: skip


def _formula_r_growth() -> html.Span:
    return formula(_var("r"), " = ", _symbol("gstar"))


def _formula_ratio() -> html.Span:
    return formula(_var("R"), " = ", _var("a"), " / ", _var("r"))


def _formula_progress() -> html.Span:
    return formula(
        _var("p"), " = (", _x("t"), f" {MINUS} ", _x("0"), ") / (", _x(star=True),
        f" {MINUS} ", _x("0"), ")",
    )  # fmt: skip


def _formula_expected() -> html.Span:
    return formula(_x("0"), " · ", *_power(["(1 + ", _var("r"), ")"], [_var("n"), "/4"]))


def _formula_projected() -> html.Span:
    return formula(
        _x("t"), " · ",
        *_power(["(1 + ", _var("a"), ")"], ["(", _var("N"), f" {MINUS} ", _var("n"), ")/4"]),
    )  # fmt: skip


def _formula_yoy() -> html.Span:
    return formula(_x("t"), " / ", _x("t-4"), f" {MINUS} 1")


def _formula_straight_line() -> html.Span:
    return formula(_var("R"), " = ", _var("p"), " / (", _var("n"), " / ", _var("N"), ")")


def _formula_straight_expected() -> html.Span:
    return formula(
        _x("0"), " + (", _x(star=True), f" {MINUS} ", _x("0"), ") · ", _var("n"), " / ",
        _var("N"),
    )  # fmt: skip


def _formulas_ytd(lang: str) -> list[html.Div]:
    quarter = t("method.formula.quarter", lang)
    ytd = t("method.formula.ytd", lang)
    first = t("method.formula.first_quarter", lang)
    return [
        html.Div(
            formula(
                quarter,
                "(",
                _var("q"),
                ") = ",
                ytd,
                "(",
                _var("q"),
                f") {MINUS} ",
                ytd,
                "(",
                _var("q"),
                f" {MINUS} 1)",
            ),  # fmt: skip
            className="formula-line",
        ),
        html.Div(formula(quarter, f"({first}) = ", ytd, f"({first})"), className="formula-line"),
    ]


# ----- numbers of the worked example ----------------------------------------------------------


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


def _example_lines(ex: Example, lang: str) -> list[html.Div]:
    x0, xt, target = _amount(ex.x0, lang), _amount(ex.xt, lang), _amount(ex.target, lang)
    a, r = percent(ex.a, lang), percent(ex.r, lang)
    n, big_n = str(ex.n), str(ex.big_n)
    one_plus_a = f"(1 {MINUS} {percent(-ex.a, lang)})" if ex.a < 0 else f"(1 + {a})"
    lines = [
        [
            _var("a"), " = ", *_power([f"({xt} / {x0})"], [f"4/{n}"]), f" {MINUS} 1 = ",
            html.Strong(a),
        ],
        [
            _var("r"), " = ", *_power([f"({target} / {x0})"], [f"4/{big_n}"]), f" {MINUS} 1 = ",
            html.Strong(r),
        ],
        [
            _var("R"), " = ", _var("a"), " / ", _var("r"), f" = {a} / {r} = ",
            html.Strong(number(ex.ratio, lang, 2, trim=False), id="example-ratio"),
        ],
        [
            _var("p"), f" = ({xt} {MINUS} {x0}) / ({target} {MINUS} {x0}) = ",
            html.Strong(percent(ex.progress, lang, 1)),
        ],
        [
            t("method.example.expected_label", lang), " = ",
            *_power([f"{x0} · (1 + {r})"], [f"{n}/4"]), " = ",
            html.Strong(_amount(ex.expected, lang)),
        ],
        [
            t("method.example.projected_label", lang), " = ",
            *_power([f"{xt} · {one_plus_a}"], [f"({big_n} {MINUS} {n})/4"]), " = ",
            html.Strong(_amount(ex.projected, lang)),
        ],
        [
            t("method.example.yoy_label", lang),
            f" = {xt} / {_amount(ex.x_ago, lang)} {MINUS} 1 = ",
            html.Strong(percent(ex.yoy, lang, 1, signed=True)),
        ],
    ]  # fmt: skip
    return [html.Div(formula(*line), className="formula-line") for line in lines]


# ----- the page ---------------------------------------------------------------------------------


def _required_formulas(lang: str) -> list[html.Div]:
    return [
        html.Div([_formula_r_level(), " ", html.Span(t("method.rates.r.level", lang))]),
        html.Div([_formula_r_growth(), " ", html.Span(t("method.rates.r.growth", lang))]),
    ]


def _fallback_formulas(lang: str) -> html.Div:
    return html.Div(
        [
            html.Div(_formula_straight_line(), className="formula-line"),
            html.Div(
                [
                    t("method.rates.expected.name", lang),
                    t("method.separator", lang),
                    _formula_straight_expected(),
                ],
                className="formula-line",
            ),
        ],
        className="formula-block my-2",
    )


def _worked_example(ex: Example, lang: str) -> html.Figure:
    return html.Figure(
        [
            html.Figcaption(
                t("method.example.caption", lang, unit=t("method.example.unit", lang)),
                className="small text-muted mb-1",
            ),
            html.Div(_example_lines(ex, lang), className="formula-block"),
        ],
        id="worked-example",
    )


def _example_values(lang: str) -> dict[str, object]:
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
        "worked_example": _worked_example(ex, lang),
    }


def placeholders(lang: str) -> dict[str, object]:
    """Everything the Markdown may name: symbols, formulas, status badges, the example."""
    return {
        **{name: _symbol(name) for name in SYMBOL_NAMES},
        **{f"status:{s}": status_badge(s, lang) for s in STATUS_ORDER},
        "formula:a": _formula_a(),
        "formula:required": _required_formulas(lang),
        "formula:ratio": _formula_ratio(),
        "formula:progress": _formula_progress(),
        "formula:expected": _formula_expected(),
        "formula:projected": _formula_projected(),
        "formula:yoy": _formula_yoy(),
        "ytd_formulas": html.Div(_formulas_ytd(lang), className="formula-block my-2"),
        "fallback_formulas": _fallback_formulas(lang),
        **_example_values(lang),
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
