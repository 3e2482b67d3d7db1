"""axe-core on every screen of every role and of the administration: no serious or
critical violation of WCAG 2.1 AA, at desk width and at phone width."""

from pathlib import Path

import pytest
from django.test import Client

from tests.browser import screens

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def signed_in(browser, live_server, user, width=1366, height=768):
    """A browser context with the user's session (signing in is tested elsewhere)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    )
    context.set_default_timeout(10_000)
    context.add_cookies(
        [
            {"name": name, "value": morsel.value, "url": live_server.url}
            for name, morsel in client.cookies.items()
        ]
    )
    page = context.new_page()
    page.base = live_server.url
    return context, page


def axe_problems(page) -> list[str]:
    page.evaluate(AXE)
    result = page.evaluate(
        """(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags},
        resultTypes: ['violations']})""",
        TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – "
        + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _report(problems: dict) -> str:
    return "\n".join(f"{url}: {p}" for url, found in problems.items() for p in found)


def _check(page, urls) -> dict:
    problems = {}
    for url in urls:
        response = page.goto(page.base + url)
        assert response.status == 200, url
        found = axe_problems(page)
        if found:
            problems[url] = found
    return problems


@pytest.mark.parametrize("width", [1366, 390])
def test_every_officer_screen_has_no_serious_violation(
    browser, live_server, cast, make_case, width
):
    cases = screens.build(cast, make_case)
    problems = {}
    for username, urls in screens.pages(cast, cases).items():
        user = next(u for u in vars(cast).values() if getattr(u, "username", None) == username)
        context, page = signed_in(browser, live_server, user, width=width)
        problems.update({f"{username} {u}": p for u, p in _check(page, urls).items()})
        context.close()
    assert problems == {}, _report(problems)


def test_the_login_page_has_no_serious_violation(page):
    page.goto(page.base + "/dang-nhap/")
    assert axe_problems(page) == []


def test_every_admin_page_has_no_serious_violation(browser, live_server, cast, make_case):
    screens.build(cast, make_case)
    context, page = signed_in(browser, live_server, cast.admin)
    problems = _check(page, screens.admin_pages())
    context.close()
    assert problems == {}, _report(problems)


def test_a_skip_link_leads_to_the_main_content(browser, live_server, cast):
    context, page = signed_in(browser, live_server, cast.district)
    page.goto(page.base + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua đến nội dung chính")
    assert skip.is_visible()
    skip.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    context.close()


FOCUS_RING = """() => {
  const el = document.activeElement;
  const s = getComputedStyle(el);
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
    || (s.boxShadow && s.boxShadow !== 'none');
  const name = el.name || el.id || el.textContent.trim().slice(0, 30);
  return {tag: el.tagName.toLowerCase(), name: name, ring: ring};
}"""


@pytest.mark.parametrize("url", ["/tra-cuu/", "/thong-ke/", "/quan-tri/cases/case/"])
def test_every_control_shows_where_the_keyboard_focus_is(browser, live_server, cast, url):
    # Tab through the screen's first controls (links, fields, lists, buttons): each must
    # show a visible ring while it has the focus.
    user = cast.admin if url.startswith("/quan-tri/") else cast.district
    context, page = signed_in(browser, live_server, user)
    assert page.goto(page.base + url).status == 200
    seen, without = set(), []
    for _ in range(40):
        page.keyboard.press("Tab")
        found = page.evaluate(FOCUS_RING)
        if found["tag"] == "body":
            continue
        seen.add(found["tag"])
        if not found["ring"]:
            without.append(f"{found['tag']} {found['name']!r}")
    context.close()
    assert not without, f"{url}: no visible focus on " + ", ".join(without)
    assert {"a", "input"} <= seen or {"a", "select"} <= seen, seen
