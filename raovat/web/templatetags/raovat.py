from django import template

from raovat.cases.labels import chain_label, chain_names
from raovat.cases.phones import display
from raovat.cases.text import mask_name as _mask
from raovat.cases.workflow import State
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
