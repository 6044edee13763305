"""Security headers on every response (issue 14), and no version strings in the page.

flask-talisman writes the headers in an ``after_request`` hook, so they are on every response
Flask sends: Dash pages, callbacks (cached or not), the API, exports, downloads, static files,
errors. :data:`CSP` is the policy; ``script-src`` is ``'self'`` plus Dash's hashes of the inline
scripts it writes into its pages (its renderer and every clientside callback's function), never
``'unsafe-inline'`` or ``'unsafe-eval'``. Everything the app loads is its own (``assets/``,
``/_dash-component-suites/``), so nothing else is allowed.

``Cache-Control: no-store`` goes on the sign-in and staff pages and on every dynamic response to
a signed-in user (see :func:`needs_no_store`); static files keep their caching.

The page config Dash embeds (``<script id="_dash-config">``) loses the Python, Dash and plotly
versions, and the version in Dash's fingerprinted script URLs becomes an opaque token
(:func:`init_security` says how).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterator

from dash import Dash
from flask import Flask, Response, request, session
from flask_talisman import DENY, Talisman

__all__ = [
    "CSP",
    "PERMISSIONS_POLICY",
    "STAFF_PATHS",
    "STATIC_PREFIXES",
    "VERSION_KEYS",
    "init_security",
    "needs_no_store",
]

#: The Content-Security-Policy, but for ``script-src``'s hashes (added per response).
CSP: dict[str, str | list[str]] = {
    "default-src": "'self'",
    # + the hashes of Dash's inline scripts: see _ScriptSources.
    "script-src": "'self'",
    # Dash's components (dcc's bundles, AG Grid's themes, react-select) and plotly.js insert <style>
    # elements at run time, with contents no hash can know beforehand, and plotly sets style
    # attributes on SVG: styles need 'unsafe-inline'. Scripts never do.
    "style-src": ["'self'", "'unsafe-inline'"],
    # Bootstrap's icons in its CSS are data: URLs; plotly's "download as PNG" draws the figure
    # through a data:/blob: image.
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": "'self'",
    # Dash callbacks and plotly's base maps (topojson from /assets); blob:/data: so a script
    # of the page may read back an image plotly drew (nothing leaves the browser by them).
    "connect-src": ["'self'", "blob:", "data:"],
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    # No page of the tracker is framed, not even by the tracker itself (the briefing is a
    # page of its own, printed by Chromium): X-Frame-Options DENY says the same to old browsers.
    "frame-ancestors": "'none'",
}
#: Browser features the tracker never uses (full screen, used by presenter mode, stays allowed
#: for the page itself, the browser's default).
PERMISSIONS_POLICY = {
    "browsing-topics": "()",
    "camera": "()",
    "geolocation": "()",
    "microphone": "()",
    "payment": "()",
    "usb": "()",
}
#: Static files: no data, their own caching (fingerprinted Dash bundles for a year, assets
#: revalidated by ETag).
STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/", "/_favicon.ico")
#: Pages (and their files) that carry a credential form or staff data whoever asks: the sign-in
#: form has the session's CSRF token; /history/raw/<n> is an uploaded file.
STAFF_PATHS = ("/login", "/logout", "/upload", "/history")
#: Keys of Dash's page config that name versions of the server's software. Only Dash's dev
#: tools (debug mode) read them.
VERSION_KEYS = (
    "dash_version",
    "python_version",
    "plotly_version",
    "ddk_version",
    "dash_version_url",
)
#: A Dash fingerprint in a component-suite URL: ``name.v<version>m<mtime>.js``.
_FINGERPRINT = re.compile(r"(/_dash-component-suites/[^\"'\s]*?\.)v([\w-]+)m(\d+)\.")


class _ScriptSources:
    """``script-src``: ``'self'`` and the hashes of the inline scripts Dash writes, computed
    when the header is written.

    Dash adds one inline script of its own at the first request (Dash Pages' title callback),
    after the factory has finished, so hashes taken at start-up would miss it; asking
    ``Dash.csp_hashes()`` for every response gives exactly the scripts Dash renders then.
    flask-talisman joins a directive's sources with ``' '.join``, so any iterable will do.
    """

    def __init__(self, app: Dash) -> None:
        self._app = app

    def __iter__(self) -> Iterator[str]:
        yield "'self'"
        yield from self._app.csp_hashes()


def needs_no_store(path: str) -> bool:
    """Whether the response to ``path`` must not be stored by any cache.

    The sign-in and staff pages always (the sign-in form holds the session's CSRF token,
    ``/history/raw/<n>`` an uploaded file); every other non-static response when the session
    is a signed-in user's: Dash callback answers then carry the staff pages' data (revisions,
    upload previews) and the user's name, and the API and exports are read the same way.
    Signed out, the public pages, callbacks, API and exports hold only published data, and
    static files keep their caching.

    "Signed in" is read from the session (flask-login's ``_user_id``), not from
    ``current_user``: no database read in an after-request hook (which would turn a database
    outage into a failure of every response), and a session the user loader would refuse
    (idle, signed out elsewhere) errs towards ``no-store``.
    """
    if path.startswith(STATIC_PREFIXES):
        return False
    if any(path == staff or path.startswith(staff + "/") for staff in STAFF_PATHS):
        return True
    return session.get("_user_id") is not None


def _strip_versions(app: Dash) -> None:
    """Drop the version strings from the page config and the script URLs of ``app``.

    Two per-instance overrides of Dash methods (the factory builds a plain ``Dash``):

    * ``_config()`` builds the ``_dash-config`` JSON; the keys in :data:`VERSION_KEYS` are
      removed from it.
    * ``interpolate_index()``, Dash's hook for the page's HTML, gets the script and style tags;
      in each ``/_dash-component-suites/`` URL the version of ``name.v4_4_1m<mtime>.js``
      becomes a keyed hash of it. Dash's server strips any fingerprint of that form before
      serving the file (``dash.fingerprint.check_fingerprint``) and still serves it with a
      year's caching; the token changes with the version, so cache busting still works, and
      is the same in every worker (keyed by the shared secret key).
    """
    original_config = app._config
    original_index = app.interpolate_index
    key = hashlib.sha256(b"asset-fingerprint:" + str(app.server.secret_key).encode()).digest()

    def _config() -> dict:
        config = original_config()
        for name in VERSION_KEYS:
            config.pop(name, None)
        return config

    def _token(match: re.Match) -> str:
        version = hmac.new(key, match.group(2).encode(), hashlib.sha256).hexdigest()[:12]
        return f"{match.group(1)}v{version}m{match.group(3)}."

    def interpolate_index(**kwargs) -> str:
        for part in ("css", "scripts"):
            if part in kwargs:
                kwargs[part] = _FINGERPRINT.sub(_token, kwargs[part])
        return original_index(**kwargs)

    app._config = _config  # type: ignore[method-assign]
    app.interpolate_index = interpolate_index  # type: ignore[method-assign]


def _talisman(server: Flask, app: Dash) -> Talisman:
    return Talisman(
        server,
        content_security_policy={**CSP, "script-src": _ScriptSources(app)},
        frame_options=DENY,
        referrer_policy="same-origin",
        permissions_policy=PERMISSIONS_POLICY,
        x_content_type_options=True,  # nosniff
        # TLS ends at the reverse proxy, which redirects plain HTTP; a redirect here would loop
        # behind a proxy that does not say X-Forwarded-Proto, and break plain-HTTP tests.
        force_https=False,
        # HSTS (sent only on HTTPS requests) when the deployment says it is served over HTTPS;
        # not for subdomains: other intranet hosts are not ours to pin.
        strict_transport_security=bool(server.config.get("HTTPS")),
        strict_transport_security_include_subdomains=False,
        # The session cookie's flags are auth's (Secure follows DASHBOARD_HTTPS): talisman
        # would otherwise force Secure and break signing in over plain HTTP.
        session_cookie_secure=False,
        session_cookie_http_only=True,
        session_cookie_samesite=server.config.get("SESSION_COOKIE_SAMESITE", "Lax"),
    )


def init_security(app: Dash) -> None:
    """Attach the security headers; called by the factory after every callback is registered."""
    server = app.server
    _talisman(server, app)
    _strip_versions(app)

    @server.after_request
    def _cache_control(response: Response) -> Response:
        if needs_no_store(request.path):
            response.headers["Cache-Control"] = "no-store"
        return response
