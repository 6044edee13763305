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
# Each module adds its routes to the Blueprint as it is imported, in the URL map's order.
from . import errors, json_routes  # noqa: F401  (imported for their handlers and routes)

# isort: split
from . import file_downloads  # noqa: F401  (imported for its routes)
from .errors import DRIVER_CONNECTION_ERRORS as DRIVER_CONNECTION_ERRORS
from .errors import ApiError as ApiError
from .errors import error_response as error_response
from .errors import request_language as request_language


@api.route("/api/<path:_rest>")
def api_not_found(_rest: str):
    raise ApiError(f"no such API endpoint: {request.path}", 404)
