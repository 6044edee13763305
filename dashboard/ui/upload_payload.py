"""A file chosen on the upload page, as the browser hands it to the server: its shape, its bytes.

Both steps of the flow (preview, then confirm) receive the file in this shape, and the guard
checks each against these ``TypedDict`` hints before the callbacks read it.
"""

from __future__ import annotations

import base64
import binascii
from typing import NotRequired, TypedDict


def decode_payload(payload: dict) -> tuple[bytes, str]:
    header, _, body = (payload.get("contents") or "").partition(",")
    try:
        return base64.b64decode(body, validate=True), payload.get("filename") or "upload"
    except (binascii.Error, ValueError):
        return b"", payload.get("filename") or "upload"


class UploadPayload(TypedDict):
    """A file chosen in the browser, as ``CHECK_SIZE_JS`` hands it on."""

    contents: str
    filename: NotRequired[str | None]
    at: NotRequired[int | float | None]


class PendingUpload(UploadPayload):
    """A previewed file waiting for confirmation."""

    warnings: NotRequired[int]
    changed: NotRequired[bool]
