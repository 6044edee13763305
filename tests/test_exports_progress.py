"""The progress table as CSV and XLSX (issue 6): the overview's view, in the reader's language.

Every download goes through the real app (Flask test client) over a real SQLite file, and is
opened the way its readers open it: ``pandas.read_csv`` / ``pandas.read_excel`` with no
options, and openpyxl for what a spreadsheet sees (numbers as numbers, text never a formula).
The figures are compared with ``Store.progress`` for the same view, which the overview shows.
"""

from __future__ import annotations

import io
import math
from datetime import UTC, datetime

import openpyxl
import pandas as pd
import pytest

from dashboard.i18n import t
from dashboard.services.imports import commit_import, prepare_import
from dashboard.services.progress_export import (
    PROGRESS_EXPORT_COLUMNS,
    PROGRESS_NUMBER_COLUMNS,
    progress_csv_bytes,
    progress_export,
)
from dashboard.services.seed import init_db
from dashboard.store.repository import Store

BOM = b"\xef\xbb\xbf"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: (as_of, pillar) views: the default, a past quarter, one pillar, both.
VIEWS = [(None, None), ("2024Q4", None), (None, "logistics"), ("2024Q4", "economy")]
#: What a spreadsheet would run as a formula, as a source text of an uploaded figure.
FORMULA_SOURCE = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture
def client(make_app):
    return make_app().server.test_client()


@pytest.fixture
def store(sqlite_url):
    """The same database the app serves (read after the app seeded it)."""
    store = Store.from_url(sqlite_url)
    yield store
    store.engine.dispose()


def download(client, fmt: str, **params: str | None):
    query = {k: v for k, v in params.items() if v is not None}
    return client.get(f"/export/progress.{fmt}", query_string=query)


def headers(lang: str) -> list[str]:
    return [t(f"export.col.{c}", lang) for c in PROGRESS_EXPORT_COLUMNS]


def expected_file_name(as_of: str, pillar: str | None, lang: str, fmt: str) -> str:
    return f"vision2027-progress-{as_of}-{pillar or 'all'}-{lang}.{fmt}"


def assert_same_as_the_store(frame: pd.DataFrame, progress: pd.DataFrame, lang: str, pillar):
    """Row by row, the export holds the store's figures for the view, in the store's order."""
    column = {c: t(f"export.col.{c}", lang) for c in PROGRESS_EXPORT_COLUMNS}
    assert list(frame.columns) == headers(lang)
    assert frame[column["indicator_id"]].tolist() == progress["indicator_id"].tolist()
    assert set(frame[column["as_of"]]) == {progress.attrs["as_of"]}
    assert set(frame[column["pillar_filter"]]) == {t(f"pillar.{pillar or 'all'}", lang)}
    assert frame[column["status"]].tolist() == [t(f"status.{s}", lang) for s in progress["status"]]
    assert frame[column["pillar"]].tolist() == [t(f"pillar.{p}", lang) for p in progress["pillar"]]
    names = progress["name_zh" if lang == "zh" else "name_en"].tolist()
    assert frame[column["indicator_name"]].tolist() == names
    for key in PROGRESS_NUMBER_COLUMNS:
        for got, want in zip(frame[column[key]], progress[key], strict=True):
            if want is None or (isinstance(want, float) and math.isnan(want)):
                assert pd.isna(got), key
            else:
                assert got == pytest.approx(float(want), rel=1e-12), key


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("as_of", "pillar"), VIEWS)
def test_csv_opens_with_plain_read_csv_and_holds_the_store_figures(
    client, store, lang, as_of, pillar
):
    response = download(client, "csv", as_of=as_of, pillar=pillar, lang=lang)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    progress = store.progress(as_of=as_of, pillar=pillar)
    name = expected_file_name(progress.attrs["as_of"], pillar, lang, "csv")
    assert response.headers["Content-Disposition"] == f"attachment; filename={name}"
    assert response.data.startswith(BOM)  # Excel in China needs it to read UTF-8
    frame = pd.read_csv(io.BytesIO(response.data))
    assert_same_as_the_store(frame, progress, lang, pillar)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("as_of", "pillar"), VIEWS)
def test_xlsx_opens_with_plain_read_excel_and_holds_the_store_figures(
    client, store, lang, as_of, pillar
):
    response = download(client, "xlsx", as_of=as_of, pillar=pillar, lang=lang)
    assert response.status_code == 200
    assert response.mimetype == XLSX_TYPE
    progress = store.progress(as_of=as_of, pillar=pillar)
    name = expected_file_name(progress.attrs["as_of"], pillar, lang, "xlsx")
    assert response.headers["Content-Disposition"] == f"attachment; filename={name}"
    frame = pd.read_excel(io.BytesIO(response.data))
    assert_same_as_the_store(frame, progress, lang, pillar)


def test_the_shown_figures_in_english(client):
    """ECO-TRADE as its card shows it: 800.7 bn CNY in 2025, regressing, 1,100 bn by 2027."""
    frame = pd.read_csv(io.BytesIO(download(client, "csv", as_of="2025Q4").data))
    trade = frame.set_index("Indicator id").loc["ECO-TRADE"]
    assert trade["Status"] == "Regressing"
    assert trade["Latest value"] == 800.68 and trade["Unit"] == "billion CNY"
    assert trade["Latest period"] == "2025 (full year)"
    assert trade["Baseline value"] == 815.84 and trade["Baseline period"] == "2022Q4"
    assert trade["Target 2027 (as stated)"] == "1,100 bn CNY"
    assert trade["Target value 2027"] == 1100
    assert trade["Expected by now (required path)"] == pytest.approx(976.06, abs=0.01)
    assert trade["Projected 2027 (observed rate)"] == pytest.approx(790.73, abs=0.01)
    assert trade["Ratio of observed to required growth"] == pytest.approx(-0.1012, abs=1e-4)
    assert trade["Observed growth a year (fraction)"] == pytest.approx(-0.0062, abs=1e-4)
    assert trade["Required growth a year (fraction)"] == pytest.approx(0.0616, abs=1e-4)
    assert "https://163.com/dy/article/KK6VB3I9053469M5.html" in trade["Source"]
    assert trade["Illustrative data"] == "no"
    volume = frame.set_index("Indicator id").loc["LOG-FREIGHT-VOLUME"]
    assert volume["Latest period"] == "2025 (full year)"
    assert volume["Target growth a year (fraction)"] == 0.15
    assert pd.isna(volume["Target value 2027"])
    assert volume["Target 2027 (as stated)"] == "over 15% a year"
    # A target without data: its row is there, with empty figures (never a guessed zero).
    trains = frame.set_index("Indicator id").loc["LOG-TRAINS"]
    assert trains["Status"] == "Insufficient data" and pd.isna(trains["Latest value"])


def test_the_shown_figures_in_chinese(client):
    frame = pd.read_excel(io.BytesIO(download(client, "xlsx", pillar="economy", lang="zh").data))
    trade = frame.set_index("指标代码").loc["ECO-TRADE"]
    assert trade["指标"] == "外贸进出口总额"
    assert trade["状态"] == "倒退"
    assert trade["板块"] == "开放型经济高质量发展示范区" == trade["板块筛选"]
    assert trade["最新数值"] == 800.68 and trade["单位"] == "十亿元"
    assert trade["最新期间"] == "2025年（全年）"
    assert trade["2027 年目标（表述）"] == "1.1万亿元"
    assert trade["示例数据"] == "否"
    # The pillar filter leaves the other pillars out.
    assert len(frame) == 5 and frame["指标代码"].str.startswith("ECO-").all()


def test_xlsx_cells_are_numbers_and_rates_are_shown_as_percentages(client):
    book = openpyxl.load_workbook(io.BytesIO(download(client, "xlsx").data))
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header == headers("en")
    rows = {row[3].value: row for row in sheet.iter_rows(min_row=2)}
    trade = rows["ECO-TRADE"]
    by_key = dict(zip(PROGRESS_EXPORT_COLUMNS, trade, strict=True))
    for key in ("latest_value", "baseline_value", "target_value", "expected_value", "ratio"):
        assert by_key[key].data_type == "n" and isinstance(by_key[key].value, float | int)
    assert by_key["cagr_observed"].number_format == "0.0%"
    assert by_key["latest_value"].value == 800.68
    assert by_key["target_growth"].value is None  # undefined stays empty, not 0 or "nan"
    assert by_key["status"].data_type == "s"
    assert sheet.freeze_panes == "E2"


def test_xlsx_about_sheet_names_the_view(client):
    response = download(client, "xlsx", as_of="2024Q4", pillar="logistics", lang="zh")
    about = pd.read_excel(io.BytesIO(response.data), sheet_name=1, header=None)
    facts = dict(zip(about[0], about[1], strict=True))
    assert facts["截至"] == "2024Q4"
    assert facts["板块筛选"] == "内陆国际物流枢纽和口岸经济"
    assert facts["语言"] == "简体中文"
    assert facts["示例数据"] == "否"
    assert facts["目标数"] == 5
    assert facts["生成时间"].endswith("UTC")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["进展", "说明"]


def test_illustrative_data_is_flagged_in_the_rows_and_the_about_sheet(make_app):
    client = make_app(demo=True).server.test_client()
    frame = pd.read_csv(io.BytesIO(download(client, "csv").data))
    assert set(frame["Illustrative data"]) == {"yes"}
    about = pd.read_excel(io.BytesIO(download(client, "xlsx").data), sheet_name=1, header=None)
    facts = dict(zip(about[0].fillna(""), about[1], strict=True))
    assert facts["Illustrative data"] == "yes"
    assert t("banner.illustrative", "en") in set(about[1])


def test_formula_like_sources_are_neutralised_in_both_formats(client, store):
    """A figure uploaded with a formula for a source opens as text, never as a formula."""
    upload = (
        "indicator_id,period,value,basis,source\n"
        f'ECO-TRADE,2025,801,annual,"{FORMULA_SOURCE.replace(chr(34), chr(34) * 2)}"\n'
        "ECO-FORTUNE500,2025,323,annual,@SUM(A1:A9)\n"
        "LOG-FREIGHT-VOLUME,2025,327700,annual,-1+2 per the corridor office\n"
    ).encode()
    prepared = prepare_import(store, upload, "sources.csv")
    assert prepared.ok, prepared.errors
    assert commit_import(store, prepared, "tester").revision_id is not None

    csv_frame = pd.read_csv(io.BytesIO(download(client, "csv").data)).set_index("Indicator id")
    assert csv_frame.loc["ECO-TRADE", "Source"] == "'" + FORMULA_SOURCE
    assert csv_frame.loc["ECO-FORTUNE500", "Source"] == "'@SUM(A1:A9)"
    assert csv_frame.loc["LOG-FREIGHT-VOLUME", "Source"] == "'-1+2 per the corridor office"
    assert csv_frame.loc["ECO-TRADE", "Latest value"] == 801  # the new figure is shown

    book = openpyxl.load_workbook(io.BytesIO(download(client, "xlsx").data))
    sheet = book.worksheets[0]
    source_column = PROGRESS_EXPORT_COLUMNS.index("source")
    sources = {row[3].value: row[source_column] for row in sheet.iter_rows(min_row=2)}
    assert sources["ECO-TRADE"].value == "'" + FORMULA_SOURCE
    assert sources["ECO-TRADE"].data_type == "s"  # stored as text, not as a formula
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row), (
        "no cell of the export is a formula"
    )


@pytest.mark.parametrize(
    ("query", "status", "fragment"),
    [
        ({"as_of": "2025Q9"}, 400, "as_of"),
        ({"as_of": "yesterday"}, 400, "as_of"),
        ({"pillar": "nope"}, 400, "unknown pillar"),
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_bad_view_is_a_400_in_the_api_error_shape(client, fmt, query, status, fragment):
    response = client.get(f"/export/progress.{fmt}", query_string=query)
    assert response.status_code == status
    body = response.get_json()
    assert body["ok"] is False and body["status"] == status and fragment in body["error"]


def test_an_unknown_format_is_a_404_in_the_api_error_shape(client):
    response = client.get("/export/progress.pdf")
    assert response.status_code == 404
    assert response.get_json() == {
        "ok": False,
        "error": "no progress export in format 'pdf'; use csv or xlsx",
        "status": 404,
    }


def test_an_unknown_language_falls_back_to_english(client):
    response = download(client, "csv", lang="fr")
    assert response.headers["Content-Disposition"].endswith("-all-en.csv")
    assert pd.read_csv(io.BytesIO(response.data)).columns[0] == "As of"


def test_the_frame_builder_is_pure_and_reusable(store):
    """No Flask needed: the command line can build the same table from a store."""
    init_db(store)
    progress = store.progress(as_of="2025Q4")
    when = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
    export = progress_export(progress, "zh-CN", "environment", generated_at=when)
    assert export.lang == "zh" and export.pillar == "environment"
    assert export.file_name("csv") == "vision2027-progress-2025Q4-environment-zh.csv"
    assert export.rows["indicator_id"].tolist() == ["ENV-RMB-SETTLEMENT", "ENV-PERSONNEL"]
    assert ("生成时间", "2026-01-02 03:04 UTC") in export.about()
    text = progress_csv_bytes(export).decode("utf-8-sig")
    assert text.splitlines()[0].split(",")[:3] == ["截至", "板块筛选", "板块"]
