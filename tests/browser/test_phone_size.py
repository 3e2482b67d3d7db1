"""At 390 × 844, a phone held upright: no screen of any role scrolls sideways, and every
row's buttons can be seen and pressed."""

import pytest

from tests.browser import screens
from tests.browser.test_accessibility import signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 390


def _user(cast, username):
    return next(u for u in vars(cast).values() if getattr(u, "username", None) == username)


def _too_wide(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def _unreachable_row_actions(page) -> list[str]:
    """Buttons and links in table rows that lie outside the screen or under something."""
    return page.evaluate(
        """(width) => {
      const bad = [];
      document.querySelectorAll('tbody tr .btn, tbody tr a, tbody tr input').forEach((el) => {
        if (el.type === 'hidden' || el.closest('[hidden], .modal, .d-none')) return;
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) return;
        const x = r.left + r.width / 2, y = r.top + r.height / 2;
        const inside = r.left >= 0 && r.right <= width;
        let top = null;
        if (inside) {
          el.scrollIntoView({block: 'center', behavior: 'instant'});
          const s = el.getBoundingClientRect();
          top = document.elementFromPoint(s.left + s.width / 2, s.top + s.height / 2);
        }
        const label = top && top.closest('label');
        const hit = top === el || el.contains(top) || (label && label.control === el);
        if (!inside || !hit) {
          bad.push((el.textContent || el.getAttribute('aria-label') || el.name || '').trim());
        }
      });
      return bad;
    }""",
        WIDTH,
    )


def _labels_spilling(page) -> list[str]:
    """Stacked cells whose heading ("Ngày phát hiện", on two lines) runs out of the cell
    into the next one."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('td[data-label]'))
      .filter((td) => td.getClientRects().length > 0)
      .filter((td) => parseFloat(getComputedStyle(td, '::before').height)
                      > td.getBoundingClientRect().height + 0.5)
      .map((td) => td.dataset.label)""")


def test_no_screen_scrolls_sideways_and_row_actions_are_reachable(
    browser, live_server, cast, make_case, shots
):
    cases = screens.build(cast, make_case)
    problems = []
    # Every screen of every role, not only the ward's and the work lists.
    for who, urls in screens.pages(cast, cases).items():
        context, page = signed_in(browser, live_server, _user(cast, who), width=WIDTH, height=844)
        for url in urls:
            page.goto(page.base + url)
            width = _too_wide(page)
            if width > WIDTH:
                problems.append(f"{who} {url}: {width} px wide")
            spilling = sorted(set(_labels_spilling(page)))
            if spilling:
                problems.append(f"{who} {url}: headings run into the next line {spilling}")
            hidden = _unreachable_row_actions(page)
            if hidden:
                problems.append(f"{who} {url}: cannot reach {hidden}")
            shots(page, "390-" + url.strip("/").replace("/", "_").replace("?", "_") or "home")
        context.close()
    assert problems == [], "\n".join(problems)
