"""Turn a text file's bytes into text, refusing bytes that are not text at all.

Staff save CSV files from Excel, WPS and text editors: UTF-8 with or without a byte-order
mark, or GB18030 (what Excel in China saves). A file that is none of these must be refused
with a reason staff can act on (a picture, an old ``.xls``, UTF-16), never read as latin-1
and stored garbled. The file name is never trusted: the type is sniffed from the bytes.
"""

from __future__ import annotations

from .problems import FileRejected, Problem

__all__ = ["BOM", "decode_text", "refuse_binary"]

#: The byte-order mark as a character: removed wherever it strays into the text.
BOM = "\ufeff"

_BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"%PDF", "PDF"),
    (b"\x1f\x8b", "gzip"),
    (b"Rar!", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"BM", "BMP"),
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls / .doc


def refuse_binary(data: bytes) -> None:
    """Refuse bytes that are a known binary format, an old ``.xls``, UTF-16 or hold a NUL."""
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise FileRejected(Problem("file_binary", params={"file_type": kind}))
    if data.startswith(_OLE2):
        raise FileRejected(Problem("xls_old"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileRejected(Problem("file_utf16"))
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 without a byte-order mark looks like ASCII with every other byte NUL.
        if head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4:
            raise FileRejected(Problem("file_utf16"))
        raise FileRejected(Problem("file_binary", params={"file_type": "binary"}))


def decode_text(data: bytes) -> str:
    """BOM first, then strict UTF-8, then GB18030 (what Excel in China saves). Never latin-1.

    A file that is not UTF-8 throughout but has rows that are (a UTF-8 file with one note
    pasted in GBK) is refused at the first row in the other encoding: read as GB18030, its
    UTF-8 rows would be stored garbled. Stray byte-order marks (U+FEFF) are removed.
    """
    declared = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if declared else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        _refuse_mixed_encodings(body)
        if declared:
            raise FileRejected(Problem("file_encoding")) from exc
        try:
            text = body.decode("gb18030")
        except UnicodeDecodeError:
            raise FileRejected(Problem("file_encoding")) from exc
    return text.replace(BOM, "") if BOM in text else text


def _refuse_mixed_encodings(body: bytes) -> None:
    """Refuse bytes whose lines are partly UTF-8, partly not, naming the first line that differs.

    A line counts as UTF-8 only if it decodes as UTF-8 *and* holds a character of three bytes
    or more (Chinese, for one): short GBK words are valid UTF-8 by chance (之前 reads as a
    Hebrew and a Latin letter), but never as Chinese characters.
    """
    first: tuple[bool, int] | None = None  # (is UTF-8, line number) of the first telling line
    for number, line in enumerate(body.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            utf8 = False
        else:
            if not any(ord(ch) >= 0x800 for ch in text):
                continue  # two-byte characters only: could be either
            utf8 = True
        if first is None:
            first = (utf8, number)
        elif utf8 != first[0]:
            raise FileRejected(
                Problem("file_mixed_encoding", row=number, params={"first_row": first[1]})
            )
