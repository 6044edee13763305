"""Write assets/favicon.ico: a 32x32 navy tile with three rising bars (PNG inside, as browsers
accept). Replaces Dash's 15 kB default. Run: ``.venv/bin/python scripts/make_favicon.py``"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

NAVY, WHITE, GOLD = (0x12, 0x35, 0x5B), (0xFF, 0xFF, 0xFF), (0xFF, 0xBF, 0x47)
SIZE = 32
BARS = ((6, 12, 20), (13, 19, 14), (20, 26, 7))  # (left, right, top) of each bar


def pixel(x: int, y: int) -> tuple[int, int, int]:
    for number, (left, right, top) in enumerate(BARS):
        if left <= x < right and top <= y < 26:
            return GOLD if number == 2 else WHITE
    return NAVY


def png() -> bytes:
    rows = b"".join(
        b"\x00" + bytes(c for x in range(SIZE) for c in pixel(x, y)) for y in range(SIZE)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def main() -> None:
    image = png()
    # An ICO directory with one PNG-compressed 32x32 image.
    icon = struct.pack("<HHH", 0, 1, 1) + struct.pack(
        "<BBBBHHII", SIZE, SIZE, 0, 0, 1, 32, len(image), 6 + 16
    )
    target = Path(__file__).resolve().parent.parent / "assets" / "favicon.ico"
    target.write_bytes(icon + image)
    print(f"{target} ({len(icon) + len(image)} bytes)")


if __name__ == "__main__":
    main()
