"""Every error an officer can meet is a Vietnamese page of the product, in production
and in the demo (which runs without DEBUG)."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent


def test_a_missing_page_is_a_vietnamese_404(client, cast):
    client.force_login(cast.ward)
    response = client.get("/ho-so/KHONG-CO/")
    assert response.status_code == 404
    assert "Không tìm thấy trang hoặc hồ sơ" in response.content.decode()
    anonymous = Client().get("/khong-co-trang-nay/")
    assert anonymous.status_code == 404
    assert "Không tìm thấy trang hoặc hồ sơ" in anonymous.content.decode()


def test_five_thousand_form_fields_get_a_vietnamese_413(client, cast):
    client.force_login(cast.district)
    fields = {f"o{n}": "1" for n in range(5000)}
    response = client.post("/xu-ly/xac-nhan/thuc-hien/", fields)
    assert response.status_code == 413
    page = response.content.decode()
    assert "Dữ liệu gửi lên quá lớn" in page and "Bad Request" not in page


def test_a_25_mb_body_gets_a_vietnamese_413(client, cast):
    client.force_login(cast.district)
    body = "ghi_chu=" + "a" * (25 * 1024 * 1024)
    response = client.post(
        "/xu-ly/xac-nhan/thuc-hien/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert "Dữ liệu gửi lên quá lớn" in response.content.decode()


def test_a_malformed_request_gets_a_vietnamese_400(client, cast):
    client.force_login(cast.ward)
    response = client.get("/", HTTP_HOST="bad host name")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Yêu cầu không hợp lệ" in page and "Bad Request" not in page


@pytest.mark.urls("tests.urls_failing")
def test_a_server_error_is_a_vietnamese_500(cast):
    client = Client(raise_request_exception=False)
    client.force_login(cast.ward)
    response = client.get("/loi-thu/")
    assert response.status_code == 500
    assert "Hệ thống gặp lỗi" in response.content.decode()


@pytest.mark.urls("tests.urls_failing")
def test_a_forbidden_action_is_a_vietnamese_403(client, cast):
    client.force_login(cast.ward)
    response = client.get("/cam-thu/")
    assert response.status_code == 403
    assert "Bạn không có quyền thực hiện thao tác này" in response.content.decode()


def test_a_stale_form_is_a_vietnamese_403(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.district)
    response = client.post("/xu-ly/xac-nhan/thuc-hien/", {"hs": "1"})
    assert response.status_code == 403
    assert "Phiên làm việc đã hết hạn" in response.content.decode()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_demo_server_shows_the_products_404_and_serves_static_files(tmp_path):
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")
    }
    env.update(DEMO="true", VAR_DIR=str(tmp_path))
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/static/raovat/app.css", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        with urllib.request.urlopen(base + "/static/raovat/app.css", timeout=5) as css:
            assert css.status == 200
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "/ho-so/khong-co/loi/", timeout=5)
        page = missing.value.read().decode()
        assert missing.value.code == 404
        assert "Không tìm thấy trang hoặc hồ sơ" in page
        assert "URLconf" not in page and "Page not found" not in page
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_huge_sign_in_post_gets_the_413_page(db):
    body = "username=a&password=" + "b" * (25 * 1024 * 1024)
    response = Client().post("/dang-nhap/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "Dữ liệu gửi lên quá lớn" in response.content.decode()
