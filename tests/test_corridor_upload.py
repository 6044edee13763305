"""Corridor files through the upload pipeline (issue 5): reach snapshots and destinations.

Real files (CSV and XLSX bytes), the one import path ``prepare_import``/``commit_import``, a
real SQLite file and a real PostgreSQL server: every problem is reported at its row and column
in both languages, nothing is written before the commit, each accepted file is a revision of
its own dataset, and a rollback restores exactly what was in force before.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

import openpyxl
import pandas as pd
import pytest
from conftest import DATA_DIR, FIRST_UPLOAD, STAFF

from dashboard.services.imports import commit_import, prepare_import
from dashboard.store.reference import country_codes
from dashboard.store.repository import RollbackConflict

TODAY = date(2025, 11, 1)
REACH_HEADER = "as_of,corridor,ports,countries_regions,provinces,cities,stations,source,note"
DEST_HEADER = (
    "destination_id,name_en,name_zh,country,kind,corridor,latitude,longitude,first_service,source"
)
SOURCE = "https://example.gov.cn/report"
#: A valid destination row (a place the shipped data does not hold), to vary one cell at a time.
BANGKOK = [
    "bangkok",
    "Bangkok",
    "曼谷",
    "THA",
    "sea_port",
    "land_sea",
    "13.7",
    "100.5",
    "2024-05",
    SOURCE,
]


def lines(header: str, *rows: str) -> bytes:
    return "\n".join([header, *rows, ""]).encode("utf-8")


def row(*cells: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(cells)
    return buffer.getvalue()


def bangkok(**changes: str) -> str:
    cells = dict(zip(DEST_HEADER.split(","), BANGKOK, strict=True))
    cells.update(changes)
    return row(*cells.values())


def client_for(store):
    """The whole app (Flask test client) over the same database as ``store``."""
    from dashboard.app import create_app

    url = store.engine.url.render_as_string(hide_password=False)
    return create_app({"DATABASE_URL": url, "SECRET_KEY": "test-secret-key"}).test_client()


def triples(problems) -> list[tuple[str, int, str, str]]:
    return [(p.code, p.row, p.column, p.value) for p in problems]


def assert_bilingual(problems) -> None:
    for problem in problems:
        english, chinese = problem.message("en"), problem.message("zh")
        assert english.strip() and chinese.strip() and english != chinese
        assert "{" not in english and "{" not in chinese  # every parameter filled in


@dataclass(frozen=True)
class Case:
    dataset: str
    data: bytes
    expected: tuple[tuple[str, int, str, str], ...]


REJECTED = {
    "reach_month_and_corridor": Case(
        "reach",
        lines(
            REACH_HEADER,
            row("2023-13", "land_sea", "1", "", "", "", "", SOURCE, ""),
            row("", "land_sea", "1", "", "", "", "", SOURCE, ""),
            row("2024-01", "moon_route", "1", "", "", "", "", SOURCE, ""),
        ),
        (
            ("as_of_invalid", 2, "as_of", "2023-13"),
            ("as_of_empty", 3, "as_of", ""),
            ("corridor_unknown", 4, "corridor", "moon_route"),
        ),
    ),
    "reach_counts_and_source": Case(
        "reach",
        lines(
            REACH_HEADER,
            row("2024-01", "land_sea", "12.5", "-3", "", "", "", SOURCE, ""),
            row("2024-02", "land_sea", "", "", "", "", "", SOURCE, ""),
            row("2024-03", "china_europe", "5", "", "", "", "", "", ""),
            row("2024-03", "中欧班列", "6", "", "", "", "", SOURCE, "same key, Chinese name"),
        ),
        (
            ("count_invalid", 2, "ports", "12.5"),
            ("count_invalid", 2, "countries_regions", "-3"),
            ("counts_empty", 3, "ports", ""),
            ("source_empty", 4, "source", ""),
            ("record_duplicate", 5, "as_of", "2024-03"),
        ),
    ),
    "destination_cells": Case(
        "destinations",
        lines(
            DEST_HEADER,
            bangkok(destination_id=""),
            bangkok(destination_id="Bang Kok!"),
            bangkok(destination_id="b3", name_zh=""),
            bangkok(destination_id="b4", country="XXX"),
            bangkok(destination_id="b5", kind="spaceport"),
            bangkok(destination_id="b6", latitude="", longitude="200"),
            bangkok(destination_id="b7", first_service="spring 2024"),
            bangkok(destination_id="b8", latitude="north"),
            bangkok(destination_id="b8"),
        ),
        (
            ("destination_id_empty", 2, "destination_id", ""),
            ("destination_id_invalid", 3, "destination_id", "Bang Kok!"),
            ("name_empty", 4, "name_zh", ""),
            ("country_unknown", 5, "country", "XXX"),
            ("destination_kind_unknown", 6, "kind", "spaceport"),
            ("coordinate_empty", 7, "latitude", ""),
            ("coordinate_out_of_range", 7, "longitude", "200"),
            ("first_service_invalid", 8, "first_service", "spring 2024"),
            ("value_not_number", 9, "latitude", "north"),
            ("record_duplicate", 10, "destination_id", "b8"),
        ),
    ),
}

WARNED = {
    "reach_future_and_shrinking": Case(
        "reach",
        lines(
            REACH_HEADER,
            row("2026-03", "land_sea", "600", "", "", "", "", SOURCE, ""),
            row("2024-12", "land_sea", "500", "", "", "", "", SOURCE, "below 523 of 2024-08"),
        ),
        (
            ("as_of_future", 2, "as_of", "2026-03"),
            ("count_decreased", 3, "ports", "500"),
        ),
    ),
}

#: Problem codes only corridor files can raise, all exercised above (test_ingest checks that
#: together with its own cases they cover every code the tracker has).
CORRIDOR_CODES_TESTED = {
    code for case in [*REJECTED.values(), *WARNED.values()] for code, *_ in case.expected
}


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_a_bad_corridor_file_reports_every_problem_and_writes_nothing(seeded_store, name):
    case = REJECTED[name]
    before = seeded_store.data_version()
    prepared = prepare_import(seeded_store, case.data, "bad.csv", today=TODAY, dataset=case.dataset)
    assert not prepared.ok
    assert triples(prepared.errors) == list(case.expected)
    assert_bilingual(prepared.errors)
    with pytest.raises(ValueError):
        commit_import(seeded_store, prepared, "tester")
    assert seeded_store.data_version() == before


def test_warnings_are_reported_and_the_count_names_the_earlier_snapshot(seeded_store):
    case = WARNED["reach_future_and_shrinking"]
    prepared = prepare_import(seeded_store, case.data, "w.csv", today=TODAY, dataset="reach")
    assert prepared.ok
    assert triples(prepared.warnings) == list(case.expected)
    assert_bilingual(prepared.warnings)
    assert "523" in prepared.warnings[1].message("en")
    assert "2024-08" in prepared.warnings[1].message("zh")


def test_a_missing_required_column_is_the_only_problem_reported(seeded_store):
    data = lines("as_of,ports,source", row("2024-01", "5", SOURCE))
    prepared = prepare_import(seeded_store, data, "r.csv", dataset="reach")
    assert triples(prepared.errors) == [("column_missing", 1, "corridor", "")]


def test_the_seeded_corridor_data_is_the_shipped_files(seeded_store):
    shipped = pd.read_csv(DATA_DIR / "destinations.csv", dtype=str, keep_default_na=False)
    stored = seeded_store.destinations().set_index("destination_id")
    assert sorted(stored.index) == sorted(shipped["destination_id"])
    for place in shipped.itertuples():
        assert stored.loc[place.destination_id, "latitude"] == float(place.latitude)
        assert stored.loc[place.destination_id, "name_zh"] == place.name_zh
        assert stored.loc[place.destination_id, "corridor"] == place.corridor
    reach = seeded_store.reach_snapshots()
    published = reach.set_index("as_of")
    assert published.loc["2020-12", ["ports", "countries_regions"]].tolist() == [250, 96]
    assert published.loc["2023-09", ["ports", "countries_regions"]].tolist() == [473, 120]
    assert pd.isna(published.loc["2020-12", "stations"])


def test_a_new_snapshot_is_a_revision_and_its_rollback_removes_it(seeded_store):
    data = lines(
        REACH_HEADER,
        row("2025-09", "land_sea", "580", "130", "", "", "", SOURCE, "test snapshot"),
        row("2023-09", "land_sea", "473", "120", "18", "69", "138",
            "Xinhua Chongqing, 10 Oct 2023: "
            "https://cq.news.cn/20231010/30cf639dc2664f5b8910afb37453320a/c.html; "
            "“Building Chongqing's Inland Open Economy” (iChongqing, 2023): "
            "http://www.chongqinglifeguide.com/web/wenzhang.aspx?cId=133500188608078437",
            "domestic reach: 18 provinces, 69 cities, 138 railway stations"),
    )  # fmt: skip
    prepared = prepare_import(seeded_store, data, "reach.csv", today=TODAY, dataset="reach")
    assert prepared.ok, triples(prepared.errors)
    assert prepared.preview.counts == {"added": 1, "replaced": 0, "unchanged": 1}
    assert "2025-09" not in set(seeded_store.reach_snapshots()["as_of"])  # preview wrote nothing

    result = commit_import(seeded_store, prepared, STAFF[0])
    assert result.revision_id == FIRST_UPLOAD
    revision = seeded_store.revision(FIRST_UPLOAD)
    assert (revision["dataset"], revision["user_name"]) == ("reach", STAFF[0])
    assert seeded_store.raw_file(FIRST_UPLOAD) == data
    reach = seeded_store.reach_snapshots().set_index("as_of")
    assert reach.loc["2025-09", ["ports", "countries_regions"]].tolist() == [580, 130]
    changes = seeded_store.revision_changes(FIRST_UPLOAD)
    assert changes[["as_of", "corridor", "change"]].values.tolist() == [
        ["2025-09", "land_sea", "added"]
    ]
    assert changes.loc[0, "new_ports"] == 580

    undone = seeded_store.rollback(FIRST_UPLOAD, "li.admin")
    assert undone.revision_id == FIRST_UPLOAD + 1
    assert "2025-09" not in set(seeded_store.reach_snapshots()["as_of"])
    assert len(seeded_store.reach_snapshots()) == 7


def test_a_replaced_destination_can_be_rolled_back_and_a_conflict_is_refused(seeded_store):
    chongqing = seeded_store.destinations().set_index("destination_id").loc["chongqing"]
    moved = lines(
        DEST_HEADER,
        bangkok(),
        row("duisburg", "Duisburg", "杜伊斯堡", "DEU", "rail_terminus", "china_europe",
            "51.43", "6.76", "2011-03", SOURCE),
    )  # fmt: skip
    prepared = prepare_import(seeded_store, moved, "places.xlsx", dataset="destinations")
    assert prepared.ok, triples(prepared.errors)
    assert prepared.preview.counts == {"added": 1, "replaced": 1, "unchanged": 0}
    first = commit_import(seeded_store, prepared, STAFF[0])
    places = seeded_store.destinations().set_index("destination_id")
    assert places.loc["bangkok", "country"] == "THA"
    assert places.loc["duisburg", "longitude"] == 6.76
    assert places.loc["chongqing", "latitude"] == chongqing["latitude"]  # untouched

    later = lines(DEST_HEADER, bangkok(name_en="Krung Thep"))
    second = commit_import(
        seeded_store, prepare_import(seeded_store, later, "b.csv", dataset="destinations"), "x"
    )
    with pytest.raises(RollbackConflict, match=str(second.revision_id)):
        seeded_store.rollback(first.revision_id, "li.admin")
    seeded_store.rollback(second.revision_id, "li.admin")
    seeded_store.rollback(first.revision_id, "li.admin")
    places = seeded_store.destinations().set_index("destination_id")
    assert "bangkok" not in places.index
    assert places.loc["duisburg", "longitude"] == 6.724
    assert seeded_store.revision(first.revision_id)["status"] == "rolled_back"


def test_an_identical_corridor_file_writes_nothing(seeded_store):
    shipped = (DATA_DIR / "corridor_reach.csv").read_bytes()
    prepared = prepare_import(seeded_store, shipped, "corridor_reach.csv", dataset="reach")
    assert prepared.ok and not prepared.preview.changed
    assert prepared.preview.same_file_revision == 2
    assert commit_import(seeded_store, prepared, "x").revision_id is None


def test_an_xlsx_with_chinese_headers_and_chinese_codes_is_read(seeded_store):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["截至月份", "通道", "港口数", "国家和地区数", "来源"])
    sheet.append(["2025年9月", "西部陆海新通道", 580, 130, SOURCE])
    buffer = io.BytesIO()
    book.save(buffer)
    prepared = prepare_import(seeded_store, buffer.getvalue(), "快照.xlsx", dataset="reach")
    assert prepared.ok, triples(prepared.errors)
    rows = prepared.validation.rows
    assert rows[["as_of", "corridor", "ports"]].values.tolist() == [["2025-09", "land_sea", 580.0]]


def test_every_uploaded_country_code_is_an_iso_code_with_both_names():
    codes = country_codes()
    assert len(codes) == 249 and {"CHN", "DEU", "SGP", "THA"} <= codes
    names = pd.read_csv(DATA_DIR / "iso3166_countries.csv", dtype=str, keep_default_na=False)
    assert (names["name_en"] != "").all() and (names["name_zh"] != "").all()
    assert names.set_index("iso3").loc["TWN", "name_zh"] == "中国台湾"


@pytest.mark.parametrize("dataset", ["reach", "destinations"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_corridor_template_uploaded_unchanged_is_refused(seeded_store, dataset, fmt):
    client = client_for(seeded_store)
    response = client.get(f"/upload/template-{dataset}.{fmt}")
    assert response.status_code == 200
    assert f"tracker-template-{dataset}.{fmt}" in response.headers["Content-Disposition"]
    prepared = prepare_import(seeded_store, response.data, f"t.{fmt}", dataset=dataset)
    assert not prepared.ok
    # The CSV carries the example row, refused for its code; the workbook keeps its example on
    # another sheet, so its data sheet has no rows.
    refused_for = {"reach": {"corridor_unknown"}, "destinations": {"destination_id_invalid"}}
    expected = refused_for[dataset] if fmt == "csv" else {"file_no_rows"}
    assert {p.code for p in prepared.errors} == expected


def test_the_destination_download_comes_from_the_store(seeded_store):
    data = lines(DEST_HEADER, bangkok())
    commit_import(seeded_store, prepare_import(seeded_store, data, "b.csv", dataset="destinations"),
                  "x")  # fmt: skip
    client = client_for(seeded_store)
    frame = pd.read_csv(io.BytesIO(client.get("/corridors/destinations.csv").data), dtype=str)
    assert "bangkok" in set(frame["destination_id"])
    again = prepare_import(
        seeded_store, client.get("/corridors/destinations.xlsx").data, "x.xlsx",
        dataset="destinations",
    )  # fmt: skip
    assert again.ok and not again.preview.changed  # the export re-imports unchanged


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_corridor_upload_and_rollback_on_postgresql(seeded_store):
    data = lines(DEST_HEADER, bangkok())
    prepared = prepare_import(seeded_store, data, "b.csv", dataset="destinations")
    result = commit_import(seeded_store, prepared, "x")
    assert seeded_store.destinations().set_index("destination_id").loc["bangkok", "name_zh"] == (
        "曼谷"
    )
    seeded_store.rollback(result.revision_id, "li.admin")
    assert "bangkok" not in set(seeded_store.destinations()["destination_id"])


def test_the_cli_imports_a_reach_file_and_prints_its_revision(tmp_path):
    import os
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    env = {**os.environ, "DASHBOARD_DATABASE_URL": url, "PYTHONIOENCODING": "utf-8"}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "dashboard.cli", *args],
            env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    assert run("init-db").returncode == 0
    path = tmp_path / "reach.csv"
    path.write_bytes(lines(REACH_HEADER, row("2025-09", "land_sea", "580", "", "", "", "",
                                             SOURCE, "")))  # fmt: skip
    done = run("import", "--dataset", "reach", str(path), "--user", "li")
    assert (done.returncode, done.stdout) == (
        0,
        f"Imported as revision {FIRST_UPLOAD}: 1 added, 0 replaced, 0 unchanged.\n",
    )
    shown = run("history", "--revision", str(FIRST_UPLOAD)).stdout.split()
    assert shown[:3] == ["2025-09", "land_sea", "added"] and "580;" in shown
    bad = run("import", "--dataset", "destinations", str(path))
    assert bad.returncode == 1 and "destination_id" in bad.stderr  # the wrong kind of file
