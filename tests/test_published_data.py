"""The shipped published figures (issue 11, part 1): cited publications with addresses, the
newly published figures in place, conflicts resolved, ambiguous measures left unjudged and
shown as context on their indicator pages, and an upload template whose examples are never
data."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from dash.development.base_component import Component

from dashboard.core.progress import INSUFFICIENT
from dashboard.core.sources import PLAN_SOURCE, citations
from dashboard.services.imports import commit_import, prepare_import
from dashboard.services.seed import DATA_DIR, init_db, load_catalogue
from dashboard.services.upload_template import EXAMPLE_SOURCE, template_csv, template_xlsx
from dashboard.store.reference import context_figures
from dashboard.store.repository import Store

ADDRESS = re.compile(r"https?://\S+")
#: What a shipped text must never name: a project file, a seed, the research lists, an issue.
INTERNAL = re.compile(r"seeds/|FIGURES|[Ii]ssue |\.md\b|\.txt\b")
SHIPPED_CONFIDENCE = {"H", "M-H", "M"}


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / name, dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.fixture(scope="module")
def observations() -> pd.DataFrame:
    return read("observations.csv")


def value(observations: pd.DataFrame, indicator_id: str, period: str) -> tuple[float, str]:
    row = observations[
        (observations["indicator_id"] == indicator_id) & (observations["period"] == period)
    ]
    assert len(row) == 1, (indicator_id, period)
    return float(row["value"].iloc[0]), row["basis"].iloc[0]


# ----- every shipped figure is cited -----------------------------------------------------------


def test_every_observation_cites_an_address_and_an_h_or_m_confidence(observations):
    assert len(observations) == 46
    for _, row in observations.iterrows():
        key = (row["indicator_id"], row["period"])
        assert ADDRESS.search(row["source"]), key
        assert all(c.address for c in citations(row["source"])), key
        assert row["confidence"] in SHIPPED_CONFIDENCE, key
        assert "as published" in row["note"], key  # the value and unit as written


@pytest.mark.parametrize(
    ("name", "column"),
    [
        ("observations.csv", "source"),
        ("context_figures.csv", "source"),
        ("corridor_reach.csv", "source"),
        ("destinations.csv", "source"),
        ("routes.csv", "source"),
        ("country_names.csv", "source"),
        ("indicators.csv", "target_source"),
    ],
)
def test_every_shipped_source_has_an_address(name, column):
    frame = read(name)
    missing = [text for text in frame[column] if not ADDRESS.search(text)]
    assert missing == []


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.csv")), ids=lambda p: p.name)
def test_no_text_in_data_names_an_internal_file(path: Path):
    """Sources and notes cite publications, never a seed file, a research list or an issue."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    found = [
        (column, text)
        for column in frame.columns
        for text in frame[column]
        if INTERNAL.search(ADDRESS.sub("", text))
    ]
    assert found == []


def test_the_plan_is_cited_by_its_title_and_address():
    catalogue = load_catalogue()
    assert set(catalogue["target_source"]) == {PLAN_SOURCE}
    (plan,) = citations(PLAN_SOURCE)
    assert plan.label == "“Building Chongqing's Inland Open Economy” (iChongqing, 2023)"
    assert plan.address.startswith("http://www.chongqinglifeguide.com/")


def test_context_figures_name_known_targets_and_cite_addresses():
    figures = context_figures()
    known = set(load_catalogue()["indicator_id"])
    assert set(figures["indicator_id"]) - {""} <= known
    assert figures["source"].str.contains(r"https?://", regex=True).all()
    assert set(figures["confidence"]) <= SHIPPED_CONFIDENCE


# ----- the newly published figures ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator_id", "period", "expected", "basis"),
    [
        ("LOG-FREIGHT-VOLUME", "2021", 112000, "annual"),
        ("LOG-FREIGHT-VOLUME", "2022", 148000, "annual"),
        ("LOG-FREIGHT-VOLUME", "2024", 251800, "annual"),
        ("LOG-FREIGHT-VOLUME", "2025", 327700, "annual"),
        ("LOG-FREIGHT-VOLUME", "2021Q1", 19588, "quarter"),
        ("LOG-FREIGHT-VOLUME", "2022Q1", 26000, "quarter"),
        ("LOG-FREIGHT-VOLUME", "2023Q2", 78000, "ytd"),
        ("LOG-FREIGHT-VOLUME", "2025Q1", 64000, "quarter"),
        ("LOG-FREIGHT-VALUE", "2021", 18.7, "annual"),
        ("LOG-FREIGHT-VALUE", "2022", 25.12, "annual"),
        ("LOG-FREIGHT-VALUE", "2024", 46.7, "annual"),
        ("LOG-FREIGHT-VALUE", "2025", 58.31, "annual"),
        ("LOG-FREIGHT-VALUE", "2025Q1", 11.587, "quarter"),
        ("ECO-TRADE", "2021", 800.059, "annual"),
        ("ECO-TRADE", "2023", 713.74, "annual"),
        ("ECO-TRADE", "2021Q2", 376.6, "ytd"),
        ("ECO-TRADE", "2022Q1", 197, "ytd"),
        ("ECO-TRADE", "2022Q3", 625.95, "ytd"),
        ("ENV-RMB-SETTLEMENT", "2022", 326.02, "annual"),
        ("ENV-PERSONNEL", "2023", 0.806, "annual"),
        ("ENV-PERSONNEL", "2024", 1.9, "annual"),
        ("ENV-PERSONNEL", "2025", 2.48, "annual"),
        ("PLT-CCI-FINANCING", "2024", 1.1, "annual"),
        ("ECO-FDI", "2021", 2.236, "annual"),
    ],
)
def test_the_published_figure_is_shipped_in_the_indicators_unit(
    observations, indicator_id, period, expected, basis
):
    assert value(observations, indicator_id, period) == (pytest.approx(expected), basis)


def test_conflicts_keep_the_official_figure(observations):
    # 2024 freight: the port office's 251,800 TEU / 46.7 bn, not the unaddressed "over 249,000"
    assert value(observations, "LOG-FREIGHT-VOLUME", "2024")[0] == 251800
    assert value(observations, "LOG-FREIGHT-VALUE", "2024")[0] == 46.7
    assert (
        "249,000"
        in observations.set_index(["indicator_id", "period"]).loc[
            ("LOG-FREIGHT-VOLUME", "2024"), "note"
        ]
    )
    # 2022 freight: the work report's "over 148,000" (H), not the repost's "nearly 150,000" (M)
    assert value(observations, "LOG-FREIGHT-VOLUME", "2022")[0] == 148000


def test_fdi_is_the_fdi_measure_and_the_broad_measure_is_context(observations):
    fdi = observations[observations["indicator_id"] == "ECO-FDI"]
    assert fdi["value"].astype(float).max() < 3  # FDI, not the ~10 bn USD broad measure
    figures = context_figures().set_index("figure_id")
    broad = figures[figures["label_en"].str.contains("broad measure")]
    assert {"eco-actual-foreign-capital-2019", "eco-actual-foreign-capital-2020"} <= set(
        broad.index
    )
    assert (broad["indicator_id"] == "ECO-FDI").all()
    # the broad measure is not presented as "a related target measured differently"
    assert not broad["note"].str.contains("ECO-FDI", regex=False).any()


def test_ambiguous_measures_are_context_only(observations):
    assert not observations["indicator_id"].isin(["LOG-ROUTES", "LOG-TRAINS"]).any()
    figures = context_figures()
    routes = figures[figures["indicator_id"] == "LOG-ROUTES"].set_index("figure_id")
    assert routes.loc["air-routes-opened-2022-05", "value"] == 106
    assert routes.loc["air-routes-2025", "value"] == 38
    assert routes.loc["air-routes-cargo-2025-12", "value"] == 21
    trains = figures[figures["indicator_id"] == "LOG-TRAINS"]
    assert len(trains) >= 10
    assert "中欧班列（成渝）开行量" in set(trains["label_zh"])


def test_the_chinese_name_of_log_routes_says_what_the_target_counts():
    name = load_catalogue().set_index("indicator_id").loc["LOG-ROUTES", "name_zh"]
    assert "航线" not in name and "线路" in name


# ----- what the shipped data judges --------------------------------------------------------------


def test_the_shipped_data_judges_seven_targets(tmp_path):
    """Seven of the 15 targets are judged on published data alone; the others lack a baseline
    or (LOG-ROUTES, LOG-TRAINS) a figure of their own measure."""
    store = Store.from_url(f"sqlite:///{tmp_path / 'tracker.db'}")
    init_db(store)
    progress = store.progress().set_index("indicator_id")
    judged = progress[progress["status"] != INSUFFICIENT]["status"].to_dict()
    assert judged == {
        "LOG-FREIGHT-VOLUME": "on_track",  # 148,000 (2022) -> 327,700 TEU (2025)
        "LOG-FREIGHT-VALUE": "on_track",  # 25.12 -> 58.31 bn CNY
        "ECO-TRADE": "regressing",  # 815.84 -> 800.68 bn CNY
        "ECO-FORTUNE500": "limited_progress",  # 319 (2023Q3) -> 322
        "PLT-CCI-FINANCING": "achieved",  # 1.1 bn USD in 2024 passes "over 1"
        "ENV-RMB-SETTLEMENT": "achieved",  # 393.5 bn CNY in 2024 passes 330
        "ENV-PERSONNEL": "on_track",  # no 2022 figure: the 2023 one stands in as baseline
    }
    assert progress.loc["ENV-PERSONNEL", "baseline_period"] == "2023Q4"
    assert progress.loc["LOG-ROUTES", "status"] == INSUFFICIENT
    assert progress.loc["LOG-TRAINS", "status"] == INSUFFICIENT
    store.engine.dispose()


# ----- the upload template: examples are never data ----------------------------------------------


@pytest.fixture
def store(tmp_path):
    store = Store.from_url(f"sqlite:///{tmp_path / 'tracker.db'}")
    init_db(store)
    yield store
    store.engine.dispose()


FILLED = {
    "ECO-TRADE": ("2026Q1", "201.5", "ytd", "https://example.com/trade", "January-March"),
    "LOG-FREIGHT-VOLUME": ("2026Q1", "70000", "quarter", "https://example.com/corridor", ""),
    "ENV-PERSONNEL": ("2025Q3", "1.9", "ytd", "", ""),
}


def _fill_csv(data: bytes) -> bytes:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    for row in rows[1:]:
        if row and row[0] in FILLED:
            row[1:6] = FILLED[row[0]]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def _fill_xlsx(data: bytes) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    for cells in sheet.iter_rows(min_row=2):
        if cells[0].value in FILLED:
            for cell, text in zip(cells[1:6], FILLED[cells[0].value], strict=True):
                cell.value = text
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_template_examples_are_labelled_invented_and_name_no_real_source(store):
    text = template_csv(store.indicators()).decode("utf-8-sig")
    examples = [line for line in text.splitlines() if "example.org" in line]
    assert len(examples) == 3 and all(line.startswith('"# EXAMPLE') for line in examples)
    assert "customs" not in text.lower()
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(store.indicators())))
    rows = list(book["examples"].iter_rows(min_row=2, values_only=True))
    assert {r[4] for r in rows} == {EXAMPLE_SOURCE}
    assert all("EXAMPLE" in r[5] and "示例" in r[5] for r in rows)


@pytest.mark.parametrize(
    ("fmt", "build", "fill"),
    [("csv", template_csv, _fill_csv), ("xlsx", template_xlsx, _fill_xlsx)],
)
def test_a_filled_template_round_trips(store, fmt, build, fill):
    """Download, fill three rows, upload: exactly those rows are read, the examples never."""
    blank = build(store.indicators())
    unchanged = prepare_import(store, blank, f"template.{fmt}")
    assert [p.code for p in unchanged.errors] == ["file_no_rows"]
    prepared = prepare_import(store, fill(blank), f"filled.{fmt}")
    assert prepared.ok, [(p.row, p.column, p.code) for p in prepared.errors]
    read_rows = prepared.validation.rows.set_index("indicator_id")
    assert set(read_rows.index) == set(FILLED)
    assert read_rows.loc["ECO-TRADE", "value"] == 201.5
    assert read_rows.loc["ECO-TRADE", "basis"] == "ytd"
    result = commit_import(store, prepared, "staff")
    assert result.added == 3
    current = store.current_observations()
    assert not current["source"].fillna("").str.contains("example.org", regex=False).any()


# ----- the context section of the indicator page -------------------------------------------------


def _text(component) -> str:
    """Every string in a component tree, in order."""
    if isinstance(component, str):
        return component
    if isinstance(component, (list, tuple)):
        return " ".join(_text(c) for c in component)
    if isinstance(component, Component):
        return _text(getattr(component, "children", None) or "")
    return ""


def _find(component, identifier: str):
    if isinstance(component, Component):
        if getattr(component, "id", None) == identifier:
            return component
        for child in component._traverse():
            if getattr(child, "id", None) == identifier:
                return child
    return None


@pytest.fixture(scope="module")
def indicator_page(tmp_path_factory):
    """The indicator page's layout function, inside a request of an app over the shipped data."""
    import dash

    from dashboard.app import create_dash

    url = f"sqlite:///{tmp_path_factory.mktemp('pages') / 'tracker.db'}"
    store = Store.from_url(url)
    init_db(store)
    store.engine.dispose()
    app = create_dash({"DATABASE_URL": url, "SECRET_KEY": "test-secret-key"})
    app.server.test_client().get("/")  # Dash Pages registers its router on the first request
    page = next(
        p for p in dash.page_registry.values() if p["path_template"] == "/indicator/<indicator_id>"
    )

    def render(indicator_id: str, lang: str):
        with app.server.test_request_context("/"):
            return page["layout"](indicator_id=indicator_id, lang=lang)

    return render


@pytest.mark.parametrize(
    ("indicator_id", "lang", "phrases"),
    [
        ("LOG-ROUTES", "en", ["Not judged", "routes opened", "in operation", "106", "38"]),
        ("LOG-ROUTES", "zh", ["不作评判", "累计开通", "实际在飞", "106条", "38条"]),
        ("LOG-TRAINS", "en", ["Not judged", "over 5,000 a year", "China-Europe trains"]),
        ("LOG-TRAINS", "zh", ["不作评判", "超过5000列", "中欧班列（成渝）"]),
    ],
)
def test_ambiguous_targets_show_their_context_and_why_they_are_not_judged(
    indicator_page, indicator_id, lang, phrases
):
    layout = indicator_page(indicator_id, lang)
    section = _find(layout, "context")
    assert section is not None
    text = _text(section)
    for phrase in phrases:
        assert phrase in text, phrase
    table = _find(section, "context-figures")
    figures = context_figures()
    expected = set(figures.loc[figures["indicator_id"] == indicator_id, "figure_id"])
    shown = {
        row.to_plotly_json()["props"].get("data-figure")
        for row in table._traverse()
        if isinstance(row, Component) and "data-figure" in row.to_plotly_json()["props"]
    }
    assert shown == expected
    if lang == "zh":
        leftover = re.sub(r"https?://\S+|TEU", "", text)
        assert re.findall(r"[A-Za-z]{3,}", leftover) == []


def test_a_target_without_context_has_no_context_section(indicator_page):
    assert _find(indicator_page("ECO-SERVICE-TRADE", "en"), "context") is None
