"""One file out of an npm package, checked against its pinned integrity hash.

`npm pack` fetches the tarball into a folder of the caller's (nothing is installed), so the
builders in scripts/ need Node only for this.
"""

from __future__ import annotations

import base64
import hashlib
import subprocess
import tarfile
from pathlib import Path


def npm_file(package: str, integrity: str, member: str, workdir: Path) -> bytes:
    """The bytes of ``package/<member>`` from ``package`` (name@version), or stop the build when
    the tarball does not match ``integrity`` (npm's 'sha512-…' form)."""
    subprocess.run(["npm", "pack", package, "--pack-destination", str(workdir)], check=True,
                   capture_output=True)
    (tarball,) = workdir.glob("*.tgz")
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if f"sha512-{digest}" != integrity:
        raise SystemExit(f"{tarball.name} does not match the pinned integrity hash")
    with tarfile.open(tarball) as archive:
        return archive.extractfile(f"package/{member}").read()
