"""A class's hand-in: the files found, who handed each in, and which can be graded.

A student is named by the file's name: lower-cased, without the assignment's name
(`alice_01-actors.ipynb` -> `alice`), without a browser's download-copy mark (`alice (1).ipynb`
-> `alice`), runs of spaces, commas, dots, dashes and underscores made one dash. A file named
only after the assignment takes its folder's name (`alice/01-actors.ipynb` -> `alice`). When one
student handed in more than one notebook, the most recently modified one is graded and the
others are listed as duplicates. Nothing in the submissions folder is ever modified.
"""

from __future__ import annotations

import json
import re
import stat
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import nbformat

MAX_ZIP_MEMBERS = 5000
MAX_ZIP_BYTES = 2 * 1024**3  # all members together, uncompressed
MAX_NOTEBOOK_BYTES = 100 * 1024**2


@dataclass
class Submission:
    file: str  # as shown in the gradebook: path in the folder, or class.zip:path in the zip
    student: str
    path: Path | None  # the file on disk (None: a zip member that was not extracted)
    mtime: float = 0.0
    status: str = ""  # empty until decided
    notes: list[str] = field(default_factory=list)
    notebook: nbformat.NotebookNode | None = None


def student_name(relative: PurePosixPath, assignment: str) -> str:
    def clean(text: str) -> str:
        text = re.sub(r"\s*\(\d+\)$", "", text.lower()).replace(assignment.lower(), "")
        return re.sub(r"[\s.,_-]+", "-", text).strip("-")

    name = clean(relative.stem)
    for folder in reversed(relative.parts[:-1]):
        if name:
            break
        name = clean(folder)
    return name or "(unnamed)"


def hidden(relative: PurePosixPath) -> bool:
    """Files that are no one's hand-in: dotfiles, macOS resource forks, checkpoints."""
    return any(part.startswith(".") or part == "__MACOSX" for part in relative.parts)


def collect(source: Path, assignment: str, scratch: Path) -> list[Submission]:
    """Every file of the hand-in (a folder, or a .zip of the class), zips extracted into scratch."""
    found: list[Submission] = []
    zips = 0
    if source.is_file():
        found += unzip(source, PurePosixPath(source.name), assignment, scratch / "zip-0")
    else:
        for path in sorted(p for p in source.rglob("*") if p.is_file() or p.is_symlink()):
            relative = PurePosixPath(path.relative_to(source).as_posix())
            if hidden(relative):
                continue
            if path.suffix.lower() == ".zip" and not path.is_symlink():
                zips += 1
                found += unzip(path, relative, assignment, scratch / f"zip-{zips}")
                continue
            found.append(Submission(str(relative), student_name(relative, assignment), path,
                                    path.lstat().st_mtime))
    for submission in found:
        if not submission.status:
            read(submission)
    mark_duplicates(found)
    return found


def unzip(archive: Path, shown: PurePosixPath, assignment: str, into: Path) -> list[Submission]:
    """Extract a class zip safely: no absolute paths, no `..`, no links, bounded sizes."""
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        return [Submission(str(shown), student_name(shown, assignment), None,
                           status=f"unreadable: not a zip archive ({exc})")]
    found = []
    with zf:
        members = [m for m in zf.infolist() if not m.is_dir()]
        total = sum(m.file_size for m in members)
        if len(members) > MAX_ZIP_MEMBERS or total > MAX_ZIP_BYTES:
            return [Submission(str(shown), student_name(shown, assignment), None,
                               status=f"unreadable: the zip holds {len(members)} files, "
                               f"{total // 1024**2} MB: too large to extract")]
        for member in members:
            name = PurePosixPath(member.filename.replace("\\", "/"))
            row = Submission(f"{shown}:{member.filename}", student_name(name, assignment), None,
                             time.mktime((*member.date_time, 0, 0, -1)))
            if name.is_absolute() or ".." in name.parts or re.match(r"^[A-Za-z]:", str(name)):
                row.status = "unreadable: unsafe path in the zip, not extracted"
            elif hidden(name):
                continue
            elif stat.S_ISLNK(member.external_attr >> 16):
                row.status = "unreadable: a link in the zip, not extracted"
            elif name.suffix.lower() == ".zip":
                row.status = "not a notebook: a zip inside the zip, not extracted"
            else:
                target = into / name
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(member) as src, open(target, "wb") as dst:
                    dst.write(src.read(MAX_NOTEBOOK_BYTES + 1))
                row.path = target
            found.append(row)
    return found


def read(submission: Submission) -> None:
    """Decide whether the file is a notebook, converting an old one (nbformat 3) to version 4."""
    path = submission.path
    assert path is not None
    if path.suffix.lower() != ".ipynb":
        submission.status = f"not a notebook: a {path.suffix or 'file without extension'} file"
        return
    if path.is_symlink():
        submission.status = "unreadable: a link, not a file"
        return
    if path.stat().st_size > MAX_NOTEBOOK_BYTES:
        submission.status = "unreadable: larger than 100 MB"
        return
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        submission.status = f"unreadable: not JSON ({str(exc)[:80]})"
        return
    if not isinstance(data, dict) or "nbformat" not in data:
        submission.status = "not a notebook: JSON without a notebook format"
        return
    version = data.get("nbformat")
    try:
        nb = nbformat.reads(json.dumps(data), as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # nbformat raises several kinds for a broken notebook
        submission.status = f"not a notebook: {type(exc).__name__}: {str(exc)[:120]}"
        return
    if version != 4:
        submission.notes.append(f"converted from notebook format {version}")
    submission.notebook = nb


def mark_duplicates(found: list[Submission]) -> None:
    by_student: dict[str, list[Submission]] = {}
    for s in found:
        if s.notebook is not None:
            by_student.setdefault(s.student, []).append(s)
    for copies in by_student.values():
        if len(copies) < 2:
            continue
        kept = max(copies, key=lambda s: (s.mtime, s.file))
        for s in copies:
            if s is not kept:
                s.status = "duplicate"
                s.notes.append(f"{s.student} also handed in {kept.file} (newer), graded instead")
                s.notebook = None
