"""plotly.js for the tracker: a bundle of the five trace types it draws, not the full plotly.js.

Dash serves plotly's full ``plotly.min.js`` (4.8 MB, 1.47 MB gzipped), which is most of a first
visit. ``assets/vendor/plotly/plotly-tracker.min.js`` (built by
``scripts/build_plotly_bundle.py`` from npm ``plotly.js`` at the version below) holds plotly.js's
core with only :data:`TRACE_TYPES` registered, about a third of the size.

How Dash 4.4.1 loads plotly.js, and why one script tag is enough to replace it:

* ``dash/dash.py`` ``Dash._setup_plotlyjs`` adds ``package_data/plotly.min.js`` to dcc's
  ``_js_dist`` with ``"async": "eager"``;
* ``dash/resources.py`` ``Resources._filter_resources`` turns an ``"eager"`` resource into a
  ``dynamic`` one unless the app has ``eager_loading=True``, and ``Dash._generate_scripts_html``
  writes no script tag for a dynamic resource: the index page never names plotly.min.js;
* dash-renderer sets ``window._dashPlotlyJSURL`` to that file, and dcc.Graph
  (``dash/dcc/dash_core_components.js``, its ``asyncDecorator``) waits for
  ``window.Plotly || <a script tag for _dashPlotlyJSURL>``: it fetches the full bundle only when
  the page has no ``window.Plotly`` yet.

So the bundle is listed in ``external_scripts``, as ``<script async>``: the browser fetches and
runs it while dash-renderer already asks for the page's layout and content, instead of holding
every later script (and so the first gauge) until plotly.js has run. Until it has run,
``window.Plotly`` is a promise of it (``assets/plotly-ready.js``, run right after React), which
dcc.Graph's ``Promise.resolve(window.Plotly || ...)`` simply waits for; plotly.js then sets
``window.Plotly`` itself. A graph therefore never sees an empty ``window.Plotly``, and Dash
never fetches the full file, unless the bundle fails to load: the promise then loads Dash's
own ``plotly.min.js`` instead. Nothing of Dash is patched.
``tests/test_browser_plotly_bundle.py`` checks that no page requests the full file.
"""

from __future__ import annotations

from pathlib import Path

from dash import Dash

__all__ = ["BUNDLE", "PLOTLY_JS_VERSION", "TRACE_TYPES", "use_tracker_plotly_bundle"]

#: The plotly.js release the bundle is built from (the one plotly.py 7.1.0 ships).
PLOTLY_JS_VERSION = "4.1.1"
#: The trace types the tracker draws, and the only ones the bundle registers: gauges
#: (``indicator``: overview cards, slides, briefing), an indicator's series (``scatter``) and
#: year-on-year growth (``bar``), the corridor maps (``scattergeo``, ``choropleth``) and the
#: reach growth chart (``scatter``). A figure with another type would draw nothing.
TRACE_TYPES = ("scatter", "bar", "indicator", "scattergeo", "choropleth")
#: Dash's full plotly.js, under the app's path prefix (what dcc.Graph loads without a bundle).
DASH_PLOTLY_JS = "_dash-component-suites/plotly/package_data/plotly.min.js"
#: The bundle, relative to the assets folder (under ``vendor/``, which Dash does not walk).
BUNDLE = "vendor/plotly/plotly-tracker.min.js"


def use_tracker_plotly_bundle(app: Dash) -> None:
    """Load the tracker's plotly.js bundle on every page instead of Dash's full plotly.min.js.

    Call it once, right after building ``app`` and before its first request. The URL carries the
    file's modification time (``?m=``), as Dash does for its own assets, so a rebuilt bundle is
    never taken from a cache.
    """
    if app.config.eager_loading:
        # Dash would then write a script tag for the full plotly.min.js on every page too.
        raise ValueError("the tracker's plotly.js bundle needs Dash(eager_loading=False)")
    modified = int((Path(app.config.assets_folder) / BUNDLE).stat().st_mtime)
    url = f"{app.get_asset_url(BUNDLE)}?m={modified}"
    # ``data-plotly-bundle`` is how assets/plotly-ready.js finds the tag to wait for, and
    # ``data-plotly-fallback`` what it loads should the bundle fail (Dash's own file, the URL
    # dash-renderer gives dcc.Graph when it serves locally).
    fallback = f"{app.config.requests_pathname_prefix}{DASH_PLOTLY_JS}"
    tag = {
        "src": url,
        "async": "async",
        "data-plotly-bundle": PLOTLY_JS_VERSION,
        "data-plotly-fallback": fallback,
    }
    app.config.external_scripts = [*app.config.external_scripts, tag]
