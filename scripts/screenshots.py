"""Screenshots of every page, in both languages, into docs/screenshots/ (``make screenshots``).

Serves the app over a fresh SQLite database seeded by ``init-db`` (the published data), drives
Debian's headless Chromium through chromedriver, waits until Dash has rendered, and captures:
every page at 1366x768 in English and Chinese, plus the overview at 1920x1080 (projector) and
390x844 (phone), and presenter mode's slides at 1920x1080, 1366x768, 1024x768 and 390x844 (the
phone's whole stacked slide). Run: ``.venv/bin/python scripts/screenshots.py [--out
docs/screenshots] [--only present]`` (``--only present``: the presenter slides alone).
Issue 12's staff pictures (``--only staff``: /history's rollback confirmation, the list after
it, /history signed out and the sign-in page) and the corridor page's China map and slider note
(``--only corridors``) are taken at 1366x768, 1920x1080 and 390x844.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAGES = {
    "overview": "/",
    "overview-logistics": "/?pillar=logistics",
    "indicator-trade": "/indicator/ECO-TRADE",
    "indicator-freight-volume": "/indicator/LOG-FREIGHT-VOLUME",
    "corridors": "/corridors",
    "plan": "/plan",
    "methodology": "/methodology",
}
EXTRA_SIZES = {"projector-1920x1080": (1920, 1080), "phone-390x844": (390, 844)}
#: Presenter mode (issues 6 and 12): the whole deck's first slide and its "what changed", one
#: pillar's deck ("what changed" among its targets only), and a slide where nothing is judged
#: (as of 2024Q2 no logistics target has a baseline and a year of data: it leads with what is
#: known). At two projectors, a laptop and a phone.
PRESENT = {
    "present-logistics": "",
    "present-changes": "slide=changes",
    "present-economy-changes": "pillar=economy&slide=changes",
    "present-unjudged": "pillar=logistics&as_of=2024Q2",
}
PRESENT_SIZES = {
    "1920x1080": (1920, 1080),
    "1366x768": (1366, 768),
    "1024x768": (1024, 768),
    "390x844": (390, 844),
}
ADMIN = ("screenshot.admin", "screenshot-password")
#: Staff pages, shown after signing in: (name, path, file to choose on the upload page).
BAD_FILE = "indicator_id,period,value\nECO-TRADE,2025Q9,abc\nNOPE,2025Q3,1\n"
GOOD_FILE = "indicator_id,period,value,basis,source\nECO-TRADE,2025,1150,annual,example upload\n"
REACH_FILE = (
    "as_of,corridor,ports,countries_regions,source,note\n"
    "2025-09,land_sea,580,130,https://example.gov.cn/reach,EXAMPLE for the screenshot only\n"
    "2024-08,land_sea,520,124,https://example.gov.cn/reach,EXAMPLE for the screenshot only\n"
)
#: Issue 12 at a laptop, a projector and a phone: /history's rollback confirmation, the page
#: signed out and the sign-in page it leads to, the China map's labels.
STAFF_SIZES = {"1920x1080": (1920, 1080), "390x844": (390, 844), "1366x768": (1366, 768)}
#: An upload for /history to roll back (one value replaced, one added), as a staff member.
EXAMPLE_UPLOAD = (
    "indicator_id,period,value,basis,source,note\n"
    "ECO-TRADE,2025,1150,annual,example upload,EXAMPLE for the screenshot only ({lang})\n"
    "ECO-TRADE,2018,500,annual,example upload,EXAMPLE for the screenshot only ({lang})\n"
)
EXAMPLE_STAFF = "wang.staff"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(database_url: str, port: int) -> subprocess.Popen:
    env = {"DASHBOARD_DATABASE_URL": database_url, "PATH": "/usr/bin:/bin",
           "DASHBOARD_SECRET_KEY": "screenshots"}  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "dashboard.cli", "init-db"],
        check=True,
        env=env,
        capture_output=True,
    )
    subprocess.run(
        [sys.executable, "-m", "dashboard.cli", "users", "add", ADMIN[0], "--role", "admin"],
        input=ADMIN[1] + "\n", text=True, check=True, env=env, capture_output=True,
    )  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "dashboard.cli", "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the app did not start")


def _driver():
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--hide-scrollbars", "--force-device-scale-factor=1",
    ):  # fmt: skip
        options.add_argument(flag)
    return webdriver.Chrome(options=options)


def _capture(driver, url: str, size: tuple[int, int], path: Path, whole: bool = False) -> None:
    """The window at ``size``; ``whole``: the whole page, as tall as it scrolls (a phone)."""
    width, height = size
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500},
    )
    driver.get(url)
    deadline = time.time() + 20
    while time.time() < deadline:
        ready = driver.execute_script(
            "return !!document.querySelector('#main, #present-root') && "
            "!document.querySelector('._dash-loading') && "
            "[...document.querySelectorAll('.js-plotly-plot')]"
            ".every(p => p.querySelector('.main-svg'))"
        )
        if ready:
            break
        time.sleep(0.2)
    time.sleep(0.6)  # let plotly finish its transitions
    path.parent.mkdir(parents=True, exist_ok=True)
    if whole:  # a window as tall as the page (the bar then sits at its end, as scrolled)
        tall = driver.execute_script("return document.documentElement.scrollHeight")
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": max(tall, height), "deviceScaleFactor": 1, "mobile": True},
        )
        time.sleep(0.8)  # plotly redraws at the new size
    driver.save_screenshot(str(path))


def _sign_in(driver, base: str) -> None:
    driver.get(f"{base}/login")
    driver.find_element("id", "name").send_keys(ADMIN[0])
    driver.find_element("id", "password").send_keys(ADMIN[1])
    driver.find_element("id", "login-submit").click()
    time.sleep(1)


def _staff_pages(driver, base: str, lang: str, out: Path, folder: Path) -> None:
    """The upload page empty, after a bad file, with a preview; then the history page."""
    size = (1366, 768)
    _capture(driver, f"{base}/upload?lang={lang}", size, out / f"upload-{lang}.png")
    for name, content in (("errors", BAD_FILE), ("preview", GOOD_FILE)):
        path = folder / f"{name}.csv"
        path.write_text(content)
        driver.find_element("css selector", "#upload-file input[type=file]").send_keys(str(path))
        time.sleep(2)
        driver.save_screenshot(str(out / f"upload-{name}-{lang}.png"))
    # A corridor reach file (issue 5): its own kind of upload, previewed, never confirmed.
    _capture(
        driver, f"{base}/upload?dataset=reach&lang={lang}", size, out / f"upload-reach-{lang}.png"
    )
    path = folder / "reach.csv"
    path.write_text(REACH_FILE)
    driver.find_element("css selector", "#upload-file input[type=file]").send_keys(str(path))
    time.sleep(2)
    driver.save_screenshot(str(out / f"upload-reach-preview-{lang}.png"))
    for name in ("upload", "upload-errors", "upload-preview", "upload-reach",
                 "upload-reach-preview"):  # fmt: skip
        print((out / f"{name}-{lang}.png").relative_to(ROOT))


def _scroll_to(driver, element_id: str) -> None:
    """The element in the middle of the window (at its top when it is taller than half)."""
    driver.execute_script(
        "const e = document.getElementById(arguments[0]);"
        "const block = e.getBoundingClientRect().height > window.innerHeight / 2 ? 'start'"
        " : 'center'; e.scrollIntoView({block: block, behavior: 'instant'});",
        element_id,
    )
    time.sleep(0.6)


def _wait_for(driver, script: str, timeout: float = 10) -> None:
    deadline = time.time() + timeout
    while not driver.execute_script(script) and time.time() < deadline:
        time.sleep(0.1)


def _history(driver, base: str, lang: str, out: Path, database_url: str) -> None:
    """/history signed in as an administrator (issue 12, point 7): an example upload, the page,
    its rollback confirmation at each size, and the list right after confirming."""
    from dashboard.services.imports import commit_import, prepare_import
    from dashboard.store.repository import Store

    store = Store.from_url(database_url)
    data = EXAMPLE_UPLOAD.format(lang=lang).encode()
    revision = commit_import(store, prepare_import(store, data, "q3.csv"), EXAMPLE_STAFF)
    store.engine.dispose()
    url = f"{base}/history?lang={lang}&revision={revision.revision_id}"
    _capture(driver, url, (1366, 768), out / f"history-{lang}.png")
    print(_shown(out / f"history-{lang}.png"))
    for size_name, size in STAFF_SIZES.items():  # the laptop last: it confirms
        target = out / f"history-confirm-{size_name}-{lang}.png"
        _capture(driver, url, size, target)
        driver.execute_script("document.getElementById('rollback-ask').click()")
        _wait_for(driver, "return !document.getElementById('rollback-confirm').hidden")
        _scroll_to(driver, "rollback-confirm")
        driver.save_screenshot(str(target))
        print(_shown(target))
    driver.execute_script("document.getElementById('rollback-button').click()")
    _wait_for(driver, "return !!document.getElementById('rollback-message')")
    _scroll_to(driver, "rollback-outcome")
    target = out / f"history-rolled-back-{lang}.png"
    driver.save_screenshot(str(target))
    print(_shown(target))


def _signed_out(driver, base: str, lang: str, out: Path) -> None:
    """/history signed out offers the sign-in; the sign-in page links back (issue 12, 9)."""
    for size_name, size in STAFF_SIZES.items():
        target = out / f"history-signed-out-{size_name}-{lang}.png"
        _capture(driver, f"{base}/history?lang={lang}&revision=4", size, target)
        print(_shown(target))
        driver.execute_script("document.getElementById('history-sign-in').click()")
        _wait_for(driver, "return !!document.getElementById('login-back')")
        time.sleep(0.4)
        target = out / f"history-sign-in-{size_name}-{lang}.png"
        driver.save_screenshot(str(target))
        print(_shown(target))


def _corridors(driver, base: str, lang: str, out: Path) -> None:
    """The China map's labels at each size, and the slider's note of a snapshot that has one
    (issue 12, point 9)."""
    for size_name, size in STAFF_SIZES.items():
        target = out / f"corridors-china-{size_name}-{lang}.png"
        _capture(driver, f"{base}/corridors?lang={lang}", size, target)
        _scroll_to(driver, "china-map")
        driver.save_screenshot(str(target))
        print(_shown(target))
    target = out / f"corridors-note-{lang}.png"
    _capture(driver, f"{base}/corridors?lang={lang}&snapshot=2024-08", (1366, 768), target)
    _wait_for(driver, "return !!document.querySelector('#reach-slider [role=slider]')")
    time.sleep(0.4)
    driver.save_screenshot(str(target))  # with the slider drawn (its code loads on demand)
    print(_shown(target))


def _shown(path: Path) -> str:
    """The path as printed: relative to the checkout when it is inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _pages(driver, base: str, lang: str, out: Path) -> None:
    for name, path in PAGES.items():
        joiner = "&" if "?" in path else "?"
        target = out / f"{name}-{lang}.png"
        _capture(driver, f"{base}{path}{joiner}lang={lang}", (1366, 768), target)
        print(target.relative_to(ROOT))
    for name, size in EXTRA_SIZES.items():
        target = out / f"overview-{name}-{lang}.png"
        _capture(driver, f"{base}/?lang={lang}", size, target)
        print(target.relative_to(ROOT))


def _present(driver, base: str, lang: str, out: Path) -> None:
    for name, query in PRESENT.items():
        for size_name, size in PRESENT_SIZES.items():
            target = out / f"{name}-{size_name}-{lang}.png"
            url = f"{base}/present?{query + '&' if query else ''}lang={lang}"
            _capture(driver, url, size, target, whole=size[0] < 500)
            print(_shown(target))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument(
        "--only",
        choices=["present", "staff", "corridors"],
        help="only these pictures (present: the presenter slides; staff: /history, signed in"
        " and out, and the sign-in page; corridors: the China map and the slider's note)",
    )
    args = parser.parse_args()
    port = _free_port()
    with tempfile.TemporaryDirectory() as folder:
        database_url = f"sqlite:///{folder}/screens.db"
        server = _serve(database_url, port)
        driver = _driver()
        base = f"http://127.0.0.1:{port}"
        try:
            for lang in ("en", "zh") if args.only in (None, "present") else ():
                if args.only != "present":
                    _pages(driver, base, lang, args.out)
                _present(driver, base, lang, args.out)
            for lang in ("en", "zh") if args.only in (None, "corridors") else ():
                _corridors(driver, base, lang, args.out)
            if args.only in ("present", "corridors"):
                return
            _sign_in(driver, base)
            for lang in ("en", "zh") if args.only is None else ():
                _staff_pages(driver, base, lang, args.out, Path(folder))
            for lang in ("en", "zh"):
                _history(driver, base, lang, args.out, database_url)
            driver.delete_all_cookies()
            for lang in ("en", "zh"):
                _signed_out(driver, base, lang, args.out)
        finally:
            driver.quit()
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
