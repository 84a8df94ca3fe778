"""Run one untrusted command (a student's notebook being graded) in a bubblewrap sandbox.

The sandbox sees only what grading needs, read-only: the system (/usr, /etc), this Python and its
packages, the course library and the course data. Its own working folder is the one writable
place besides an empty /tmp; nothing else of the machine is mounted, so the teacher's files, the
answer keys and the other submissions do not exist inside it. Paths the caller names as secret
are covered with an empty tmpfs should they fall inside a mounted folder, and a folder that holds
a secret is never mounted. No network (its own empty network namespace), its own process tree,
killed with its parent. Run as root, the command runs as `nobody` (setpriv), with no capabilities.

Limits, per process: CPU seconds, address space, largest file written; /tmp is a small tmpfs.
A wall-clock timeout kills the whole process group. Without bubblewrap the same limits and
timeout apply to an unsandboxed run, and `sandbox_problem()` says why in one line.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

NOBODY = 65534
MOUNT_POINT = Path("/grading")  # where the working folder appears inside the sandbox
SYSTEM_LINKS = ("/bin", "/lib", "/lib32", "/lib64", "/libx32", "/sbin")


@dataclass(frozen=True)
class Limits:
    timeout: float = 300.0  # wall-clock seconds for the whole run
    cpu: int | None = None  # CPU seconds per process (default: the timeout)
    memory: int = 4 * 1024**3  # address space per process, bytes
    file_size: int = 64 * 1024**2  # largest file a process may write, bytes
    tmp: int = 512 * 1024**2  # size of the sandbox's /tmp, bytes
    processes: int = 1024  # processes of the sandbox user (only when run as root -> nobody)


@dataclass(frozen=True)
class Outcome:
    returncode: int | None  # None when the timeout killed it
    log: str  # the last part of stdout and stderr, interleaved
    seconds: float

    @property
    def timed_out(self) -> bool:
        return self.returncode is None


@functools.cache
def sandbox_problem() -> str | None:
    """None when bubblewrap works here, else why not, in one line."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return "bubblewrap (bwrap) is not installed: apt-get install bubblewrap"
    probe = subprocess.run([bwrap, "--ro-bind", "/", "/", "--unshare-net", "true"],
                           capture_output=True, text=True, timeout=30, check=False)
    if probe.returncode != 0:
        return f"bubblewrap cannot start a sandbox here: {probe.stderr.strip()[:200]}"
    return None


def python_paths() -> list[Path]:
    """Folders this Python needs: its prefixes (the venv, the interpreter) and any other
    site-packages on sys.path. Not the rest of sys.path: a repository root or a tests folder there
    is no business of a student's (the caller mounts the course library itself)."""
    paths = [Path(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix)]
    paths += [Path(p) for p in sys.path
              if p and Path(p).name in ("site-packages", "dist-packages") and Path(p).is_dir()]
    paths.append(Path(sys.executable).resolve().parent.parent)
    return paths


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def mounts(readable: list[Path], secrets: list[Path]) -> tuple[list[Path], list[Path]]:
    """(folders to mount read-only, secrets to cover): no folder holding a secret is mounted, and
    a folder inside another is mounted once."""
    secrets = [s.resolve() for s in secrets]
    chosen: list[Path] = []
    for path in sorted({p.resolve() for p in readable if p.exists()}, key=lambda p: len(p.parts)):
        if any(_inside(secret, path) for secret in secrets):
            continue  # e.g. the repository root on sys.path: the library is mounted on its own
        if not any(_inside(path, done) for done in chosen):
            chosen.append(path)
    covered = [s for s in secrets if s.exists() and any(_inside(s, m) for m in chosen)]
    return chosen, covered


def bwrap_command(command: list[str], workdir: Path, readable: list[Path], secrets: list[Path],
                  env: dict[str, str], limits: Limits) -> list[str]:
    args = ["bwrap", "--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc"]
    for link in SYSTEM_LINKS:
        if os.path.islink(link):
            args += ["--symlink", os.readlink(link), link]
        elif os.path.isdir(link):
            args += ["--ro-bind", link, link]
    chosen, covered = mounts([p for p in readable if not _inside(p.resolve(), Path("/usr"))],
                             secrets)
    # The sandbox's own /tmp first, so that a folder mounted from the machine's /tmp shows on it.
    args += ["--perms", "1777", "--size", str(limits.tmp), "--tmpfs", "/tmp"]
    made = {Path("/"), Path("/tmp")}
    for path in chosen:  # parent folders readable by nobody (bwrap would copy /root's 0700)
        for parent in reversed(path.parents):
            if parent not in made:
                made.add(parent)
                args += ["--perms", "0755", "--dir", str(parent)]
    for path in chosen:
        args += ["--ro-bind", str(path), str(path)]
    for secret in covered:
        args += ["--tmpfs", str(secret)]
    args += ["--dev", "/dev", "--proc", "/proc",
             "--bind", str(workdir), str(MOUNT_POINT), "--chdir", str(MOUNT_POINT),
             "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
             "--unshare-cgroup-try", "--die-with-parent", "--new-session", "--clearenv"]
    for key, value in env.items():
        args += ["--setenv", key, value]
    if os.geteuid() == 0:
        if shutil.which("setpriv"):
            args += ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                     "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"]
        else:
            args += ["--cap-drop", "ALL"]
    return args + command


def limit_command(command: list[str], limits: Limits, as_nobody: bool) -> list[str]:
    """Prefix with prlimit (util-linux), or where it is missing with this Python setting the
    same limits before it execs: either way they are inherited by every process below."""
    cpu = limits.cpu or int(limits.timeout) + 1
    prlimit = shutil.which("prlimit")
    if prlimit is None:
        return [sys.executable, "-c", SET_LIMITS, str(cpu), str(limits.memory),
                str(limits.file_size), *command]
    args = [prlimit, f"--cpu={cpu}:{cpu + 5}", f"--as={limits.memory}",
            f"--fsize={limits.file_size}", "--core=0"]
    if as_nobody:
        args.append(f"--nproc={limits.processes}")
    return [*args, "--", *command]


SET_LIMITS = """\
import os, resource, sys
cpu, memory, size = (int(a) for a in sys.argv[1:4])
resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
os.execvp(sys.argv[4], sys.argv[4:])
"""


def run(command: list[str], workdir: Path, *, readable: list[Path], secrets: list[Path],
        env: dict[str, str], limits: Limits, log_path: Path, sandbox: bool = True) -> Outcome:
    """Run command with workdir as its only writable folder (seen as /grading in the sandbox).

    Without the sandbox the command runs in workdir itself, with the same limits and timeout; the
    caller writes paths for the sandbox (/grading/...), so they are rewritten here.
    """
    as_nobody = sandbox and os.geteuid() == 0 and shutil.which("setpriv") is not None
    if sandbox:
        if as_nobody:
            for folder, _, files in os.walk(workdir):
                for name in [folder, *(os.path.join(folder, f) for f in files)]:
                    os.chown(name, NOBODY, NOBODY)
        full = bwrap_command(command, workdir, readable, secrets, env, limits)
        cwd, run_env = None, {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    else:
        inside = str(MOUNT_POINT)
        full = [a.replace(inside, str(workdir)) for a in command]
        run_env = {k: v.replace(inside, str(workdir)) for k, v in env.items()}
        cwd = workdir
    full = limit_command(full, limits, as_nobody)
    start = time.monotonic()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(full, cwd=cwd, env=run_env, stdin=subprocess.DEVNULL,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            returncode: int | None = proc.wait(timeout=limits.timeout)
        except subprocess.TimeoutExpired:
            returncode = None
        finally:
            try:  # the whole group: bwrap, and without the sandbox every child it started
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
    return Outcome(returncode, tail(log_path), time.monotonic() - start)


def tail(path: Path, size: int = 20_000) -> str:
    with open(path, "rb") as f:
        f.seek(max(0, path.stat().st_size - size))
        return f.read().decode("utf-8", "replace")
