"""Issue 12, points 7 and 9, in headless Chromium.

Rollback asks first, naming the revision and the values that will change; Cancel writes
nothing; Confirm writes one rollback revision and the list on the page shows it without a
reload. Times are in China Standard Time, with the zone, in both languages. Signed out,
``/history`` offers the sign-in (and comes back after it); the sign-in page links back to the
site. The China map's labels do not overlap, and the corridor slider's note is plain words.
"""

from __future__ import annotations

import time
from datetime import UTC, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import ADMIN, FIRST_UPLOAD, STAFF, sign_in

from dashboard.services.imports import commit_import, prepare_import
from dashboard.store.repository import Store
from dashboard.ui.format import format_value

pytestmark = pytest.mark.browser

#: ECO-TRADE 2025 replaced (800.68 -> 1150) and ECO-TRADE 2018 added (there was none).
UPLOAD = (
    b"indicator_id,period,value,basis,source\n"
    b"ECO-TRADE,2025,1150,annual,browser test\n"
    b"ECO-TRADE,2018,500,annual,browser test\n"
)
MARKER = {"en": " CST", "zh": "（北京时间）"}
#: The three neighbours of the Beibu Gulf whose labels used to sit on each other.
GULF = {"en": {"Pingxiang", "Qinzhou", "Fangchenggang"}, "zh": {"凭祥", "钦州", "防城港"}}


def click(dash_duo, element) -> None:
    """Scroll instantly first: Bootstrap's smooth scrolling makes a click miss mid-animation."""
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element
    )
    element.click()


def wait_until(condition, timeout: float = 10) -> None:
    deadline = time.time() + timeout
    while not condition():
        if time.time() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.1)


def revisions(url: str):
    store = Store.from_url(url)
    try:
        return store.revisions()
    finally:
        store.engine.dispose()


def unit_of(url: str, indicator_id: str) -> str:
    store = Store.from_url(url)
    try:
        return store.indicators().set_index("indicator_id").loc[indicator_id, "unit"]
    finally:
        store.engine.dispose()


def upload(url: str) -> None:
    store = Store.from_url(url)
    result = commit_import(store, prepare_import(store, UPLOAD, "q3.csv"), STAFF[0])
    store.engine.dispose()
    assert (result.revision_id, result.added, result.replaced) == (FIRST_UPLOAD, 1, 1)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_rollback_asks_first_naming_what_changes_and_the_list_shows_it_at_once(
    dash_duo, accounts_app, sqlite_url, lang
):
    upload(sqlite_url)
    dash_duo.start_server(accounts_app)
    sign_in(dash_duo, ADMIN, f"/history?revision={FIRST_UPLOAD}&lang={lang}")
    ask = dash_duo.wait_for_element("#rollback-ask")
    panel = dash_duo.find_element("#rollback-confirm")
    assert not panel.is_displayed()  # nothing is asked before the button is pressed
    dash_duo.driver.execute_script("window.notReloaded = true")

    # The confirmation names the revision, its file, who and when, and what will change.
    click(dash_duo, ask)
    wait_until(panel.is_displayed)
    text = panel.text
    heading = {"en": f"Roll back revision {FIRST_UPLOAD}?", "zh": f"确定回滚第 {FIRST_UPLOAD} 版？"}
    assert heading[lang] in text
    assert "q3.csv" in text and STAFF[0] in text and MARKER[lang] in text
    unit = unit_of(sqlite_url, "ECO-TRADE")
    now, before = format_value(1150, unit, lang), format_value(800.68, unit, lang)
    line = {"en": f"ECO-TRADE 2025: {now} → {before}", "zh": f"ECO-TRADE 2025年：{now} → {before}"}
    replaced = dash_duo.find_element("#rollback-confirm-values [data-change='replaced']")
    assert replaced.text == line[lang]
    added = dash_duo.find_element("#rollback-confirm-values [data-change='added']")
    assert ("withdrawn" if lang == "en" else "撤回") in added.text
    counts = dash_duo.find_element("#rollback-confirm-counts").text
    if lang == "en":
        assert "1 value goes back to its earlier figure and 1 value is withdrawn" in counts
    else:
        assert "1 个数值恢复为先前的数字，1 个数值被撤回" in counts

    # Cancel closes it and writes nothing.
    click(dash_duo, dash_duo.find_element("#rollback-cancel"))
    wait_until(lambda: not panel.is_displayed())
    time.sleep(0.5)
    assert len(revisions(sqlite_url)) == FIRST_UPLOAD
    assert dash_duo.find_elements("#rollback-message") == []

    # Confirm writes one rollback revision, and the list shows it without a reload.
    click(dash_duo, ask)
    wait_until(panel.is_displayed)
    click(dash_duo, dash_duo.find_element("#rollback-button"))
    message = dash_duo.wait_for_element("#rollback-message")
    assert f"{FIRST_UPLOAD + 1}" in message.text
    after = revisions(sqlite_url)
    assert len(after) == FIRST_UPLOAD + 1
    newest = after.iloc[0]
    assert (newest["action"], newest["rolls_back"], newest["user_name"]) == (
        "rollback",
        FIRST_UPLOAD,
        ADMIN[0],
    )
    row = dash_duo.wait_for_element(f"#revisions tr[data-revision='{FIRST_UPLOAD + 1}']")
    assert row.get_attribute("data-status") == "committed"
    undone = dash_duo.find_element(f"#revisions tr[data-revision='{FIRST_UPLOAD}']")
    assert undone.get_attribute("data-status") == "rolled_back"
    assert dash_duo.driver.execute_script("return window.notReloaded") is True
    assert not panel.is_displayed() and not ask.is_enabled()

    # Every time on the page is China Standard Time, with the zone.
    times = dash_duo.find_elements("#main time")
    assert len(times) == FIRST_UPLOAD + 1
    assert all(shown.text.endswith(MARKER[lang]) for shown in times)
    assert MARKER[lang] in dash_duo.find_element("#revision-meta").text
    created = newest["created_at"].to_pydatetime().replace(tzinfo=UTC)
    beijing = (created + timedelta(hours=8)).strftime("%Y-%m-%d %H:%M")
    assert row.find_element("css selector", "time").text == beijing + MARKER[lang]
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_signed_out_history_offers_the_sign_in_and_the_sign_in_page_links_back(
    dash_duo, accounts_app, lang
):
    dash_duo.start_server(accounts_app)
    dash_duo.driver.get(f"{dash_duo.server_url}/history?revision=2&lang={lang}")
    offer = dash_duo.wait_for_element("#history-sign-in")
    href = urlsplit(offer.get_attribute("href"))
    assert href.path == "/login"
    query = parse_qs(href.query)
    assert query["next"] == [f"/history?lang={lang}&revision=2"] and query["lang"] == [lang]
    assert dash_duo.find_elements("#revisions") == []

    click(dash_duo, offer)
    back = dash_duo.wait_for_element("#login-back")
    assert urlsplit(back.get_attribute("href")).path == "/"
    assert urlsplit(back.get_attribute("href")).query == f"lang={lang}"
    home = dash_duo.find_element("#login-home").get_attribute("href")
    assert urlsplit(home).path == "/"
    assert back.text == {"en": "← Back to the tracker", "zh": "← 返回追踪首页"}[lang]

    dash_duo.find_element("#name").send_keys(STAFF[0])
    dash_duo.find_element("#password").send_keys(STAFF[1])
    dash_duo.find_element("#login-submit").click()  # back where the visitor was
    heading = dash_duo.wait_for_element("#revision-heading")
    assert heading.text == {"en": "Revision 2", "zh": "第 2 版"}[lang]
    assert not dash_duo.find_element("#rollback-ask").is_displayed()  # staff: no rollback
    assert dash_duo.find_elements("#rollback-confirm-heading") == []  # nor what it would do

    dash_duo.driver.delete_all_cookies()
    dash_duo.driver.get(f"{dash_duo.server_url}/login?lang={lang}")
    click(dash_duo, dash_duo.wait_for_element("#login-back"))
    dash_duo.wait_for_element("[data-indicator='ECO-TRADE']")  # the overview, signed out
    assert dash_duo.get_logs() == []


def label_boxes(dash_duo) -> dict[str, list[float]]:
    return dash_duo.driver.execute_script(
        "return Object.fromEntries([...document.querySelectorAll('#china-map .scattergeo text')]"
        ".filter(e => e.textContent).map(e => { const r = e.getBoundingClientRect();"
        " return [e.textContent, [r.left, r.top, r.right, r.bottom]]; }))"
    )


def intersect(a: list[float], b: list[float]) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)], ids=["1366x768", "1920x1080"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_china_maps_labels_do_not_overlap(dash_duo, make_app, lang, size):
    dash_duo.start_server(make_app())
    dash_duo.driver.set_window_size(*size)
    dash_duo.driver.get(f"{dash_duo.server_url}/corridors?lang={lang}")
    wait_until(lambda: GULF[lang] <= set(label_boxes(dash_duo)), timeout=20)
    boxes = label_boxes(dash_duo)
    assert len(boxes) >= 12
    names = sorted(boxes)
    overlapping = [
        (a, b) for i, a in enumerate(names) for b in names[i + 1 :] if intersect(boxes[a], boxes[b])
    ]
    assert overlapping == []
    assert dash_duo.get_logs() == []


def test_the_corridor_sliders_note_is_plain_words(dash_duo, make_app):
    dash_duo.start_server(make_app())
    dash_duo.driver.get(f"{dash_duo.server_url}/corridors?snapshot=2024-08")
    note = dash_duo.wait_for_element("#reach-source").text
    assert "reported Aug-Nov 2024; the date shown is the start of that range" in note
    assert "as_of" not in note and "_" not in note
    assert dash_duo.get_logs() == []
