"""Long-form pages written as Markdown, one file per page and language, drawn as Dash components.

The methodology and the plan are prose: an analyst fixes a sentence in
``dashboard/content/<page>.<lang>.md`` and the page shows it, without touching Python. The page's
code only supplies what prose cannot hold: numbers computed by the progress code, formulas,
status badges and tables built from data, each named by a placeholder in braces:

- ``{x0}``, ``{R}``: formula symbols; ``{target}``: a number of the worked example;
  ``{status:on_track}``: a status badge; ``{rates_table}`` alone in a paragraph: a whole block.
- ``## Heading {#anchor}``: every section heading carries its anchor (the contents list and
  deep links use it), and both languages have the same anchors in the same order.
- ``{#id .class caption="…"}`` on the line before a block gives it attributes (markdown-it's
  attrs syntax); a table's ``caption`` becomes its (visually hidden) caption.
- A table row whose first cell is a lone ``{status:…}`` badge is marked ``data-status-row``.
- Links to the tracker's own pages keep the page's language.

:func:`problems` checks a page's files against the placeholders its code supplies; the factory
refuses to start on a broken file, and a test checks every file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.attrs import attrs_block_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from ..i18n import LANGUAGES
from .markdown_components import ANCHOR, PLACEHOLDER, MarkdownRenderer, sectioned

CONTENT = Path(__file__).resolve().parent.parent / "content"


class DocumentError(ValueError):
    """A page's Markdown does not fit its page (see :func:`problems`)."""


_PARSER = (
    MarkdownIt("commonmark", {"html": False})
    .enable("table")
    .use(front_matter_plugin)
    .use(attrs_block_plugin)
    .use(deflist_plugin)
)


@dataclass(frozen=True)
class Document:
    """One page in one language: its front matter and its Markdown syntax tree."""

    page: str
    lang: str
    meta: dict[str, str]
    tree: SyntaxTreeNode

    @property
    def anchors(self) -> list[str]:
        return [anchor for _, anchor, _ in headings(self)]

    @property
    def placeholders(self) -> set[str]:
        return {
            name
            for node in self.tree.walk()
            if node.type == "text"
            for name in PLACEHOLDER.findall(node.content)
        }


def path_of(page: str, lang: str) -> Path:
    return CONTENT / f"{page}.{lang}.md"


@lru_cache(maxsize=16)
def document(page: str, lang: str) -> Document:
    """The parsed file, read once per process (the page is rebuilt from it on every view)."""
    text = path_of(page, lang).read_text(encoding="utf-8")
    tree = SyntaxTreeNode(_PARSER.parse(text))
    meta: dict[str, str] = {}
    for node in tree.children:
        if node.type == "front_matter":
            for line in node.content.splitlines():
                key, _, value = line.partition(":")
                if key.strip():
                    meta[key.strip()] = value.strip()
    return Document(page, lang, meta, tree)


def headings(doc: Document) -> list[tuple[str, str | None, str]]:
    """``(tag, anchor, text)`` of every heading below the title, in order."""
    found = []
    for node in doc.tree.walk():
        if node.type == "heading" and node.tag != "h1":
            text = node.children[0].content if node.children else ""
            match = ANCHOR.search(text)
            found.append((node.tag, match.group(1) if match else None, ANCHOR.sub("", text)))
    return found


def problems(page: str, known: frozenset[str] | set[str]) -> list[str]:
    """What is wrong with a page's files: a missing language, a heading without an anchor,
    anchors that differ between languages, a placeholder the page's code does not supply."""
    found: list[str] = []
    anchors: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        if not path_of(page, lang).is_file():
            found.append(f"{path_of(page, lang).name}: missing")
            continue
        doc = document(page, lang)
        name = path_of(page, lang).name
        if not doc.meta.get("title"):
            found.append(f"{name}: the front matter has no title")
        if not any(n.type == "heading" and n.tag == "h1" for n in doc.tree.children):
            found.append(f"{name}: no '# ' heading")
        for tag, anchor, text in headings(doc):
            if anchor is None:
                found.append(f"{name}: the {tag} heading {text!r} has no {{#anchor}}")
        for unknown in sorted(doc.placeholders - known):
            found.append(f"{name}: unknown placeholder {{{unknown}}}")
        anchors[lang] = doc.anchors
    if len(anchors) == len(LANGUAGES) and len({tuple(a) for a in anchors.values()}) > 1:
        found.append(f"{page}: the languages' headings differ: {anchors}")
    return found


# ----- drawing --------------------------------------------------------------------------------


def render(page: str, lang: str, values: Mapping[str, object]) -> list:
    """The page's components: its title, then one ``<section>`` per ``##`` heading (and one
    per ``###`` inside it), each labelled by its heading."""
    return MarkdownRenderer(lang, values).blocks(sectioned(document(page, lang).tree.children))


def contents(page: str, lang: str) -> list[tuple[str, str]]:
    """``(anchor, heading text)`` of the page's ``##`` sections, for its contents list."""
    return [(a, text) for tag, a, text in headings(document(page, lang)) if tag == "h2" and a]
