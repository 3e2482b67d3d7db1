"""The live counter of the SMS form, run in Chromium against the form the server renders."""

from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from playwright.sync_api import sync_playwright

from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from raovat.messaging.encoding import sms_count
from raovat.messaging.models import SmsTemplate

SCRIPT = Path(__file__).resolve().parent.parent / "raovat/messaging/static/messaging/sms-counter.js"
SAMPLES = [
    "",
    "Moi ong ba den lam viec",
    "x" * 161,
    "[so] 0912 {a}",
    "Mời ông",
    "ệ" * 71,
    "ệ" * 135,
    "`",
    "Phòng",
    "Hẹn 😀 gặp",
]


@pytest.mark.browser
@pytest.mark.django_db
def test_the_counter_counts_as_the_server_does_while_the_officer_types(cast, make_case):
    case = advance(make_case(cast.ward), State.TO_CONTACT)
    request = RequestFactory().get("/")
    request.user = cast.district
    form = render_to_string(
        "messaging/_sms_form.html",
        {"case": case, "templates": SmsTemplate.objects.filter(active=True)},
        request=request,
    )
    expected = {text: sms_count(text) for text in SAMPLES}
    # Playwright runs an event loop in this thread: no database access from here on.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        try:
            _type_in_the_form(browser.new_page(), form, expected, case.number)
        finally:
            browser.close()


def _type_in_the_form(page, form, expected, case_number):
    page.set_content(f"<!doctype html><meta charset='utf-8'><body>{form}</body>")
    page.add_script_tag(path=str(SCRIPT))

    for text, py in expected.items():
        js = page.evaluate("t => window.rvSmsCounter.count(t)", text)
        assert (js["gsm"], js["units"], js["parts"]) == (
            py.encoding == "gsm7",
            py.units,
            py.segments,
        ), text

    area = page.locator("[data-sms-text]")
    counter = page.locator("[data-sms-counter]")
    area.press_sequentially("Mời ông")
    assert counter.inner_text() == "7 ký tự – 1 tin nhắn (có dấu, 70 ký tự mỗi tin)"
    area.fill("")
    area.press_sequentially("Moi ong")
    assert counter.inner_text() == "7 ký tự – 1 tin nhắn (không dấu, 160 ký tự mỗi tin)"

    page.locator("[data-sms-template]").select_option(label="Nhắc liên hệ")
    filled = area.input_value()
    assert case_number in filled and "{" not in filled
    count = sms_count(filled)
    assert counter.inner_text().startswith(f"{count.units} ký tự – {count.segments} tin nhắn")
