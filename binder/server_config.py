"""Merge the course's Jupyter server settings (binder/jupyter_server_config.json) into this
environment's <sys.prefix>/etc/jupyter/jupyter_server_config.json, keeping what is there.

binder/postBuild runs it; build a hub image the same way. What it sets: gzip for the server's
responses (``compress_response``), so a student's first visit fetches plotly.js as 1.4 MB, not
4.8 MB (README, "Performance"). jupyter_server reads tornado settings from that file, not from a
jupyter_server_config.d folder.
"""

import json
import os
import sys
import tempfile
from pathlib import Path

SETTINGS = Path(__file__).with_name("jupyter_server_config.json")


def merge(into: dict, settings: dict) -> dict:
    for key, value in settings.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            merge(into[key], value)
        else:
            into[key] = value
    return into


def main() -> None:
    target = Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    current = json.loads(target.read_text(encoding="utf-8")) if target.exists() else {}
    merged = merge(current, json.loads(SETTINGS.read_text(encoding="utf-8")))
    with tempfile.NamedTemporaryFile("w", dir=target.parent, delete=False,
                                     encoding="utf-8") as out:
        json.dump(merged, out, indent=2)
    os.replace(out.name, target)
    print(f"{target}: {json.dumps(merged)}")


if __name__ == "__main__":
    main()
