"""The quarterly file template staff download: bilingual headers, every indicator, examples.

The examples are unmistakably examples: invented round numbers, a placeholder address on
``example.org`` (reserved for documentation) and no real publisher's name. They are never data
rows, so a template filled in and uploaded is accepted as it is:

* CSV: the 15 indicators as rows to fill in (rows left without period and value are skipped on
  import), then guidance lines starting with ``#`` whose period and value cells are empty, so
  the import skips them too; each spells one example out in its first cell.
* XLSX: the same rows to fill on the first sheet (the one the importer reads) and the examples,
  with real ids, on a second sheet.

The ``unit`` column is pre-filled (DOMAIN.md): in the Chinese template with the unit Chinese
sources publish in (亿元, 万吨, 万标箱, 万人次, 亿美元), in the English one with the tracker's
display unit; the import converts either exactly.
"""

from __future__ import annotations

import io

import pandas as pd

from ..core.units import CHINESE_SOURCE_UNIT
from ..i18n import normalise_language, t

# The corridor templates live in .corridor_template; the API imports them from here.
from .corridor_template import CORRIDOR_HEADERS as CORRIDOR_HEADERS
from .corridor_template import corridor_template_csv as corridor_template_csv
from .corridor_template import corridor_template_xlsx as corridor_template_xlsx
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
#: A documentation address (RFC 2606), never a real publication.
EXAMPLE_SOURCE = "https://example.org/the-publication-page"
#: indicator, period, value, basis: invented numbers, one example per basis.
EXAMPLES = [
    ("ECO-TRADE", "2025Q3", "111.1", "quarter"),
    ("ECO-TRADE", "2025Q3", "333.3", "ytd"),
    ("ECO-TRADE", "2024", "444.4", "annual"),
]
COMMENT = "#"


def _both(key: str) -> str:
    return f"{t(key, 'en')} / {t(key, 'zh')}"


def _unit_to_fill(indicator_unit: str, lang: str) -> str:
    """The unit a row is pre-filled with: what Chinese sources write, or the display unit."""
    if lang == "zh":
        return CHINESE_SOURCE_UNIT.get(indicator_unit, indicator_unit)
    return indicator_unit


def _rows_to_fill(catalogue: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": catalogue["indicator_id"],
            "period": "",
            "value": "",
            "basis": "",
            "source": "",
            "note": "",
            "name": catalogue["name_en"] + " / " + catalogue["name_zh"],
            "unit": [_unit_to_fill(unit, lang) for unit in catalogue["unit"]],
        }
    )


def _examples(lang: str = "en") -> pd.DataFrame:
    """The examples as rows (for the workbook's own sheet), marked as invented in the note."""
    frame = pd.DataFrame(EXAMPLES, columns=["indicator_id", "period", "value", "basis"])
    frame["source"] = EXAMPLE_SOURCE
    frame["note"] = [
        f"{_both('template.example.marker')}: {_both(f'template.example.{basis}')}"
        for basis in frame["basis"]
    ]
    frame["name"] = _both("template.example.marker")
    frame["unit"] = _unit_to_fill("billion CNY", lang)
    return frame


def _guidance_lines() -> pd.DataFrame:
    """Comment lines for the CSV: the text in the first cell, every other cell empty (so the
    import skips them as rows without period and value)."""
    lines = [f"{COMMENT} {_both('template.examples')}"]
    for indicator_id, period, value, basis in EXAMPLES:
        example = ", ".join((indicator_id, period, value, basis, EXAMPLE_SOURCE))
        meaning = _both(f"template.example.{basis}")
        lines.append(
            f"{COMMENT} {_both('template.example.marker')} ({basis}: {meaning}): {example}"
        )
    frame = pd.DataFrame({column: "" for column in HEADERS}, index=range(len(lines)))
    frame["indicator_id"] = lines
    return frame


def template_csv(catalogue: pd.DataFrame, lang: str = "en") -> bytes:
    lang = normalise_language(lang)
    blank = pd.DataFrame({column: "" for column in HEADERS}, index=[0])
    rows = pd.concat([_rows_to_fill(catalogue, lang), blank, _guidance_lines()], ignore_index=True)
    return to_csv_bytes(rows.rename(columns=HEADERS))


def template_xlsx(catalogue: pd.DataFrame, lang: str = "en") -> bytes:
    from openpyxl import Workbook

    lang = normalise_language(lang)
    book = Workbook()
    data = book.active
    data.title = "data"
    examples = book.create_sheet("examples")
    for sheet, frame in ((data, _rows_to_fill(catalogue, lang)), (examples, _examples(lang))):
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
