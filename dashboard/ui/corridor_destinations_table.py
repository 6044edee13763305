"""The corridor page's table of every destination, kept apart because it is a grid of its own.

It lists what the maps draw, one row a place, sortable and filterable (AG Grid, loaded on the
corridor page only: see ui/lazy_grid.py).
"""

from __future__ import annotations

from dash import html

from ..i18n import t
from .corridor_maps import destinations_frame
from .lazy_grid import grid_slot


def destinations_table(lang: str) -> html.Div:
    """Every destination, sortable and filterable by any column (AG Grid, loaded on this page
    only: see ui/lazy_grid.py)."""
    places = destinations_frame(lang)
    places["kind_text"] = [t(f"corridors.kind.{k}", lang) for k in places["kind"]]
    places["corridor_text"] = [
        " / ".join(t(f"corridors.name.{c}", lang) for c in value.split(";"))
        for value in places["corridor"]
    ]
    columns = [
        ("name", "corridors.col.name"),
        ("country_name", "corridors.col.country"),
        ("kind_text", "corridors.col.kind"),
        ("corridor_text", "corridors.col.corridor"),
        ("first_service", "corridors.col.first_service"),
        ("source", "col.source"),
    ]
    props = {
        "columnDefs": [
            {"field": column, "headerName": t(key, lang), "flex": 2 if column == "source" else 1}
            for column, key in columns
        ],
        "rowData": places[[c for c, _ in columns]].to_dict("records"),
        "defaultColDef": {
            "sortable": True,
            "filter": "agTextColumnFilter",
            "filterParams": {
                "filterOptions": ["contains"],
                "maxNumConditions": 1,
                "filterPlaceholder": t("grid.filterOoo", lang),
            },
            "floatingFilter": True,
            "suppressFloatingFilterButton": True,
            "suppressHeaderMenuButton": True,
            "suppressHeaderFilterButton": True,
            "wrapText": True,
            "autoHeight": True,
            "minWidth": 120,
            "cellStyle": {
                "lineHeight": "1.45",
                "paddingTop": ".45rem",
                "paddingBottom": ".45rem",
                "wordBreak": "break-word",
            },
        },
        "dashGridOptions": {"domLayout": "autoHeight", "suppressMovableColumns": True},
        "style": {"width": "100%"},
    }
    return grid_slot("destinations-table", props, lang)
