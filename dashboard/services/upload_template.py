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


# ----- corridor files (issue 5) ---------------------------------------------------------------

CORRIDOR_HEADERS = {
    "reach": {
        "as_of": "as_of / 截至月份",
        "corridor": "corridor / 通道",
        "ports": "ports / 港口数",
        "countries_regions": "countries_regions / 国家和地区数",
        "provinces": "provinces / 省份数",
        "cities": "cities / 城市数",
        "stations": "stations / 站点数",
        "source": "source / 来源",
        "confidence": "confidence / 可信度",
        "note": "note / 备注",
    },
    "destinations": {
        "destination_id": "destination_id / 地点代码",
        "name_en": "name_en / 英文名称",
        "name_zh": "name_zh / 中文名称",
        "country": "country / 国家代码",
        "kind": "kind / 类型",
        "corridor": "corridor / 通道",
        "latitude": "latitude / 纬度",
        "longitude": "longitude / 经度",
        "first_service": "first_service / 首次开行",
        "source": "source / 来源",
        "confidence": "confidence / 可信度",
        "coordinates_source": "coordinates_source / 坐标来源",
        "note": "note / 备注",
    },
}

#: One example per file, never accepted as it stands (its corridor or id is invalid), so a
#: template uploaded unchanged is refused with a clear message.
_CORRIDOR_EXAMPLES = {
    "reach": {
        "as_of": "2023-09",
        "corridor": "EXAMPLE: land_sea / china_europe / yangtze / air",
        "ports": "473",
        "countries_regions": "120",
        "provinces": "18",
        "cities": "69",
        "stations": "138",
        "source": "https://cq.news.cn/20231010/30cf639dc2664f5b8910afb37453320a/c.html",
        "confidence": "H",
        "note": "EXAMPLE: the published snapshot of September 2023 - delete this row",
    },
    "destinations": {
        "destination_id": "EXAMPLE-delete-me",
        "name_en": "Duisburg",
        "name_zh": "杜伊斯堡",
        "country": "DEU",
        "kind": "rail_terminus",
        "corridor": "china_europe",
        "latitude": "51.4302",
        "longitude": "6.7240",
        "first_service": "2011-03",
        "source": "where the place is named as served",
        "confidence": "H",
        "coordinates_source": "searoute:DEDUI",
        "note": "EXAMPLE: ids are lower-case letters, digits and _ - delete this row",
    },
}


def _corridor_rows(dataset: str) -> pd.DataFrame:
    """The rows to fill: for reach, one per corridor (left blank, they are skipped)."""
    from ..core.corridors import CORRIDORS

    columns = list(CORRIDOR_HEADERS[dataset])
    if dataset == "reach":
        rows = pd.DataFrame({c: "" for c in columns}, index=range(len(CORRIDORS)))
        rows["corridor"] = list(CORRIDORS)
    else:
        rows = pd.DataFrame(columns=columns)
    return pd.concat([rows, pd.DataFrame([_CORRIDOR_EXAMPLES[dataset]])], ignore_index=True)


def _codes() -> pd.DataFrame:
    """The allowed corridor and kind codes, for the workbook's reference sheet."""
    from ..core.corridors import CORRIDORS, DESTINATION_KINDS
    from ..i18n import t

    rows = [("corridor", c, t(f"corridors.name.{c}", "en"), t(f"corridors.name.{c}", "zh"))
            for c in CORRIDORS]  # fmt: skip
    rows += [("kind", k, t(f"corridors.kind.{k}", "en"), t(f"corridors.kind.{k}", "zh"))
             for k in DESTINATION_KINDS]  # fmt: skip
    return pd.DataFrame(rows, columns=["column / 列", "code / 代码", "English", "中文"])


def corridor_template_csv(dataset: str) -> bytes:
    rows = _corridor_rows(dataset)
    return to_csv_bytes(rows.rename(columns=CORRIDOR_HEADERS[dataset]))


def corridor_template_xlsx(dataset: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    data = book.active
    data.title = "data"
    headers = CORRIDOR_HEADERS[dataset]
    filled = _corridor_rows(dataset)
    sheets = (
        (data, filled.iloc[:-1], list(headers.values())),
        (book.create_sheet("example"), filled.iloc[-1:], list(headers.values())),
        (book.create_sheet("codes"), _codes(), None),
    )
    for sheet, frame, header in sheets:
        sheet.append(header or list(frame.columns))
        for record in frame.itertuples(index=False):
            sheet.append(list(record))
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                cell.data_type = "s"
        for cells in sheet.iter_cols(max_row=1):
            sheet.column_dimensions[cells[0].column_letter].width = 22
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
