"""``/export/progress.csv`` and ``/export/progress.xlsx``: the overview's table as a file.

``?as_of=2025Q3&pillar=logistics&lang=zh`` choose the view exactly as on the overview (both
optional: the newest quarter with data, every pillar, English). A bad ``as_of`` or an unknown
pillar is a 400 in the API's one error shape; an unknown format a 404.
"""

from __future__ import annotations

from flask import Response, request

from ..i18n import normalise_language
from ..services.progress_export import progress_csv_bytes, progress_export, progress_xlsx_bytes
from ..web import get_store
from .query_arguments import as_of_argument, pillar_argument
from .routes import ApiError, api

#: format -> (writer, MIME type)
FORMATS = {
    "csv": (progress_csv_bytes, "text/csv; charset=utf-8"),
    "xlsx": (
        progress_xlsx_bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


@api.get("/export/progress.<fmt>")
def progress_download(fmt: str):
    """The progress table of one view (as-of quarter, pillar, language) as CSV or XLSX."""
    if fmt not in FORMATS:
        raise ApiError(f"no progress export in format {fmt!r}; use csv or xlsx", 404)
    as_of = as_of_argument()
    pillar = pillar_argument()
    lang = normalise_language(request.args.get("lang"))
    progress = get_store().progress(as_of=as_of, pillar=pillar)
    export = progress_export(progress, lang, pillar)
    writer, mimetype = FORMATS[fmt]
    return Response(
        writer(export),
        mimetype=mimetype,
        headers={
            "Content-Disposition": f"attachment; filename={export.file_name(fmt)}",
            "Cache-Control": "no-store",
        },
    )
