"""Measurements of the course against its budgets (``bench/run.py``), and the browser harness
they share with the tests.

- ``bench.lab``: an offline JupyterLab on a loopback port and a headless Chromium that cannot
  reach beyond loopback; tests/test_browser.py uses it too.
- ``bench.browser``: the range slider's latency in that browser (``python -m bench.browser``).
"""
