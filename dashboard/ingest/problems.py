"""Problems found in an upload: where (row, column), what was given, and a translatable reason."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..i18n import t

ERROR = "error"
WARNING = "warning"

#: Row number used for problems that concern the whole file or its header.
FILE_ROW = 0
HEADER_ROW = 1


@dataclass(frozen=True)
class Problem:
    """One problem. ``row`` counts as a spreadsheet does: the header is row 1."""

    code: str
    row: int = FILE_ROW
    column: str = ""
    value: str = ""
    severity: str = ERROR
    params: dict = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        params = dict(self.params)
        if "kind" in params:
            params["kind"] = t(f"kind.{params['kind']}", lang)
        if "dataset" in params:  # a kind of file: observations, reach, destinations
            params["dataset"] = t(f"upload.dataset_noun.{params['dataset']}", lang)
        params.setdefault("row", self.row)
        return t(f"problem.{self.code}", lang, value=self.value, column=self.column, **params)

    def as_dict(self, lang: str = "en") -> dict:
        """The shape the CLI, the web table and the JSON API all show."""
        return {
            "row": self.row or None,
            "column": self.column or None,
            "value": self.value,
            "severity": self.severity,
            "code": self.code,
            "message": self.message(lang),
        }


class FileRejected(Exception):
    """The file cannot be read at all (wrong type, encoding, size): one problem says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message())
        self.problem = problem
