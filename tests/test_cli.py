"""The ``dashboard`` command against real database files.

Most commands run in this process through click's ``CliRunner`` (a subprocess costs 4-15 s of
start-up each); the end-to-end tests at the bottom run it as staff do, as a real process
(``python -m dashboard.cli ...`` with ``DASHBOARD_DATABASE_URL``), on SQLite and PostgreSQL.
"Nothing written" is checked on the bytes of a full SQL dump of the SQLite file, taken before
and after.
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
import zipfile
from contextlib import closing
from pathlib import Path

import openpyxl
import pytest
from conftest import FIRST_UPLOAD, SEED_REVISIONS, CliRun, run_cli
from sqlalchemy.engine import make_url

from dashboard.services.imports import commit_import, prepare_import
from dashboard.services.seed import init_db
from dashboard.store.repository import Store

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data" / "observations.csv"
DEMO = ROOT / "data" / "demo_observations.csv"
LOGIN = "tester"  # $USER of the command: the default importing user

EXPORT_HEADER = ["indicator_id", "period", "value", "basis", "source", "note"]
IMPORT_HEADER = [*EXPORT_HEADER, "confidence"]
BOM = b"\xef\xbb\xbf"


def shipped_rows(path: Path = SHIPPED) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


PUBLISHED = len(shipped_rows())
DEMO_ROWS = len(shipped_rows(DEMO))

REACH_ROWS = len(shipped_rows(ROOT / "data" / "corridor_reach.csv"))
DESTINATION_ROWS = len(shipped_rows(ROOT / "data" / "destinations.csv"))
CORRIDORS_LOADED = (
    f"Loaded {REACH_ROWS} corridor reach snapshots as revision 2.\n"
    f"Loaded {DESTINATION_ROWS} corridor destinations as revision 3.\n"
)
INIT_LOADED = (
    "Database: {url}\nCatalogue: 15 indicators.\n"
    f"Loaded {PUBLISHED} published observations as revision 1.\n" + CORRIDORS_LOADED
)
INIT_AGAIN = (
    "Database: {url}\nCatalogue: 15 indicators.\n"
    "No observations loaded: the database already holds data.\n"
)
INIT_EMPTY = (
    "Database: {url}\nCatalogue: 15 indicators.\n"
    "No observations loaded: empty database requested.\n"
)
INIT_DEMO = (
    "Database: {url}\nCatalogue: 15 indicators.\n"
    f"Loaded {DEMO_ROWS} ILLUSTRATIVE demo observations as revision 1.\n" + CORRIDORS_LOADED
)
IMPORTED = f"Imported as revision {FIRST_UPLOAD}: 1 added, 1 replaced, 1 unchanged.\n"
DRY_RUN = "Dry run: 1 added, 1 replaced, 1 unchanged; nothing written.\n"
NOTHING_CHANGED = (
    "Nothing to change: {count} row(s) already hold these values; no revision written.\n"
)

#: A file with five problems, none of them a blocked value, and how the CLI must list them.
BAD_ROWS = [
    ["XX", "2025Q3", "1", "", "", ""],
    ["ECO-TRADE", "2025Q9", "1", "", "", ""],
    ["ECO-TRADE", "2025Q2", "-5", "", "", ""],
    ["ECO-FORTUNE500", "2025Q3", "330", "ytd", "", ""],
    ["ECO-TRADE", "2025Q2", "7", "", "", ""],
]
BAD_PROBLEMS_EN = [
    ("2", "indicator_id", "XX", "'XX' is not an indicator id of the catalogue."),
    ("3", "period", "2025Q9", "'2025Q9' is not a period."),
    ("4", "value", "-5", "The value cannot be negative for this indicator."),
    ("5", "basis", "ytd", "The basis 'ytd' does not fit a stock indicator"),
    ("6", "indicator_id", "ECO-TRADE", "This indicator and period already appear in row 4."),
]
BAD_REJECTED_EN = "The file was not imported: 5 problem(s). Nothing was written."
BAD_PROBLEMS_ZH = [
    ("2", "indicator_id", "XX", "“XX”不是指标目录中的指标代码。"),
    ("3", "period", "2025Q9", "“2025Q9”不是有效期间。"),
    ("4", "value", "-5", "该指标的数值不能为负数。"),
    ("5", "basis", "ytd", "口径“ytd”不适用于"),
    ("6", "indicator_id", "ECO-TRADE", "该指标和期间已在第 4 行出现。"),
]
BAD_REJECTED_ZH = "文件未导入：共 5 个问题。未写入任何数据。"


def dashboard(url: str, *args: str | Path) -> CliRun:
    return run_cli(url, *args, user=LOGIN)


def dashboard_process(url: str, *args: str | Path) -> CliRun:
    """``python -m dashboard.cli ARGS`` as a real process."""
    env = {
        **os.environ,
        "DASHBOARD_DATABASE_URL": url,
        "PYTHONIOENCODING": "utf-8",
        "USER": LOGIN,
    }
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.cli", *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
    )
    return CliRun(done.returncode, done.stdout, done.stderr.decode("utf-8"))


def sqlite_dump(url: str) -> bytes:
    with closing(sqlite3.connect(make_url(url).database)) as conn:
        return "\n".join(conn.iterdump()).encode("utf-8")


def store_at(url: str) -> Store:
    return Store.from_url(url)


def write_csv(path: Path, rows: list[list[str]], header: list[str] = EXPORT_HEADER) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def good_file(path: Path) -> Path:
    """One row unchanged (a copy of the shipped one), one replaced, one added."""
    unchanged = next(
        r for r in shipped_rows() if (r["indicator_id"], r["period"]) == ("ECO-TRADE", "2024")
    )
    replaced = next(
        r for r in shipped_rows() if (r["indicator_id"], r["period"]) == ("ECO-TRADE", "2025")
    )
    rows = [
        [unchanged[c] for c in IMPORT_HEADER],
        [*[replaced[c] for c in ("indicator_id", "period")], "810", "annual", "customs", "", ""],
        ["ECO-TRADE", "2025Q3", "600", "ytd", "customs", "January-September", ""],
    ]
    return write_csv(path, rows, IMPORT_HEADER)


def problem_lines(err: str) -> list[list[str]]:
    return [line.split(None, 3) for line in err.splitlines()]


def assert_problems_listed(err: str, expected: list[tuple[str, str, str, str]]) -> None:
    """Each problem on its own line: row, column, value given, then the reason."""
    lines = problem_lines(err)
    for row, column, value, message in expected:
        assert any(
            cells[:3] == [row, column, value] and cells[3].startswith(message) for cells in lines
        ), f"no line for {row} {column} {value} {message!r} in:\n{err}"


@pytest.fixture
def url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 't.db'}"


@pytest.fixture
def seeded_url(url) -> str:
    """A database holding the shipped published data as revision 1 (set up in-process)."""
    store = store_at(url)
    init_db(store)
    store.engine.dispose()
    return url


# ----- init-db -------------------------------------------------------------------------------


def test_init_db_loads_the_published_data_and_twice_changes_nothing(url):
    first = dashboard(url, "init-db")
    assert (first.code, first.out, first.err) == (0, INIT_LOADED.format(url=url), "")
    dump = sqlite_dump(url)
    second = dashboard(url, "init-db")
    assert (second.code, second.out) == (0, INIT_AGAIN.format(url=url))
    assert sqlite_dump(url) == dump
    store = store_at(url)
    assert len(store.revisions()) == SEED_REVISIONS
    assert len(store.current_observations()) == PUBLISHED


def test_init_db_empty_has_no_observations(url):
    init = dashboard(url, "init-db", "--empty")
    assert (init.code, init.out) == (0, INIT_EMPTY.format(url=url))
    export = dashboard(url, "export")
    assert export.code == 0
    assert export.stdout == BOM + b"indicator_id,period,value,basis,source,note\n"
    assert len(store_at(url).indicators()) == 15


def test_init_db_demo_loads_only_illustrative_observations(url):
    init = dashboard(url, "init-db", "--demo")
    assert (init.code, init.out) == (0, INIT_DEMO.format(url=url))
    current = store_at(url).current_observations()
    assert len(current) == DEMO_ROWS
    assert current["illustrative"].all()


def test_init_db_empty_and_demo_together_is_refused_before_touching_anything(url):
    run = dashboard(url, "init-db", "--empty", "--demo")
    assert run.code == 2
    assert "--empty and --demo exclude each other" in run.err
    assert not Path(make_url(url).database).exists()


# ----- import --------------------------------------------------------------------------------


def test_import_good_csv_prints_the_revision_and_counts_and_records_the_user(seeded_url, tmp_path):
    run = dashboard(seeded_url, "import", good_file(tmp_path / "q3.csv"), "--user", "alice")
    assert (run.code, run.out, run.err) == (0, IMPORTED, "")
    revision = store_at(seeded_url).revisions().iloc[0]
    assert (revision["revision_id"], revision["user_name"], revision["file_name"]) == (
        FIRST_UPLOAD,
        "alice",
        "q3.csv",
    )
    assert (revision["added"], revision["replaced"], revision["unchanged"]) == (1, 1, 1)


def test_import_dry_run_prints_the_counts_and_writes_nothing(seeded_url, tmp_path):
    path = good_file(tmp_path / "q3.csv")
    before = sqlite_dump(seeded_url)
    run = dashboard(seeded_url, "import", "--dry-run", path)
    assert (run.code, run.out, run.err) == (0, DRY_RUN, "")
    assert sqlite_dump(seeded_url) == before


def test_import_bad_file_lists_every_problem_and_writes_nothing(seeded_url, tmp_path):
    path = write_csv(tmp_path / "bad.csv", BAD_ROWS)
    before = sqlite_dump(seeded_url)
    run = dashboard(seeded_url, "import", path)
    assert run.code == 1
    assert run.out == ""
    assert run.err.splitlines()[0].split() == ["Row", "Column", "Value", "given", "Problem"]
    assert_problems_listed(run.err, BAD_PROBLEMS_EN)
    assert run.err.splitlines()[-1] == BAD_REJECTED_EN
    assert sqlite_dump(seeded_url) == before


def test_import_lang_zh_prints_the_problems_in_chinese(seeded_url, tmp_path):
    path = write_csv(tmp_path / "bad.csv", BAD_ROWS)
    run = dashboard(seeded_url, "import", "--lang", "zh", path)
    assert run.code == 1
    assert run.err.splitlines()[0].split() == ["行", "列", "填写的值", "问题"]
    assert_problems_listed(run.err, BAD_PROBLEMS_ZH)
    assert run.err.splitlines()[-1] == BAD_REJECTED_ZH


def test_import_file_without_a_value_column_names_the_missing_column(seeded_url, tmp_path):
    path = write_csv(tmp_path / "bad.csv", [["ECO-TRADE", "2025Q3"]], ["indicator_id", "period"])
    run = dashboard(seeded_url, "import", path)
    assert run.code == 1
    assert "Traceback" not in run.err
    assert "The required column 'value' is missing." in run.err


def test_import_file_with_a_word_as_value_reports_it(seeded_url, tmp_path):
    path = write_csv(tmp_path / "bad.csv", [["ECO-TRADE", "2025Q3", "abc", "", "", ""]])
    run = dashboard(seeded_url, "import", path)
    assert run.code == 1
    assert "Traceback" not in run.err
    assert_problems_listed(run.err, [("2", "value", "abc", "'abc' is not a number.")])


def test_strict_refuses_a_file_with_warnings_and_without_it_the_file_is_imported(
    seeded_url, tmp_path
):
    # A plausible quarter (x4 is near the year's 800 bn), so the future period is the only warning.
    path = write_csv(tmp_path / "future.csv", [["ECO-TRADE", "2099Q1", "190", "", "", ""]])
    before = sqlite_dump(seeded_url)
    strict = dashboard(seeded_url, "import", "--strict", path)
    assert (strict.code, strict.out) == (1, "")
    assert strict.err.splitlines()[0] == "1 warning(s):"
    assert_problems_listed(strict.err, [("2", "period", "2099Q1", "The period 2099Q1 is in")])
    assert strict.err.splitlines()[-1] == "Warnings found and --strict given: nothing was written."
    assert sqlite_dump(seeded_url) == before

    lenient = dashboard(seeded_url, "import", path)
    assert lenient.code == 0
    assert (
        lenient.out == f"Imported as revision {FIRST_UPLOAD}: 1 added, 0 replaced, 0 unchanged.\n"
    )
    assert lenient.err.splitlines()[0] == "1 warning(s):"
    assert store_at(seeded_url).revisions().iloc[0]["user_name"] == LOGIN


# ----- export and the round trip -------------------------------------------------------------


def exported_rows(fmt: str, data: bytes) -> list[list]:
    if fmt == "csv":
        return list(csv.reader(io.StringIO(data.removeprefix(BOM).decode("utf-8"))))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_export_csv_to_standard_output_has_exactly_the_import_columns_and_imports_back_unchanged(
    seeded_url, tmp_path
):
    exported = dashboard(seeded_url, "export")
    assert exported.code == 0
    rows = exported_rows("csv", exported.stdout)
    assert rows[0] == EXPORT_HEADER
    assert len(rows) == 1 + PUBLISHED

    target = tmp_path / "export.csv"
    target.write_bytes(exported.stdout)
    before = sqlite_dump(seeded_url)
    run = dashboard(seeded_url, "import", target)
    assert (run.code, run.out, run.err) == (0, NOTHING_CHANGED.format(count=PUBLISHED), "")
    assert sqlite_dump(seeded_url) == before


def test_export_xlsx_has_exactly_the_import_columns_and_imports_back_unchanged(
    seeded_url, tmp_path
):
    target = tmp_path / "export.xlsx"
    written = dashboard(seeded_url, "export", "--format", "xlsx", "--output", target)
    assert (written.code, written.err) == (0, f"Wrote {PUBLISHED} observations to {target}\n")
    rows = exported_rows("xlsx", target.read_bytes())
    assert rows[0] == EXPORT_HEADER
    assert len(rows) == 1 + PUBLISHED

    before = sqlite_dump(seeded_url)
    run = dashboard(seeded_url, "import", target)
    assert (run.code, run.out, run.err) == (0, NOTHING_CHANGED.format(count=PUBLISHED), "")
    assert sqlite_dump(seeded_url) == before


def test_formula_like_note_is_exported_as_text_and_imports_back_unchanged(seeded_url, tmp_path):
    store = store_at(seeded_url)
    data = b"indicator_id,period,value,basis,note\nECO-TRADE,2025Q3,600,ytd,=1+2\n"
    commit_import(store, prepare_import(store, data, "note.csv"), "setup")
    store.engine.dispose()

    as_csv = tmp_path / "export.csv"
    as_xlsx = tmp_path / "export.xlsx"
    assert dashboard(seeded_url, "export", "--output", as_csv).code == 0
    assert dashboard(seeded_url, "export", "--format", "xlsx", "--output", as_xlsx).code == 0

    rows = list(csv.DictReader(io.StringIO(as_csv.read_bytes().removeprefix(BOM).decode())))
    assert [r["note"] for r in rows if r["period"] == "2025Q3"] == ["'=1+2"]

    sheet = openpyxl.load_workbook(as_xlsx).worksheets[0]
    notes = [row[5] for row in sheet.iter_rows(min_row=2) if row[1].value == "2025Q3"]
    assert [(cell.value, cell.data_type) for cell in notes] == [("'=1+2", "s")]
    with zipfile.ZipFile(as_xlsx) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")

    before = sqlite_dump(seeded_url)
    for path in (as_csv, as_xlsx):
        run = dashboard(seeded_url, "import", path)
        assert (run.code, run.out) == (0, NOTHING_CHANGED.format(count=PUBLISHED + 1))
    assert sqlite_dump(seeded_url) == before
    current = store_at(seeded_url).current_observations()
    assert current.loc[current["period"] == "2025Q3", "note"].tolist() == ["=1+2"]


# ----- PostgreSQL ----------------------------------------------------------------------------


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_the_cli_works_alike_as_a_real_process_on_both_databases(database_url, tmp_path):
    init = dashboard_process(database_url, "init-db")
    assert (init.code, init.out) == (0, INIT_LOADED.format(url=database_url))
    run = dashboard_process(
        database_url, "import", good_file(tmp_path / "q3.csv"), "--user", "alice"
    )
    assert (run.code, run.out) == (0, IMPORTED)
    target = tmp_path / "export.xlsx"
    assert (
        dashboard_process(database_url, "export", "--format", "xlsx", "--output", target).code == 0
    )
    again = dashboard_process(database_url, "import", target)
    assert (again.code, again.out) == (0, NOTHING_CHANGED.format(count=PUBLISHED + 1))
    store = store_at(database_url)
    assert store.revisions()["user_name"].tolist() == ["alice"] + ["init-db"] * SEED_REVISIONS
    store.engine.dispose()
