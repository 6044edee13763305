"""Source texts as shipped and uploaded, read as a list of cited publications.

A ``source`` cell names one or more publications, separated by ``"; "``, each written as

    “Title” (Publisher, date): https://address
    Publisher, date, on what it reports: https://address
    https://address (what it is)
    https://address

so the pages can show each publication by its name, linked to its address, instead of a bare
address. A part without an address (a free-text source from an upload) is kept as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["PLAN_SOURCE", "Citation", "citations"]

#: The plan document every target comes from: its publication and the address it is read at.
PLAN_SOURCE = (
    "“Building Chongqing's Inland Open Economy” (iChongqing, 2023): "
    "http://www.chongqinglifeguide.com/web/wenzhang.aspx?cId=133500188608078437"
)

_ADDRESS = re.compile(r"https?://[^\s;,]+")
_TRIM = " \t:;,-–—"


@dataclass(frozen=True)
class Citation:
    """One cited publication: how it is named (may be empty) and its address (may be None)."""

    label: str
    address: str | None


def _parts(text: str) -> list[str]:
    """Split on ``;`` outside parentheses and quotation marks (a title may hold a semicolon)."""
    parts, depth, start = [], 0, 0
    for position, char in enumerate(text):
        if char in "(“":
            depth += 1
        elif char in ")”" and depth:
            depth -= 1
        elif char == ";" and depth == 0:
            parts.append(text[start:position])
            start = position + 1
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def _label(before: str, after: str) -> str:
    """The publication's name: the text before its address, else a remark after it."""
    label = before.strip(_TRIM)
    if not label:
        label = after.strip(_TRIM)
        if label.startswith("(") and label.endswith(")"):
            label = label[1:-1].strip()
    return label


def citations(source: object) -> list[Citation]:
    """``"Title (X, 2023): https://a; https://b (note)"`` -> two citations, in order.

    A part that holds several addresses gives one citation per address, the first with the
    part's name; a part with none gives a citation without an address.
    """
    if not isinstance(source, str) or not source.strip():
        return []
    found: list[Citation] = []
    for part in _parts(source):
        matches = list(_ADDRESS.finditer(part))
        if not matches:
            found.append(Citation(part.strip(_TRIM), None))
            continue
        for number, match in enumerate(matches):
            before = part[: match.start()] if number == 0 else ""
            end = matches[number + 1].start() if number + 1 < len(matches) else len(part)
            found.append(Citation(_label(before, part[match.end() : end]), match.group(0)))
    return found
