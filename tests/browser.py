"""Headless Chromium for the browser tests, driven by Playwright (never downloads a browser).

The browser is the system's Chromium (Debian's ``chromium`` package, or the
path in ``DISCOURSE_CHROMIUM``). Without it the browser tests skip, saying
how to install it, so the README's test command passes on any machine; with
``DISCOURSE_REQUIRE_BROWSER=1`` (set by ``.ci/run``) a missing browser fails
them instead, so CI never passes on skipped browser tests.
"""
from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

#: Flags for a closed network (no background connections, no component updates) and a root user.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    found = os.environ.get("DISCOURSE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    return found if found and Path(found).exists() else None


def need_browser() -> str:
    """The Chromium executable, or skip (fail when DISCOURSE_REQUIRE_BROWSER=1) saying how to get one."""
    path = chromium_path()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        path = None
    if path is None:
        message = ("no headless Chromium for the browser tests: install it (Debian/Ubuntu: "
                   "`sudo apt-get install chromium`; or set DISCOURSE_CHROMIUM to a Chromium/Chrome executable) "
                   "and `pip install -e .[dev]` for Playwright")
        if os.environ.get("DISCOURSE_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


@contextmanager
def chromium_page(tmp_path: Path):
    """A fresh headless Chromium page; yields (page, problems) where problems collects console errors,
    page errors, dialogs and every request that left file: and data: URLs."""
    from playwright.sync_api import sync_playwright

    executable = need_browser()
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS[1:], headless=True)
        context = browser.new_context()
        page = context.new_page()
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
        page.on("request", lambda r: problems.append(f"request: {r.url}")
                if not r.url.startswith(("file:", "data:", "about:", "blob:")) else None)
        try:
            yield page, problems
        finally:
            context.close()
            browser.close()


def check_images_loaded(page) -> list[str]:
    """The src (shortened) of every <img> that did not load (naturalWidth 0)."""
    return page.eval_on_selector_all("img", "imgs => imgs.filter(i => !(i.complete && i.naturalWidth > 0))"
                                            ".map(i => (i.getAttribute('src') || '').slice(0, 60))")
