"""The production web server: gunicorn with the project's configuration serves the app."""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
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
    env = {
        **os.environ,
        **db.export(),
        "DEBUG": "true",
        "PYTHONUNBUFFERED": "1",
        "WEB_BIND": f"127.0.0.1:{port}",
        "WEB_WORKERS": "1",
        "WEB_TIMEOUT": "20",
        "WEB_CONTROL_SOCKET": str(tmp_path / "gunicorn.ctl"),
    }
    log = tmp_path / "gunicorn.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [str(GUNICORN), "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        page = None
        deadline = time.monotonic() + 30
        while page is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/dang-nhap/", timeout=5
                ) as response:
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
    env = {
        **os.environ,
        "WEB_TIMEOUT": "45",
        "WEB_WORKERS": "2",
        "WEB_CONTROL_SOCKET": str(tmp_path / "gunicorn.ctl"),
    }
    result = subprocess.run(
        [str(GUNICORN), "-c", "gunicorn.conf.py", "--print-config"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    config = {
        key.strip(): value.strip()
        for key, _, value in (line.partition(" = ") for line in result.stdout.splitlines())
    }
    assert (config["timeout"], config["workers"]) == ("45", "2")
    assert config["wsgi_app"] == "raovat.wsgi:application"
    bad = subprocess.run(
        [str(GUNICORN), "-c", "gunicorn.conf.py", "--print-config"],
        cwd=ROOT,
        env={**env, "WEB_TIMEOUT": "0"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode != 0 and "WEB_TIMEOUT=0 is outside" in bad.stdout + bad.stderr


class SilentDatabase:
    """A server that accepts connections and never says a word, like a hung database."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(50)
        self.port = self.socket.getsockname()[1]
        self.held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                self.held.append(self.socket.accept()[0])
            except OSError:
                return

    def close(self):
        self.socket.close()
        for conn in self.held:
            conn.close()


def _get(url: str, timeout: float, **headers) -> int:
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, headers=headers), timeout=timeout
        ) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_database_that_never_answers_fails_the_request_instead_of_holding_it(tmp_path):
    silent = SilentDatabase()
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "true",
        "PYTHONUNBUFFERED": "1",
        "DATABASE_URL": f"postgres://raovat@127.0.0.1:{silent.port}/raovat",
        "DB_CONNECT_TIMEOUT": "2",
        "WEB_BIND": f"127.0.0.1:{port}",
        "WEB_WORKERS": "1",
        "WEB_TIMEOUT": "45",
        "WEB_CONTROL_SOCKET": str(tmp_path / "gunicorn.ctl"),
    }
    log = tmp_path / "gunicorn.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [str(GUNICORN), "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        up = None
        deadline = time.monotonic() + 30
        while up is None and time.monotonic() < deadline:
            try:
                up = _get(base + "/dang-nhap/", 10)  # needs no database
            except OSError:
                time.sleep(0.2)
        assert up == 200, log.read_text()
        # A signed-in officer's session is read from the database, which never answers.
        # The request ends with the application's error after the connect timeout (a
        # few of them: the error page asks for the user again), not held until the
        # server kills its worker (that would be no answer at all).
        session = {"Cookie": "sessionid=" + "a1" * 16}
        assert _get(base + "/", 60, **session) == 500
        assert "connection timeout expired" in log.read_text()
        assert "WORKER TIMEOUT" not in log.read_text()
    finally:
        _stop(server)
        silent.close()
