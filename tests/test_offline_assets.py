"""Every file the app serves from assets/ is free of outside hosts a browser could be sent to
(CDNs, web font hosts, plotly's cloud): government intranets have no internet."""

from __future__ import annotations

import re
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "assets"
OUTSIDE = re.compile(
    rb"https?://[a-z0-9.-]*(cdn|fonts\.googleapis|fonts\.gstatic|plot\.ly|plotly\.com/newchart"
    rb"|unpkg|jsdelivr)"
)


def test_no_served_file_names_a_cdn_or_web_font_host():
    files = [p for p in ASSETS.rglob("*") if p.is_file() and p.suffix in {".js", ".css", ".json"}]
    assert any(p.name == "plotly-tracker.min.js" for p in files)
    found = {str(p.relative_to(ASSETS)): OUTSIDE.search(p.read_bytes()) for p in files}
    assert {name: m.group(0) for name, m in found.items() if m} == {}
