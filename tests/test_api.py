"""The JSON API contract: /healthz, /api/v1/indicators, /api/v1/progress, and its errors."""

from __future__ import annotations

import math

import pytest

from dashboard.app import create_app
from dashboard.core.progress import STATUSES

TEST_SECRET = "test-secret-key"

PROGRESS_KEYS = {
    "indicator_id", "pillar", "kind", "unit", "status", "baseline_period", "baseline_value",
    "latest_period", "latest_value", "target_period", "target_value", "target_growth",
    "progress", "cagr_observed", "cagr_required", "ratio", "expected_value", "projected_value",
    "yoy_growth", "source",
    # issue 11: the age of the latest value, whether it is stale, and x_t / x* (level targets)
    "latest_age_quarters", "stale", "target_share",
}  # fmt: skip


@pytest.fixture
def client(seeded_store):
    url = seeded_store.engine.url.render_as_string(hide_password=False)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": TEST_SECRET})
    return app.test_client()


def assert_error(response, status: int, fragment: str) -> None:
    """The one documented error shape."""
    assert response.status_code == status
    assert response.is_json
    body = response.get_json()
    assert body["ok"] is False
    assert body["status"] == status
    assert fragment in body["error"]


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"ok": True, "database": "ok"}  # issue 6: checks the database


def test_indicators_lists_the_catalogue(client):
    body = client.get("/api/v1/indicators").get_json()
    ids = [item["indicator_id"] for item in body["indicators"]]
    assert len(ids) == 15 and ids[0] == "LOG-TRAINS" and "ECO-TRADE" in ids
    trade = next(i for i in body["indicators"] if i["indicator_id"] == "ECO-TRADE")
    assert trade["target_value"] == 1100 and trade["target_growth"] is None
    assert trade["unit"] == "billion CNY" and trade["name_zh"]


def test_progress_has_exactly_the_documented_keys(client):
    body = client.get("/api/v1/progress").get_json()
    assert body["as_of"] == "2025Q4"  # newest quarter with data: the 2025 annual trade figure
    assert len(body["indicators"]) == 15
    for item in body["indicators"]:
        assert set(item) == PROGRESS_KEYS
        assert item["status"] in STATUSES
        for key, value in item.items():
            assert not (isinstance(value, float) and math.isnan(value)), key


def test_progress_age_stale_and_target_share_follow_domain(client):
    body = client.get("/api/v1/progress?as_of=2027Q4").get_json()
    for item in body["indicators"]:
        if item["latest_period"] is None:
            assert item["latest_age_quarters"] is None and item["stale"] is None
            continue
        year, quarter = item["latest_period"].split("Q")
        age = (2027 * 4 + 3) - (int(year) * 4 + int(quarter) - 1)
        assert item["latest_age_quarters"] == age
        assert item["stale"] is (age > 4)
        if item["kind"] == "growth":
            assert item["target_share"] is None
        else:
            assert item["target_share"] == pytest.approx(
                item["latest_value"] / item["target_value"]
            )


def test_progress_values_for_foreign_trade(client):
    body = client.get("/api/v1/progress?as_of=2025Q4").get_json()
    trade = next(i for i in body["indicators"] if i["indicator_id"] == "ECO-TRADE")
    # x0 = 815.84 (2022), xt = 800.68 (2025), n = 12, N = 20, x* = 1100
    assert trade["baseline_value"] == 815.84 and trade["latest_value"] == 800.68
    assert trade["latest_period"] == "2025Q4" and trade["baseline_period"] == "2022Q4"
    assert trade["cagr_observed"] == pytest.approx((800.68 / 815.84) ** (4 / 12) - 1)
    assert trade["cagr_required"] == pytest.approx((1100 / 815.84) ** (4 / 20) - 1)
    assert trade["status"] == "regressing"
    assert trade["target_growth"] is None and trade["yoy_growth"] == pytest.approx(
        800.68 / 715.42 - 1
    )


def test_progress_growth_target_reports_rate_as_fraction(client):
    body = client.get("/api/v1/progress").get_json()
    volume = next(i for i in body["indicators"] if i["indicator_id"] == "LOG-FREIGHT-VOLUME")
    assert volume["target_growth"] == 0.15 and volume["target_value"] is None
    assert volume["progress"] is None
    assert volume["status"] == "on_track"


def test_progress_without_data_is_null_not_nan(client):
    body = client.get("/api/v1/progress").get_json()
    trains = next(i for i in body["indicators"] if i["indicator_id"] == "LOG-TRAINS")
    assert trains["status"] == "insufficient_data"
    assert trains["latest_value"] is None and trains["ratio"] is None
    assert trains["baseline_value"] is None and trains["source"] is None


def test_progress_pillar_filter(client):
    body = client.get("/api/v1/progress?pillar=logistics").get_json()
    assert {i["pillar"] for i in body["indicators"]} == {"logistics"}
    assert len(body["indicators"]) == 5


def test_progress_as_of_earlier_changes_the_answer(client):
    body = client.get("/api/v1/progress?as_of=2024Q4&pillar=economy").get_json()
    assert body["as_of"] == "2024Q4"
    trade = next(i for i in body["indicators"] if i["indicator_id"] == "ECO-TRADE")
    assert trade["latest_value"] == 715.42 and trade["latest_period"] == "2024Q4"


def test_progress_accepts_other_quarter_spellings(client):
    body = client.get("/api/v1/progress", query_string={"as_of": "2025年第三季度"}).get_json()
    assert body["as_of"] == "2025Q3"


@pytest.mark.parametrize(
    ("url", "status", "fragment"),
    [
        ("/api/v1/progress?as_of=2025Q5", 400, "as_of"),
        ("/api/v1/progress?as_of=yesterday", 400, "as_of"),
        ("/api/v1/progress?as_of=2025", 400, "as_of"),
        ("/api/v1/progress?pillar=space", 400, "pillar"),
        ("/api/v1/nothing-here", 404, "no such API endpoint"),
    ],
)
def test_errors_have_one_shape(client, url, status, fragment):
    assert_error(client.get(url), status, fragment)


def test_method_not_allowed_is_json(client):
    assert_error(client.post("/api/v1/progress"), 405, "not allowed")


def test_server_refuses_a_body_over_the_upload_limit(client, seeded_store):
    """MAX_CONTENT_LENGTH: the browser's check can be bypassed, the server's cannot."""
    before = seeded_store.data_version()
    limit = client.application.config["MAX_CONTENT_LENGTH"]
    response = client.post(
        "/_dash-update-component",
        data=b"{" + b" " * (limit + 1) + b"}",
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert seeded_store.data_version() == before
