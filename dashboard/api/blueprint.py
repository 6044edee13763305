"""The API's one Blueprint, on its own so that every module of routes can add to it."""

from __future__ import annotations

from flask import Blueprint

api = Blueprint("api", __name__)
