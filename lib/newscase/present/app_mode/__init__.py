"""App mode: a lesson shown as a Voilà app for the classroom projector, prose and widgets
without code, in large type with a high-contrast switch.

``present`` runs Voilà on the lessons' folder and opens the lesson's page. The lesson
notebooks name the Voilà template ``newscase`` in their metadata
(``metadata.voila.template``), so Voilà uses it however it is reached: ``python -m newscase
present 03`` (``make present LESSON=03``), Binder's ``urlpath=voila/render/...``, or
JupyterLab's "Render with Voilà" button. The template (``template/``) leaves out, before the
notebook runs, every cell tagged ``try-it`` (a Try-it's question, its helper cells and the
learner's check cell) or ``not-in-app`` (prose about running code, a code-only fallback).

Voilà finds templates only in Jupyter's data folders, and an editable install does not put
package data there, so ``install_template`` copies it (``warm-up`` and ``present`` call it).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import webbrowser
from pathlib import Path
from urllib.parse import quote

TEMPLATE_NAME = "newscase"
TRY_IT = "try-it"
NOT_IN_APP = "not-in-app"
LEFT_OUT = (TRY_IT, NOT_IN_APP)
TEMPLATE_SOURCE = Path(__file__).parent / "template"


class PresentError(RuntimeError):
    """A lesson that cannot be shown; the message says what to do."""


def template_home() -> Path:
    """Where Voilà will look for the template: this environment's share/jupyter when it is
    writable (a venv, Binder's image), else the user's Jupyter data folder."""
    from jupyter_core.paths import jupyter_data_dir

    prefix = Path(sys.prefix) / "share" / "jupyter"
    writable = os.access(prefix if prefix.exists() else Path(sys.prefix), os.W_OK)
    return (prefix if writable else Path(jupyter_data_dir())) / "voila" / "templates"


def install_template(home: Path | None = None) -> Path:
    """Copy the template into ``home`` (default: ``template_home()``), replacing an older
    copy whole: Voilà never sees half of one."""
    home = home or template_home()
    home.mkdir(parents=True, exist_ok=True)
    target = home / TEMPLATE_NAME
    staging = Path(tempfile.mkdtemp(prefix=f".{TEMPLATE_NAME}-", dir=home))
    try:
        shutil.copytree(TEMPLATE_SOURCE, staging, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__"))
        old = None
        if target.exists():
            old = home / f".{TEMPLATE_NAME}-old-{os.getpid()}"
            target.rename(old)
        staging.rename(target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target


def find_lesson(lesson: str, folder: Path) -> Path:
    """The notebook in ``folder`` that ``lesson`` names: its number ("03" or "3"), its name
    ("03-range"), or its file name."""
    lessons = sorted(folder.glob("[0-9][0-9]-*.ipynb")) if folder.is_dir() else []
    if not lessons:
        raise PresentError(f"{folder}: no lesson notebooks (NN-name.ipynb) here; give the "
                           "folder that holds them with --lessons")
    wanted = lesson.strip().removesuffix(".ipynb")
    if wanted.isdigit():
        wanted = f"{int(wanted):02d}"
    matches = [p for p in lessons if p.stem == wanted or p.stem.split("-", 1)[0] == wanted]
    if len(matches) != 1:
        names = ", ".join(p.stem for p in lessons)
        asked = f"no lesson '{lesson}' in {folder}" if wanted else "say which lesson to show"
        raise PresentError(f"{asked}; choose one of: {names} (for example: make present "
                           "LESSON=03)")
    return matches[0]


def voila_command(folder: Path, port: int) -> list[str]:
    """Voilà on this machine only, serving the lessons in ``folder`` (so that a lesson's links
    to the others open them as apps too) with the course's template."""
    return [sys.executable, "-m", "voila", str(folder.resolve()), "--Voila.ip=127.0.0.1",
            f"--port={port}", "--Voila.port_retries=0", "--no-browser",
            f"--template={TEMPLATE_NAME}",
            # Voilà's page never gets an _xsrf cookie, so the kernel shutdown it asks for when
            # the page is closed or reloaded is refused, and that kernel runs on until Voilà
            # stops (voila-dashboards/voila#1458). This server has no login and listens on
            # loopback only, where the check protects nothing.
            "--Voila.tornado_settings=disable_check_xsrf=True"]


def free_port(first: int = 8866, tries: int = 50) -> int:
    """Voilà's usual port, or the next one free on loopback."""
    for port in range(first, first + tries):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise PresentError(f"no free port from {first} to {first + tries - 1}; give one with --port")


def wait_for_port(port: int, server: subprocess.Popen, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return True
        except OSError:
            time.sleep(0.2)
    return False


def present(lesson: str, folder: Path, port: int | None = None, open_browser: bool = True) -> int:
    """Install the template, run Voilà on the lessons' folder and open the lesson in the
    browser; runs until Ctrl+C. Voilà's exit code."""
    notebook = find_lesson(lesson, folder)
    install_template()
    port = port or free_port()
    url = f"http://127.0.0.1:{port}/voila/render/{quote(notebook.name)}"
    server = subprocess.Popen(voila_command(folder, port), cwd=folder)
    try:
        if wait_for_port(port, server):
            print(f"Showing {notebook.name} as an app at {url} (stop with Ctrl+C)", flush=True)
            if open_browser:
                webbrowser.open(url)
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()
        return server.wait()
