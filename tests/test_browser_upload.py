"""The staff flow in headless Chromium, with real files: upload, preview, confirm, roll back."""

from __future__ import annotations

import pytest
from conftest import ADMIN, FIRST_UPLOAD, STAFF, sign_in

pytestmark = pytest.mark.browser

BAD = "indicator_id,period,value\nECO-TRADE,2025Q9,abc\nNOPE,2025Q3,1\n"
GOOD = "指标代码,期间,数值,口径,来源\nECO-TRADE,2025,1150,全年,browser test\n"


def click(dash_duo, element) -> None:
    """Scroll instantly first: Bootstrap's smooth scrolling makes a click miss mid-animation."""
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element
    )
    element.click()


def roll_back(dash_duo, naming: str | None = None) -> None:
    """Roll back the revision shown: the button asks first (naming the record ``naming``
    among what will change), its confirmation writes."""
    click(dash_duo, dash_duo.wait_for_element("#rollback-ask"))
    confirm = dash_duo.wait_for_element("#rollback-button")
    panel = dash_duo.wait_for_element("#rollback-confirm:not([hidden])")
    if naming:
        assert naming in panel.text
    click(dash_duo, confirm)
    dash_duo.wait_for_element("#rollback-message")


def choose_file(dash_duo, path) -> None:
    dash_duo.find_element("#upload-file input[type=file]").send_keys(str(path))


def trade_card(dash_duo):
    dash_duo.driver.get(dash_duo.server_url + "/")
    return dash_duo.wait_for_element("[data-indicator='ECO-TRADE']")


def test_staff_uploads_and_admin_rolls_back(dash_duo, accounts_app, tmp_path):
    dash_duo.start_server(accounts_app)
    assert trade_card(dash_duo).get_attribute("data-status") == "regressing"

    sign_in(dash_duo, STAFF, "/upload")
    dash_duo.wait_for_element("#upload-file")
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD)
    choose_file(dash_duo, bad)
    dash_duo.wait_for_element("#upload-errors")
    codes = {
        (r.get_attribute("data-row"), r.get_attribute("data-code"))
        for r in dash_duo.find_elements("#upload-errors tbody tr")
    }
    assert {("2", "period_invalid"), ("2", "value_not_number"), ("3", "id_unknown")} <= codes
    assert "Nothing was saved" in dash_duo.find_element("#upload-rejected").text
    assert not dash_duo.find_element("#upload-confirm").is_displayed()  # nothing to confirm

    good = tmp_path / "good.csv"
    good.write_bytes(GOOD.encode("gb18030"))  # as Excel saves a CSV in China
    choose_file(dash_duo, good)
    dash_duo.wait_for_text_to_equal(
        "#upload-summary", "good.csv: 1 rows; 0 new, 1 replacing a value, 0 unchanged."
    )
    assert dash_duo.find_element("#upload-confirm").is_displayed()
    # 1,150 passes the 1,100 target: achieved in one step, a "check the unit" warning that
    # needs the tick before the file can be saved (DOMAIN.md, plausibility warnings).
    assert dash_duo.find_element("#upload-accept-warnings").is_displayed()
    codes = [
        r.get_attribute("data-code") for r in dash_duo.find_elements("#upload-warnings tbody tr")
    ]
    assert codes == ["value_makes_achieved"]
    moved = dash_duo.find_element("#upload-status-changes [data-indicator='ECO-TRADE']")
    assert "Regressing" in moved.text and "Achieved" in moved.text
    assert "800.7 bn CNY → 1,150 bn CNY" in dash_duo.find_element("[data-change='replaced']").text
    click(dash_duo, dash_duo.find_element("#upload-confirm"))
    dash_duo.wait_for_element("#upload-message")
    assert "tick the box" in dash_duo.find_element("#upload-message").text  # nothing saved yet
    click(dash_duo, dash_duo.find_element("#upload-accept-warnings input"))
    click(dash_duo, dash_duo.find_element("#upload-confirm"))
    dash_duo.wait_for_contains_text("#upload-message", f"Saved as revision {FIRST_UPLOAD}")
    dash_duo.wait_for_element("#upload-message")
    assert f"Saved as revision {FIRST_UPLOAD}" in dash_duo.find_element("#upload-message").text

    card = trade_card(dash_duo)
    assert card.get_attribute("data-status") == "achieved"
    assert "1,150 bn CNY (2025)" in card.text

    dash_duo.driver.delete_all_cookies()
    sign_in(dash_duo, ADMIN, f"/history?revision={FIRST_UPLOAD}")
    roll_back(dash_duo)
    rolled = f"rolled back by revision {FIRST_UPLOAD + 1}"
    assert rolled in dash_duo.find_element("#rollback-message").text
    card = trade_card(dash_duo)
    assert card.get_attribute("data-status") == "regressing"
    assert "800.7 bn CNY (2025)" in card.text
    dash_duo.driver.get(dash_duo.server_url + "/history")
    states = {
        r.get_attribute("data-revision"): r.get_attribute("data-status")
        for r in dash_duo.find_elements("#revisions tbody tr")
    }
    assert states == {
        **{str(n): "committed" for n in range(1, FIRST_UPLOAD)},
        str(FIRST_UPLOAD): "rolled_back",
        str(FIRST_UPLOAD + 1): "committed",
    }
    assert dash_duo.get_logs() == []


def test_too_large_a_file_is_refused_in_the_browser_with_a_message(
    dash_duo, accounts_app, tmp_path
):
    dash_duo.start_server(accounts_app)
    sign_in(dash_duo, STAFF, "/upload")
    dash_duo.wait_for_element("#upload-file")
    big = tmp_path / "big.csv"
    big.write_bytes(b"indicator_id,period,value\n" + b"ECO-TRADE,2025Q1,1\n" * 700_000)
    choose_file(dash_duo, big)
    dash_duo.wait_for_contains_text("#upload-size-message", "too large")
    assert dash_duo.find_element("#upload-report").text == ""
    assert dash_duo.get_logs() == []


def test_the_same_file_twice_still_answers(dash_duo, accounts_app, tmp_path):
    dash_duo.start_server(accounts_app)
    sign_in(dash_duo, STAFF, "/upload")
    dash_duo.wait_for_element("#upload-file")
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD)
    choose_file(dash_duo, bad)
    dash_duo.wait_for_element("#upload-errors")
    first = dash_duo.find_element("#upload-report [data-upload]").get_attribute("data-upload")
    choose_file(dash_duo, bad)
    dash_duo.wait_for_element(f"#upload-report [data-upload]:not([data-upload='{first}'])")
    assert dash_duo.find_elements("#upload-errors tbody tr")
    assert dash_duo.get_logs() == []


def test_anonymous_visitors_are_asked_to_sign_in(dash_duo, accounts_app):
    dash_duo.start_server(accounts_app)
    dash_duo.driver.get(dash_duo.server_url + "/upload")
    dash_duo.wait_for_contains_text("#main", "Sign in with a staff account")
    assert not dash_duo.find_element("#upload-file").is_displayed()
    assert dash_duo.get_logs() == []


REACH = (
    "as_of,corridor,ports,countries_regions,source,note\n"
    "2025-09,西部陆海新通道,580,130,https://example.gov.cn/reach,browser test\n"
)


def ports_shown(dash_duo) -> str:
    return dash_duo.find_element("#reach-headline [data-count='ports'] .display-6").text


def test_staff_add_a_reach_snapshot_that_the_map_shows_and_an_admin_rolls_it_back(
    dash_duo, accounts_app, tmp_path
):
    dash_duo.start_server(accounts_app)
    sign_in(dash_duo, STAFF, "/upload?dataset=reach&lang=zh")
    assert "template-reach.csv" in dash_duo.wait_for_element("#template-csv").get_attribute("href")
    assert "通道通达范围快照" in dash_duo.find_element("#upload-dataset .active").text
    snapshot = tmp_path / "快照.csv"
    snapshot.write_text(REACH, encoding="utf-8")
    choose_file(dash_duo, snapshot)
    record = dash_duo.wait_for_element("#upload-preview-records [data-change='added']")
    assert record.get_attribute("data-key") == "2025-09 · land_sea"
    assert "580" in record.text and "130" in record.text
    click(dash_duo, dash_duo.find_element("#upload-confirm"))
    dash_duo.wait_for_contains_text("#upload-message", f"已保存为第 {FIRST_UPLOAD} 版")

    dash_duo.driver.get(dash_duo.server_url + "/corridors")
    dash_duo.wait_for_element("#world-map .geo .countries path")
    assert ports_shown(dash_duo) == "580"  # the newest snapshot is the default view
    assert "2025-09" in dash_duo.find_element("#reach-slider").text  # a new mark

    dash_duo.driver.delete_all_cookies()
    sign_in(dash_duo, ADMIN, f"/history?revision={FIRST_UPLOAD}")
    changed = dash_duo.wait_for_element("#revision-changes [data-change='added']")
    assert changed.get_attribute("data-key") == "2025-09 · land_sea"
    roll_back(dash_duo, naming="2025-09 · land_sea: withdrawn")
    dash_duo.driver.get(dash_duo.server_url + "/corridors")
    dash_duo.wait_for_element("#world-map .geo .countries path")
    assert ports_shown(dash_duo) == "563"
    assert dash_duo.get_logs() == []
