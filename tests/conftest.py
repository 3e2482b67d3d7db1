"""The fixed cast every test knows, on the manual's chain of TP. Hồ Chí Minh.

- ward: UBND Phường Bến Nghé (reports to Quận 1)
- ward_b: UBND Phường Bến Thành (same district)
- ward_q3: UBND Phường Võ Thị Sáu (reports to Quận 3)
- district: Phòng VHTT Quận 1, handles the wards of Quận 1
- other_district: Phòng VHTT Quận 3
- telecom: Sở TTTT; culture: Sở VHTT-DL; admin: no unit
"""

import io
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image, ImageDraw

from raovat.cases.services.intake import sighting_record
from raovat.demo.chains import build_manual_chain, build_two_level_chain
from tests.seaweedfs import s3, seaweedfs  # noqa: F401 (fixtures for the object-store tests)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The cast is rebuilt for every test; real password hashing would dominate the run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_calendar():
    # A test's days off are rolled back with its transaction; no copy may outlive it.
    from raovat.cases import calendar

    calendar.forget()
    yield
    calendar.forget()


_DB_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item):
    """Read the working-day calendar before the test body, as a running server has it.

    A process reads the administrator's days once; a test that counts a page's queries
    must not count that first read in one request and not the other.
    """
    if item.get_closest_marker("django_db") or _DB_FIXTURES & set(item.fixturenames):
        from raovat.cases import calendar

        calendar.forget()
        calendar.warm()


@pytest.fixture(autouse=True)
def _fresh_process_cache():
    # Each test builds its own units; a unit id of the last test names another unit now.
    from raovat.units.process_cache import clear

    clear()
    yield
    clear()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media"), "base_url": None},
        },
    }
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def chain(db):
    return build_manual_chain()


@pytest.fixture
def two_level(db):
    return build_two_level_chain()


@pytest.fixture
def cast(chain):
    u = chain.users
    return SimpleNamespace(
        chain=chain,
        ward=u["phuong.bennghe"],
        ward_b=u["phuong.benthanh"],
        ward_q3=u["phuong.vothisau"],
        district=u["vhtt.quan1"],
        other_district=u["vhtt.quan3"],
        telecom=u["sotttt"],
        culture=u["sovhttdl"],
        admin=u["admin"],
    )


def assert_list_queries_constant(client, url, phones, add, marker="data-case="):
    """A list page costs as many queries for many rows as for one, and shows every row.

    `add(index, phone)` puts one more row on the list (index 0 first, alone).
    """
    add(0, phones[0])
    client.get(url)  # what a process keeps between requests (names of the chain) is read
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for index, phone in enumerate(phones[1:], start=1):
        add(index, phone)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert page.count(marker) == len(phones)
    assert len(many) == len(one)


def jpeg(text: str = "0912 345 678", size=(640, 480)) -> SimpleUploadedFile:
    image = Image.new("RGB", size, (200, 190, 170))
    ImageDraw.Draw(image).text((40, 200), text, fill=(10, 10, 10))
    out = io.BytesIO()
    image.save(out, "JPEG")
    return SimpleUploadedFile("anh.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def make_case():
    """Record a sighting as a ward officer and return its case (found on `FOUND_ON`,
    twelve days before the day the tests run, unless told)."""
    from tests.dates import FOUND_ON

    def make(
        actor,
        phone="0912 345 678",
        photos=1,
        place="Trụ điện trước số 45 Lê Thánh Tôn",
        found_on=None,
    ):
        result = sighting_record(
            actor=actor,
            phone=phone,
            found_on=found_on or FOUND_ON,
            place=place,
            ad_type="sticker",
            ad_text="Khoan cắt bê tông",
            photos=[jpeg(phone) for _ in range(photos)],
        )
        return result.sighting.case

    return make
