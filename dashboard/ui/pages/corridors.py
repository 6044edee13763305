"""Corridors ``/corridors``: where the corridors reach, and how that reach grew since 2020."""

from __future__ import annotations

import re

import dash
from dash import Dash, Input, Output, State, dcc, html

from ...core.corridors import COUNT_COLUMNS as COUNTS
from ...core.values import is_missing
from ...i18n import normalise_language, t
from ..charts import chart_config
from ..components import download_pair, page_shell, source_links
from ..corridor_destinations_table import destinations_table
from ..corridor_maps import (
    china_figure,
    growth_figure,
    provinces_reached,
    reach_frame,
    world_figure,
)
from ..corridor_other_snapshots import other_corridors
from ..guard import read_only

PATH = "/corridors"

#: Keep the chosen snapshot in the address (``?snapshot=2023-09``) without re-rendering the
#: page: replaceState changes the URL only, so a copied link reproduces the view.
SNAPSHOT_TO_URL_JS = """
function(index, labels) {
    const params = new URLSearchParams(window.location.search);
    params.set("snapshot", labels[index]);
    window.history.replaceState(null, "", window.location.pathname + "?" + params.toString());
    return labels[index];
}
"""


def _geo_config(filename: str) -> dict:
    """Plotly fetches its base map from topojsonURL: our own assets, never a CDN; the modebar
    saves the map as a PNG drawn in the browser (offline)."""
    return {**chart_config(filename), "topojsonURL": dash.get_asset_url("topojson/")}


def register(app: Dash) -> None:
    dash.register_page(
        __name__, path=PATH, name="Corridors", title="Vision 2027 Tracker", layout=layout
    )
    app.callback(
        Output("reach-headline", "children"),
        Output("reach-chart", "figure"),
        Output("world-map", "figure"),
        Input("reach-slider", "value"),
        State("corridors-lang", "data"),
        prevent_initial_call=True,
    )(read_only(move_slider))
    app.clientside_callback(
        SNAPSHOT_TO_URL_JS,
        Output("reach-snapshot", "data"),
        Input("reach-slider", "value"),
        State("reach-labels", "data"),
        prevent_initial_call=True,
    )


def headline(index: int, lang: str) -> list:
    """The counts of one snapshot, each with its label, and the snapshot's source."""
    reach = reach_frame()
    if reach.empty:
        return [html.P(t("corridors.no_snapshot", lang), className="text-center")]
    row = reach.iloc[_position(index, reach)]
    items = []
    for column in COUNTS:
        value = row[column]
        shown = "–" if is_missing(value) else (f"{int(value):,}")
        items.append(
            html.Div(
                [
                    html.Div(shown, className="display-6 fw-semibold"),
                    html.Div(t(f"corridors.count.{column}", lang), className="small"),
                ],
                className="text-center px-3",
                **{"data-count": column},
            )
        )
    return [
        html.Div(items, className="d-flex flex-wrap justify-content-center gap-2"),
        html.P(
            [
                t("corridors.snapshot", lang, as_of=row["as_of"]),
                " · ",
                t("col.source", lang),
                ": ",
                source_links(row["source"], lang),
                f" · {plain_note(row['note'], lang)}" if row["note"] and lang == "en" else "",
            ],
            className="small text-muted text-center mt-2",
            id="reach-source",
        ),
    ]


def plain_note(note: str, lang: str) -> str:
    """A snapshot's note as a reader reads it: the file's column names that a note may mention
    (``as_of is the start of that range``) in plain words. (Only names no sentence uses:
    ``provinces`` in a note is the word.)"""
    words = {"as_of": t("staff.note_as_of", lang)}
    words |= {c: t(f"corridors.count.{c}", lang) for c in COUNTS if "_" in c}
    return re.sub(r"\b(" + "|".join(words) + r")\b", lambda m: words[m.group(1)], note)


def _position(index: int, reach) -> int:
    """The slider's index as a row of the snapshots (a forged index clamps to the ends)."""
    return max(0, min(int(index), len(reach) - 1))


def move_slider(index: int, lang: str):
    reach = reach_frame()
    if reach.empty:
        return headline(0, lang), growth_figure(lang, None), world_figure(lang)
    as_of = reach.iloc[_position(index, reach)]["as_of"]
    return headline(index, lang), growth_figure(lang, as_of), world_figure(lang, until=as_of)


def layout(lang: str | None = None, snapshot: str | None = None, **_):
    lang = normalise_language(lang)
    reach = reach_frame()
    labels = reach["as_of"].tolist()
    last = max(len(labels) - 1, 0)
    chosen = labels.index(snapshot) if snapshot in labels else last
    until = labels[chosen] if labels else None
    chinese = provinces_reached(lang)
    marks = {i: {"label": row.as_of} for i, row in enumerate(reach.itertuples())}
    return page_shell(
        lang,
        PATH,
        [
            html.H1(t("corridors.heading", lang), className="h3 mt-3"),
            html.P(t("corridors.intro", lang)),
            html.Section(
                [
                    html.H2(
                        t("corridors.growth_heading", lang), className="h5", id="growth-heading"
                    ),
                    html.Div(
                        dcc.Slider(
                            id="reach-slider",
                            min=0,
                            max=last,
                            step=1,
                            value=chosen,
                            marks=marks,
                            included=False,
                            allow_direct_input=False,  # the index means nothing to a reader
                        ),
                        className="px-4",  # room for the first and last date labels
                    ),
                    html.Div(headline(chosen, lang), id="reach-headline", className="my-3"),
                    dcc.Graph(
                        id="reach-chart",
                        figure=growth_figure(lang, until),
                        config=chart_config("corridor-reach-growth"),
                    ),
                    html.P(t("corridors.growth_caption", lang), className="small text-muted"),
                    other_corridors(lang),
                ],
                className="mb-4",
                **{"aria-labelledby": "growth-heading"},
            ),
            html.Section(
                [
                    html.H2(t("corridors.world_heading", lang), className="h5", id="world-heading"),
                    dcc.Graph(
                        id="world-map",
                        figure=world_figure(lang, until=until),
                        config=_geo_config("corridor-world-reach"),
                    ),
                    html.P(t("corridors.world_caption", lang), className="small text-muted"),
                ],
                className="mb-4",
                **{"aria-labelledby": "world-heading"},
            ),
            html.Section(
                [
                    html.H2(t("corridors.china_heading", lang), className="h5", id="china-heading"),
                    dcc.Graph(
                        id="china-map",
                        figure=china_figure(lang),
                        config=_geo_config("corridor-china-radiation"),
                    ),
                    html.P(
                        t("corridors.china_caption", lang, count=chinese["province"].nunique()),
                        className="small text-muted",
                    ),
                ],
                className="mb-4",
                **{"aria-labelledby": "china-heading"},
            ),
            html.Section(
                [
                    html.H2(t("corridors.table_heading", lang), className="h5", id="table-heading"),
                    download_pair(
                        lang, "/corridors/destinations", "corridors.download", "destinations"
                    ),
                    destinations_table(lang),
                ],
                className="mb-4",
                **{"aria-labelledby": "table-heading"},
            ),
            dcc.Store(id="corridors-lang", data=lang),
            dcc.Store(id="reach-labels", data=labels),
            dcc.Store(id="reach-snapshot"),
        ],
        snapshot=until if snapshot in labels else None,
    )
