"""The corridor file templates staff download: reach snapshots and destinations, bilingual headers.

Each template holds one example that the import refuses as it stands, and its workbook a sheet
of the allowed corridor and kind codes; the quarterly template is :mod:`.upload_template`.
"""

from __future__ import annotations

import io

import pandas as pd

from .exports import to_csv_bytes

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
