"""The production web server: gunicorn with the project's configuration serves the app."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.test_jobs_kill import SharedDatabase, _stop
from tests.test_sms_kannel import free_port

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


@pytest.mark.django_db(transaction=True)
def test_gunicorn_serves_the_login_page_with_the_project_configuration(cast, tmp_path):
    port = free_port()
    db = SharedDatabase(tmp_path)
    env = {**os.environ, **db.export(), "DEBUG": "true", "PYTHONUNBUFFERED": "1",
           "WEB_BIND": f"127.0.0.1:{port}", "WEB_WORKERS": "1", "WEB_TIMEOUT": "20",
           "WEB_CONTROL_SOCKET": str(tmp_path / "gunicorn.ctl")}
    log = tmp_path / "gunicorn.log"
    with open(log, "wb") as out:
        server = subprocess.Popen([str(GUNICORN), "-c", "gunicorn.conf.py"], cwd=ROOT,
                                  env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        page = None
        deadline = time.monotonic() + 30
        while page is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/dang-nhap/",
                                            timeout=5) as response:
                    page = (response.status, response.read().decode())
            except OSError:
                time.sleep(0.2)
        assert page is not None, log.read_text()
        status, html = page
        assert status == 200
        assert "Đăng nhập" in html and 'name="password"' in html
        assert (tmp_path / "gunicorn.ctl").exists()  # its own control socket, not ~/.gunicorn
        text = log.read_text()
        assert "Booting worker" in text
    finally:
        _stop(server)


def test_the_request_timeout_and_workers_come_from_the_environment(tmp_path):
    env = {**os.environ, "WEB_TIMEOUT": "45", "WEB_WORKERS": "2",
           "WEB_CONTROL_SOCKET": str(tmp_path / "gunicorn.ctl")}
    result = subprocess.run([str(GUNICORN), "-c", "gunicorn.conf.py", "--print-config"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    config = {key.strip(): value.strip() for key, _, value in
              (line.partition(" = ") for line in result.stdout.splitlines())}
    assert (config["timeout"], config["workers"]) == ("45", "2")
    assert config["wsgi_app"] == "raovat.wsgi:application"
    bad = subprocess.run([str(GUNICORN), "-c", "gunicorn.conf.py", "--print-config"],
                         cwd=ROOT, env={**env, "WEB_TIMEOUT": "0"}, capture_output=True,
                         text=True, timeout=60)
    assert bad.returncode != 0 and "WEB_TIMEOUT=0 is outside" in bad.stdout + bad.stderr
