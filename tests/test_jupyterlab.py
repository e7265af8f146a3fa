"""Notebook 01 run in a real JupyterLab, on loopback with a token, driven in headless Chromium.

The server serves a scratch copy of the notebook (autosave never touches
``notebooks/``); its kernels write their outputs to a scratch folder. A
screenshot of the executed notebook is saved under ``outputs/screenshots/``.
"""
from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from browser import chromium_page
from conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.notebook]

NOTEBOOK = "01_corpus_overview.ipynb"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def jupyterlab(tmp_path):
    """A JupyterLab server on 127.0.0.1 serving a copy of notebook 01; yields (url, token)."""
    from browser import need_browser

    need_browser()
    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    shutil.copy(REPO / "notebooks" / NOTEBOOK, project / "notebooks" / NOTEBOOK)
    # Every cell in the page (no windowing: cells out of view stay in the DOM), and no news prompt.
    settings = tmp_path / "cfg" / "lab" / "user-settings" / "@jupyterlab"
    (settings / "notebook-extension").mkdir(parents=True)
    (settings / "notebook-extension" / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    (settings / "apputils-extension").mkdir(parents=True)
    (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        '{"fetchNews": "false", "checkForUpdates": false}')
    port, token = _free_port(), secrets.token_hex(16)
    env = {**os.environ, "DISCOURSE_OUTPUT_DIR": str(tmp_path / "outputs"), "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg"),
           "JUPYTER_DATA_DIR": str(tmp_path / "data"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    env.pop("MPLBACKEND", None)       # the kernel draws inline, as for a researcher
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={project}",
         "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--LabApp.extension_manager=readonly", *(["--allow-root"] if os.geteuid() == 0 else [])],
        env=env, stdout=subprocess.DEVNULL, stderr=open(tmp_path / "server.log", "w"))
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if server.poll() is not None:
                    pytest.fail("JupyterLab exited: " + (tmp_path / "server.log").read_text()[-2000:])
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not answer in 60 s: " + (tmp_path / "server.log").read_text()[-2000:])
        yield url, token, tmp_path
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def _wait_for_idle_kernel(url: str, token: str, timeout: float = 120) -> None:
    """Until the notebook's kernel has started and is idle (from the server's REST API)."""
    import json

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{url}/api/sessions?token={token}", timeout=5) as r:
            sessions = json.load(r)
        if any(s.get("kernel", {}).get("execution_state") == "idle" for s in sessions):
            return
        time.sleep(0.5)
    pytest.fail(f"no idle kernel after {timeout:.0f} s: {sessions}")


def test_the_server_listens_on_loopback_only_and_wants_the_token(jupyterlab):
    url, token, _ = jupyterlab
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{url}/api/contents", timeout=5)    # no token: refused
    assert refused.value.code in (401, 403)
    with urllib.request.urlopen(f"{url}/api/contents?token={token}", timeout=5) as ok:
        assert ok.status == 200


def test_notebook_01_runs_all_cells_in_jupyterlab_without_errors(jupyterlab):
    url, token, tmp_path = jupyterlab
    with chromium_page(tmp_path) as (page, problems):
        page.set_default_timeout(120_000)
        page.goto(f"{url}/lab/tree/notebooks/{NOTEBOOK}?token={token}")
        page.wait_for_selector(".jp-Notebook .jp-Cell")
        _wait_for_idle_kernel(url, token)
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", state="attached")
        n_code = page.eval_on_selector_all(".jp-Notebook .jp-CodeCell", "cells => cells.length")
        started = "() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')]" \
                  ".some(e => /\\[(\\*|\\d+)\\]/.test(e.textContent))"
        for _ in range(3):   # the menu item does nothing while the notebook panel is still settling: try again
            page.click(".jp-Notebook .jp-Cell >> nth=0")
            page.click(".lm-MenuBar-itemLabel:text-is('Run')")
            page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
            try:
                page.wait_for_function(started, timeout=20_000)
                break
            except Exception:
                page.keyboard.press("Escape")
        # every code cell gets an execution count ("[n]:"), none stays queued ("[*]:")
        try:
            page.wait_for_function(
                "n => { const p = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')]"
                ".map(e => e.textContent); return p.length === n && p.every(t => /\\[\\d+\\]/.test(t)); }",
                arg=n_code, timeout=300_000)
        except Exception:
            shots = REPO / "outputs" / "screenshots"
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / "jupyterlab_01_failed.png"), full_page=True)
            raise
        errors = page.eval_on_selector_all("[data-mime-type='application/vnd.jupyter.error']",
                                           "els => els.map(e => e.textContent.slice(0, 300))")
        assert errors == []
        stderr = page.eval_on_selector_all("[data-mime-type='application/vnd.jupyter.stderr']",
                                           "els => els.map(e => e.textContent.slice(0, 300))")
        assert not [s for s in stderr if "Traceback" in s or "Error" in s], stderr
        images = page.eval_on_selector_all(".jp-OutputArea-output img",
                                           "imgs => imgs.map(i => i.complete && i.naturalWidth > 0)")
        assert len(images) >= 3 and all(images)                       # the figures display inline
        shots = REPO / "outputs" / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / "jupyterlab_01_corpus_overview.png"), full_page=True)
    # The page asked nothing of the network beyond the server on loopback.
    assert [p for p in problems if not p.startswith(f"request: {url}")] == []
    assert (tmp_path / "outputs" / "figures" / "corpus_composition_by_bloc_genre.png").exists()
