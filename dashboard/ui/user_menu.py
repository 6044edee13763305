"""The signed-in user's corner of the header: sign-in link, or name, staff pages and sign-out.

Pages are built once per data version and shared by everyone, so the header holds only an
empty placeholder. :func:`with_user_menu` fills it for the person asking as the router serves
the page, copying only the few components on the way to it (the shared page is never changed).
Done there, not in a callback of its own, it costs no second round trip per page view.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from typing import Any

from dash import dcc, html
from dash.development.base_component import Component
from flask import request

from ..i18n import t
from ..web.auth import csrf_token, current_account
from .components import page_url

MENU_TYPE = "user-menu"


def placeholder(lang: str) -> html.Div:
    return html.Div(
        id={"type": MENU_TYPE, "lang": lang}, className="d-flex align-items-center gap-2"
    )


def _is_placeholder(component: Any) -> bool:
    identifier = getattr(component, "id", None)
    return isinstance(identifier, dict) and identifier.get("type") == MENU_TYPE


def _filled(tree: Any) -> Any:
    """``tree`` with its menu placeholder filled: a copy of each component on the path to the
    placeholder, the rest shared. ``tree`` itself if it has no placeholder."""
    if _is_placeholder(tree):
        filled = copy.copy(tree)
        filled.children = render(tree.id.get("lang", "en"))
        return filled
    children = getattr(tree, "children", None)
    if isinstance(children, Component):
        replaced = _filled(children)
        if replaced is children:
            return tree
        copied = copy.copy(tree)
        copied.children = replaced
        return copied
    if isinstance(children, list | tuple):
        for index, child in enumerate(children):
            if not isinstance(child, Component):
                continue
            replaced = _filled(child)
            if replaced is not child:
                copied = copy.copy(tree)
                copied.children = [*children[:index], replaced, *children[index + 1 :]]
                return copied
    return tree


def with_user_menu(layout: Callable) -> Callable:
    """A page layout whose header shows the menu of whoever asks for the page."""

    @functools.wraps(layout)
    def page(**params: Any):
        return _filled(layout(**params))

    return page


def _page_shown() -> str:
    """The path and query string of the page being built: the router's own inputs (checked
    by the guard before this runs), so the answer depends on nothing but what it was asked."""
    body = request.get_json(silent=True) if request.is_json else None
    inputs = body.get("inputs") if isinstance(body, dict) else None
    values = {
        item.get("property"): item.get("value")
        for item in inputs or []
        if isinstance(item, dict) and item.get("id") == "_pages_location"
    }
    path, search = values.get("pathname"), values.get("search") or ""
    if isinstance(path, str) and path.startswith("/") and isinstance(search, str):
        return path + search
    return "/"


def render(lang: str) -> list:
    """The menu's items for the signed-in user, or the sign-in link back to this page."""
    user = current_account()
    if user is None:
        next_path = _page_shown()
        return [
            html.A(
                t("login.link", lang),
                href=page_url("/login", lang=lang, next=next_path),
                className="nav-link px-2 small",
                id="login-link",
            )
        ]
    items: list = []
    if user.can("staff"):
        items += [
            dcc.Link(
                t("nav.upload", lang),
                href=page_url("/upload", lang=lang),
                className="nav-link px-2",
                id="upload-link",
            ),
            dcc.Link(
                t("nav.history", lang),
                href=page_url("/history", lang=lang),
                className="nav-link px-2",
                id="history-link",
            ),
        ]
    role = t(f"role.{user.role}", lang)
    items += [
        html.Span(
            t("login.signed_in_as", lang, name=user.name, role=role),
            className="small text-light",
            id="signed-in-as",
        ),
        html.Form(
            [
                dcc.Input(type="hidden", name="csrf_token", value=csrf_token()),
                dcc.Input(type="hidden", name="lang", value=lang),
                html.Button(
                    t("login.logout", lang),
                    type="submit",
                    className="btn btn-link btn-sm text-light p-0",
                    id="logout",
                ),
            ],
            action="/logout",
            method="post",
            className="m-0",
        ),
    ]
    return items
