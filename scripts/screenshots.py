"""Screenshots of every page, in both languages, into docs/screenshots/ (``make screenshots``).

Serves the app over a fresh SQLite database seeded by ``init-db`` (the published data), drives
Debian's headless Chromium through chromedriver, waits until Dash has rendered, and captures:
every page at 1366x768 in English and Chinese, plus the overview at 1920x1080 (projector) and
390x844 (phone). Run: ``.venv/bin/python scripts/screenshots.py [--out docs/screenshots]``
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
#: Presenter mode, at the two projector sizes of issue 6: a pillar slide and "what changed".
PRESENT = {"present-logistics": "logistics", "present-changes": "changes"}
PRESENT_SIZES = {"1920x1080": (1920, 1080), "1024x768": (1024, 768)}
ADMIN = ("screenshot.admin", "screenshot-password")
#: Staff pages, shown after signing in: (name, path, file to choose on the upload page).
BAD_FILE = "indicator_id,period,value\nECO-TRADE,2025Q9,abc\nNOPE,2025Q3,1\n"
GOOD_FILE = "indicator_id,period,value,basis,source\nECO-TRADE,2025,1150,annual,example upload\n"
REACH_FILE = (
    "as_of,corridor,ports,countries_regions,source,note\n"
    "2025-09,land_sea,580,130,https://example.gov.cn/reach,EXAMPLE for the screenshot only\n"
    "2024-08,land_sea,520,124,https://example.gov.cn/reach,EXAMPLE for the screenshot only\n"
)


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


def _capture(driver, url: str, size: tuple[int, int], path: Path) -> None:
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
    _capture(driver, f"{base}/history?lang={lang}&revision=1", size, out / f"history-{lang}.png")
    # A corridor reach file (issue 5): its own kind of upload, previewed, never confirmed.
    _capture(
        driver, f"{base}/upload?dataset=reach&lang={lang}", size, out / f"upload-reach-{lang}.png"
    )
    path = folder / "reach.csv"
    path.write_text(REACH_FILE)
    driver.find_element("css selector", "#upload-file input[type=file]").send_keys(str(path))
    time.sleep(2)
    driver.save_screenshot(str(out / f"upload-reach-preview-{lang}.png"))
    for name in ("upload", "upload-errors", "upload-preview", "history", "upload-reach",
                 "upload-reach-preview"):  # fmt: skip
        print((out / f"{name}-{lang}.png").relative_to(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    port = _free_port()
    with tempfile.TemporaryDirectory() as folder:
        server = _serve(f"sqlite:///{folder}/screens.db", port)
        driver = _driver()
        base = f"http://127.0.0.1:{port}"
        try:
            for lang in ("en", "zh"):
                for name, path in PAGES.items():
                    joiner = "&" if "?" in path else "?"
                    target = args.out / f"{name}-{lang}.png"
                    _capture(driver, f"{base}{path}{joiner}lang={lang}", (1366, 768), target)
                    print(target.relative_to(ROOT))
                for name, size in EXTRA_SIZES.items():
                    target = args.out / f"overview-{name}-{lang}.png"
                    _capture(driver, f"{base}/?lang={lang}", size, target)
                    print(target.relative_to(ROOT))
                for name, pillar in PRESENT.items():
                    for size_name, size in PRESENT_SIZES.items():
                        target = args.out / f"{name}-{size_name}-{lang}.png"
                        url = f"{base}/present?pillar={pillar}&lang={lang}"
                        _capture(driver, url, size, target)
                        print(target.relative_to(ROOT))
            _sign_in(driver, base)
            for lang in ("en", "zh"):
                _staff_pages(driver, base, lang, args.out, Path(folder))
        finally:
            driver.quit()
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
