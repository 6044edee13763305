"""The frame every page shares: skip link, header with navigation and language switch, footer."""

from __future__ import annotations

from urllib.parse import urlencode

from dash import dcc, html

from ..core.periods import PeriodError, parse_quarter, quarter_label
from ..core.sources import PLAN_SOURCE, citations
from ..i18n import t
from .icons import icon

#: The width of every page's frame (header, main, footer): see assets/tracker.css.
FRAME = "container-fluid container-tracker"

#: (path, translation key) of the main navigation, in order.
NAVIGATION = (
    ("/", "nav.overview"),
    ("/corridors", "nav.corridors"),
    ("/plan", "nav.plan"),
    ("/methodology", "nav.methodology"),
)


def current_marker(lang: str, active: bool) -> list:
    """Hidden text that tells a screen reader which link is the current choice.

    (``dcc.Link`` accepts no ``aria-current``; the ``active`` class styles the same state.)
    """
    return (
        [html.Span(f" ({t('nav.current', lang)})", className="visually-hidden")] if active else []
    )


def page_url(path: str, **params: str | None) -> str:
    """A link that keeps the view's query string (empty values left out)."""
    query = urlencode({k: v for k, v in params.items() if v})
    return f"{path}?{query}" if query else path


def valid_quarter(text: str | None) -> str | None:
    """A quarter from the URL in its canonical spelling, or ``None`` (then: the newest)."""
    if not text:
        return None
    try:
        return quarter_label(parse_quarter(text))
    except PeriodError:
        return None


def header(lang: str, path: str = "/", **params: str | None) -> html.Header:
    other = "en" if lang == "zh" else "zh"
    nav_links = [
        html.Li(
            dcc.Link(
                [t(key, lang), *current_marker(lang, target == path)],
                href=page_url(target, lang=lang),
                className="nav-link px-2" + (" active" if target == path else ""),
            ),
            className="nav-item",
        )
        for target, key in NAVIGATION
    ]
    return html.Header(
        html.Div(
            [
                html.A(t("app.skip", lang), href="#main", className="visually-hidden-focusable"),
                html.Div(
                    [
                        dcc.Link(
                            t("app.title", lang),
                            href=page_url("/", lang=lang),
                            className="navbar-brand fw-semibold me-3",
                        ),
                        html.Span(
                            t("app.subtitle", lang),
                            className="navbar-text small d-none d-lg-inline",
                        ),
                    ],
                    className="d-flex align-items-baseline flex-wrap",
                ),
                html.Nav(
                    html.Ul(nav_links, className="nav"),
                    **{"aria-label": t("nav.label", lang)},
                    className="ms-auto me-2",
                ),
                _user_menu_placeholder(lang),
                dcc.Link(
                    t("lang.switch", lang),
                    href=page_url(path, lang=other, **params),
                    className="btn btn-outline-light btn-sm",
                    title=t("lang.switch_label", lang),
                    id="language-switch",
                ),
            ],
            className=f"{FRAME} d-flex flex-wrap align-items-center py-2 gap-2",
        ),
        className="navbar tracker-header",
    )


def _user_menu_placeholder(lang: str) -> html.Div:
    from .user_menu import placeholder

    return placeholder(lang)


def footer(lang: str) -> html.Footer:
    return html.Footer(
        html.Div(
            t("footer.text", lang),
            className=f"{FRAME} small text-muted py-3",
        ),
        className="border-top mt-4",
    )


def page_shell(lang: str, path: str, children: list, **params: str | None) -> html.Div:
    """Header, ``<main id="main">`` with the page's content, footer, in the page's language."""
    return html.Div(
        [
            header(lang, path, **params),
            html.Main(children, id="main", className=FRAME, tabIndex="-1"),
            footer(lang),
        ],
        lang="zh-CN" if lang == "zh" else "en",
    )


def download_pair(
    lang: str,
    base: str,
    label_key: str,
    id_prefix: str,
    params: dict[str, str | None] | None = None,
) -> html.P:
    """The CSV and Excel downloads of one table: ``{base}.csv`` and ``{base}.xlsx``.

    ``params`` become the query string of both (empty values left out), e.g. the view's
    quarter and pillar, so the file holds what the page shows.
    """
    return html.P(
        [
            html.A(
                t(f"{label_key}_{fmt}", lang),
                href=page_url(f"{base}.{fmt}", **(params or {})),
                className="btn btn-outline-secondary btn-sm me-2",
                id=f"{id_prefix}-{fmt}",
            )
            for fmt in ("csv", "xlsx")
        ]
    )


def illustrative_banner(lang: str) -> html.Div:
    return html.Div(
        [
            icon("bi-info-circle-fill", "me-2"),
            t("banner.illustrative", lang),
        ],
        className="alert alert-warning mt-3 mb-0",
        role="note",
        id="illustrative-banner",
    )


#: The address the plan document is read at: it is named in every language ("source.plan").
PLAN_ADDRESS = citations(PLAN_SOURCE)[0].address


def _citation_label(citation, lang: str) -> str | None:
    """How a publication is named on the page: the plan by name in every language; others by
    the name the source gives, in English only (those names are English text, so a Chinese
    page numbers them as 来源 and keeps the name in the link's tooltip)."""
    if citation.address == PLAN_ADDRESS:
        return t("source.plan", lang)
    if lang == "en" and citation.label:
        return citation.label
    return None


def source_links(source: object, lang: str) -> html.Span | str:
    """Each publication a source cites, linked to its address, named where it can be.

    A publication without a name on the page links as "source" (numbered when there are
    several); its full citation is the link's tooltip. A part without an address (free text
    from an upload) is shown as text.
    """
    cited = citations(source)
    if not cited:
        return "–"
    if not any(c.address for c in cited):
        return html.Span(source, className="text-muted", **{"data-source": "text"})
    labels = [_citation_label(c, lang) if c.address else None for c in cited]
    unnamed = sum(1 for c, label in zip(cited, labels, strict=True) if c.address and not label)
    parts: list = []
    number = 0
    for citation, label in zip(cited, labels, strict=True):
        if parts:
            parts.append(" · ")
        if citation.address is None:
            parts.append(html.Span(citation.label, className="text-muted"))
            continue
        if not label:
            number += 1
            label = t("source.link", lang) + (f" {number}" if unnamed > 1 else "")
        tooltip = f"{citation.label}: {citation.address}" if citation.label else citation.address
        parts.append(
            html.A(
                label,
                href=citation.address,
                title=tooltip,
                target="_blank",
                rel="noopener noreferrer",
            )
        )
    return html.Span(parts, **{"data-source": "web"})
