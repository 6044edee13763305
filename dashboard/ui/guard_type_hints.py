"""Whether a JSON value fits a type hint: the check the guard makes of every callback argument.

Kept apart from :mod:`.guard` because it is plain typing, with nothing of Dash or Flask: the
guard reads a callback's hints and asks this module whether each value the client sent fits.
"""

from __future__ import annotations

import inspect
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin, is_typeddict


def conforms(value: Any, hint: Any) -> bool:
    """Whether a JSON value fits a type hint (the subset of typing that callbacks use)."""
    if hint is Any or hint is inspect.Parameter.empty:
        return True
    if hint is None or hint is type(None):
        return value is None
    origin = get_origin(hint)
    if origin is typing.Annotated:
        return conforms(value, get_args(hint)[0])
    if origin in (Union, types.UnionType):
        return any(conforms(value, option) for option in get_args(hint))
    if origin is Literal:
        return value in get_args(hint)
    if is_typeddict(hint):
        return _conforms_typeddict(value, hint)
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is str:
        return isinstance(value, str)
    if hint is list or origin is list:
        (item,) = get_args(hint) or (Any,)
        return isinstance(value, list) and all(conforms(v, item) for v in value)
    if hint is dict or origin is dict:
        key, item = get_args(hint) or (Any, Any)
        return isinstance(value, dict) and all(
            conforms(k, key) and conforms(v, item) for k, v in value.items()
        )
    raise TypeError(f"callback type hint {hint!r} is not one the guard knows how to check")


def _conforms_typeddict(value: Any, hint: Any) -> bool:
    """Required keys present and every key's value of its type. (``__required_keys__`` is
    wrong under ``from __future__ import annotations`` in Python 3.11, so the keys'
    ``NotRequired`` / ``Required`` markers are read from the resolved hints.)"""
    if not isinstance(value, dict):
        return False
    for key, field in typing.get_type_hints(hint, include_extras=True).items():
        marker = get_origin(field)
        if marker in (typing.NotRequired, typing.Required):
            (field,) = get_args(field)
        if key not in value:
            if marker is typing.Required or (marker is not typing.NotRequired and hint.__total__):
                return False
            continue
        if not conforms(value[key], field):
            return False
    return True
