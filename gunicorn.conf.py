"""Production web server: `gunicorn -c gunicorn.conf.py` from the project folder.

Settings come from the environment like the rest of the product (docs/configuration.md).
A request that runs longer than WEB_TIMEOUT seconds (a database that accepts but never
answers, a stuck upload) has its worker killed and replaced, so one bad request never
holds the server; keep it above DB_STATEMENT_TIMEOUT.
"""

from pathlib import Path

from raovat.env import env_int, env_str

wsgi_app = "raovat.wsgi:application"
bind = env_str("WEB_BIND", "127.0.0.1:8000")
workers = env_int("WEB_WORKERS", 3, minimum=1, maximum=64)
timeout = env_int("WEB_TIMEOUT", 60, minimum=5, maximum=600)
graceful_timeout = 30
# Large enough for a photo upload over a slow line, small enough to drop idle sockets.
keepalive = 5
# The product runs behind a TLS proxy on the same machine or network.
forwarded_allow_ips = env_str("WEB_FORWARDED_ALLOW_IPS", "127.0.0.1")
# One control socket per installation, next to its data, not in the home folder.
control_socket = env_str(
    "WEB_CONTROL_SOCKET", str(Path(env_str("VAR_DIR", "var")) / "gunicorn.ctl")
)
Path(control_socket).parent.mkdir(parents=True, exist_ok=True)
