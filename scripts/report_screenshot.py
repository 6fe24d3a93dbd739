"""Screenshots of a batch report for the README: ``python scripts/report_screenshot.py OUT``.

Opens ``OUT/report.html`` in Debian's chromium (Playwright, no browser download) and saves
``docs/report.png`` (the table) and ``docs/report-letter.png`` (a letter with its evidence).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

DOCS = Path(__file__).resolve().parents[1] / "docs"


def main(out: Path) -> int:
    """Take both screenshots."""
    DOCS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(viewport={"width": 1400, "height": 800})
        page.goto((out / "report.html").resolve().as_uri())
        page.wait_for_selector("tr.letter")
        page.screenshot(path=str(DOCS / "report.png"))
        page.click("tr.letter >> nth=3")
        page.wait_for_function("document.querySelector('#viewer .page img')?.complete")
        page.screenshot(path=str(DOCS / "report-letter.png"))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "out")))
