"""Methodology ``/methodology``: how the tracker judges progress, in words and formulas.

The worked example is computed by the tracker's own progress code on the published foreign-trade
figures, so the page can never disagree with what the overview shows.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache

import dash
import pandas as pd
from dash import Dash, dcc, html

from ...core.progress import compute_progress
from ...i18n import normalise_language, t
from ..components import page_shell, page_url
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
SECTIONS = (
    ("method-origin", "method.origin.heading"),
    ("method-time", "method.time.heading"),
    ("method-values", "method.values.heading"),
    ("method-rates", "method.rates.heading"),
    ("method-status", "method.status.heading"),
    ("method-fallback", "method.fallback.heading"),
    ("method-direction", "method.direction.heading"),
    ("method-example", "method.example.heading"),
)


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


def rich(key: str, lang: str, **values: object) -> list:
    """A message with its formula symbols drawn as symbols and its parameters filled in."""
    parts: list = []
    for literal, field, _, _ in string.Formatter().parse(t(key, lang)):
        if literal:
            parts.append(literal)
        if field is None:
            continue
        if field in SYMBOL_NAMES:
            parts.append(_symbol(field))
        else:
            parts.append(values[field])
    return parts


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


# ----- sections -------------------------------------------------------------------------------


def _section(anchor: str, heading_key: str, lang: str, children: list) -> html.Section:
    return html.Section(
        [html.H2(t(heading_key, lang), id=anchor, className="h4 mt-4"), *children],
        **{"aria-labelledby": anchor},
    )


def _contents(lang: str) -> html.Nav:
    return html.Nav(
        [
            html.H2(t("method.contents", lang), className="h6 mb-1", id="method-contents"),
            html.Ul(
                [
                    html.Li(html.A(t(key, lang), href=f"#{anchor}"), className="list-inline-item")
                    for anchor, key in SECTIONS
                ],
                className="list-inline mb-0 method-contents",
            ),
        ],
        className="border rounded p-2 my-3",
        **{"aria-labelledby": "method-contents"},
    )


def _definitions(items: list[tuple[object, str]], lang: str) -> html.Dl:
    rows: list = []
    for symbol, key in items:
        rows += [
            html.Dt(formula(symbol), className="col-3 col-sm-2 col-lg-1"),
            html.Dd(rich(key, lang), className="col-9 col-sm-10 col-lg-11"),
        ]
    return html.Dl(rows, className="row symbol-list")


def _origin(lang: str) -> html.Section:
    return _section(
        "method-origin",
        "method.origin.heading",
        lang,
        [html.P(t("method.origin.text", lang)), html.P(t("method.origin.quarterly", lang))],
    )


def _time(lang: str) -> html.Section:
    items = [(_var(s), f"method.time.{s}") for s in ("b", "t", "T", "n", "N")]
    return _section(
        "method-time",
        "method.time.heading",
        lang,
        [html.P(t("method.time.intro", lang)), _definitions(items, lang)],
    )


def _values(lang: str) -> html.Section:
    items = [
        (_symbol("x0"), "method.values.x0"),
        (_symbol("xt"), "method.values.xt"),
        (_symbol("xstar"), "method.values.xstar"),
        (_symbol("gstar"), "method.values.gstar"),
    ]
    return _section(
        "method-values",
        "method.values.heading",
        lang,
        [
            html.Ul(
                [
                    html.Li(t("method.values.stock", lang)),
                    html.Li(t("method.values.flow", lang)),
                    html.Li(
                        [
                            t("method.values.ytd", lang),
                            html.Div(_formulas_ytd(lang), className="formula-block my-2"),
                        ]
                    ),
                    html.Li(t("method.values.annual", lang)),
                    html.Li(t("method.values.growth", lang)),
                ]
            ),
            _definitions(items, lang),
        ],
    )


def _rate_row(key: str, formulas: list, lang: str) -> html.Tr:
    return html.Tr(
        [
            html.Th(t(f"method.rates.{key}.name", lang), scope="row"),
            html.Td(formulas, className="text-nowrap"),
            html.Td(rich(f"method.rates.{key}.meaning", lang)),
        ],
        **{"data-rate": key},
    )


def _rates(lang: str) -> html.Section:
    required = [
        html.Div([_formula_r_level(), " ", html.Span(t("method.rates.r.level", lang))]),
        html.Div([_formula_r_growth(), " ", html.Span(t("method.rates.r.growth", lang))]),
    ]
    rows = [
        _rate_row("a", [_formula_a()], lang),
        _rate_row("r", required, lang),
        _rate_row("R", [_formula_ratio()], lang),
        _rate_row("p", [_formula_progress()], lang),
        _rate_row("expected", [_formula_expected()], lang),
        _rate_row("projected", [_formula_projected()], lang),
        _rate_row("yoy", [_formula_yoy()], lang),
    ]
    columns = ("method.rates.col.quantity", "method.rates.col.formula", "method.rates.col.meaning")
    return _section(
        "method-rates",
        "method.rates.heading",
        lang,
        [
            html.P(t("method.rates.intro", lang)),
            html.Div(
                html.Table(
                    [
                        html.Caption(t("method.rates.caption", lang), className="visually-hidden"),
                        html.Thead(html.Tr([html.Th(t(c, lang), scope="col") for c in columns])),
                        html.Tbody(rows),
                    ],
                    className="table align-middle",
                    id="rates-table",
                ),
                className="table-responsive",
            ),
        ],
    )


def _rule(status: str, key: str, lang: str) -> html.Li:
    return html.Li([status_badge(status, lang), t("method.separator", lang), *rich(key, lang)])


def _ratio_rules(lang: str) -> html.Ul:
    return html.Ul(
        [
            html.Li(
                [
                    status_badge(s, lang),
                    t("method.separator", lang),
                    *rich(f"method.status.when.{s}", lang),
                ]
            )
            for s in ("on_track", "needs_acceleration", "limited_progress")
        ]
        + [
            html.Li(
                [status_badge("regressing", lang), t("method.separator", lang), _var("R"), " < 0"]
            )
        ]
    )


def _status_table(lang: str) -> html.Div:
    columns = ("method.status.col.status", "method.status.col.rule", "method.status.col.reading")
    return html.Div(
        html.Table(
            [
                html.Caption(t("method.status.caption", lang), className="visually-hidden"),
                html.Thead(html.Tr([html.Th(t(c, lang), scope="col") for c in columns])),
                html.Tbody(
                    [
                        html.Tr(
                            [
                                html.Th(status_badge(s, lang), scope="row"),
                                html.Td(rich(f"method.status.when.{s}", lang)),
                                html.Td(t(f"method.status.reading.{s}", lang)),
                            ],
                            **{"data-status-row": s},
                        )
                        for s in STATUS_ORDER
                    ]
                ),
            ],
            className="table align-middle",
            id="status-table",
        ),
        className="table-responsive",
    )


def _status(lang: str) -> html.Section:
    return _section(
        "method-status",
        "method.status.heading",
        lang,
        [
            html.P(t("method.status.intro", lang)),
            html.Ol(
                [
                    _rule("achieved", "method.status.rule.achieved", lang),
                    _rule("insufficient_data", "method.status.rule.insufficient", lang),
                    _rule("regressing", "method.status.rule.baseline_met", lang),
                    html.Li([*rich("method.status.rule.ratio", lang), _ratio_rules(lang)]),
                ],
                className="status-rules",
            ),
            html.H3(t("method.status.table_heading", lang), className="h5 mt-3"),
            _status_table(lang),
        ],
    )


def _fallback(lang: str) -> html.Section:
    return _section(
        "method-fallback",
        "method.fallback.heading",
        lang,
        [
            html.P(rich("method.fallback.text", lang)),
            html.Div(
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
            ),
            html.P(t("method.fallback.after", lang)),
        ],
    )


def _direction(lang: str) -> html.Section:
    return _section(
        "method-direction",
        "method.direction.heading",
        lang,
        [html.P(rich("method.direction.text", lang)), html.P(rich("method.direction.ratio", lang))],
    )


def _example(lang: str) -> html.Section:
    ex = worked_example()
    target = format_value(ex.target, "billion CNY", lang)
    steps = html.Ol(
        [
            html.Li(
                rich(
                    "method.example.step.achieved",
                    lang,
                    latest=_with_unit(ex.xt, lang),
                    target=target,
                )
            ),
            html.Li(rich("method.example.step.data", lang, n_value=str(ex.n))),
            html.Li(rich("method.example.step.baseline", lang)),
            html.Li(
                [
                    *rich(
                        "method.example.step.ratio",
                        lang,
                        ratio=number(ex.ratio, lang, 2, trim=False),
                    ),
                    " ",
                    status_badge(ex.status, lang),
                ]
            ),
        ]
    )
    reading = t(
        "method.example.reading",
        lang,
        change=percent(abs(ex.xt / ex.x0 - 1), lang, 1),
        required=percent(ex.r, lang, 1),
        yoy=percent(ex.yoy, lang, 1),
        projected=format_value(ex.projected, "billion CNY", lang),
        expected=format_value(ex.expected, "billion CNY", lang),
    )
    return _section(
        "method-example",
        "method.example.heading",
        lang,
        [
            html.P(
                rich(
                    "method.example.intro",
                    lang,
                    target=target,
                    baseline=_with_unit(ex.x0, lang),
                    latest=_with_unit(ex.xt, lang),
                    n_value=str(ex.n),
                    big_n_value=str(ex.big_n),
                )
            ),
            html.Figure(
                [
                    html.Figcaption(
                        t("method.example.caption", lang, unit=t("method.example.unit", lang)),
                        className="small text-muted mb-1",
                    ),
                    html.Div(_example_lines(ex, lang), className="formula-block"),
                ],
                id="worked-example",
            ),
            html.P(t("method.example.steps", lang), className="mb-1"),
            steps,
            html.P(reading),
            html.P(
                dcc.Link(
                    t("method.example.see_indicator", lang),
                    href=page_url(f"/indicator/{EXAMPLE_ID}", lang=lang),
                )
            ),
        ],
    )


def layout(lang: str | None = None, **_):
    lang = normalise_language(lang)
    return page_shell(
        lang,
        PATH,
        [
            html.H1(t("method.heading", lang), className="h3 mt-3"),
            html.P(t("method.lead", lang)),
            _contents(lang),
            _origin(lang),
            _time(lang),
            _values(lang),
            _rates(lang),
            _status(lang),
            _fallback(lang),
            _direction(lang),
            _example(lang),
        ],
    )
