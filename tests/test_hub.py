"""The course on a real JupyterHub, installed the way instructors/README.md tells a school to.

The test starts JupyterHub (with configurable-http-proxy from npm) on loopback, with a dummy
authenticator and a local-process spawner. The single-user environment is a venv holding the
Binder lock, otter-grader, jupyterhub and nbgitpuller, and the course as a wheel built from this
checkout: no clone of the repository is on its path. The course content is a git repository on
disk (this checkout's files, committed on branch main), which nbgitpuller clones into each
student's home.

Two students follow the guide's nbgitpuller link over HTTP with the hub's login, as a browser
would; each gets a clone, runs a lesson or an assignment (with grader.check) in their own
environment from the folder Jupyter would start the kernel in, the teacher pushes an update, and
a student's edit survives the next pull. ``import newscase`` and ``load_article`` work from the
student's home.

The venv and configurable-http-proxy are cached under .cache/hub/ (keyed by the locks and the
pins below): the first run installs for about a minute, later runs only reinstall the wheel.
Without npm/node, or when the venv cannot be built, the test skips, unless
NEWSCASE_REQUIRE_HUB=1 (set by .ci/run), where it fails.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

from bench.hub import HUB_CONFIG, stop_hub
from bench.install import NOT_IN_CLONE, isolated_env

requests = pytest.importorskip("requests")

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "hub"
HUB_PINS = ("jupyterhub==6.1.1", "nbgitpuller==1.3.0")
CHP = "configurable-http-proxy@5.3.0"
LOCKS = (ROOT / "binder" / "requirements.txt", ROOT / "binder" / "requirements-nodeps.txt")
REQUIRED = os.environ.get("NEWSCASE_REQUIRE_HUB") == "1"
CLONE = "newscase"  # the folder nbgitpuller clones into: the repo URL's last part
LESSON = "notebooks/00-start-here.ipynb"
ASSIGNMENT = ("assignments/student/01-actors.ipynb", "q1")
STUDENT_ANSWER = """\
anonymous_claims = claims[claims["attribution"].isin(ANONYMOUS)]
anonymous_share = len(anonymous_claims) / len(claims)
"""
# Run by the single-user env's Python in a notebook's folder of the student's clone, as the
# student's kernel would be: the whole notebook, or (with a question) its cells up to
# grader.check(question), then the right answer and the check again. Prints what it saw.
EXECUTE = """\
import json, sys
import nbformat
from nbclient import NotebookClient

notebook, question, answer = sys.argv[1], *(sys.argv[2:4] or [None, None])
nb = nbformat.read(notebook, as_version=4)
if question:
    check = f'grader.check("{question}")'
    end = next(i for i, cell in enumerate(nb.cells) if cell.source == check)
    nb.cells = [cell for cell in nb.cells[: end + 1] if cell.cell_type == "code"] + [
        nbformat.v4.new_code_cell(answer), nbformat.v4.new_code_cell(check)]
nb.cells.append(nbformat.v4.new_code_cell("import newscase, sys; print(newscase.__file__)"))
NotebookClient(nb, timeout=120, kernel_name="python3",
               resources={"metadata": {"path": "."}}).execute()
outputs = [
    "".join(o.get("text", "") or json.dumps(o.get("data", {}).get("text/plain", ""))
            for o in cell.get("outputs", []))
    for cell in nb.cells if cell.cell_type == "code"
]
print(json.dumps(outputs))
"""
LOAD = "import newscase; a = newscase.load_article('atacms-2024-11-17'); print(a.folder)"


# Frictionless is imported only to validate data the cache has not seen.
WARM_PROBE = ("import sys\nfrom newscase import load_article, reach\n"
              "reach.warm_up(load_article('atacms-2024-11-17'))\n"
              "print('frictionless' in sys.modules)")


def need(condition: bool, why: str) -> None:
    if not condition:
        if REQUIRED:
            pytest.fail(f"NEWSCASE_REQUIRE_HUB=1 but {why}")
        pytest.skip(why)


def run(cmd: list, timeout: int, **kwargs) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(part) for part in cmd], capture_output=True, text=True,
                          timeout=timeout, check=False, **kwargs)
    assert proc.returncode == 0, f"{cmd}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def hub_venv(env: dict) -> Path:
    """A venv with the Binder lock, the no-deps pins and the hub pins, cached by their text."""
    key = hashlib.sha256("".join(p.read_text() for p in LOCKS).encode() + repr(HUB_PINS).encode())
    venv = CACHE / f"venv-{key.hexdigest()[:12]}"
    if (venv / "ready").is_file():
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    run([sys.executable, "-m", "venv", venv], timeout=120, env=env)
    pip = [venv / "bin" / "python", "-m", "pip", "install", "--quiet"]
    proc = subprocess.run([str(p) for p in pip + ["-r", LOCKS[0], *HUB_PINS]], env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    need(proc.returncode == 0, f"the hub venv does not install:\n{proc.stderr[-2000:]}")
    run(pip + ["--no-deps", "-r", LOCKS[1]], timeout=300, env=env)
    (venv / "ready").write_text("ok\n")
    return venv


def proxy(env: dict) -> Path:
    need(shutil.which("npm") is not None and shutil.which("node") is not None,
         "npm and node are needed for configurable-http-proxy")
    prefix = CACHE / f"chp-{CHP.split('@')[1]}"
    binary = prefix / "node_modules" / ".bin" / "configurable-http-proxy"
    if not binary.exists():
        proc = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix",
                               str(prefix), CHP], env=env, capture_output=True, text=True,
                              timeout=300, check=False)
        need(proc.returncode == 0, f"npm cannot install {CHP}:\n{proc.stderr[-2000:]}")
    return binary


def course_wheel(tmp_path: Path, env: dict) -> Path:
    copy, dist = tmp_path / "build-clone", tmp_path / "dist"
    shutil.copytree(ROOT, copy, ignore=NOT_IN_CLONE, symlinks=True)
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", dist,
         copy], timeout=300, env=env, cwd=tmp_path)
    shutil.rmtree(copy)  # the build clone is gone before any student arrives
    (wheel,) = dist.glob("newscase-*.whl")
    return wheel


def git(*args, cwd: Path, env: dict) -> str:
    return run(["git", *args], timeout=120, cwd=cwd, env=env).stdout


def course_repo(tmp_path: Path, env: dict) -> tuple[Path, Path]:
    """The teacher's working copy (this checkout's files on branch main) and the bare repo the
    link points at, named like the GitHub repository so the clone folder is ``newscase``."""
    teacher, bare = tmp_path / "teacher", tmp_path / "served" / CLONE
    shutil.copytree(ROOT, teacher, ignore=NOT_IN_CLONE, symlinks=True)
    git("init", "--quiet", "--initial-branch=main", cwd=teacher, env=env)
    git("add", "--all", cwd=teacher, env=env)
    git("commit", "--quiet", "-m", "course", cwd=teacher, env=env)
    bare.parent.mkdir()
    git("clone", "--quiet", "--bare", teacher, bare, cwd=tmp_path, env=env)
    git("remote", "add", "origin", bare, cwd=teacher, env=env)
    return teacher, bare


class Hub:
    def __init__(self, url: str, token: str, work: Path, log: Path):
        self.url, self.token, self.work, self.log = url, token, work, log

    def home(self, user: str) -> Path:
        return self.work / "home" / user

    def api(self, path: str) -> dict:
        response = requests.get(f"{self.url}/hub/api{path}", timeout=30,
                                headers={"Authorization": f"token {self.token}"})
        response.raise_for_status()
        return response.json()

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("hub")
    work = tmp_path / "hub"
    (work / "home").mkdir(parents=True)
    env = isolated_env(tmp_path / "none")  # no PYTHONPATH or VIRTUAL_ENV from this process
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="Teacher", GIT_COMMITTER_NAME="Teacher",
               GIT_AUTHOR_EMAIL="teacher@example.org", GIT_COMMITTER_EMAIL="teacher@example.org",
               NEWSCASE_CACHE_DIR=str(tmp_path / "cache"))
    CACHE.mkdir(parents=True, exist_ok=True)
    chp = proxy(env)
    started = time.monotonic()
    venv = hub_venv(env)
    env["VIRTUAL_ENV"] = str(venv)
    wheel = course_wheel(tmp_path, env)
    run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--no-deps",
         "--force-reinstall", wheel], timeout=300, env=env)
    teacher, bare = course_repo(tmp_path, env)
    # As the guide says: the image's shared cache, which every student's kernel reads.
    run([venv / "bin" / "python", "-m", "newscase", "warm-up", "--shared"], timeout=300,
        cwd=teacher, env=env)
    print(f"install: {time.monotonic() - started:.1f} s")

    port, token = free_port(), hashlib.sha256(os.urandom(16)).hexdigest()
    args = ["--allow-root"] if os.geteuid() == 0 else []
    (work / "jupyterhub_config.py").write_text(HUB_CONFIG.format(
        port=port, hub_port=free_port(), api_port=free_port(), chp=str(chp), work=work,
        singleuser=str(venv / "bin" / "jupyterhub-singleuser"), args=args, environment={},
        token=token))
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    log = work / "hub.log"
    with log.open("w") as out:
        process = subprocess.Popen([venv / "bin" / "jupyterhub", "-f",
                                    work / "jupyterhub_config.py"], cwd=work, env=env,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    hub = Hub(f"http://127.0.0.1:{port}", token, work, log)
    hub.venv, hub.env, hub.teacher, hub.bare = venv, env, teacher, bare
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, f"jupyterhub exited:\n{hub.tail()}"
            try:
                if requests.get(f"{hub.url}/hub/api", timeout=5).ok:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, f"jupyterhub did not answer:\n{hub.tail()}"
            time.sleep(0.5)
        yield hub
    finally:
        stop_hub(process)


def link(repo: Path) -> str:
    """The guide's nbgitpuller link, for a repository at ``repo`` on disk."""
    query = urlencode({"repo": f"file://{repo}", "branch": "main",
                       "urlpath": f"lab/tree/{CLONE}/{LESSON}"}, quote_via=quote)
    return f"/hub/user-redirect/git-pull?{query}"


def follow_link(hub: Hub, session, user: str) -> str:
    """Log in (when asked) and follow the link as a browser does, through the spawn, to
    nbgitpuller's page; then pull as that page's script does. Returns the pull's log."""
    response = session.get(hub.url + link(hub.bare), timeout=60)
    if "/hub/login" in response.url:
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', response.text)
        form = {"username": user, "password": "any", **({"_xsrf": xsrf[1]} if xsrf else {})}
        response = session.post(response.url, data=form, timeout=60)
    if response.status_code == 424:  # the hub's "server not running" page: its Launch button
        spawn = re.search(r'href="([^"]*/hub/spawn/[^"]*)"', response.text)
        assert spawn, response.text[-2000:]
        response = session.get(hub.url + spawn[1].replace("&amp;", "&"), timeout=200)
    deadline = time.monotonic() + 200
    while "/spawn-pending/" in response.url:  # what the pending page's script waits for
        assert time.monotonic() < deadline, f"{user}'s server did not start:\n{hub.tail()}"
        time.sleep(1)
        response = session.get(response.url, timeout=60)
    assert response.status_code == 200, f"{response.url}: {response.status_code}\n{hub.tail()}"
    assert f"/user/{user}/git-pull" in response.url, response.url
    assert "nbgitpuller" in response.text.lower(), response.text[:2000]
    # The page's script opens this event stream, then sends the browser to urlpath.
    api = response.url.replace("/git-pull?", "/git-pull/api?", 1)
    events = []
    with session.get(api, stream=True, timeout=200) as stream:
        for line in stream.iter_lines(decode_unicode=True):
            if line and line.startswith("data:"):
                events.append(json.loads(line[5:]))
                if events[-1].get("phase") in ("finished", "error"):
                    break
    assert events and events[-1]["phase"] == "finished", f"{events}\n{hub.tail()}"
    return "".join(event.get("output", "") for event in events)


def student_python(hub: Hub, user: str, code_or_args: list, cwd: Path) -> str:
    """Run the single-user env's Python as the spawner runs the student's server."""
    env = {**hub.env, "HOME": str(hub.home(user)), "USER": user}
    return run([hub.venv / "bin" / "python", *code_or_args], timeout=300, cwd=cwd,
               env=env).stdout


def test_two_students_follow_the_link_work_and_keep_their_edits(hub):
    started = time.monotonic()
    sessions = {user: requests.Session() for user in ("alice", "bob")}
    for user, session in sessions.items():
        follow_link(hub, session, user)
        clone = hub.home(user) / CLONE
        assert (clone / LESSON).is_file(), sorted(p.name for p in hub.home(user).iterdir())
        assert (clone / "data" / "articles" / "atacms-2024-11-17").is_dir()
        # The single-user server, through the proxy, sees the clone in the student's home.
        listing = session.get(f"{hub.url}/user/{user}/api/contents/{CLONE}/notebooks",
                              timeout=30)
        assert listing.ok and any(item["name"] == Path(LESSON).name
                                  for item in listing.json()["content"]), listing.text[:500]
        assert hub.api(f"/users/{user}")["servers"][""]["ready"]
    print(f"two students spawned and cloned: {time.monotonic() - started:.1f} s")

    # The library is the installed package, and finds the article in the student's clone from
    # the home folder, the lesson folder and the assignment folder.
    for folder in ("", "notebooks", "assignments/student"):
        cwd = hub.home("alice") / (CLONE if folder else "") / folder
        found = student_python(hub, "alice", ["-c", LOAD + "; print(newscase.__file__)"], cwd)
        article, package = found.strip().splitlines()[-2:]
        assert Path(article) == hub.home("alice") / CLONE / "data/articles/atacms-2024-11-17"
        assert package.startswith(str(hub.venv)), package

    # A student whose own cache is empty does no slow work: the image's shared cache has it.
    fresh = {**hub.env, "HOME": str(hub.home("bob")), "USER": "bob",
             "NEWSCASE_CACHE_DIR": str(hub.home("bob") / ".cache" / "newscase")}
    probe = run([hub.venv / "bin" / "python", "-c", WARM_PROBE], timeout=300, env=fresh,
                cwd=hub.home("bob") / CLONE / "notebooks").stdout
    assert probe.strip().splitlines()[-1] == "False", "a student's kernel validated from scratch"

    # One lesson (alice) and one assignment with grader.check (bob), from their folders.
    started = time.monotonic()
    lesson = hub.home("alice") / CLONE / LESSON
    out = json.loads(student_python(hub, "alice", ["-c", EXECUTE, lesson.name],
                                    lesson.parent).strip().splitlines()[-1])
    assert out[-1].strip().startswith(str(hub.venv)), out[-1]
    notebook, question = ASSIGNMENT
    assignment = hub.home("bob") / CLONE / notebook
    out = json.loads(student_python(hub, "bob", ["-c", EXECUTE, assignment.name, question,
                                                 STUDENT_ANSWER], assignment.parent)
                     .strip().splitlines()[-1])
    before, after = out[-3], out[-2]  # the shipped answer's check, then the right answer's
    assert question in after and "passed" in after.lower(), out[-4:]
    assert "passed" not in before.lower() or before != after, out[-4:]
    print(f"lesson and assignment: {time.monotonic() - started:.1f} s")

    # Alice edits the lesson; the teacher changes the same notebook and adds a file, pushes;
    # alice follows the link again: she gets the new file and keeps her edit.
    mine = hub.home("alice") / CLONE / LESSON
    nb = json.loads(mine.read_text(encoding="utf-8"))
    nb["cells"].append({"cell_type": "markdown", "metadata": {}, "source": ["My own notes."]})
    mine.write_text(json.dumps(nb, indent=1) + "\n", encoding="utf-8")
    theirs = hub.teacher / LESSON
    nb = json.loads(theirs.read_text(encoding="utf-8"))
    nb["cells"][0]["source"] = ["Updated by the teacher.\n"] + list(nb["cells"][0]["source"])
    theirs.write_text(json.dumps(nb, indent=1) + "\n", encoding="utf-8")
    (hub.teacher / "notebooks" / "UPDATE.md").write_text("New this week.\n")
    git("add", "--all", cwd=hub.teacher, env=hub.env)
    git("commit", "--quiet", "-m", "update", cwd=hub.teacher, env=hub.env)
    git("push", "--quiet", "origin", "main", cwd=hub.teacher, env=hub.env)
    follow_link(hub, sessions["alice"], "alice")
    assert (hub.home("alice") / CLONE / "notebooks" / "UPDATE.md").is_file()
    assert "My own notes." in mine.read_text(encoding="utf-8")
    # bob, who edited nothing, gets the teacher's version.
    follow_link(hub, sessions["bob"], "bob")
    assert "Updated by the teacher." in (hub.home("bob") / CLONE / LESSON).read_text()


def test_the_guide_says_what_this_test_runs():
    guide = (ROOT / "instructors" / "README.md").read_text(encoding="utf-8")
    section = guide[guide.index("nbgitpuller on your school's JupyterHub"):guide.index("A zip")]
    assert f"pip install {' '.join(HUB_PINS)}" in section
    assert f"configurable-http-proxy {CHP.split('@')[1]}" in section
    assert "pip install -r binder/requirements.txt" in section
    assert "pip install --no-deps -r binder/requirements-nodeps.txt" in section
    assert "python -m newscase warm-up --shared" in section
    lines = "".join(section.split()).replace("\n", "")
    assert "/hub/user-redirect/git-pull?repo=" in lines and "&branch=main&urlpath=" in lines
    assert f"urlpath=lab%2Ftree%2F{CLONE}%2F" in lines
    for line in re.findall(r"^\s+(c\.\S+ = .+)$", section, re.MULTILINE):
        assert line in HUB_CONFIG, f"the guide sets {line!r}; the test does not"
