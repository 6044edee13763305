"""What a kind of upload file looks like, and which of its headers names which column.

Staff write headers in English, in Chinese, or both (``value / 数值``), and the templates carry
reference columns (the indicator's name) that no rule reads. Matching a header to its
canonical column is the same for every kind of file, whatever the file type, so the kinds
(:class:`FileSpec`) and the matching live here, apart from how the cells are read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "COLUMN_ALIASES",
    "FileSpec",
    "OBSERVATION_FILE",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "match_header",
]

REQUIRED_COLUMNS = ("indicator_id", "period", "value")
OPTIONAL_COLUMNS = ("basis", "unit", "source", "note", "confidence", "illustrative")

#: Header names accepted for each column (compared after NFKC folding and lower-casing).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "indicator_id": ("indicator_id", "indicator id", "indicator", "指标代码", "指标编号", "指标id"),
    "period": ("period", "期间", "时期", "报告期"),
    "value": ("value", "数值", "数据", "值"),
    "basis": ("basis", "口径"),
    "source": ("source", "来源", "数据来源"),
    "note": ("note", "notes", "备注", "说明"),
    "confidence": ("confidence", "可信度"),
    "illustrative": ("illustrative", "示例", "示例数据"),
    "unit": ("unit", "units", "单位", "计量单位"),
}


@dataclass(frozen=True)
class FileSpec:
    """What a kind of upload file looks like: its columns and the header names accepted.

    ``identity`` is the column that names a row (a row blank there is checked cell by cell);
    a row whose ``filled`` columns are all blank is a template row nobody filled in.

    ``max_rows`` is the most data rows one file may hold, ``max_upload_rows`` (if given) the
    most a web upload may hold; both are checked before any row is validated.
    """

    name: str
    required: tuple[str, ...]
    aliases: dict[str, tuple[str, ...]]
    identity: str
    filled: tuple[str, ...] = ()
    max_rows: int | None = None
    max_upload_rows: int | None = None

    def row_limit(self, upload: bool) -> int | None:
        """The most data rows a file may hold (a web upload, or a file on the server)."""
        limits = [n for n in (self.max_rows, self.max_upload_rows if upload else None) if n]
        return min(limits) if limits else None


_ALIAS_TABLES: dict[str, dict[str, str]] = {}


def _alias_table(spec: FileSpec) -> dict[str, str]:
    table = _ALIAS_TABLES.get(spec.name)
    if table is None:
        table = {alias: col for col, aliases in spec.aliases.items() for alias in aliases}
        _ALIAS_TABLES[spec.name] = table
    return table


#: The quarterly figures file of DOMAIN.md. 15 indicators by quarter since 2000 are about 1,700
#: rows; an upload holds at most 20,000 (a file on the server may hold more: each row's key is
#: an indicator of the catalogue and a period, so what is in force stays bounded anyway).
OBSERVATION_FILE = FileSpec(
    name="observations",
    required=REQUIRED_COLUMNS,
    aliases=COLUMN_ALIASES,
    identity="indicator_id",
    filled=("period", "value"),
    max_upload_rows=20_000,
)


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(text))).strip().lower()


def match_header(header: str, spec: FileSpec = OBSERVATION_FILE) -> str | None:
    """The column a header names, or None for a reference column to ignore.

    Accepted: ``数值``, ``value``, ``value / 数值``, ``数值(value)``, ``value (billion CNY)``
    (the first part names the column) and ``indicator_id 指标代码`` (every word names it).
    Not matched: ``indicator name``, ``unit of value`` (they only mention a column).
    """
    aliases = _alias_table(spec)
    folded = _fold(header)
    if folded in aliases:
        return aliases[folded]
    parts = [p.strip() for p in re.split(r"[/|()\[\]（）【】,，;；\n]", folded) if p.strip()]
    if len(parts) > 1 and parts[0] in aliases:
        named = {aliases[p] for p in parts if p in aliases}
        return named.pop() if len(named) == 1 else None
    words = folded.split(" ")
    if len(words) > 1 and all(w in aliases for w in words):
        named = {aliases[w] for w in words}
        return named.pop() if len(named) == 1 else None
    return None
