"""Pages, registered by :func:`register_pages` (not at import, so every app gets its own).

Each page module has ``register(app)``: it registers the page with Dash and attaches its
callbacks to ``app``. (Dash hands module-level ``@callback``s to the first app only.)
"""

from __future__ import annotations

import dash
from dash import Dash


def register_pages(app: Dash) -> None:
    from . import not_found, overview

    dash.page_registry.clear()
    for page in (overview, not_found):
        page.register(app)
