"""The printable briefing (issue 6): the page in headless Chromium, its print stylesheet, and
``dashboard briefing`` writing the same page as a PDF, read back with pypdf.

The PDFs are made the way staff make them: the ``dashboard`` command as a subprocess, against a
real SQLite file, printing with Debian's Chromium.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import english_words
from pypdf import PdfReader

from dashboard.core.catalogue import PILLAR_IDS
from dashboard.i18n import t
from dashboard.services.briefing_pdf import (
    CHROMIUM_ENV,
    ChromiumMissing,
    briefing_path,
    find_chromium,
)
from dashboard.services.seed import init_db
from dashboard.store.repository import Store

ROOT = Path(__file__).resolve().parent.parent
CSS = (ROOT / "assets" / "briefing.css").read_text(encoding="utf-8")
SECTIONS = "section.briefing-pillar"
#: A4 in PDF points (1/72 inch): 210 mm x 297 mm.
A4 = (595.3, 841.9)


def pillar_heading(pillar: str, lang: str) -> str:
    number = PILLAR_IDS.index(pillar) + 1
    return t("briefing.pillar_heading", lang, number=number, name=t(f"pillar.{pillar}", lang))


# ----- the page in the browser ---------------------------------------------------------------


def resource_hosts(dash_duo) -> set[str]:
    entries = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href])"
    )
    return {urlparse(name).netloc for name in entries}


def open_briefing(dash_duo, query: str) -> None:
    dash_duo.driver.get(f"{dash_duo.server_url}/briefing{query}")
    dash_duo.wait_for_element("#briefing-sources")


@pytest.mark.browser
def test_the_page_has_one_section_per_pillar_and_nothing_to_operate(dash_duo, make_app, sqlite_url):
    dash_duo.start_server(make_app())
    open_briefing(dash_duo, "?lang=en")
    sections = dash_duo.find_elements(SECTIONS)
    assert [s.get_attribute("id") for s in sections] == [f"briefing-{p}" for p in PILLAR_IDS]
    headings = [s.find_element("css selector", "h2").text for s in sections]
    assert headings == [pillar_heading(p, "en") for p in PILLAR_IDS]
    # Every target once, with the status the overview shows, in the catalogue's pillar order.
    progress = Store.from_url(sqlite_url).progress()
    shown = {
        a.get_attribute("data-indicator"): a.get_attribute("data-status")
        for a in dash_duo.find_elements("article.briefing-target")
    }
    assert shown == dict(zip(progress["indicator_id"], progress["status"], strict=True))
    trade = dash_duo.find_element("article[data-indicator='ECO-TRADE']")
    assert "800.7 bn CNY (2025)" in trade.text and "Regressing" in trade.text
    assert "976.1 bn CNY" in trade.text  # expected by now, on the required path
    # The gauges are drawn (static pictures) where there is something to draw.
    dash_duo.wait_for_element("#briefing-gauge-ECO-FORTUNE500 .main-svg")
    assert not dash_duo.find_elements(".briefing .modebar-container .modebar-btn")
    # No controls and no navigation: a document, not an app page.
    assert dash_duo.find_elements("input, button, select, textarea, nav, [role=button]") == []
    assert dash_duo.find_element("#briefing").get_attribute("data-as-of") == "2025Q4"
    assert not dash_duo.find_elements("#briefing-illustrative")
    # Every cited source is listed, numbered, once.
    cited = {
        c.get_attribute("data-source")
        for c in dash_duo.find_elements(".briefing-target .briefing-cite")
    }
    listed = [
        li.get_attribute("data-source") for li in dash_duo.find_elements("#briefing-sources li")
    ]
    assert sorted(listed, key=int) == listed and set(listed) == cited
    assert resource_hosts(dash_duo) == {urlparse(dash_duo.server_url).netloc}
    assert dash_duo.get_logs() == []


@pytest.mark.browser
def test_one_pillar_at_an_earlier_quarter_in_chinese(dash_duo, make_app):
    dash_duo.start_server(make_app())
    open_briefing(dash_duo, "?pillar=economy&as_of=2024Q4&lang=zh")
    assert [s.get_attribute("id") for s in dash_duo.find_elements(SECTIONS)] == ["briefing-economy"]
    assert dash_duo.find_element("#briefing").get_attribute("lang") == "zh-CN"
    meta = dash_duo.find_element("#briefing-meta").text
    assert "2024年第四季度" in meta and "开放型经济高质量发展示范区" in meta
    trade = dash_duo.find_element("article[data-indicator='ECO-TRADE']")
    assert "7154.2亿元" in trade.text  # 715.42 bn CNY in 2024
    assert len(dash_duo.find_elements("article.briefing-target")) == 5
    # The interface words are Chinese; ids, quarters and units are data (the source list,
    # which quotes English web pages, is left out, and "Open SDG" is a name).
    for part in ("#briefing-meta", "#briefing-summary", "#briefing-glance", "#briefing-method"):
        text = dash_duo.find_element(part).text.replace("Open SDG", "")
        assert english_words(text) == [], part
    assert dash_duo.get_logs() == []


@pytest.mark.browser
def test_illustrative_data_carries_a_notice(dash_duo, make_app):
    dash_duo.start_server(make_app(demo=True))
    open_briefing(dash_duo, "?lang=en")
    assert "Illustrative data" in dash_duo.find_element("#briefing-illustrative").text
    data = dash_duo.find_element("#briefing-meta [data-fact='briefing.data']").text
    assert data == t("briefing.data_illustrative", "en")
    assert dash_duo.get_logs() == []


# ----- the print stylesheet ------------------------------------------------------------------


def css_rules(css: str) -> list[tuple[str, str]]:
    """(selector, body) of every style rule, inside @media blocks too; @page left out."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules: list[tuple[str, str]] = []
    depth, start, prelude_stack = 0, 0, []
    for i, char in enumerate(css):
        if char == "{":
            prelude_stack.append(css[start:i].strip())
            depth += 1
            start = i + 1
        elif char == "}":
            prelude = prelude_stack.pop()
            if not prelude.startswith("@") and not any(
                p.startswith("@page") for p in prelude_stack
            ):
                rules.append((prelude, css[start:i].strip()))
            depth -= 1
            start = i + 1
    return rules


def test_every_rule_is_scoped_to_the_briefing():
    """Dash loads every stylesheet on every page: none of these may style another page."""
    rules = css_rules(CSS)
    assert len(rules) > 40, "the scan found too few rules"
    for selector, _ in rules:
        for part in selector.split(","):
            assert "briefing" in part, part


def test_the_page_box_is_a4_and_each_pillar_starts_a_page():
    page = re.search(r"@page briefing\s*\{(.*?)\n\}", CSS, flags=re.S).group(1)
    assert "size: A4;" in page and "margin:" in page
    rules = dict(css_rules(CSS))
    assert "break-before: page" in rules[".briefing-pillar"]
    assert "break-inside: avoid" in rules[".briefing-target"]
    assert "page: briefing" in rules["html:has(.briefing), body:has(.briefing), .briefing"]


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(
    ("foreground", "background"),
    [
        ("#12355b", "#ffffff"),  # headings, citations, links
        ("#12355b", "#f8f9fa"),  # pillar rows of the table
        ("#495057", "#ffffff"),  # labels, sentences, page numbers
        ("#495057", "#f8f9fa"),  # "no data yet" notices
        ("#5c3b00", "#fff8e1"),  # the illustrative-data notice
        ("#212529", "#ffffff"),
    ],
)
def test_text_colours_meet_wcag_aa(foreground, background):
    assert foreground in CSS.lower()
    assert contrast(foreground, background) >= 4.5


# ----- dashboard briefing: the PDF -----------------------------------------------------------


@pytest.fixture
def database(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'briefing.db'}"
    store = Store.from_url(url)
    init_db(store)
    store.engine.dispose()
    return url


def run_briefing(database: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != CHROMIUM_ENV}
    environment.update(DASHBOARD_DATABASE_URL=database, **env)
    return subprocess.run(
        [sys.executable, "-m", "dashboard.cli", "briefing", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=300,
    )


def page_texts(path: Path) -> list[str]:
    """Each page's text. NFKC: the CJK font maps some characters to their look-alike Kangxi
    radicals (⼝ U+2F1D for 口), which a reader's copy-and-paste normalises the same way."""
    return [
        unicodedata.normalize("NFKC", page.extract_text() or "") for page in PdfReader(path).pages
    ]


def section_pages(texts: list[str], lang: str, pillars=PILLAR_IDS) -> dict[str, list[int]]:
    """For each pillar, the pages that begin with its section (kicker, then heading).

    A page's text starts with its number ("3 / 9", the page's margin box); the kicker is
    printed in capitals.
    """
    found: dict[str, list[int]] = {}
    for pillar in pillars:
        kicker = t("briefing.pillar_number", lang, number=PILLAR_IDS.index(pillar) + 1, total=4)
        heading = pillar_heading(pillar, lang)
        found[pillar] = []
        for number, text in enumerate(texts, start=1):
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            if re.fullmatch(r"\d+ / \d+", lines[0]):
                lines = lines[1:]
            if lines[:2] == [unicodedata.normalize("NFKC", x) for x in (kicker.upper(), heading)]:
                found[pillar].append(number)
    return found


@pytest.mark.browser
def test_the_pdf_has_one_section_per_pillar_in_english(database, tmp_path):
    output = tmp_path / "briefing-en.pdf"
    result = run_briefing(database, "--as-of", "2025Q4", "--lang", "en", "--output", str(output))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Wrote the briefing to {output}")
    reader = PdfReader(output)
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (width, height) == pytest.approx(A4, abs=1.5)
    texts = page_texts(output)
    sections = section_pages(texts, "en")
    assert all(len(pages) == 1 for pages in sections.values()), sections
    starts = [pages[0] for pages in sections.values()]
    assert starts == sorted(starts) and starts[0] > 1  # after the cover, in the plan's order
    whole = "\n".join(texts)
    # The figures are there, so Dash had rendered the page before it was printed ...
    assert "Briefing: progress toward the 2027 targets" in whole
    assert "800.7 bn CNY (2025)" in whole and "327,700 TEU (2025)" in whole
    # ... and so had plotly: these numbers appear only inside the gauges.
    assert "18.8%" in whole and "30.3% a year" in whole
    assert "Loading" not in whole
    assert t("briefing.method_heading", "en") in whole and "https://163.com/" in whole


@pytest.mark.browser
def test_the_pdf_in_chinese(database, tmp_path):
    output = tmp_path / "briefing-zh.pdf"
    result = run_briefing(database, "--lang", "zh", "--output", str(output))
    assert result.returncode == 0, result.stderr
    texts = page_texts(output)
    sections = section_pages(texts, "zh")
    assert all(len(pages) == 1 for pages in sections.values()), sections
    whole = "\n".join(texts)
    assert unicodedata.normalize("NFKC", t("briefing.title", "zh")) in whole
    assert "8006.8亿元" in whole and "倒退" in whole
    assert "Briefing" not in whole and "Achieved" not in whole


@pytest.mark.browser
def test_the_pdf_of_one_pillar(database, tmp_path):
    output = tmp_path / "briefing-economy.pdf"
    result = run_briefing(
        database, "--pillar", "economy", "--as-of", "2024Q4", "--output", str(output)
    )
    assert result.returncode == 0, result.stderr
    texts = page_texts(output)
    sections = section_pages(texts, "en")
    assert [p for p, pages in sections.items() if pages] == ["economy"]
    whole = "\n".join(texts)
    assert "715.4 bn CNY (2024)" in whole and "2024Q4" in whole
    assert "Corridor freight volume" not in whole


@pytest.mark.parametrize(
    "env",
    [
        {CHROMIUM_ENV: "/nonexistent/chromium"},
        {"PATH": "/nonexistent"},
    ],
    ids=["variable-points-nowhere", "not-on-path"],
)
def test_without_chromium_the_command_exits_2_and_says_what_to_do(database, tmp_path, env):
    output = tmp_path / "never.pdf"
    result = run_briefing(database, "--output", str(output), **env)
    assert result.returncode == 2
    assert "Chromium is not installed" in result.stderr
    assert "/briefing" in result.stderr and "save it as PDF" in result.stderr
    assert not output.exists()


def test_the_message_is_in_the_chosen_language(database, tmp_path):
    result = run_briefing(
        database, "--lang", "zh", "--output", str(tmp_path / "x.pdf"), PATH="/nonexistent"
    )
    assert result.returncode == 2
    assert "未安装 Chromium" in result.stderr and "/briefing" in result.stderr


def test_a_bad_quarter_is_a_usage_error(database, tmp_path):
    result = run_briefing(database, "--as-of", "2025Q9", "--output", str(tmp_path / "x.pdf"))
    assert result.returncode == 2 and "--as-of" in result.stderr
    result = run_briefing(database, "--pillar", "nope", "--output", str(tmp_path / "x.pdf"))
    assert result.returncode == 2 and "--pillar" in result.stderr


def test_find_chromium_prefers_the_variable_then_the_path(tmp_path):
    fake = tmp_path / "my-chrome"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    assert find_chromium({CHROMIUM_ENV: str(fake), "PATH": "/nonexistent"}) == str(fake)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "chromium-browser").symlink_to(fake)
    assert find_chromium({"PATH": str(bin_dir)}) == str(bin_dir / "chromium-browser")
    with pytest.raises(ChromiumMissing, match="not an executable"):
        find_chromium({CHROMIUM_ENV: str(tmp_path / "missing"), "PATH": str(bin_dir)})
    with pytest.raises(ChromiumMissing, match="chromium"):
        find_chromium({"PATH": str(tmp_path / "empty")})


def test_briefing_path_keeps_only_given_parameters():
    assert briefing_path() == "/briefing?lang=en"
    assert briefing_path("2025Q3", "logistics", "zh") == (
        "/briefing?as_of=2025Q3&pillar=logistics&lang=zh"
    )
