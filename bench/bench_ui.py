"""Dashboard speed: server time of a pillar or "as of" change, and what a visit transfers.

1. Server time: the exact request the browser sends when the URL changes (Dash's page router
   callback), replayed in-process through the WSGI app over the shipped data, alternating
   pillars and quarters. Bar (issue 3): median under 50 ms.
2. Transfer: headless Chromium (Debian's, via chromedriver) opens the overview with an empty
   cache against gunicorn, then opens it again. Resource Timing's ``transferSize`` adds up the
   bytes on the wire (compressed bodies plus headers). Bar (issue 13): first visit under
   1.2 MB, which plotly.js's full bundle alone (1.47 MB gzipped) would break: the tracker serves
   its own (dashboard/ui/plotly_bundle.py); the repeat visit revalidates (304) or reuses the
   cache instead of downloading again.
Run: ``.venv/bin/python bench/bench_ui.py``
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from common import free_port  # bench/ is on the path: these run as scripts

ROOT = Path(__file__).resolve().parent.parent

VIEWS = [
    "?pillar=logistics",
    "?pillar=economy&as_of=2024Q4",
    "?as_of=2023Q3",
    "?pillar=platform&lang=zh",
    "",
    "?pillar=environment&as_of=2025Q4&lang=zh",
]


def router_payload(search: str, pathname: str = "/") -> dict:
    """What dash-renderer posts when the location changes (captured from Chromium)."""
    return {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": pathname},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": ["_pages_location.search"],
        "parsedChangedPropsIds": ["_pages_location.search"],
    }


def callback_server_time(database_url: str, rounds: int = 20) -> dict:
    from dashboard.app import create_app

    client = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "bench"}).test_client()
    client.get("/")  # first request: Dash sets itself up
    samples: dict[str, list[float]] = {}
    cold: list[float] = []
    for round_number in range(rounds):
        for search in VIEWS:
            body = json.dumps(router_payload(search))
            start = time.perf_counter()
            response = client.post(
                "/_dash-update-component",
                data=body,
                headers={"Content-Type": "application/json", "Accept-Encoding": "gzip"},
            )
            elapsed = (time.perf_counter() - start) * 1000
            assert response.status_code == 200, response.status_code
            if round_number == 0:
                cold.append(elapsed)  # first render of this view since the data changed
            else:
                samples.setdefault(search or "(default)", []).append(elapsed)
    every = [s for values in samples.values() for s in values]
    return {
        "median_ms": statistics.median(every),
        "p90_ms": statistics.quantiles(every, n=10)[-1],
        "by_view": {k: statistics.median(v) for k, v in samples.items()},
        "requests": len(every),
        "cold_median_ms": statistics.median(cold),
        "cold_max_ms": max(cold),
    }


def slider_server_time(database_url: str, rounds: int = 15) -> dict:
    """The corridor slider's callback (issue 5 bar: median under 100 ms), replayed in-process."""
    from dashboard.app import create_app

    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "bench"})
    client = app.test_client()
    client.get("/")
    key = next(k for k in app.extensions["dash_app"].callback_map if "reach-headline" in k)
    outputs = [
        {"id": part.split(".")[0], "property": part.split(".")[1]}
        for part in key.strip(".").split("...")
    ]
    samples = []
    for round_number in range(rounds):
        for index in range(7):
            body = {
                "output": key,
                "outputs": outputs,
                "inputs": [{"id": "reach-slider", "property": "value", "value": index}],
                "state": [{"id": "corridors-lang", "property": "data", "value": "en"}],
                "changedPropIds": ["reach-slider.value"],
            }
            start = time.perf_counter()
            response = client.post("/_dash-update-component", json=body)
            elapsed = (time.perf_counter() - start) * 1000
            assert response.status_code == 200, response.get_data(as_text=True)[:300]
            if round_number:
                samples.append(elapsed)
    return {
        "median_ms": statistics.median(samples),
        "max_ms": max(samples),
        "requests": len(samples),
    }


def transfer_sizes(database_url: str) -> dict:
    from selenium import webdriver

    port = free_port()
    env = {"DASHBOARD_DATABASE_URL": database_url, "PATH": "/usr/bin:/bin",
           "DASHBOARD_SECRET_KEY": "bench"}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "dashboard.app:create_app()"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", "--window-size=1366,768"):  # fmt: skip
            options.add_argument(flag)
        driver = webdriver.Chrome(options=options)
        try:
            return {
                "first": _visit(driver, f"http://127.0.0.1:{port}/"),
                "repeat": _visit(driver, f"http://127.0.0.1:{port}/"),
                # AG Grid is loaded by the pages with a grid only (ui/lazy_grid.py).
                "corridors": _visit(driver, f"http://127.0.0.1:{port}/corridors", GRID_DRAWN),
            }
        finally:
            driver.quit()
    finally:
        server.terminate()
        server.wait(timeout=10)


GAUGES_DRAWN = "return document.querySelectorAll('[data-indicator] .main-svg').length > 0"
GRID_DRAWN = "return !!document.querySelector('#destinations-table .ag-row')"


def _visit(driver, url: str, drawn: str = GAUGES_DRAWN) -> dict:
    driver.get(url)
    deadline = time.time() + 30
    while time.time() < deadline:
        if driver.execute_script(drawn):
            break
        time.sleep(0.2)
    script = (
        "const n = performance.getEntriesByType('navigation')[0];"
        "return [n].concat(performance.getEntriesByType('resource')).map(e => ({"
        "name: e.name, transfer: e.transferSize, body: e.encodedBodySize,"
        "decoded: e.decodedBodySize, status: e.responseStatus}))"
    )
    # Read once the page has stopped fetching: the same entries twice, half a second apart.
    entries, previous = driver.execute_script(script), None
    while entries != previous and time.time() < deadline + 10:
        time.sleep(0.5)
        entries, previous = driver.execute_script(script), entries
    return {
        "requests": len(entries),
        "transferred_bytes": sum(e["transfer"] for e in entries),
        "decoded_bytes": sum(e["decoded"] for e in entries),
        # A revalidated resource (304) costs its headers only: Chrome reports status 200 and
        # an encoded body of 0 for it, with a transfer of a few hundred bytes.
        "not_modified": sum(1 for e in entries if e["transfer"] > 0 and e["body"] == 0),
        "from_cache": sum(1 for e in entries if e["transfer"] == 0),
        "largest": sorted(entries, key=lambda e: -e["transfer"])[:3],
        "plotly": [
            e["name"].split("?")[0].rsplit("/", 1)[-1] for e in entries if "plotly" in e["name"]
        ],
        "grid_bytes": sum(e["transfer"] for e in entries if "dash_ag_grid" in e["name"]),
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        subprocess.run(
            [sys.executable, "-m", "dashboard.cli", "init-db"], check=True, capture_output=True,
            env={"DASHBOARD_DATABASE_URL": url, "PATH": "/usr/bin:/bin"},
        )  # fmt: skip
        timing = callback_server_time(url)
        print(
            f"Pillar / as-of change, server time over {timing['requests']} requests: "
            f"median {timing['median_ms']:.1f} ms, p90 {timing['p90_ms']:.1f} ms (bar: 50 ms)"
        )
        for view, ms in timing["by_view"].items():
            print(f"  {view:45s} {ms:6.1f} ms")
        print(
            f"  first render of each view after a data change (cache miss): median "
            f"{timing['cold_median_ms']:.1f} ms, max {timing['cold_max_ms']:.1f} ms"
        )
        slider = slider_server_time(url)
        print(
            f"Corridor slider move, server time over {slider['requests']} requests: median "
            f"{slider['median_ms']:.1f} ms, max {slider['max_ms']:.1f} ms (bar: 100 ms)"
        )
        sizes = transfer_sizes(url)
        first, repeat = sizes["first"], sizes["repeat"]
        print(
            f"First visit: {first['requests']} requests, "
            f"{first['transferred_bytes'] / 1e6:.2f} MB transferred "
            f"({first['decoded_bytes'] / 1e6:.2f} MB uncompressed) (bar: 1.2 MB); "
            f"plotly.js: {', '.join(first['plotly']) or 'none'}"
        )
        for entry in first["largest"]:
            print(f"  {entry['transfer'] / 1e3:8.1f} kB  {entry['name'].split('?')[0][-70:]}")
        print(
            f"Repeat visit: {repeat['requests']} requests, "
            f"{repeat['transferred_bytes'] / 1e3:.1f} kB transferred, "
            f"{repeat['not_modified']} revalidated (304), {repeat['from_cache']} from cache"
        )
        corridors = sizes["corridors"]
        print(
            f"Then /corridors: {corridors['transferred_bytes'] / 1e3:.1f} kB transferred, of which "
            f"AG Grid {corridors['grid_bytes'] / 1e3:.1f} kB (the overview loads none: "
            f"{first['grid_bytes']} bytes)"
        )


if __name__ == "__main__":
    main()
