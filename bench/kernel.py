"""Run code in a fresh ipykernel started from the repository root and read back its JSON."""

from __future__ import annotations

import json
from pathlib import Path

from jupyter_client.manager import start_new_kernel

ROOT = Path(__file__).resolve().parents[1]


def run_in_kernel(code: str, timeout_s: float = 900) -> object:
    """Execute ``code`` (which prints one JSON value as its last line) and return that value."""
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(ROOT))
    printed: list[str] = []

    def collect(message) -> None:
        if message["msg_type"] == "stream" and message["content"]["name"] == "stdout":
            printed.append(message["content"]["text"])
        elif message["msg_type"] == "error":
            printed.append("\n".join(message["content"]["traceback"]))

    try:
        reply = client.execute_interactive(code, timeout=timeout_s, output_hook=collect)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    if reply["content"]["status"] != "ok":
        raise RuntimeError("the benchmark failed in the kernel:\n" + "".join(printed))
    return json.loads("".join(printed).strip().splitlines()[-1])
