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

    check_documents(methodology.placeholder_names(), plan.PLACEHOLDERS)
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


def check_documents(methodology_names: frozenset[str], plan_names: frozenset[str]) -> None:
    """Refuse to start on a broken page document (an unknown placeholder, a heading without an
    anchor, a language missing): the analyst who edited it sees why at once, not a blank page."""
    from .. import prose

    found = prose.problems("methodology", methodology_names) + prose.problems("plan", plan_names)
    if found:
        raise prose.DocumentError("; ".join(found))
