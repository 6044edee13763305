"""Markdown's syntax tree drawn as Dash components, for the pages written as documents
(:mod:`.prose` loads and checks them).

Everything is drawn on the server: the page holds plain ``html`` components, no Markdown is
parsed in the browser, and raw HTML in a document stays text. Placeholders in braces become the
values the page supplies (text, or components such as a formula or a whole table).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from dash import dcc, html
from markdown_it.tree import SyntaxTreeNode

from .components import page_url

PLACEHOLDER = re.compile(r"\{([A-Za-z_][\w:.-]*)\}")
ANCHOR = re.compile(r"\s*\{#([a-z][a-z0-9-]*)\}\s*$")
HEADING_CLASSES = {"h1": "h3 mt-3", "h2": "h4 mt-4", "h3": "h5 mt-3"}


@dataclass
class _Section:
    heading: SyntaxTreeNode
    children: list


def sectioned(nodes: list[SyntaxTreeNode]) -> list:
    """Nodes grouped under their ``##`` and ``###`` headings."""
    top: list = []
    current: dict[str, _Section | None] = {"h2": None, "h3": None}
    for node in nodes:
        if node.type == "front_matter":
            continue
        if node.type == "heading" and node.tag in ("h2", "h3"):
            section = _Section(node, [])
            if node.tag == "h2" or current["h2"] is None:
                top.append(section)
                current = {"h2": section, "h3": None}
            else:
                current["h2"].children.append(section)
                current["h3"] = section
            continue
        holder = current["h3"] or current["h2"]
        (holder.children if holder else top).append(node)
    return top


class MarkdownRenderer:
    def __init__(self, lang: str, values: Mapping[str, object]) -> None:
        self.lang, self.values = lang, values

    def blocks(self, nodes: list) -> list:
        """Dash draws a flat list only: a placeholder's list of blocks is spliced in."""
        return _flat([self.block(node) for node in nodes])

    def block(self, node):
        if isinstance(node, _Section):
            text = node.heading.children[0].content if node.heading.children else ""
            anchor = ANCHOR.search(text).group(1)
            heading = getattr(html, node.heading.tag.upper())(
                self.inline(ANCHOR.sub("", text)),
                id=anchor,
                className=HEADING_CLASSES[node.heading.tag],
            )
            return html.Section(
                [heading, *self.blocks(node.children)], **{"aria-labelledby": anchor}
            )
        attrs = _attributes(node)
        if node.type == "heading":
            return getattr(html, node.tag.upper())(
                self.children(node), className=HEADING_CLASSES.get(node.tag), **attrs
            )
        if node.type == "paragraph":
            whole = self.lone_block(node)
            if whole is not None:
                return whole
            return html.P(self.children(node), **attrs)
        if node.type == "list_item":
            return html.Li(self.children(node), **attrs)
        if node.type in ("bullet_list", "ordered_list", "blockquote"):
            tag = {"bullet_list": html.Ul, "ordered_list": html.Ol,
                   "blockquote": html.Blockquote}[node.type]  # fmt: skip
            return tag(self.blocks(node.children), **attrs)
        if node.type == "dl":
            return html.Dl(self.definitions(node), className="row symbol-list", **attrs)
        if node.type == "table":
            return self.table(node, attrs)
        if node.type == "hr":
            return html.Hr()
        raise ValueError(f"Markdown {node.type!r} is not drawn on the tracker's pages")

    def lone_block(self, node: SyntaxTreeNode):
        """A paragraph that is only a placeholder of a component is that component."""
        inline = node.children[0] if node.children else None
        if inline is None or len(inline.children) != 1 or inline.children[0].type != "text":
            return None
        match = PLACEHOLDER.fullmatch(inline.children[0].content.strip())
        value = self.values.get(match.group(1)) if match else None
        return value if value is not None and not isinstance(value, str) else None

    def definitions(self, node: SyntaxTreeNode) -> list:
        items: list = []
        for child in node.children:
            if child.type == "dt":
                items.append(
                    html.Dt(
                        html.Span(self.children(child), className="formula"),
                        className="col-3 col-sm-2 col-lg-1",
                    )
                )
            else:
                body = [self.children(p) if p.type == "paragraph" else self.block(p)
                        for p in child.children]  # fmt: skip
                items.append(html.Dd(_flat(body), className="col-9 col-sm-10 col-lg-11"))
        return items

    def table(self, node: SyntaxTreeNode, attrs: dict) -> html.Div:
        caption = attrs.pop("caption", None)
        parts: list = [html.Caption(caption, className="visually-hidden")] if caption else []
        for section in node.children:
            rows = []
            for row in section.children:
                cells = []
                for index, cell in enumerate(row.children):
                    content = self.children(cell)
                    if section.type == "thead":
                        cells.append(html.Th(content, scope="col"))
                    elif index == 0:
                        cells.append(html.Th(content, scope="row"))
                    else:
                        cells.append(html.Td(content))
                rows.append(html.Tr(cells, **_row_attributes(row)))
            parts.append((html.Thead if section.type == "thead" else html.Tbody)(rows))
        return html.Div(
            html.Table(parts, className="table align-middle", **attrs), className="table-responsive"
        )

    def children(self, node: SyntaxTreeNode) -> list:
        """The inline content of a block (a paragraph, a cell, a list item's text)."""
        out: list = []
        for child in node.children:
            if child.type == "inline":
                out += self.inlines(child.children)
            elif child.type == "paragraph" and child.hidden:  # a tight list's item text
                out += self.children(child)
            else:
                out.append(self.block(child))
        return out

    def inlines(self, nodes: list[SyntaxTreeNode]) -> list:
        out: list = []
        for node in nodes:
            if node.type == "text":
                out += self.inline(node.content)
            elif node.type == "strong":
                out.append(html.Strong(self.inlines(node.children)))
            elif node.type == "em":
                out.append(html.Em(self.inlines(node.children)))
            elif node.type == "code_inline":
                out.append(html.Code(node.content))
            elif node.type == "softbreak":
                out.append(" " if self.lang == "en" else "")
            elif node.type == "hardbreak":
                out.append(html.Br())
            elif node.type == "link":
                out.append(self.link(str(node.attrs.get("href", "")), node.children))
            else:
                raise ValueError(f"Markdown {node.type!r} is not drawn on the tracker's pages")
        return out

    def link(self, href: str, children: list[SyntaxTreeNode]):
        text = self.inlines(children)
        if href.startswith("/"):
            return dcc.Link(text, href=page_url(href, lang=self.lang))
        return html.A(text, href=href, rel="noopener")

    def inline(self, text: str) -> list:
        """Text with its placeholders filled: strings as text, components as they are."""
        out: list = []
        position = 0
        for match in PLACEHOLDER.finditer(text):
            if match.start() > position:
                out.append(text[position : match.start()])
            value = self.values[match.group(1)]
            out += value if isinstance(value, list) else [value]
            position = match.end()
        if position < len(text):
            out.append(text[position:])
        return _merge_text(out)


def _attributes(node: SyntaxTreeNode) -> dict:
    attrs = {str(k): str(v) for k, v in node.attrs.items()}
    if "class" in attrs:
        attrs["className"] = attrs.pop("class")
    return attrs


def _row_attributes(row: SyntaxTreeNode) -> dict:
    first = row.children[0] if row.children else None
    inline = first.children[0] if first is not None and first.children else None
    text = inline.content.strip() if inline is not None else ""
    match = re.fullmatch(r"\{status:(\w+)\}", text)
    return {"data-status-row": match.group(1)} if match else {}


def _flat(parts: list) -> list:
    return [item for part in parts for item in (part if isinstance(part, list) else [part])]


def _merge_text(parts: list) -> list:
    """Adjacent strings joined, so that the page holds no more text nodes than it needs."""
    merged: list = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        elif part != "":
            merged.append(part)
    return merged
