"""Bản đồ in Chromium: tiles come from the tile server MAP_TILE_URL names (here a local
one serving generated PNGs), the clusters and points from the product, and a point
opens its case."""

import io
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from raovat.cases.workflow import State
from tests.browser.conftest import login
from tests.test_map import seen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TILE_PORT = 8301
TILE = re.compile(r"^/(\d+)/(\d+)/(\d+)\.png$")


def _png(label: str) -> bytes:
    image = Image.new("RGB", (256, 256), (226, 236, 222))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 255, 255), outline=(160, 180, 160))
    draw.text((10, 10), label, fill=(60, 80, 60))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def tile_server():
    served = []

    class Tiles(BaseHTTPRequestHandler):
        def do_GET(self):
            match = TILE.match(self.path)
            if not match:
                self.send_error(404)
                return
            body = _png("/".join(match.groups()))
            served.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", TILE_PORT), Tiles)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{TILE_PORT}", served
    server.shutdown()
    server.server_close()


@pytest.fixture
def tiles_set(settings, tile_server):
    origin, served = tile_server
    settings.MAP_TILE_URL = origin + "/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Bản đồ thử nghiệm"
    # What settings.py adds to the image policy for MAP_TILE_URL at start-up.
    policy = {**settings.CONTENT_SECURITY_POLICY}
    directives = {**policy["DIRECTIVES"]}
    directives["img-src"] = [*directives["img-src"], origin]
    settings.CONTENT_SECURITY_POLICY = {**policy, "DIRECTIVES": directives}
    return served


def test_the_map_loads_its_tiles_and_a_point_opens_its_case(page, cast, tiles_set, shots):
    case = seen(cast.ward, 10.7765, 106.7009, place="Trụ điện trước số 12 Lê Lợi")
    seen(cast.ward_b, 10.7725, 106.6980)
    seen(cast.ward_q3, 10.7830, 106.6860)  # another district's: not on this map
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    login(page, "vhtt.quan1")
    page.get_by_role("link", name="Bản đồ").first.click()
    page.wait_for_url(re.compile(r"/ban-do/"))
    page.wait_for_selector("#rv-map[data-loaded='2']")
    # (expect polls without evaluating a string, which the page's CSP forbids)
    expect(page.locator("#rv-map img.leaflet-tile-loaded").first).to_be_attached()
    loaded = page.eval_on_selector_all(
        "#rv-map img.leaflet-tile-loaded",
        "els => els.filter(e => e.naturalWidth === 256).map(e => e.src)",
    )
    assert loaded and all(src.startswith(f"http://127.0.0.1:{TILE_PORT}/") for src in loaded)
    assert tiles_set  # the tile server was asked
    assert "© Bản đồ thử nghiệm" in page.inner_text(".leaflet-control-attribution")
    assert page.locator("#map-no-tiles").count() == 0
    assert page.locator(".rv-map-point").count() == 2
    shots(page, "ban-do-1366")
    page.get_by_title(f"Hồ sơ {case.number} – Trụ điện trước số 12 Lê Lợi").click()
    popup = page.locator(".leaflet-popup-content")
    assert "Chờ xác nhận" in popup.inner_text()
    popup.get_by_role("link", name=f"Hồ sơ {case.number}").click()
    page.wait_for_url(re.compile(rf"/ho-so/{case.number}/"))
    assert case.phone_display in page.content()
    assert violations == []


def test_without_tiles_the_map_shows_points_on_a_plain_background(page, cast, settings, shots):
    settings.MAP_TILE_URL = ""
    for _ in range(2):
        seen(cast.ward, 10.7765, 106.7009)
    seen(cast.ward_b, 10.7725, 106.6980, state=State.CONFIRMED)
    login(page, "vhtt.quan1")
    page.goto(page.base + "/ban-do/")
    page.wait_for_selector("#rv-map[data-loaded='3']")
    assert page.locator("#rv-map img.leaflet-tile").count() == 0
    assert "MAP_TILE_URL" in page.inner_text("#map-no-tiles")
    labels = page.locator(".rv-map-label").all_inner_texts()
    assert sorted(labels) == ["Phường Bến Nghé", "Phường Bến Thành"]
    # The filter by state leaves one point.
    page.get_by_label("Trạng thái").select_option(label="Đã xác nhận – chờ chuyển Sở TTTT")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_selector("#rv-map[data-loaded='1']")
    assert page.locator(".rv-map-point").count() == 1
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + "/ban-do/")
    page.wait_for_selector("#rv-map[data-loaded='3']")
    shots(page, "ban-do-390")
