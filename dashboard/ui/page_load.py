"""What a new browser loads before the first gauge is drawn, and in which order (issue 13, goal 6).

Two changes to the page's HTML, both through ``Dash.interpolate_index`` (Dash's hook for it);
nothing of Dash is patched and every file stays where Dash serves it:

* **The Babel polyfill only where it is needed.** Dash loads ``@babel/polyfill`` 7.12 (core-js
  2 and regenerator-runtime) before React on every page. The browsers officials use (any with
  ES modules: Chrome and Edge 61+, Firefox 60+, Safari 11+) have everything core-js adds, yet
  it still replaces some of their built-ins with slower copies (``String.prototype.trim``,
  which plotly calls for every label) and costs a quarter of a second of the first visit's
  main thread on this machine. It becomes ``<script nomodule>``: a browser without ES modules
  (Internet Explorer, the oldest intranet browsers) loads and runs it as before; every other
  browser skips it. What dcc needs of it in every browser, the ``regeneratorRuntime`` global
  its async code calls, comes from regenerator-runtime itself (:data:`REGENERATOR_RUNTIME`,
  the release the polyfill depends on, 25 kB), loaded before any component's script.
* **Preloads for what the first view needs later.** dcc.Graph and dcc.Dropdown fetch their
  code (``async-graph.js``, ``async-dropdown.js``) only once the page's content arrives, and
  the status icons' font is found only when an icon is drawn; ``<link rel="preload">`` fetches
  them while the browser is still busy with the page's scripts, so nothing waits on them.
"""

from __future__ import annotations

import re
from pathlib import Path

from dash import Dash

__all__ = ["PRELOADED_CHUNKS", "REGENERATOR_RUNTIME", "speed_up_page_load"]

#: regenerator-runtime 0.13.11 from npm (MIT), unchanged; ``@babel/polyfill`` 7.12.1 asks ^0.13.4.
REGENERATOR_RUNTIME = "vendor/regenerator-runtime/runtime.js"
#: dcc's code-split chunks the overview draws with (its gauges and the "as of" menu).
PRELOADED_CHUNKS = ("async-graph.js", "async-dropdown.js")
#: The status icons' font (``assets/vendor/bootstrap-icons``).
ICON_FONT = "vendor/bootstrap-icons/fonts/bootstrap-icons-subset.woff2"

_POLYFILL = re.compile(r'<script src="([^"]*/deps/polyfill@[^"]*)"></script>')
_POLYFILL_NOMODULE = r'<script nomodule src="\1"></script>'


def speed_up_page_load(app: Dash) -> None:
    """Make the polyfill ``nomodule`` and preload what the first view fetches late.

    Call it once, after :func:`~dashboard.ui.plotly_bundle.use_tracker_plotly_bundle`; the
    runtime goes first among the scripts the app adds (after React, before every component).
    """
    runtime = Path(app.config.assets_folder) / REGENERATOR_RUNTIME
    runtime_url = f"{app.get_asset_url(REGENERATOR_RUNTIME)}?m={int(runtime.stat().st_mtime)}"
    app.config.external_scripts = [runtime_url, *app.config.external_scripts]
    original_index = app.interpolate_index
    prefix = app.config.requests_pathname_prefix
    preloads = "".join(
        f'<link rel="preload" as="script" href="{prefix}_dash-component-suites/dash/dcc/{chunk}">'
        for chunk in PRELOADED_CHUNKS
    ) + (
        f'<link rel="preload" as="font" type="font/woff2" crossorigin '
        f'href="{app.get_asset_url(ICON_FONT)}">'
    )

    def interpolate_index(**kwargs) -> str:
        if "scripts" in kwargs:
            kwargs["scripts"] = _POLYFILL.sub(_POLYFILL_NOMODULE, kwargs["scripts"])
        if "css" in kwargs:
            kwargs["css"] = preloads + kwargs["css"]
        return original_index(**kwargs)

    app.interpolate_index = interpolate_index  # type: ignore[method-assign]
