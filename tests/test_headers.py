"""Response headers of every page of every role: a Content-Security-Policy that runs
no inline script, Permissions-Policy, and no caching of anything a signed-in officer sees.

The pages are found as an officer finds them: from "Nhắc việc", every link of the
product is followed (on the demo's cases, which cover every state), for each officer
of the fixed cast and for the administrator.
"""

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest

from raovat.demo.loader import load

ROLES = [
    "phuong.bennghe",
    "phuong.vothisau",
    "vhtt.quan1",
    "vhtt.quan3",
    "sotttt",
    "sovhttdl",
    "admin",
]
MAX_PAGES = {"admin": 120}
SKIP = re.compile(r"^/(dang-xuat|static)/|/(delete|xoa)/|\?dinh-dang=")
HREF = re.compile(r'href="([^"#][^"]*)"')
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", re.IGNORECASE)
HANDLER_ATTRIBUTE = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)


def _script_src(policy: str) -> str:
    for directive in policy.split(";"):
        name, _, value = directive.strip().partition(" ")
        if name == "script-src":
            return value
    return ""


def _crawl(client, limit):
    seen, queue, pages = {"/"}, deque(["/"]), []
    while queue and len(pages) < limit:
        url = queue.popleft()
        response = client.get(url)
        pages.append((url, response))
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(response.content.decode()):
            href = urldefrag(href.replace("&amp;", "&"))[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not href.startswith("/") or SKIP.search(href):
                continue
            if href not in seen:
                seen.add(href)
                queue.append(href)
    return pages


@pytest.fixture
def demo(db):
    return load("manual", log=lambda line: None)


def test_every_page_of_every_role_has_a_strict_policy_and_is_not_cached(client, demo):
    checked = 0
    for username in ROLES:
        client.force_login(demo.users[username])
        pages = _crawl(client, MAX_PAGES.get(username, 60))
        assert len(pages) > 5, username
        for url, response in pages:
            where = f"{username} {url}"
            assert response.status_code < 500, where
            policy = response["Content-Security-Policy"]
            script_src = _script_src(policy)
            assert "'self'" in script_src and "'unsafe-inline'" not in script_src, where
            assert "'unsafe-eval'" not in script_src, where
            assert "frame-ancestors 'none'" in policy, where
            assert "geolocation=(self)" in response["Permissions-Policy"], where
            assert "camera=()" in response["Permissions-Policy"], where
            assert response["Cache-Control"] == "private, no-store", where
            if "text/html" in response.get("Content-Type", ""):
                html = response.content.decode()
                assert not INLINE_SCRIPT.search(html), where
                assert not HANDLER_ATTRIBUTE.search(html), where
            checked += 1
        client.logout()
    assert checked > 150


def test_files_of_a_signed_in_officer_are_not_cached(client, demo):
    from raovat.cases.models import Photo

    ward = demo.users["phuong.bennghe"]
    photo = Photo.objects.filter(sighting__reporting_unit=ward.unit).first()
    client.force_login(ward)
    for url in (f"/tep/anh/{photo.pk}/", f"/tep/anh/{photo.pk}/nho/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url


def test_the_sign_in_page_has_the_policy_and_may_be_cached_by_nobody_else(client, db):
    response = client.get("/dang-nhap/")
    assert "'unsafe-inline'" not in _script_src(response["Content-Security-Policy"])
    assert response["Permissions-Policy"].startswith("geolocation=(self)")


def test_static_files_stay_cacheable(client, db):
    response = client.get("/static/raovat/app.js")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
