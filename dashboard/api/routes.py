"""The API Blueprint with all its routes, assembled in the order of its URL map.

The Blueprint (:mod:`.blueprint`) gets its error handlers from :mod:`.errors` (the API's one
error shape), the JSON routes from :mod:`.json_routes`, the downloads from
:mod:`.file_downloads`, and here, last, the answer to every other address under ``/api/``.
They are imported in that order, the order of the URL map; the names other modules import
from here stay importable from here.
"""

from __future__ import annotations

from flask import request

from .blueprint import api as api

# isort: split
from .errors import DRIVER_CONNECTION_ERRORS as DRIVER_CONNECTION_ERRORS
from .errors import ApiError as ApiError
from .errors import error_response as error_response
from .errors import is_connection_failure as is_connection_failure
from .errors import request_language as request_language

# isort: split
from .json_routes import INDICATOR_KEYS as INDICATOR_KEYS
from .json_routes import PROGRESS_KEYS as PROGRESS_KEYS

# isort: split
from .file_downloads import TABLE_TYPES as TABLE_TYPES


@api.route("/api/<path:_rest>")
def api_not_found(_rest: str):
    raise ApiError(f"no such API endpoint: {request.path}", 404)
