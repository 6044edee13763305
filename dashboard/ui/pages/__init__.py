"""Pages, registered by :func:`register_pages` (not at import, so every app gets its own).

Each page module has ``register(app)``: it registers the page with Dash and attaches its
callbacks to ``app``. (Dash hands module-level ``@callback``s to the first app only.)
"""

from __future__ import annotations

import dash
from dash import Dash


def register_pages(app: Dash) -> None:
    from .. import user_menu
    from ..guard import single_valued
    from . import (
        briefing,
        corridors,
        history,
        indicator,
        methodology,
        not_found,
        overview,
        plan,
        present,
        upload,
    )

    dash.page_registry.clear()
    user_menu.register(app)
    for page in (
        overview,
        indicator,
        corridors,
        plan,
        methodology,
        upload,
        history,
        briefing,
        present,
        not_found,
    ):
        page.register(app)
    for page_entry in dash.page_registry.values():
        page_entry["layout"] = single_valued(page_entry["layout"])
