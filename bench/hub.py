"""The JupyterHub configuration that tests/test_hub.py and bench/memory.py start on loopback:
the guide's settings (instructors/README.md; the test checks they are here), a dummy
authenticator, the local-process spawner, and an admin service token for the caller.

Fill it with ``HUB_CONFIG.format(...)``: ports, the proxy command (``chp``), a work folder, the
single-user command and its ``args``, the ``environment`` its servers get beyond ``env_keep``,
and the service ``token``.
"""

import os
import signal
import subprocess

HUB_CONFIG = """\
import os, sys
c = get_config()  # noqa: F821
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.JupyterHub.db_url = "sqlite:///{work}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{work}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = "{work}/jupyterhub.pid"
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{work}/home/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
# A class arriving at once on a small machine: each spawn costs seconds of CPU.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 120
c.JupyterHub.implicit_spawn_seconds = 1
c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "NEWSCASE_CACHE_DIR", "GIT_CONFIG_NOSYSTEM",
                      "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                      "GIT_COMMITTER_EMAIL"]
c.Spawner.environment = {environment!r}
c.JupyterHub.services = [{{"name": "teacher", "api_token": "{token}", "admin": True}}]
c.JupyterHub.load_roles = [{{"name": "teacher", "scopes": ["admin:users", "admin:servers"],
                            "services": ["teacher"]}}]
"""


def stop_hub(process: subprocess.Popen) -> None:
    """Stop a hub started in its own process group: the hub stops its proxy and the servers;
    whatever is left after 30 s is killed."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
