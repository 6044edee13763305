"""Pages, registered by :func:`register_pages` (not at import, so every app gets its own).

Each page module has ``register(app)``: it registers the page with Dash and attaches its
callbacks to ``app``. (Dash hands module-level ``@callback``s to the first app only.)
"""

from __future__ import annotations

import dash
from dash import Dash


def register_pages(app: Dash) -> None:
    from ..guard import single_valued
    from ..user_menu import with_user_menu
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
        page_entry["layout"] = single_valued(with_user_menu(page_entry["layout"]))
