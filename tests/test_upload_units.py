"""Issue 11: the ``unit`` column and the plausibility warnings, through the CLI, the web upload
and the API, on a real SQLite file and a real PostgreSQL database (DOMAIN.md, "The quarterly
data file")."""

from __future__ import annotations

import base64
import csv
import io
import json

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import STAFF
from test_security import callback_body, sign_in, strings_in

from dashboard.app import create_app
from dashboard.cli import main as cli_main
from dashboard.core.units import CHINESE_SOURCE_UNIT
from dashboard.services.imports import commit_import, prepare_import
from dashboard.services.upload_template import template_csv, template_xlsx

#: The problem codes of the unit column and the plausibility warnings, exercised here (the
#: coverage check of test_ingest.py counts them).
UNIT_CODES_TESTED = {"unit_not_for_indicator", "value_implausible", "value_makes_achieved"}
CHINESE_HEADER = ["指标代码", "期间", "数值", "口径", "单位", "来源", "备注"]
SOURCE = "https://example.gov.cn/statistics"


def csv_file(*rows: list[str], header: list[str] = CHINESE_HEADER) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def codes(problems) -> list[tuple[str, int, str]]:
    return [(p.code, p.row, p.column) for p in problems]


# ----- conversion, kept as written ------------------------------------------------------------


def test_units_convert_exactly_and_the_unit_as_written_is_kept(seeded_store):
    data = csv_file(
        ["ENV-RMB-SETTLEMENT", "2025", "0.41", "annual", "万亿元", SOURCE, ""],
        ["ECO-TRADE", "2026Q1", "1935", "ytd", "亿元", SOURCE, ""],
        ["PLT-FTZ-ENTITIES", "2025", "23.5", "annual", "万户", SOURCE, ""],
        ["LOG-FREIGHT-VOLUME", "2026Q1", "8.2", "quarter", "万标箱", SOURCE, ""],
        ["ENV-PERSONNEL", "2026Q1", "62", "quarter", "万人次", SOURCE, ""],
        ["ECO-FDI", "2022", "18.6", "annual", "亿美元", SOURCE, ""],
        ["ECO-SERVICE-TRADE", "2025", "1.234", "annual", "bn CNY", SOURCE, ""],
    )
    prepared = prepare_import(seeded_store, data, "units.csv")
    assert prepared.ok, codes(prepared.errors)
    rows = prepared.validation.rows.set_index("indicator_id")
    expected = {
        "ENV-RMB-SETTLEMENT": (410.0, "0.41 万亿元"),
        "ECO-TRADE": (193.5, "1,935 亿元"),
        "PLT-FTZ-ENTITIES": (235_000.0, "23.5 万户"),
        "LOG-FREIGHT-VOLUME": (82_000.0, "8.2 万标箱"),
        "ENV-PERSONNEL": (0.62, "62 万人次"),
        "ECO-FDI": (1.86, "18.6 亿美元"),
        "ECO-SERVICE-TRADE": (1.234, "1.234 bn CNY"),
    }
    for indicator_id, (value, written) in expected.items():
        assert rows.loc[indicator_id, "value"] == value  # exactly, no float drift
        assert rows.loc[indicator_id, "as_written"] == written
    result = commit_import(seeded_store, prepared, "tester")
    current = seeded_store.current_observations().set_index(["indicator_id", "period"])
    assert current.loc[("ENV-RMB-SETTLEMENT", "2025"), "value"] == 410.0
    assert current.loc[("ENV-RMB-SETTLEMENT", "2025"), "as_written"] == "0.41 万亿元"
    assert current.loc[("ECO-TRADE", "2026Q1"), "revision_id"] == result.revision_id


def test_0_81584_trillion_is_815_84_billion_exactly(empty_store):
    data = csv_file(["ECO-TRADE", "2022", "0.81584", "annual", "万亿元", SOURCE, ""])
    prepared = prepare_import(empty_store, data, "trade.csv")
    assert prepared.validation.rows["value"].tolist() == [815.84]


def test_a_unit_that_does_not_fit_is_an_error_naming_the_units_that_do(seeded_store):
    data = csv_file(
        ["ECO-TRADE", "2025", "8000", "annual", "万吨", SOURCE, ""],
        ["LOG-TRAINS", "2025", "5000", "annual", "亿元", SOURCE, ""],
        ["ECO-HITECH-SHARE", "2025", "60", "annual", "%", SOURCE, ""],
    )
    prepared = prepare_import(seeded_store, data, "wrong.csv")
    assert not prepared.ok
    # The column as the file names it (单位), so staff find it.
    assert codes(prepared.errors) == [
        ("unit_not_for_indicator", 2, "单位"),
        ("unit_not_for_indicator", 3, "单位"),
    ]
    trade = prepared.errors[0]
    for lang in ("en", "zh"):
        message = trade.message(lang)
        assert "万吨" in message and "亿元" in message and "万亿元" in message
        assert "ECO-TRADE" in message
    assert "bn CNY" in trade.message("en")


def test_without_a_unit_the_value_is_in_the_indicators_unit(seeded_store):
    data = b"indicator_id,period,value,basis,source\nECO-TRADE,2026Q1,193.5,ytd,https://a.b/c\n"
    prepared = prepare_import(seeded_store, data, "plain.csv")
    assert prepared.ok
    assert prepared.validation.rows["value"].tolist() == [193.5]
    assert prepared.validation.rows["as_written"].tolist() == [None]


# ----- templates -------------------------------------------------------------------------------


def _template_rows(data: bytes) -> dict[str, dict[str, str]]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    return {
        row["indicator_id / 指标代码"]: row
        for row in reader
        if not row["indicator_id / 指标代码"].startswith("#") and row["indicator_id / 指标代码"]
    }


def test_the_chinese_template_prefills_the_units_chinese_sources_use(seeded_store):
    catalogue = seeded_store.indicators()
    chinese = _template_rows(template_csv(catalogue, "zh"))
    english = _template_rows(template_csv(catalogue, "en"))
    assert chinese["ECO-TRADE"]["unit / 单位"] == "亿元"
    assert chinese["LOG-PORT-THROUGHPUT"]["unit / 单位"] == "万吨"
    assert chinese["LOG-FREIGHT-VOLUME"]["unit / 单位"] == "万标箱"
    assert chinese["ENV-PERSONNEL"]["unit / 单位"] == "万人次"
    assert chinese["ECO-FDI"]["unit / 单位"] == "亿美元"
    assert english["ECO-TRADE"]["unit / 单位"] == "billion CNY"
    units = dict(zip(catalogue["indicator_id"], catalogue["unit"], strict=True))
    for indicator_id, row in chinese.items():
        assert row["unit / 单位"] == CHINESE_SOURCE_UNIT[units[indicator_id]]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_filled_template_in_either_language_converts_its_units(seeded_store, lang):
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(seeded_store.indicators(), lang)))
    sheet = book["data"]
    header = [cell.value for cell in sheet[1]]
    for cells in sheet.iter_rows(min_row=2):
        if cells[0].value == "ECO-TRADE":
            cells[header.index("period / 期间")].value = "2026Q1"
            cells[header.index("value / 数值")].value = "1935" if lang == "zh" else "193.5"
            cells[header.index("basis / 口径")].value = "ytd"
            cells[header.index("source / 来源")].value = SOURCE
    buffer = io.BytesIO()
    book.save(buffer)
    prepared = prepare_import(seeded_store, buffer.getvalue(), "filled.xlsx")
    assert prepared.ok, codes(prepared.errors)
    assert prepared.validation.rows["value"].tolist() == [193.5]


# ----- plausibility warnings ------------------------------------------------------------------


def test_a_unit_slip_in_the_real_2025_freight_value_is_a_warning_with_both_figures(seeded_store):
    # 2025 freight value is 58.31 bn CNY; typed in 亿元 into the bn column it reads 583.1.
    data = csv_file(["LOG-FREIGHT-VALUE", "2025", "583.1", "annual", "", SOURCE, ""])
    prepared = prepare_import(seeded_store, data, "slip.csv")
    assert prepared.ok  # a warning, never a refusal
    [warning] = [w for w in prepared.warnings if w.code == "value_implausible"]
    assert (warning.row, warning.column) == (2, "数值")
    # Compared with the value in force for the same year (58.31), the nearest one.
    assert "583.1" in warning.message("en") and "58.31 (2025)" in warning.message("en")
    assert "check the unit" in warning.message("en") and "请检查单位" in warning.message("zh")


def test_a_genuine_40_percent_year_is_not_flagged(seeded_store):
    data = csv_file(["LOG-FREIGHT-VOLUME", "2026", "458780", "annual", "", SOURCE, ""])
    prepared = prepare_import(seeded_store, data, "growth.csv")
    assert prepared.ok
    assert [w.code for w in prepared.warnings if w.code.startswith("value_")] == []


def test_a_value_that_makes_a_target_achieved_in_one_step_is_a_warning(seeded_store):
    # Foreign trade is regressing at 800.68 bn CNY in 2025; 11,500 亿元 typed as bn is 11,500.
    data = csv_file(["ECO-TRADE", "2026", "1150", "annual", "", SOURCE, ""])
    prepared = prepare_import(seeded_store, data, "jump.csv")
    assert "value_makes_achieved" in [w.code for w in prepared.warnings]
    assert "check the unit" in prepared.warnings[-1].message("en")


def test_the_cli_converts_units_and_strict_refuses_implausible_values(seeded_store, tmp_path):
    url = seeded_store.engine.url.render_as_string(hide_password=False)
    runner = CliRunner()
    env = {"DASHBOARD_DATABASE_URL": url}
    good = tmp_path / "good.csv"
    good.write_bytes(csv_file(["ENV-RMB-SETTLEMENT", "2025", "4100", "annual", "亿元", SOURCE, ""]))
    done = runner.invoke(cli_main, ["import", str(good)], env=env)
    assert done.exit_code == 0, done.output
    value = seeded_store.current_observations().set_index(["indicator_id", "period"])
    assert value.loc[("ENV-RMB-SETTLEMENT", "2025"), "value"] == 410.0
    slip = tmp_path / "slip.csv"
    slip.write_bytes(csv_file(["LOG-FREIGHT-VALUE", "2025", "583.1", "annual", "", SOURCE, ""]))
    refused = runner.invoke(cli_main, ["import", "--strict", str(slip)], env=env)
    assert refused.exit_code != 0
    assert "check the unit" in refused.output
    current = seeded_store.current_observations().set_index(["indicator_id", "period"])
    assert current.loc[("LOG-FREIGHT-VALUE", "2025"), "value"] == 58.31  # nothing written


# ----- the web upload and the API --------------------------------------------------------------


@pytest.fixture
def staff_client(seeded_store):
    url = seeded_store.engine.url.render_as_string(hide_password=False)
    seeded_store.accounts.add(*STAFF, "staff")
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "test-secret-key"})
    client = app.test_client()
    sign_in(client, STAFF)
    return app, client


def _payload(data: bytes) -> dict:
    encoded = base64.b64encode(data).decode("ascii")
    return {"contents": f"data:text/csv;base64,{encoded}", "filename": "q.csv", "at": 1}


LIMITS = {"lang": "en", "max_bytes": 10 * 1024 * 1024, "too_large": "too large"}


def test_the_web_preview_shows_the_conversion_and_the_warning_needs_the_tick(staff_client):
    app, client = staff_client
    data = csv_file(
        ["ENV-RMB-SETTLEMENT", "2025", "3935", "annual", "亿元", SOURCE, ""],
        ["LOG-FREIGHT-VALUE", "2025", "583.1", "annual", "", SOURCE, ""],
    )
    preview = callback_body(
        app,
        "upload-report.children",
        inputs=[{"id": "upload-payload", "property": "data", "value": _payload(data)}],
        state=[{"id": "upload-limits", "property": "data", "value": LIMITS}],
    )
    response = client.post("/_dash-update-component", json=preview)
    assert response.status_code == 200
    text = " ".join(strings_in(response.get_json()["response"]["upload-report"]["children"]))
    assert "3,935 亿元 → 393.5 bn CNY" in text
    assert "check the unit" in text
    confirm = callback_body(
        app,
        "upload-outcome.children",
        inputs=[{"id": "upload-confirm", "property": "n_clicks", "value": 1}],
        state=[
            {"id": "upload-pending", "property": "data", "value": _payload(data)},
            {"id": "upload-accept-warnings", "property": "value", "value": []},
            {"id": "upload-limits", "property": "data", "value": LIMITS},
        ],
    )
    unticked = client.post("/_dash-update-component", json=confirm)
    assert unticked.status_code == 200
    assert "upload-message" in json.dumps(unticked.get_json())
    progress = {
        i["indicator_id"]: i for i in client.get("/api/v1/progress").get_json()["indicators"]
    }
    assert progress["ENV-RMB-SETTLEMENT"]["latest_value"] == 393.5  # the shipped 2024 value
    confirm["state"][1]["value"] = ["yes"]
    ticked = client.post("/_dash-update-component", json=confirm)
    assert ticked.status_code == 200
    progress = client.get("/api/v1/progress").get_json()["indicators"]
    settled = {i["indicator_id"]: i for i in progress}["ENV-RMB-SETTLEMENT"]
    assert settled["latest_value"] == 393.5 and settled["latest_period"] == "2025Q4"
