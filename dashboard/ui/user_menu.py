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

from ..auth import csrf_token, current_account
from ..i18n import t
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


def render(lang: str) -> list:
    """The menu's items for the signed-in user, or the sign-in link back to this page (the
    router's request comes from the page being shown: its Referer)."""
    user = current_account()
    if user is None:
        here = request.referrer or "/"
        next_path = "/" + here.split("/", 3)[3] if here.count("/") >= 3 else "/"
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
