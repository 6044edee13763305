"""After an upload or a rollback, build the busiest views at once, before anyone asks.

A new revision changes the data token, so every kept view is stale at once; the first visitor
to each view would wait while it is built (tens to hundreds of milliseconds). Whoever made
the change builds them instead, right after the commit, through the app's own router exactly as
a browser asks: the overview, each pillar and the corridors, in both languages, as an
anonymous visitor. Each answer lands in the shared level of the response cache
(:mod:`dashboard.web.response_cache`), so every worker on every host finds it ready.
"""

from __future__ import annotations

import secrets
import threading
from urllib.parse import urlencode

from flask import Flask

from ..core.catalogue import PILLAR_IDS
from ..i18n import LANGUAGES
from ..ui.guard import CALLBACK_PATH

__all__ = ["hot_views", "warm_views", "warm_views_in_background", "warm_views_of"]

ROUTER_OUTPUT = ".._pages_content.children..._pages_store.data.."


def hot_views(newest: str | None) -> list[tuple[str, str]]:
    """(pathname, search) of the views a room opens first: the overview, each pillar and the
    corridors in each language, as a shared link has them (``/?pillar=logistics``) and as the
    page's own links do (``/?lang=en&as_of=2025Q4&pillar=logistics``, ``newest`` quarter)."""
    views = []
    for lang in LANGUAGES:
        for pillar in (None, *PILLAR_IDS):
            shared = {"pillar": pillar, "lang": None if lang == "en" else lang}
            linked = {"lang": lang, "as_of": newest, "pillar": pillar}
            for params in (shared, linked):
                query = urlencode({k: v for k, v in params.items() if v})
                views.append(("/", f"?{query}" if query else ""))
        views.append(("/corridors", "" if lang == "en" else f"?lang={lang}"))
    return list(dict.fromkeys(views))


def router_body(pathname: str, search: str = "") -> dict:
    """What dash-renderer posts when a page opens (captured from Chromium; tests post it too)."""
    changed = ["_pages_location.pathname", "_pages_location.search"]
    return {
        "output": ROUTER_OUTPUT,
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": pathname},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": changed,
        "parsedChangedPropsIds": changed,
    }


def warm_views(server: Flask) -> int:
    """Build every hot view for the data as it is now; the number built."""
    from . import get_store
    from .response_cache import shared_answers

    with server.app_context():
        newest = get_store().progress().attrs.get("as_of")
    client = server.test_client()  # no cookie: an anonymous visitor
    built = 0
    for pathname, search in hot_views(newest):
        response = client.post(CALLBACK_PATH, json=router_body(pathname, search))
        built += response.status_code == 200
    shared_answers(server).flush()
    return built


def warm_views_in_background(server: Flask) -> threading.Thread:
    """The same, without holding up the request that changed the data. A failure here costs
    only the speed of the next visit, so it is logged and dropped."""

    def warm() -> None:
        try:
            warm_views(server)
        except Exception:  # noqa: BLE001 - never let warming take anything else down
            server.logger.warning("warming the views after a change failed", exc_info=True)

    thread = threading.Thread(target=warm, name="warm-views", daemon=True)
    thread.start()
    return thread


def warm_views_of(database_url: str) -> int:
    """For the command line: build the app over ``database_url`` and warm its views."""
    from ..app import create_app

    # The key only signs sessions; warming signs nobody in.
    server = create_app({"DATABASE_URL": database_url, "SECRET_KEY": secrets.token_hex(32)})
    return warm_views(server)
