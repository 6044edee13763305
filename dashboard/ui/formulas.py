"""The method's formulas drawn as HTML: symbols (``x₀``, ``x*``, ``g*``), powers and the formula
of each quantity, in the page's language where a formula holds a word ("quarter", "YTD").

Drawn with ``<var>``, ``<sub>`` and ``<sup>``: offline, selectable, read by screen readers,
with no math library to load. Used by the Methodology page and its worked example.
"""

from __future__ import annotations

from dash import html

from ..i18n import t

MINUS = "\u2212"


def var(name: str) -> html.Var:
    return html.Var(name)


def x(subscript: str | None = None, star: bool = False) -> html.Span:
    """``x₀``, ``xₜ``, ``xₜ₋₄`` or ``x*`` as HTML."""
    parts: list = [var("x")]
    if subscript == "t":
        parts.append(html.Sub(var("t")))
    elif subscript == "t-4":
        parts.append(html.Sub([var("t"), f"{MINUS}4"]))
    elif subscript is not None:
        parts.append(html.Sub(subscript))
    if star:
        parts.append(html.Sup("*"))
    return html.Span(parts, className="symbol")


def symbol(name: str):
    """A formula symbol named in a message (``{x0}``, ``{xstar}``, ``{R}`` ...)."""
    if name == "x0":
        return x("0")
    if name == "xt":
        return x("t")
    if name == "xstar":
        return x(star=True)
    if name == "gstar":
        return html.Span([var("g"), html.Sup("*")], className="symbol")
    return var(name)


SYMBOL_NAMES = frozenset(
    {"x0", "xt", "xstar", "gstar", "b", "t", "T", "n", "N", "a", "r", "R", "p"}
)


def power(base: list, exponent: list) -> list:
    return [*base, html.Sup(exponent)]


def formula(*parts) -> html.Span:
    return html.Span(list(parts), className="formula")


def formula_a() -> html.Span:
    return formula(
        var("a"), " = ", *power(["(", x("t"), " / ", x("0"), ")"], ["4/", var("n")]),
        f" {MINUS} 1",
    )  # fmt: skip


def formula_r_level() -> html.Span:
    return formula(
        var("r"), " = ", *power(["(", x(star=True), " / ", x("0"), ")"], ["4/", var("N")]),
        f" {MINUS} 1",
    )  # fmt: skip


def formula_r_growth() -> html.Span:
    return formula(var("r"), " = ", symbol("gstar"))


def formula_ratio() -> html.Span:
    return formula(var("R"), " = ", var("a"), " / ", var("r"))


def formula_progress() -> html.Span:
    return formula(
        var("p"), " = (", x("t"), f" {MINUS} ", x("0"), ") / (", x(star=True),
        f" {MINUS} ", x("0"), ")",
    )  # fmt: skip


def formula_expected() -> html.Span:
    return formula(x("0"), " · ", *power(["(1 + ", var("r"), ")"], [var("n"), "/4"]))


def formula_projected() -> html.Span:
    return formula(
        x("t"), " · ",
        *power(["(1 + ", var("a"), ")"], ["(", var("N"), f" {MINUS} ", var("n"), ")/4"]),
    )  # fmt: skip


def formula_yoy() -> html.Span:
    return formula(x("t"), " / ", x("t-4"), f" {MINUS} 1")


def formula_straight_line() -> html.Span:
    return formula(var("R"), " = ", var("p"), " / (", var("n"), " / ", var("N"), ")")


def formula_straight_expected() -> html.Span:
    return formula(
        x("0"), " + (", x(star=True), f" {MINUS} ", x("0"), ") · ", var("n"), " / ",
        var("N"),
    )  # fmt: skip


def ytd_formulas(lang: str) -> list[html.Div]:
    quarter = t("method.formula.quarter", lang)
    ytd = t("method.formula.ytd", lang)
    first = t("method.formula.first_quarter", lang)
    return [
        html.Div(
            formula(
                quarter,
                "(",
                var("q"),
                ") = ",
                ytd,
                "(",
                var("q"),
                f") {MINUS} ",
                ytd,
                "(",
                var("q"),
                f" {MINUS} 1)",
            ),  # fmt: skip
            className="formula-line",
        ),
        html.Div(formula(quarter, f"({first}) = ", ytd, f"({first})"), className="formula-line"),
    ]


def required_formulas(lang: str) -> list[html.Div]:
    return [
        html.Div([formula_r_level(), " ", html.Span(t("method.rates.r.level", lang))]),
        html.Div([formula_r_growth(), " ", html.Span(t("method.rates.r.growth", lang))]),
    ]


def fallback_formulas(lang: str) -> html.Div:
    return html.Div(
        [
            html.Div(formula_straight_line(), className="formula-line"),
            html.Div(
                [
                    t("method.rates.expected.name", lang),
                    t("method.separator", lang),
                    formula_straight_expected(),
                ],
                className="formula-line",
            ),
        ],
        className="formula-block my-2",
    )
