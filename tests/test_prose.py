"""The methodology and plan prose as Markdown: the loader's checks, the drawing, and an analyst's
edit reaching the page (issue 15, "prose as documents").

Tests that edit a document work on a copy of ``dashboard/content`` in a temporary folder.
"""

from __future__ import annotations

import json
import shutil

import plotly
import pytest

from dashboard.ui import prose
from dashboard.ui.pages import methodology, plan


def _text(components) -> str:
    return json.dumps(components, cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)


@pytest.fixture
def content(tmp_path, monkeypatch):
    """A writable copy of the page documents, read instead of the shipped ones."""
    folder = tmp_path / "content"
    shutil.copytree(prose.CONTENT, folder)
    monkeypatch.setattr(prose, "CONTENT", folder)
    prose.document.cache_clear()
    yield folder
    prose.document.cache_clear()


def test_the_shipped_documents_fit_their_pages():
    assert prose.problems("methodology", methodology.placeholder_names()) == []
    assert prose.problems("plan", plan.PLACEHOLDERS) == []


@pytest.mark.parametrize("page", ["methodology", "plan"])
def test_both_languages_have_the_same_sections_and_a_title(page):
    english, chinese = prose.document(page, "en"), prose.document(page, "zh")
    assert english.anchors == chinese.anchors and len(english.anchors) >= 4
    assert english.meta["title"] and chinese.meta["title"]
    assert english.placeholders == chinese.placeholders


def test_the_methodology_contents_list_its_sections_in_order():
    anchors = [anchor for anchor, _ in prose.contents("methodology", "en")]
    assert anchors[0] == "method-origin" and anchors[-1] == "method-example"
    assert dict(prose.contents("methodology", "zh"))["method-status"] == "进展状态判定"


def test_an_analysts_edit_shows_on_the_page(content):
    path = content / "methodology.en.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "Those sources work with annual data.", "Those sources publish yearly figures."
        ),
        encoding="utf-8",
    )
    page = _text(methodology.layout("en"))
    assert "Those sources publish yearly figures." in page
    assert "Those sources work with annual data." not in page


def test_an_unknown_placeholder_is_named(content):
    path = content / "methodology.zh.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n{ratoi}\n", encoding="utf-8")
    assert prose.problems("methodology", methodology.placeholder_names()) == [
        "methodology.zh.md: unknown placeholder {ratoi}"
    ]


def test_headings_need_anchors_and_the_same_ones_in_both_languages(content):
    path = content / "plan.en.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{#plan-pillars}", ""), encoding="utf-8")
    found = prose.problems("plan", plan.PLACEHOLDERS)
    assert any("has no {#anchor}" in line and "plan.en.md" in line for line in found)
    assert any("the languages' headings differ" in line for line in found)


def test_a_missing_language_is_named(content):
    (content / "plan.zh.md").unlink()
    assert prose.problems("plan", plan.PLACEHOLDERS) == ["plan.zh.md: missing"]


def test_the_factory_refuses_a_broken_document(content, sqlite_url):
    from dashboard.app import create_app

    path = content / "plan.en.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n{nonsense}\n", encoding="utf-8")
    with pytest.raises(prose.DocumentError, match=r"plan\.en\.md: unknown placeholder"):
        create_app({"DATABASE_URL": sqlite_url, "SECRET_KEY": "k"})


def test_markup_is_drawn_and_raw_html_stays_text(content):
    (content / "sample.en.md").write_text(
        "---\ntitle: Sample\n---\n\n# Sample\n\n## Part {#part}\n\n"
        "Some **strong** and *em* words, `code`, <script>alert(1)</script> and a "
        "[link](/methodology).\n\n{block}\n\n"
        '{#things caption="Things"}\n| Status | Rule |\n|---|---|\n| {status:on_track} | x |\n',
        encoding="utf-8",
    )
    drawn = _text(prose.render("sample", "en", {"block": ["one", "two"], "status:on_track": "OK"}))
    assert '"type": "Strong"' in drawn and '"type": "Em"' in drawn and '"type": "Code"' in drawn
    assert "<script>alert(1)</script>" in drawn  # as text: the parser allows no HTML
    assert '"type": "Script"' not in drawn
    assert '"href": "/methodology?lang=en"' in drawn
    assert '"data-status-row": "on_track"' in drawn and '"id": "things"' in drawn
    assert '"aria-labelledby": "part"' in drawn


def test_the_chinese_page_links_keep_the_language():
    drawn = _text(methodology.layout("zh"))
    assert "/indicator/ECO-TRADE?lang=zh" in drawn
