"""Issue 10, points 6-10: data limits, hostile uploads, mixed encodings, rollback races, CLI.

Real files built byte by byte in each test (a 100,000-row destinations file, a CSV whose header
has a million columns, a workbook whose sheet unpacks to about 98 MB), the one import path
``prepare_import``, real SQLite files and a real PostgreSQL server, the whole app through
Flask's test client, and the ``dashboard`` command (in this process, through click's CliRunner).
"""

from __future__ import annotations

import csv
import io
import random
import subprocess
import threading
import time
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import ADMIN, STAFF, run_cli
from test_corridor_upload import DEST_HEADER, REACH_HEADER, SOURCE, bangkok, lines, row
from test_security import ENDPOINT, rollback_body, sign_in, strings_in

from dashboard.app import create_app
from dashboard.cli import main as cli_main
from dashboard.ingest.corridor_files import DESTINATION_FILE, REACH_FILE
from dashboard.ingest.reader import (
    MAX_COLUMNS,
    MAX_UPLOAD_BYTES,
    OBSERVATION_FILE,
    UPLOAD_LIMITS,
)
from dashboard.services.imports import commit_import, prepare_import
from dashboard.store.engine import write_transaction
from dashboard.store.repository import RevisionMeta, RollbackConflict, Store

ROOT = Path(__file__).resolve().parent.parent
HEADER = "indicator_id,period,value,basis,source,note"


def messages(problem) -> tuple[str, str]:
    english, chinese = problem.message("en"), problem.message("zh")
    assert english.strip() and chinese.strip() and english != chinese
    assert "{" not in english and "{" not in chinese
    return english, chinese


def refused(store, data: bytes, dataset: str = "observations", **options):
    """The problems a refused file reports (one, where called); nothing was written."""
    before = store.data_version()
    prepared = prepare_import(store, data, "upload", dataset=dataset, **options)
    assert not prepared.ok
    assert prepared.validation.rows.empty
    assert store.data_version() == before
    return prepared.errors


def destination_rows(count: int, prefix: str = "place") -> list[str]:
    """``count`` valid destination rows with ids ``place_000001`` and so on."""
    return [bangkok(destination_id=f"{prefix}_{i:06d}", name_en=f"Place {i}") for i in range(count)]


# ----- 6. limits that fit the data, and a history page no revision can break -----------------


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_100000_row_destinations_file_is_refused_naming_the_limit(seeded_store):
    in_force = len(seeded_store.destinations())
    data = lines(DEST_HEADER, *destination_rows(100_000))
    assert 7 * 1024 * 1024 < len(data) < MAX_UPLOAD_BYTES  # within the size limit
    limit = DESTINATION_FILE.max_rows
    assert limit == 2_000
    [problem] = refused(seeded_store, data, "destinations")
    assert (problem.code, problem.row) == ("file_too_many_rows", 0)
    english, chinese = messages(problem)
    assert "2,000" in english and "2,000" in chinese
    assert "destinations" in english and "目的地" in chinese
    assert len(seeded_store.destinations()) == in_force


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_one_row_over_the_destination_limit_is_refused_and_the_limit_itself_is_not(
    seeded_store, fmt
):
    limit = DESTINATION_FILE.max_rows

    def build(count: int) -> bytes:
        if fmt == "csv":
            return lines(DEST_HEADER, *destination_rows(count))
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet()
        sheet.append(DEST_HEADER.split(","))
        for text in destination_rows(count):
            sheet.append(next(csv.reader([text])))
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    [problem] = refused(seeded_store, build(limit + 1), "destinations")
    assert problem.code == "file_too_many_rows"
    # Exactly the limit is read and validated (then refused only for the places in force).
    prepared = prepare_import(seeded_store, build(limit), "ok", dataset="destinations")
    assert [p.code for p in prepared.errors] == ["records_in_force_too_many"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_reach_file_over_its_limit_is_refused(seeded_store):
    limit = REACH_FILE.max_rows
    assert limit == 500
    months = [f"{1900 + i // 12}-{i % 12 + 1:02d}" for i in range(limit + 1)]
    data = lines(
        REACH_HEADER, *(row(m, "land_sea", "5", "", "", "", "", SOURCE, "") for m in months)
    )
    [problem] = refused(seeded_store, data, "reach")
    assert problem.code == "file_too_many_rows"
    english, chinese = messages(problem)
    assert "500" in english and "500" in chinese


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_an_observations_upload_over_its_limit_is_refused_but_a_server_file_is_not(seeded_store):
    limit = OBSERVATION_FILE.max_upload_rows
    assert limit == 20_000
    data = "\n".join([HEADER] + ["ECO-TRADE,2025,1,annual,,"] * (limit + 1)).encode()
    [problem] = refused(seeded_store, data)
    assert problem.code == "file_too_many_rows"
    english, chinese = messages(problem)
    assert "20,000" in english and "20,000" in chinese
    # The same file read from the server's own disk (``dashboard import``, a larger byte limit)
    # is validated row by row: it is refused for its duplicates, not for its size.
    prepared = prepare_import(seeded_store, data, "big.csv", max_bytes=2 * 1024**3)
    assert {p.code for p in prepared.errors} == {"duplicate_key"}


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_uploads_cannot_bring_the_destinations_in_force_over_the_limit(seeded_store):
    """Tens of places in force, not tens of thousands: many files of 2,000 are refused too."""
    limit = DESTINATION_FILE.max_rows
    in_force = len(seeded_store.destinations())
    room = limit - in_force
    first = prepare_import(
        seeded_store, lines(DEST_HEADER, *destination_rows(room)), "a.csv", dataset="destinations"
    )
    assert first.ok, first.errors[:3]
    commit_import(seeded_store, first, "x")
    assert len(seeded_store.destinations()) == limit
    # Replacing places already in force is fine; one new place more is not.
    again = lines(DEST_HEADER, *destination_rows(room)[:5], bangkok(destination_id="one_more"))
    [problem] = refused(seeded_store, again, "destinations")
    assert (problem.code, problem.params["count"], problem.params["limit"]) == (
        "records_in_force_too_many",
        limit + 1,
        limit,
    )
    english, chinese = messages(problem)
    assert "2,001" in english and "2,000" in chinese
    renamed = lines(DEST_HEADER, bangkok(destination_id="place_000000", name_en="Renamed"))
    assert prepare_import(seeded_store, renamed, "r.csv", dataset="destinations").ok


def big_revision(store: Store, rows: int) -> int:
    """A revision of ``rows`` destinations written straight to the store (as a database made
    before the limits may hold): the history page must still show it."""
    import pandas as pd

    from dashboard.core.corridors import DESTINATION

    frame = pd.DataFrame(
        {
            "destination_id": [f"p{i:06d}" for i in range(rows)],
            "name_en": [f"Place {i}" for i in range(rows)],
            "name_zh": "地点",
            "country": "THA",
            "kind": "sea_port",
            "corridor": "land_sea",
            "latitude": 13.7,
            "longitude": 100.5,
            "first_service": "2024",
            "source": SOURCE,
            "confidence": None,
            "coordinates_source": None,
            "coordinates_note": None,
            "note": None,
        },
        columns=list(DESTINATION.columns),
    )
    result = store.apply(frame, RevisionMeta(user_name="old", dataset="destinations"))
    return result.revision_id


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_the_store_reads_a_revisions_changes_a_page_at_a_time(seeded_store):
    revision = big_revision(seeded_store, 1_234)
    assert seeded_store.revision_change_count(revision) == 1_234
    whole = seeded_store.revision_changes(revision)
    pages = [
        seeded_store.revision_changes(revision, limit=500, offset=offset)
        for offset in (0, 500, 1000)
    ]
    assert [len(p) for p in pages] == [500, 500, 234]
    pd.testing.assert_frame_equal(pd.concat(pages, ignore_index=True), whole)
    assert seeded_store.revision_changes(revision, limit=10, offset=5_000).empty
    # An upload replacing some of them: each page shows the values before it, too.
    later = prepare_import(
        seeded_store,
        lines(DEST_HEADER, bangkok(destination_id="p000001", name_en="Renamed")),
        "r.csv",
        dataset="destinations",
    )
    newer = commit_import(seeded_store, later, "x").revision_id
    [change] = seeded_store.revision_changes(newer, limit=200).to_dict("records")
    assert (change["change"], change["old_name_en"], change["new_name_en"]) == (
        "replaced",
        "Place 1",
        "Renamed",
    )
    assert seeded_store.revision_change_count(newer) == 1


def history_page(client, search: str) -> tuple[dict, int]:
    """The /history page as the page router returns it, and the size of that answer."""
    body = {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": "/history"},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": ["_pages_location.search"],
        "parsedChangedPropsIds": ["_pages_location.search"],
    }
    response = client.post(ENDPOINT, json=body)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()["response"]["_pages_content"]["children"], len(response.data)


def find(tree, component_id: str):
    """The component with ``component_id`` in a component tree (None if absent)."""
    if isinstance(tree, list):
        for item in tree:
            found = find(item, component_id)
            if found is not None:
                return found
    elif isinstance(tree, dict):
        props = tree.get("props", {})
        if props.get("id") == component_id:
            return tree
        return find(props.get("children"), component_id)
    return None


def table_rows(table) -> list:
    body = table["props"]["children"][1]
    return body["props"]["children"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_history_page_shows_a_big_revision_a_page_at_a_time(seeded_store):
    shipped = len(seeded_store.destinations())
    revision = big_revision(seeded_store, 12_345)
    seeded_store.accounts.add(*STAFF, "staff")
    url = seeded_store.engine.url.render_as_string(hide_password=False)
    client = create_app({"DATABASE_URL": url, "SECRET_KEY": "k"}).test_client()
    sign_in(client, STAFF)

    page, size = history_page(client, f"?revision={revision}")
    assert len(table_rows(find(page, "revision-changes"))) == 200
    assert size < 1_000_000
    assert "Showing 1–200 of 12,345 changed records." in strings_in(find(page, "changes-range"))
    paging = find(page, "changes-paging")
    links = {link["props"]["id"]: link["props"]["href"] for link in paging["props"]["children"]}
    assert links == {"changes-next": f"/history?lang=en&revision={revision}&page=2"}

    page, _ = history_page(client, f"?revision={revision}&page=62&lang=zh")
    rows = table_rows(find(page, "revision-changes"))
    assert len(rows) == 12_345 - 61 * 200
    assert rows[0]["props"]["data-key"] == f"p{61 * 200:06d}"
    assert "显示第 12,201–12,345 条，共 12,345 条有变化的记录。" in strings_in(
        find(page, "changes-range")
    )
    paging = find(page, "changes-paging")
    links = {link["props"]["id"]: link["props"]["href"] for link in paging["props"]["children"]}
    assert links == {"changes-previous": f"/history?lang=zh&revision={revision}&page=61"}

    # A page past the end shows the last one; a small revision has no paging at all.
    page, _ = history_page(client, f"?revision={revision}&page=9999")
    assert len(table_rows(find(page, "revision-changes"))) == 12_345 - 61 * 200
    page, _ = history_page(client, "?revision=3")  # the shipped destinations
    assert len(table_rows(find(page, "revision-changes"))) == shipped
    assert find(page, "changes-paging") is None


# ----- 7. uploads within the size limit cannot exhaust a worker ------------------------------


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_csv_with_a_million_column_header_is_refused_before_parsing(seeded_store):
    data = (",".join(f"c{i}" for i in range(1_000_000)) + "\nECO-TRADE\n").encode()
    assert len(data) < MAX_UPLOAD_BYTES
    [problem] = refused(seeded_store, data)
    assert (problem.code, problem.params["count"], problem.params["limit"]) == (
        "file_too_many_columns",
        1_000_000,
        MAX_COLUMNS,
    )
    english, chinese = messages(problem)
    assert "1,000,000" in english and "50" in english and "50" in chinese


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_csv_of_ten_million_empty_lines_is_refused_before_parsing(seeded_store):
    data = b"indicator_id,period,value\n" + b"\n" * (MAX_UPLOAD_BYTES - 100)
    [problem] = refused(seeded_store, data)
    assert problem.code == "file_too_many_cells"
    english, chinese = messages(problem)
    limit = f"{UPLOAD_LIMITS.max_cells:,}"
    assert limit in english and limit in chinese


def workbook_with_sheet(sheet_xml_chunks) -> bytes:
    """A real workbook (saved by openpyxl) whose first worksheet is replaced by the given XML."""
    book = openpyxl.Workbook()
    book.active.append(["indicator_id", "period", "value"])
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=3) as target:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info.filename, source.read(info.filename))
                continue
            with target.open("xl/worksheets/sheet1.xml", "w") as sheet:
                for chunk in sheet_xml_chunks():
                    sheet.write(chunk)
    return out.getvalue()


SHEET_START = (
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>indicator_id</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>period</t></is></c>'
    b'<c r="C1" t="inlineStr"><is><t>value</t></is></c></row>'
)
SHEET_END = b"</sheetData></worksheet>"


def ninety_eight_megabyte_sheet():
    """About 98 MB of rows of numbers (no row numbers: they may be left out), 1 MiB at a time."""
    rng = random.Random(7)
    block, size = [], 0
    while size < 1 << 20:
        cells = "".join(f"<c><v>{rng.randrange(5)}</v></c>" for _ in range(8))
        block.append(f"<row>{cells}</row>")
        size += len(block[-1])
    block = "".join(block).encode()
    yield SHEET_START
    for _ in range(98):
        yield block
    yield SHEET_END


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_an_xlsx_whose_sheet_unpacks_to_98_mb_is_refused_before_parsing(seeded_store):
    data = workbook_with_sheet(ninety_eight_megabyte_sheet)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
        total = sum(i.file_size for i in archive.infolist())
        packed = sum(i.compress_size for i in archive.infolist())
        parsed = sum(  # what openpyxl parses: the sheets and the shared strings
            i.file_size
            for i in archive.infolist()
            if i.filename.startswith(("xl/worksheets/", "xl/sharedStrings"))
        )
    assert 98 * 2**20 < sheet.file_size < 100 * 2**20 and total < 100 * 2**20
    assert 15 < total / packed < 200  # under the zip-bomb ratio: a sheet, not a bomb
    assert len(data) < MAX_UPLOAD_BYTES
    [problem] = refused(seeded_store, data)
    assert problem.code == "xlsx_sheet_too_large"
    assert problem.params == {"size": parsed, "limit": UPLOAD_LIMITS.max_xlsx_part}
    english, chinese = messages(problem)
    limit = f"{UPLOAD_LIMITS.max_xlsx_part:,}"
    assert limit in english and limit in chinese


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_tiny_xlsx_claiming_a_million_rows_and_16384_columns_is_refused_quickly(seeded_store):
    """Its last cell sits at XFD1048576: read row by row, it would pad a million empty rows to
    16,384 cells each."""

    def sheet():
        yield SHEET_START.replace(b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>')
        yield b'<row r="2"><c r="A2" t="inlineStr"><is><t>ECO-TRADE</t></is></c></row>'
        yield b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
        yield SHEET_END

    data = workbook_with_sheet(sheet)
    assert len(data) < 10_000
    [problem] = refused(seeded_store, data)
    assert problem.code == "file_too_many_cells"
    messages(problem)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_an_xlsx_header_with_more_than_50_columns_is_refused(seeded_store):
    book = openpyxl.Workbook()
    book.active.append(["indicator_id", "period", "value", *[f"extra {i}" for i in range(60)]])
    book.active.append(["ECO-TRADE", "2025", 1])
    buffer = io.BytesIO()
    book.save(buffer)
    [problem] = refused(seeded_store, buffer.getvalue())
    assert problem.code == "file_too_many_columns"
    assert problem.params["limit"] == MAX_COLUMNS
    messages(problem)


# ----- 8. mixed encodings are refused, stray byte-order marks removed ------------------------


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_file_mixing_utf8_and_gbk_is_refused_naming_the_row(seeded_store):
    data = (
        (HEADER + "\n").encode()
        + "ECO-TRADE,2025Q1,100,ytd,重庆海关,海关\n".encode()
        + b"ECO-TRADE,2025Q2,200,ytd,customs,\n"
        + "ECO-TRADE,2025Q3,300,ytd,customs,海关统计\n".encode("gbk")
    )
    [problem] = refused(seeded_store, data)
    assert (problem.code, problem.row) == ("file_mixed_encoding", 4)
    assert problem.params == {"first_row": 2}
    english, chinese = messages(problem)
    assert "4" in english and "2" in english and "UTF-8" in english
    assert "4" in chinese and "2" in chinese


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_gbk_file_with_a_utf8_row_later_is_refused_naming_that_row(seeded_store):
    data = (
        (HEADER + "\n").encode()
        + "ECO-TRADE,2025Q1,100,ytd,重庆海关,\n".encode("gbk")
        + "ECO-TRADE,2025Q2,200,ytd,重庆海关,\n".encode("gbk")
        + "ECO-TRADE,2025Q3,300,ytd,重庆海关,\n".encode()
    )
    [problem] = refused(seeded_store, data)
    assert (problem.code, problem.row, problem.params) == (
        "file_mixed_encoding",
        4,
        {"first_row": 2},
    )


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_gbk_file_whose_short_words_happen_to_be_valid_utf8_is_still_read(seeded_store):
    """In GBK, 之前 and 状态 are valid UTF-8 too (as ֮ǰ and ״̬): no sign of a mix."""
    notes = ["之前", "状态", "重庆海关统计", "约"]
    data = "\n".join(
        [HEADER]
        + [f"ECO-TRADE,2025Q{i + 1},{i + 1}00,ytd,customs,{n}" for i, n in enumerate(notes)]
    ).encode("gbk")
    prepared = prepare_import(seeded_store, data, "gbk.csv")
    assert prepared.ok, prepared.errors
    assert prepared.validation.rows["note"].tolist() == notes


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_stray_byte_order_marks_are_removed_from_every_cell(seeded_store):
    bom = "\ufeff"
    csv_data = (
        f"{bom}indicator_id,period,{bom}value,basis,source,note\n"
        f"ECO-TRADE,2025Q1,1{bom}00,ytd,src{bom}x,{bom}\n"
    ).encode()
    book = openpyxl.Workbook()
    book.active.append([f"{bom}indicator_id", "period", "value", "basis", "source"])
    book.active.append([f"ECO-TRADE{bom}", "2025Q2", 200, "ytd", f"{bom}src{bom}y"])
    buffer = io.BytesIO()
    book.save(buffer)
    for data in (csv_data, buffer.getvalue()):
        prepared = prepare_import(seeded_store, data, "b")
        assert prepared.ok, prepared.errors
        commit_import(seeded_store, prepared, "x")
    current = seeded_store.current_observations().set_index(["indicator_id", "period"])
    first = current.loc[("ECO-TRADE", "2025Q1")]
    assert (first["value"], first["source"]) == (100.0, "srcx") and pd.isna(first["note"])
    assert current.loc[("ECO-TRADE", "2025Q2"), "source"] == "srcy"
    assert not any(bom in str(v) for v in current.astype(str).to_numpy().ravel()), (
        "a byte-order mark was stored"
    )


# ----- 9. a rollback race tells the loser the truth ------------------------------------------


def upload_trade(store: Store, value: str) -> int:
    data = f"{HEADER}\nECO-TRADE,2025,{value},annual,customs,\n".encode()
    return commit_import(store, prepare_import(store, data, "t.csv"), "alice").revision_id


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_rolling_back_a_revision_twice_says_it_was_already_rolled_back(seeded_store):
    upload = upload_trade(seeded_store, "1150")
    undo = seeded_store.rollback(upload, "li.admin")
    before = seeded_store.data_version()
    with pytest.raises(RollbackConflict) as raised:
        seeded_store.rollback(upload, "li.admin")
    conflict = raised.value
    assert (conflict.code, conflict.params) == (
        "already_rolled_back",
        {"revision": upload, "by": undo.revision_id},
    )
    assert str(conflict) == (
        f"revision {upload} was already rolled back by revision {undo.revision_id}"
    )
    assert f"{undo.revision_id}" in conflict.message("zh") and "已" in conflict.message("zh")
    assert seeded_store.data_version() == before
    # A later upload of the same value is a different story: it is the later change to undo.
    later = upload_trade(seeded_store, "1200")
    with pytest.raises(RollbackConflict) as raised:
        seeded_store.rollback(undo.revision_id, "li.admin")
    assert raised.value.code == "later_changes" and raised.value.params["later"] == str(later)


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_two_rollbacks_of_one_revision_at_once_one_wins_the_other_is_told_by_whom(
    seeded_store, database_url
):
    upload = upload_trade(seeded_store, "1150")
    outcomes: dict[str, object] = {}
    stores = {name: Store.from_url(database_url) for name in ("a", "b")}

    def roll_back(name: str) -> None:
        try:
            outcomes[name] = stores[name].rollback(upload, name).revision_id
        except RollbackConflict as exc:
            outcomes[name] = exc

    # Both start while the test holds the write lock, so both read before either writes.
    with write_transaction(seeded_store.engine):
        threads = [threading.Thread(target=roll_back, args=(n,)) for n in stores]
        for thread in threads:
            thread.start()
        time.sleep(0.5)
    for thread in threads:
        thread.join(60)
    for store in stores.values():
        store.engine.dispose()
    won = [v for v in outcomes.values() if isinstance(v, int)]
    lost = [v for v in outcomes.values() if isinstance(v, RollbackConflict)]
    assert len(won) == 1 and len(lost) == 1, outcomes
    assert (lost[0].code, lost[0].params["by"]) == ("already_rolled_back", won[0])
    assert seeded_store.revisions()["action"].tolist()[:2] == ["rollback", "import"]


def cli(url: str, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """``dashboard ARGS`` (in this process: conftest.run_cli), as a finished process."""
    run = run_cli(url, *args, cwd=cwd)
    return subprocess.CompletedProcess(args, run.code, run.out, run.err)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_cli_says_a_revision_was_already_rolled_back_in_either_language(
    seeded_store, database_url
):
    upload = upload_trade(seeded_store, "1150")
    first = cli(database_url, "rollback", str(upload))
    assert first.returncode == 0, first.stderr
    again = cli(database_url, "rollback", str(upload))
    assert again.returncode == 1
    assert again.stderr == (
        f"Error: revision {upload} was already rolled back by revision {upload + 1}\n"
    )
    chinese = cli(database_url, "rollback", str(upload), "--lang", "zh")
    assert chinese.returncode == 1
    assert f"{upload + 1}" in chinese.stderr and "已" in chinese.stderr
    assert "rolled back" not in chinese.stderr


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_history_page_tells_the_later_administrator_who_rolled_back_first(seeded_store, lang):
    upload = upload_trade(seeded_store, "1150")
    seeded_store.accounts.add(*ADMIN, "admin")
    url = seeded_store.engine.url.render_as_string(hide_password=False)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "k"})
    client = app.test_client()
    sign_in(client, ADMIN)
    body = rollback_body(app, upload)
    body["state"][0]["value"]["lang"] = lang
    first = client.post(ENDPOINT, json=body)  # both pages were open; this one pressed first
    assert first.status_code == 200
    second = client.post(ENDPOINT, json=body)
    assert second.status_code == 200
    [text] = strings_in(second.get_json()["response"]["rollback-outcome"]["children"])
    expected = RollbackConflict("already_rolled_back", revision=upload, by=upload + 1)
    assert expected.message(lang) in text
    assert ("already rolled back by revision" in text) == (lang == "en")


# ----- 10. every command but init-db checks the database is initialised ----------------------

NOT_INITIALISED = "Error: the database is not initialised: run `dashboard init-db`\n"


def test_export_before_init_db_says_so_and_creates_no_database(tmp_path):
    done = cli("", "export", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", NOT_INITIALISED)
    assert not (tmp_path / "instance").exists()


COMMANDS = [
    ["export"],
    ["export", "--format", "xlsx", "--output", "x.xlsx"],
    ["import", "q.csv"],
    ["import", "q.csv", "--dry-run"],
    ["history"],
    ["history", "--revision", "1"],
    ["rollback", "1"],
    ["users", "list"],
    ["users", "disable", "someone"],
    ["briefing", "--output", "b.pdf"],
    ["serve", "--port", "1"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_command_but_init_db_refuses_an_uninitialised_database(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    for name in ("DASHBOARD_DATABASE_URL", "DASHBOARD_INSTANCE_DIR"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "q.csv").write_text(f"{HEADER}\nECO-TRADE,2025,1,annual,,\n")
    result = CliRunner().invoke(cli_main, args)
    assert (result.exit_code, result.output) == (2, NOT_INITIALISED), result.output
    assert not (tmp_path / "instance").exists()


def test_a_database_file_without_the_schema_or_catalogue_is_not_initialised(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    (tmp_path / "empty.db").write_bytes(b"")
    assert cli(url, "history").stderr == NOT_INITIALISED
    store = Store.from_url(url)
    store.create_schema()  # tables, but no catalogue
    store.engine.dispose()
    done = cli(url, "export")
    assert (done.returncode, done.stderr) == (2, NOT_INITIALISED)
    assert cli(url, "init-db", "--empty").returncode == 0
    done = cli(url, "export")
    assert (done.returncode, done.stdout) == (
        0,
        "\ufeffindicator_id,period,value,basis,source,note\n",
    )


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_an_empty_postgresql_database_is_not_initialised(database_url):
    done = cli(database_url, "export")
    assert (done.returncode, done.stderr) == (2, NOT_INITIALISED)
    assert "Traceback" not in done.stderr


#: Problem codes raised only by the tests above (test_ingest checks every code is exercised).
DEFECT_CODES_TESTED = {
    "file_too_many_rows",
    "records_in_force_too_many",
    "file_too_many_columns",
    "file_too_many_cells",
    "xlsx_sheet_too_large",
    "file_mixed_encoding",
}
