"""The app factory: builds the Flask server, the store, the API and the Dash pages.

    gunicorn "dashboard.app:create_app()"     # a Flask (WSGI) app, one per worker
    create_dash(config)                       # the Dash app itself (tests, ``dashboard serve``)

Nothing happens at import time: no database connection, no file read, no page registered.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dash
from dash import Dash, dcc, html
from dash.exceptions import DependencyException
from flask import Flask
from werkzeug.exceptions import NotFound

from .api import api
from .api.routes import error_response
from .audit import init_audit
from .config import settings as config_settings
from .web import init_store, on_data_change
from .web.auth import init_auth
from .web.compression import init_compression
from .web.limits import init_limits, limit_callbacks
from .web.response_cache import init_response_cache
from .web.security import init_security

ROOT = Path(__file__).resolve().parent.parent
ASSETS_DIR = ROOT / "assets"
VENDOR_STYLESHEETS = (
    "vendor/bootstrap/bootstrap.min.css",
    "vendor/bootstrap-icons/bootstrap-icons-subset.css",
)
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def _settings(config: dict[str, Any] | None) -> dict[str, Any]:
    """The environment's settings (:mod:`.config`), overridden by ``config`` (tests)."""
    settings = {
        **config_settings(),
        # The upload travels base64-encoded inside a JSON callback body: 4/3 of the file.
        "MAX_CONTENT_LENGTH": MAX_UPLOAD_BYTES * 4 // 3 + 64 * 1024,
    }
    settings.update(config or {})
    return settings


def create_dash(config: dict[str, Any] | None = None) -> Dash:
    """Build the whole application and return the Dash object (its ``.server`` is Flask)."""
    settings = _settings(config)
    server = Flask(__name__)
    server.config.update(settings)
    server.json.sort_keys = False
    if settings.get("PROXY_COUNT"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        count = int(settings["PROXY_COUNT"])
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=count, x_proto=count)  # type: ignore[method-assign]
    init_store(server, settings["DATABASE_URL"])
    init_audit(server)
    init_auth(server, settings)
    init_limits(server, settings)
    server.register_blueprint(api)
    init_compression(server)

    app = Dash(
        __name__,
        server=server,
        use_pages=True,
        pages_folder="",
        assets_folder=str(ASSETS_DIR),
        # Vendor CSS is linked explicitly below so that it loads before our own stylesheet.
        assets_path_ignore=["vendor"],
        external_stylesheets=[f"/assets/{path}" for path in VENDOR_STYLESHEETS],
        serve_locally=True,
        title="Vision 2027 Tracker",
        update_title=None,
        # No validation layout: Dash Pages would build every page once per worker, as
        # whoever made the first request, and embed it in every page's HTML (a leak of
        # staff data and ~450 kB per page). Tests check the callbacks' ids instead.
        suppress_callback_exceptions=True,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    limit_callbacks(server, settings)  # Dash has registered its callback endpoint by now
    from .ui.guard import init_callback_guard
    from .ui.lazy_grid import load_grids_lazily
    from .ui.page_load import speed_up_page_load
    from .ui.pages import register_pages
    from .ui.plotly_bundle import use_tracker_plotly_bundle

    use_tracker_plotly_bundle(app)  # plotly.js with only our trace types, not the full 4.8 MB
    speed_up_page_load(app)  # no polyfill for modern browsers; late chunks preloaded
    load_grids_lazily(app)  # AG Grid's 1.3 MB script only on the pages with a grid
    register_pages(app)
    init_callback_guard(server, app)
    init_security(app)  # after every page and callback: the CSP hashes Dash's inline scripts
    init_response_cache(server, app)  # last: its hooks run after the login gate and the guard
    if settings.get("WARM_VIEWS"):
        from .web.warm import warm_views_in_background

        on_data_change(server, warm_views_in_background)
    server.register_error_handler(DependencyException, _no_such_component_file)
    app.layout = html.Div([dcc.Location(id="url", refresh="callback-nav"), dash.page_container])
    server.extensions["dash_app"] = app
    _set_up_before_serving(app)
    return app


def _set_up_before_serving(app: Dash) -> None:
    """Run Dash's first-request set-up now, before any request can arrive.

    Dash 4.4.1 runs it in a ``before_request`` hook (``Dash._setup_server``) that marks itself
    done *before* it has registered the component bundles' paths and copied the callbacks.
    In a gthread worker the requests that arrive together with the first one (a browser asks
    for the page and its ten scripts at once, and a new or recycled worker gets them) found
    half a set-up: ``dash_core_components.js`` was "no such file", and the page never drew.
    Done here, in the factory, every worker is whole before it listens; Dash's hook then
    finds it done. There is no public entry point for it, hence the private call.
    """
    with app.server.app_context():
        app._setup_server()  # noqa: SLF001


def _no_such_component_file(_exc: DependencyException):
    """A path under /_dash-component-suites/ that Dash does not serve is a 404, not a 500."""
    return error_response("no such file", NotFound.code)


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """The WSGI application (for gunicorn and Flask's test client)."""
    return create_dash(config).server
