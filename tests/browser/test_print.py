"""Printing a list or a case prints the table, not the form, with headings on every page."""

import os
from pathlib import Path

import pytest

from tests.browser import screens
from tests.browser.test_accessibility import signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shown(page, selector) -> bool:
    return page.evaluate(
        """(s) => Array.from(document.querySelectorAll(s)).some(
        (el) => el.getClientRects().length > 0)""",
        selector,
    )


def _pdf(page, name, tmp_path):
    folder = Path(os.environ.get("RAOVAT_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(folder / f"{name}.pdf"), prefer_css_page_size=True)


def test_a_printed_list_shows_the_table_without_form_or_buttons(
    browser, live_server, cast, make_case, tmp_path
):
    screens.build(cast, make_case)
    context, page = signed_in(browser, live_server, cast.district)
    for url in ("/tra-cuu/", "/xu-ly/xac-nhan/"):
        page.goto(page.base + url)
        page.emulate_media(media="print")
        assert _shown(page, "table.table tbody tr"), url
        assert (
            page.evaluate("getComputedStyle(document.querySelector('table.table thead')).display")
            == "table-header-group"
        )
        for hidden in (
            "#search-form",
            "nav.rv-topbar",
            "table .btn",
            ".breadcrumb",
            "th.rv-actions",
            "td input[type=checkbox]",
        ):
            assert not _shown(page, hidden), (url, hidden)
        _pdf(page, "in-" + url.strip("/").replace("/", "_"), tmp_path)
        page.emulate_media(media="screen")
    context.close()


def test_a_printed_case_shows_every_tab(browser, live_server, cast, make_case, tmp_path):
    cases = screens.build(cast, make_case)
    context, page = signed_in(browser, live_server, cast.district)
    page.goto(page.base + f"/ho-so/{cases['to_contact'].number}/")
    page.emulate_media(media="print")
    for pane in ("#pane-chung", "#pane-hinh-anh", "#pane-qua-trinh", "#pane-lien-he"):
        assert _shown(page, pane), pane
    assert not _shown(page, ".nav-tabs")
    _pdf(page, "in-ho-so", tmp_path)
    context.close()
