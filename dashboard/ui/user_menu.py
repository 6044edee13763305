"""The signed-in user's corner of the header: sign-in link, or name, staff pages and sign-out.

Pages are cached and shared by everyone, so the header holds only an empty placeholder; this
callback fills it for the person asking, when the page is inserted.
"""

from __future__ import annotations

from typing import TypedDict

from dash import MATCH, Dash, Input, Output, dcc, html
from flask import request

from ..auth import csrf_token, current_account
from ..i18n import t
from .components import page_url

MENU_TYPE = "user-menu"


def placeholder(lang: str) -> html.Div:
    return html.Div(
        id={"type": MENU_TYPE, "lang": lang}, className="d-flex align-items-center gap-2"
    )


def register(app: Dash) -> None:
    app.callback(
        Output({"type": MENU_TYPE, "lang": MATCH}, "children"),
        Input({"type": MENU_TYPE, "lang": MATCH}, "id"),
    )(render)


class MenuId(TypedDict):
    type: str
    lang: str


def render(menu_id: MenuId) -> list:
    lang = menu_id.get("lang", "en")
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
