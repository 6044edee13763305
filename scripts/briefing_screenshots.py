"""Pictures of the printed briefing, page by page, into docs/screenshots/ (``make screenshots``).

Seeds a fresh SQLite database with the published data (``init-db``), prints the briefing to
PDF in English and Chinese with the ``dashboard briefing`` command itself (headless Chromium),
and turns every page into a PNG with poppler's ``pdftoppm``: ``briefing-en-p1.png``, ...
Run: ``.venv/bin/python scripts/briefing_screenshots.py [--out docs/screenshots] [--dpi 80]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "zh")


def _run(*args: str, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "dashboard.cli", *args], check=True, env=env, cwd=ROOT, text=True
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--dpi", type=int, default=80)
    args = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        sys.exit("pdftoppm is missing: install Debian's poppler-utils (make system-deps)")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "DASHBOARD_DATABASE_URL": f"sqlite:///{folder}/briefing.db"}
        _run("init-db", env=env)
        for lang in LANGUAGES:
            pdf = Path(folder) / f"briefing-{lang}.pdf"
            _run("briefing", "--lang", lang, "--output", str(pdf), env=env)
            for old in args.out.glob(f"briefing-{lang}-p*.png"):
                old.unlink()
            prefix = Path(folder) / f"page-{lang}"
            subprocess.run(
                ["pdftoppm", "-png", "-r", str(args.dpi), str(pdf), str(prefix)], check=True
            )
            # pdftoppm numbers pages with as many digits as the last page needs (page-1.png
            # or page-01.png): rename to briefing-en-p1.png, ...
            for page in sorted(Path(folder).glob(f"page-{lang}-*.png")):
                number = int(page.stem.rsplit("-", 1)[1])
                target = args.out / f"briefing-{lang}-p{number}.png"
                shutil.move(page, target)
                print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)


if __name__ == "__main__":
    main()
