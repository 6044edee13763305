"""The briefing as a PDF: the ``/briefing`` page printed by headless Chromium.

``dashboard briefing --as-of 2025Q3 --lang zh --output briefing.pdf`` starts the app on a free
loopback port in a background thread (against the configured database), has Chromium load the
page and print it, and checks that a PDF came out. The PDF is the very page a browser's
"Save as PDF" gives, so there is one layout to maintain, not two.

Dash renders in the browser: the page arrives as a script, which fetches the layout and then
draws the plotly gauges. Chromium's ``--virtual-time-budget`` lets the page run until its
network and timers are idle (the budget is an upper bound in virtual time, which runs faster
than the clock while the page waits), so the printout holds every figure, not "Loading...".
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

from ..config import PREFIX

__all__ = [
    "CHROMIUM_ENV",
    "CHROMIUM_NAMES",
    "ChromiumMissing",
    "RenderError",
    "briefing_path",
    "find_chromium",
    "print_to_pdf",
    "render_briefing",
    "running_app",
]

#: Set to the Chromium (or Chrome) executable to use; otherwise the PATH is searched.
CHROMIUM_ENV = PREFIX + "CHROMIUM"  # listed with the others in config.py
#: Executable names of Chromium and Chrome on Debian, Ubuntu and Google's packages.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: Virtual time the page may use to render (milliseconds; idle pages finish far sooner).
VIRTUAL_TIME_BUDGET_MS = 30_000
#: Wall-clock limit for Chromium as a whole (seconds).
TIMEOUT_S = 120


class ChromiumMissing(RuntimeError):
    """No Chromium to print with: the caller says so (the page still prints from a browser)."""


class RenderError(RuntimeError):
    """Chromium ran but produced no PDF."""


def find_chromium(environ: Mapping[str, str] | None = None) -> str:
    """The Chromium executable: ``$DASHBOARD_CHROMIUM`` if set, else the first on the PATH."""
    environ = os.environ if environ is None else environ
    configured = environ.get(CHROMIUM_ENV, "").strip()
    if configured:
        found = shutil.which(configured, path=environ.get("PATH"))
        if found is None and Path(configured).is_file() and os.access(configured, os.X_OK):
            found = configured
        if found is None:
            raise ChromiumMissing(f"{CHROMIUM_ENV}={configured} is not an executable file")
        return found
    for name in CHROMIUM_NAMES:
        found = shutil.which(name, path=environ.get("PATH"))
        if found:
            return found
    raise ChromiumMissing(f"none of {', '.join(CHROMIUM_NAMES)} is on the PATH")


def briefing_path(as_of: str | None = None, pillar: str | None = None, lang: str = "en") -> str:
    """``/briefing?as_of=2025Q3&pillar=logistics&lang=zh`` (empty parameters left out)."""
    query = urlencode(
        {k: v for k, v in (("as_of", as_of), ("pillar", pillar), ("lang", lang)) if v}
    )
    return f"/briefing?{query}" if query else "/briefing"


@contextmanager
def running_app(database_url: str | None = None) -> Iterator[str]:
    """The whole app on ``127.0.0.1:<free port>`` in a background thread; yields its base URL.

    Only this process's Chromium talks to it, for the seconds the printout takes: it gets a
    throwaway session key and never asks for a sign-in (``DASHBOARD_REQUIRE_LOGIN`` guards the
    public server, not this private one).
    """
    from werkzeug.serving import WSGIRequestHandler, make_server

    from ..app import create_dash

    class QuietHandler(WSGIRequestHandler):
        def log(self, type: str, message: str, *args) -> None:  # noqa: A002 (werkzeug's name)
            pass

    config: dict[str, object] = {"SECRET_KEY": secrets.token_hex(32), "REQUIRE_LOGIN": False}
    if database_url:
        config["DATABASE_URL"] = database_url
    app = create_dash(config)
    server = make_server("127.0.0.1", 0, app.server, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="briefing-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


def print_to_pdf(
    url: str,
    output: Path,
    chromium: str,
    *,
    budget_ms: int = VIRTUAL_TIME_BUDGET_MS,
    timeout: float = TIMEOUT_S,
) -> Path:
    """Load ``url`` in headless Chromium and print it to ``output`` (the page's own @page size).

    A fresh, throwaway profile; no background traffic of Chromium's own (updates, sync).
    """
    output = Path(output).resolve()
    output.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="briefing-chromium-") as profile:
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            f"--user-data-dir={profile}",
            "--run-all-compositor-stages-before-draw",
            f"--virtual-time-budget={budget_ms}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={output}",
            url,
        ]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise RenderError(f"Chromium did not finish within {timeout:.0f} s") from exc
    if not output.is_file() or output.read_bytes()[:5] != b"%PDF-":
        detail = (result.stderr or "").strip().splitlines()[-3:]
        raise RenderError(
            f"Chromium (exit status {result.returncode}) wrote no PDF to {output}"
            + (": " + " | ".join(detail) if detail else "")
        )
    return output


def render_briefing(
    output: Path,
    *,
    as_of: str | None = None,
    pillar: str | None = None,
    lang: str = "en",
    database_url: str | None = None,
    chromium: str | None = None,
) -> Path:
    """Serve the app, print ``/briefing`` for the view to ``output``, stop the app.

    Looks for Chromium first (:class:`ChromiumMissing`), so nothing starts without it.
    """
    chromium = chromium or find_chromium()
    with running_app(database_url) as base:
        url = base + briefing_path(as_of, pillar, lang)
        _check_page(url)
        return print_to_pdf(url, Path(output), chromium)


def _check_page(url: str) -> None:
    """Chromium prints whatever it gets, an error page included: ask the server first."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        raise RenderError(f"the app answered {exc.code} for {url}; see the log above") from exc
    except OSError as exc:
        raise RenderError(f"the app did not answer at {url}: {exc}") from exc
