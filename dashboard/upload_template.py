"""The quarterly file template staff download: bilingual headers, every indicator, examples.

CSV: the 15 indicators as rows to fill in (rows left without period and value are skipped on
import), then one example row per basis whose id is ``EXAMPLE``, so a template uploaded
unchanged is refused with a clear message. XLSX: the same rows to fill on the first sheet (the
one the importer reads) and the examples with real ids on a second sheet.
"""

from __future__ import annotations

import io

import pandas as pd

from .exports import to_csv_bytes

HEADERS = {
    "indicator_id": "indicator_id / 指标代码",
    "period": "period / 期间",
    "value": "value / 数值",
    "basis": "basis / 口径",
    "source": "source / 来源",
    "note": "note / 备注",
    "name": "name / 指标名称",
    "unit": "unit / 单位",
}
EXAMPLES = [
    ("ECO-TRADE", "2025Q3", "612.5", "ytd", "Chongqing customs", "January-September"),
    ("ECO-TRADE", "2025Q3", "210.4", "quarter", "Chongqing customs", "third quarter alone"),
    ("ECO-TRADE", "2024", "715.42", "annual", "Chongqing customs", "full year"),
]


def _rows_to_fill(catalogue: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": catalogue["indicator_id"],
            "period": "",
            "value": "",
            "basis": "",
            "source": "",
            "note": "",
            "name": catalogue["name_en"] + " / " + catalogue["name_zh"],
            "unit": catalogue["unit"] + " / " + catalogue["unit_zh"],
        }
    )


def _examples(example_id: str | None) -> pd.DataFrame:
    frame = pd.DataFrame(EXAMPLES, columns=["indicator_id", "period", "value", "basis", "source",
                                            "note"])  # fmt: skip
    if example_id:
        frame["indicator_id"] = example_id
    frame["note"] = "EXAMPLE (" + frame["basis"] + "): " + frame["note"] + " - delete this row"
    frame["name"] = "example of basis " + frame["basis"]
    frame["unit"] = "billion CNY / 十亿元"
    return frame


def template_csv(catalogue: pd.DataFrame) -> bytes:
    rows = pd.concat([_rows_to_fill(catalogue), _examples("EXAMPLE")], ignore_index=True)
    return to_csv_bytes(rows.rename(columns=HEADERS))


def template_xlsx(catalogue: pd.DataFrame) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    data = book.active
    data.title = "data"
    examples = book.create_sheet("examples")
    for sheet, frame in ((data, _rows_to_fill(catalogue)), (examples, _examples(None))):
        sheet.append([HEADERS[c] for c in frame.columns])
        for record in frame.itertuples(index=False):
            sheet.append(list(record))
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                cell.data_type = "s"
        for column, width in zip("ABCDEFGH", (22, 12, 12, 10, 30, 30, 60, 24), strict=True):
            sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
