"""One gate for every callback and every page: the client's input is checked before use.

Dash callbacks are one public POST endpoint, and a page's layout function receives whatever
query string the browser sends. A client's mistake (or an attacker's probe) must get a 4xx,
never a 5xx, and no callback should have to check its arguments by hand. So:

- :func:`check_callback_body` runs before Dash reads a callback request: the body must be the
  shape dash-renderer sends (an object naming a registered callback, with exactly that
  callback's inputs and states, each ``{"id", "property", "value"}``);
- :func:`guard_callbacks` wraps every registered callback so that each argument matches the
  type hint of the callback's own parameter (``str | None``, ``int``, a ``TypedDict`` for the
  data of a ``dcc.Store``). Hints are the single declaration of what a callback accepts;
- properties whose type is the same everywhere (a URL's ``pathname``, ``n_clicks``) are
  checked by name, which also covers Dash's own router callback;
- :func:`single_valued` makes a page's query parameters plain strings (``?lang=zh&lang=en``
  means the first, as Flask's ``request.args.get`` reads it).

A refusal raises :class:`BadCallbackInput` (an HTTP 400); the app answers it in the API's
error shape.
"""

from __future__ import annotations

import functools
import inspect
import json
import typing
from collections.abc import Callable
from typing import Any

from dash import Dash
from dash._utils import split_callback_id  # how Dash itself reads a callback's key
from flask import Flask, request
from werkzeug.exceptions import BadRequest, UnsupportedMediaType

from .guard_type_hints import conforms

__all__ = [
    "BadCallbackInput",
    "CALLBACK_PATH",
    "conforms",
    "guard_callbacks",
    "init_callback_guard",
    "read_only",
    "single_valued",
]

CALLBACK_PATH = "/_dash-update-component"
_GUARDED = "_tracker_guarded"
READ_ONLY_MARK = "_tracker_read_only"

#: Properties with one meaning in every component, checked by name: a URL's path is
#: absolute (Dash's router resolves nothing else), the other parts text, a click count a number.
PROPERTY_CHECKS: dict[str, Callable[[Any], bool]] = {
    "pathname": lambda value: isinstance(value, str) and value.startswith("/"),
    "search": lambda value: conforms(value, str | None),
    "hash": lambda value: conforms(value, str | None),
    "href": lambda value: conforms(value, str | None),
    "n_clicks": lambda value: conforms(value, int | None),
    "n_clicks_timestamp": lambda value: conforms(value, int | float | None),
}


class BadCallbackInput(BadRequest):
    """A callback request the app refuses: the description says what was wrong with it."""


# ----- values against type hints -------------------------------------------------------------


def _parameter_hints(func: Callable) -> list[tuple[str, Any]]:
    """(name, hint) of each positional parameter of the function a callback wraps."""
    original = inspect.unwrap(func)
    hints = typing.get_type_hints(original, include_extras=True)
    return [
        (p.name, hints.get(p.name, Any))
        for p in inspect.signature(original).parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]


def _guarded(func: Callable) -> Callable:
    parameters = _parameter_hints(func)

    @functools.wraps(func)
    def guarded(*args, **kwargs):
        for (name, hint), value in zip(parameters, args, strict=False):
            if not conforms(value, hint):
                raise BadCallbackInput(f"callback input '{name}': unexpected value")
        return func(*args, **kwargs)

    setattr(guarded, _GUARDED, True)
    return guarded


def guard_callbacks(app: Dash) -> None:
    """Wrap every registered callback (once) in the check of its arguments' types."""
    for entry in app.callback_map.values():
        callback = entry.get("callback")
        if callback is not None and not getattr(callback, _GUARDED, False):
            entry["callback"] = _guarded(callback)


def read_only(func: Callable) -> Callable:
    """Mark a callback whose answer depends only on its inputs, the data and who asks, so
    that :mod:`dashboard.web.response_cache` may send a kept copy. (Dash and the guard wrap
    callbacks with ``functools.wraps``, which copies the mark.)"""
    setattr(func, READ_ONLY_MARK, True)
    return func


# ----- the request body ----------------------------------------------------------------------


def _matches(sent: Any, declared: dict) -> bool:
    """One input/state/output item as dash-renderer sends it, against the callback's own."""
    if isinstance(sent, list):  # a pattern-matching ALL / ALLSMALLER input: a list of items
        return all(_matches(item, declared) for item in sent)
    if not isinstance(sent, dict) or sent.get("property") != declared["property"]:
        return False
    sent_id, declared_id = sent.get("id"), declared["id"]
    if isinstance(declared_id, str):
        return sent_id == declared_id
    # A pattern-matching id is sent as its JSON text in the declaration: compare the keys.
    if isinstance(declared_id, dict):
        return isinstance(sent_id, dict) and sent_id.keys() == declared_id.keys()
    return False


def _declared(dependency: Any) -> dict:
    """A declared dependency as a dict of id and property (Dash keeps pattern ids as JSON)."""
    identifier = dependency["id"]
    if isinstance(identifier, str) and identifier.startswith("{"):
        identifier = json.loads(identifier)
    return {"id": identifier, "property": dependency["property"]}


def _refuse(message: str) -> None:
    raise BadCallbackInput(message)


def _same_output(sent: Any, declared: dict) -> bool:
    """An output as sent against the declared one (``allow_duplicate`` outputs carry an
    ``@hash`` after the property in the declaration)."""
    if not isinstance(sent, dict) or not isinstance(sent.get("property"), str):
        return False
    declared = _declared(declared)
    property_name = declared["property"].split("@")[0]
    return _matches({**sent, "property": sent["property"].split("@")[0]},
                    {**declared, "property": property_name})  # fmt: skip


def _check_outputs(sent: Any, declared: dict | list[dict]) -> None:
    """As many outputs as the callback returns, each the one it declares."""
    if isinstance(declared, list):
        if not isinstance(sent, list) or len(sent) != len(declared):
            _refuse(f"'outputs' must list the callback's {len(declared)} output(s)")
        pairs = zip(sent, declared, strict=True)
    else:
        pairs = [(sent, declared)]
    if not all(_same_output(item, expected) for item, expected in pairs):
        _refuse("'outputs' names an output the callback does not have")


def check_callback_body(app: Dash, body: Any) -> None:
    """Refuse a callback request whose body is not what dash-renderer would send."""
    if not isinstance(body, dict):
        _refuse("the request body must be a JSON object")
    output = body.get("output")
    entry = app.callback_map.get(output) if isinstance(output, str) else None
    if entry is None or entry.get("callback") is None:  # clientside callbacks run in the browser
        _refuse("no such callback")
    for key, declared_key in (("inputs", "inputs"), ("state", "state")):
        sent = body.get(key, [])
        declared = [_declared(d) for d in entry.get(declared_key, [])]
        if not isinstance(sent, list) or len(sent) != len(declared):
            _refuse(f"'{key}' must list the callback's {len(declared)} item(s)")
        for item, expected in zip(sent, declared, strict=True):
            if not _matches(item, expected):
                _refuse(f"'{key}' names an input the callback does not have")
            for single in item if isinstance(item, list) else [item]:
                check = PROPERTY_CHECKS.get(expected["property"])
                if check is not None and not check(single.get("value")):
                    _refuse(f"'{expected['property']}': unexpected value")
    _check_outputs(body.get("outputs"), split_callback_id(output))
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        _refuse("'changedPropIds' must be a list of strings")


def init_callback_guard(server: Flask, app: Dash) -> None:
    """Check every callback request before Dash reads it (and guard callbacks added late,
    such as Dash Pages' router, which is registered on the first request)."""

    @server.before_request
    def _check_callback_request():
        if request.path != CALLBACK_PATH or request.method != "POST":
            return None
        if not request.is_json:  # what another site can send without a CORS preflight
            raise UnsupportedMediaType("callback requests are JSON")
        guard_callbacks(app)
        check_callback_body(app, request.get_json(silent=True))
        return None


# ----- page query parameters -----------------------------------------------------------------


def single_valued(layout: Callable) -> Callable:
    """A page layout that receives each query parameter once, as text.

    Dash Pages passes a repeated parameter (``?lang=zh&lang=en``) as a list; like Flask's
    ``request.args.get``, the page gets the first value.
    """

    @functools.wraps(layout)
    def page(**params: Any):
        cleaned = {
            name: (value[0] if value else None) if isinstance(value, list) else value
            for name, value in params.items()
        }
        return layout(**{k: v for k, v in cleaned.items() if v is None or isinstance(v, str)})

    return page
