"""AG Grid (dash-ag-grid, community) only on the pages that show a grid.

Dash puts every component library's script into every page, and dash-ag-grid's is 1.3 MB (it
replaced the deprecated ``dash_table.DataTable``, issue 15). The first visit of the overview must
stay within issue 13's budget, so the script leaves the pages' HTML; its address goes into a
``<meta>`` instead. A page with a grid holds a slot and a ``dcc.Store`` of the grid's props; a
clientside callback (``assets/lazy-grid.js``) loads the script once, then draws the grid in the
slot. Dash still serves the library's files, as it does for any imported component library.
"""

from __future__ import annotations

import re

import dash_ag_grid  # noqa: F401 - registers the library, so that Dash serves its files
from dash import MATCH, ClientsideFunction, Dash, Input, Output, dcc, html

from ..i18n import t

__all__ = ["GRID_META", "grid_slot", "load_grids_lazily", "locale_text"]

#: The ``<meta name>`` carrying the library's script address (read by assets/lazy-grid.js).
GRID_META = "tracker-grid-script"
_GRID_SCRIPT = re.compile(r'<script src="([^"]*/dash_ag_grid/dash_ag_grid[^"]*\.js)"></script>')

#: The grid's own words a reader can meet with the settings of :func:`register_grid`'s grids
#: (AG Grid's ``localeText`` keys), translated like every other string.
LOCALE_KEYS = (
    "noRowsToShow",
    "loadingOoo",
    "filterOoo",
    "ariaFilterInput",
    "ariaSortableColumn",
    "ariaColumn",
    "ariaRowSelect",
    "ariaSearch",
)


def load_grids_lazily(app: Dash) -> None:
    """Take AG Grid's script out of every page's HTML and name it in a ``<meta>`` instead;
    register the callback that draws grids."""
    register_grid(app)
    original_index = app.interpolate_index

    def interpolate_index(**kwargs) -> str:
        match = _GRID_SCRIPT.search(kwargs.get("scripts", ""))
        if match:
            kwargs["scripts"] = _GRID_SCRIPT.sub("", kwargs["scripts"])
            kwargs["metas"] = (
                kwargs.get("metas", "") + f'<meta name="{GRID_META}" content="{match.group(1)}">'
            )
        return original_index(**kwargs)

    app.interpolate_index = interpolate_index  # type: ignore[method-assign]


def locale_text(lang: str) -> dict[str, str]:
    return {key: t(f"grid.{key}", lang) for key in LOCALE_KEYS}


def grid_slot(grid_id: str, props: dict, lang: str) -> html.Div:
    """Where the grid ``grid_id`` appears once its script has loaded, with its props."""
    return html.Div(
        [
            html.Div(
                html.P(t("grid.loadingOoo", lang), className="text-muted small"),
                id={"type": "grid-slot", "index": grid_id},
                className="grid-slot",
            ),
            dcc.Store(
                id={"type": "grid-props", "index": grid_id},
                data={"id": grid_id, **props, "dashGridOptions": {
                    **props.get("dashGridOptions", {}), "localeText": locale_text(lang),
                }},
            ),
        ]
    )  # fmt: skip


def register_grid(app: Dash) -> None:
    """The one clientside callback that draws every grid (pattern-matching ids)."""
    app.clientside_callback(
        ClientsideFunction("tracker_grid", "draw"),
        Output({"type": "grid-slot", "index": MATCH}, "children"),
        Input({"type": "grid-props", "index": MATCH}, "data"),
    )
