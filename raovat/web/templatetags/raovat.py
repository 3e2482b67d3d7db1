from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from raovat.cases.labels import chain_label, chain_names
from raovat.cases.phones import display
from raovat.cases.text import mask_name as _mask
from raovat.cases.workflow import State
from raovat.documents.contexts.common import dmy, local
from raovat.documents.words import format_money

register = template.Library()


@register.filter
def phone(e164: str) -> str:
    return display(e164) if e164 else ""


@register.filter
def vnd(amount) -> str:
    """1.500.000 ₫, as officers write money on screen."""
    if amount in (None, ""):
        return ""
    return format_money(int(amount), "₫")


@register.simple_tag
def state_label(state: str, where=None) -> str:
    try:
        label = State(state).label
    except ValueError:
        return state
    return chain_label(label, names=chain_names(where))


@register.filter
def chain(text: str, names: dict) -> str:
    """Fill {telecom}/{culture} in a label with the unit names of the case's chain."""
    return chain_label(str(text), names=names)


@register.filter
def masked(subscriber) -> str:
    """A subscriber's name as lists show it: individuals masked, organisations in full."""
    if not subscriber:
        return ""
    if subscriber.kind == "individual":
        return _mask(subscriber.full_name)
    return subscriber.full_name


@register.filter
def duration(seconds) -> str:
    """A call's length as officers enter it: "2 phút", "1 phút 35 giây", "40 giây"."""
    try:
        seconds = int(seconds or 0)
    except (TypeError, ValueError):
        return ""
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} giây"
    return f"{minutes} phút" + (f" {rest} giây" if rest else "")


@register.filter
def thousands(number) -> str:
    """10.000: a count with the Vietnamese thousands separator."""
    try:
        return f"{int(number):,}".replace(",", ".")
    except (TypeError, ValueError):
        return str(number)


@register.simple_tag
def list_label(state: str, names: dict) -> str:
    """The name of a work list as the menu and the reminders call it."""
    from raovat.cases.selectors.reminders import REMINDER_LABELS

    return chain_label(REMINDER_LABELS.get(state, ""), names=names)


@register.filter
def criteria_query(criteria) -> str:
    """The search list's address query of a figure of "Thống kê"."""
    from raovat.web.forms import criteria_query as query

    return query(criteria)


@register.simple_tag
def case_row_start(
    case,
    today,
    href: str,
    *,
    check: bool = False,
    big: bool = False,
    nowrap: bool = False,
    next: str = "",
    paid_badge: bool = False,
    found_line: bool = False,
) -> str:
    """The start of every work-list row: overdue mark, tick box, case number with its
    link, phone number. The list adds its own cells and closes the row.

    `check`: the tick box (`big`: the reporter's big box); `next`: the back link;
    `paid_badge`: the case's `paid` annotation as a badge; `found_line`: date and place
    under the number on phones. Built here rather than in an included template: a page
    of 50 rows spent half its rendering time in the include.
    """
    number = escape(case.number)
    overdue = bool(today) and case.due_on is not None and case.due_on < today
    out = [f'<tr data-case="{number}"', ' class="rv-overdue">' if overdue else ">", "\n"]
    if check:
        box = " rv-big-check" if big else ""
        out.append(
            f'      <td><input class="form-check-input rv-row-check{box}" type="checkbox" '
            f'name="hs" value="{case.pk}" data-case-number="{number}" '
            f'aria-label="Chọn hồ sơ {number}"></td>\n'
        )
    link = escape(href) + (f"?next={escape(quote(next, safe='/'))}" if next else "")
    cell = '<td class="text-nowrap">' if nowrap else "<td>"
    out.append(f'      {cell}<a href="{link}">{number}</a>')
    if overdue:
        out.append(' <span class="badge text-bg-danger">Quá hạn</span>')
    if paid_badge and getattr(case, "paid", False):
        out.append(' <span class="badge text-bg-success">Đã nộp phạt</span>')
    if found_line:
        found = dmy(getattr(case, "first_found_on", None))
        out.append(
            f'\n        <div class="small text-muted d-md-none">{found} – '
            f"{escape(getattr(case, 'place', '') or '')}</div>"
        )
    out.append(f'</td>\n      <td class="text-nowrap">{escape(phone(case.phone_e164))}</td>\n')
    return mark_safe("".join(out))


@register.simple_tag
def search_row(case, state: str, identity: bool, show_names: bool) -> str:
    """One row of "Tra cứu": built here, not cell by cell in the template, where fifty
    rows were a third of the page's time (0.2 ms a row at a million cases)."""
    href = escape(reverse("case_detail", args=[case.number]))
    number = escape(case.number)
    since = dmy(local(case.state_since))
    cells = [
        f'<tr>\n    <td><a href="{href}">{number}</a></td>',
        f'    <td class="text-nowrap"><a href="{href}">{escape(phone(case.phone_e164))}</a></td>',
        f"    <td>{escape(case.get_carrier_hint_display())}</td>",
        f"    <td>{escape(case.reporting_unit.short_name)}</td>",
        f"    <td>{dmy(case.first_found_on)}</td>",
        f"    <td>{dmy(case.received_at and local(case.received_at)) or '—'}</td>",
        f'    <td>{escape(state)}<div class="small text-muted">từ {since}</div></td>',
    ]
    if show_names:
        name = (masked(getattr(case, "subscriber", None)) if identity else "") or "—"
        cells.append(f"    <td>{escape(name)}</td>")
    cells.append("  </tr>\n")
    return mark_safe("\n".join(cells))
